from django.contrib import admin
from django.urls import include, path

from newsroom.security import ThrottledAdminAuthenticationForm

admin.site.login_form = ThrottledAdminAuthenticationForm
admin.site.site_header = "Newsroom archive: editors"
admin.site.site_title = "Newsroom editors"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("articles.urls")),
]
