from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path
from django.views.generic import TemplateView

from articles.sitemaps import SITEMAPS
from newsroom.security import ThrottledAdminAuthenticationForm

admin.site.login_form = ThrottledAdminAuthenticationForm
admin.site.site_header = "Newsroom archive: editors"
admin.site.site_title = "Newsroom editors"

urlpatterns = [
    path("admin/", admin.site.urls),
    path(
        "sitemap.xml",
        sitemaps.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemaps.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="articles/robots.txt", content_type="text/plain"),
        name="robots",
    ),
    path("", include("articles.urls")),
]
