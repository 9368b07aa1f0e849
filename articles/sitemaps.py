"""sitemap.xml: every published article, person and organisation, so search engines can
find pages that no listing links to any more.

`/sitemap.xml` is an index of sections (`/sitemap-articles.xml?p=2`), each cut into pages of
`limit` addresses: the protocol allows 50,000 addresses in one file, and one file of
every article, person and organisation of an archive of 20,000 stories was already 8 MB and
took seconds to build."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from .models import Article, Organisation, Person


class ArchiveSitemap(Sitemap):
    """Records dated by their last change."""

    limit = 10_000

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        """Asked of the database: Django's default calls `lastmod` on every item, for each
        page the index lists."""
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


class ArticleSitemap(ArchiveSitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Article.objects.published()  # in the model's order: newest, undated last


class PersonSitemap(ArchiveSitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return Person.objects.order_by("pk")


class OrganisationSitemap(ArchiveSitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return Organisation.objects.order_by("pk")


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
