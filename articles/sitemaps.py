"""sitemap.xml: every published article, person and organisation, so search engines can
find pages that no listing links to any more."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Article, Organisation, Person


class ArticleSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Article.objects.published().order_by("-published_at", "-pk")

    def lastmod(self, item):
        return item.updated_at


class PersonSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return Person.objects.order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class OrganisationSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return Organisation.objects.order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class BrowseSitemap(Sitemap):
    """The pages every visit starts from."""

    changefreq = "daily"
    priority = 1.0

    def items(self):
        return [
            "articles:home",
            "articles:article-archive",
            "articles:person-list",
            "articles:organisation-list",
        ]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "browse": BrowseSitemap,
    "articles": ArticleSitemap,
    "people": PersonSitemap,
    "organisations": OrganisationSitemap,
}
