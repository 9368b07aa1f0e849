from django.urls import path, re_path, register_converter

from . import feeds, search_views, views


class UnicodeSlugConverter:
    """Slugs in any script (`Article.slug` and the others allow Unicode): Django's `slug`
    converter takes ASCII only."""

    regex = r"[-\w]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(UnicodeSlugConverter, "uslug")

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("archive/", views.ArticleArchiveView.as_view(), name="article-archive"),
    # Four-digit years, two-digit months and days: anything else is not a page (404).
    re_path(
        r"^archive/(?P<year>[0-9]{4})/$",
        views.ArticleYearArchiveView.as_view(),
        name="article-archive-year",
    ),
    re_path(
        r"^archive/(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/$",
        views.ArticleMonthArchiveView.as_view(),
        name="article-archive-month",
    ),
    re_path(
        r"^archive/(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/(?P<day>[0-9]{2})/$",
        views.ArticleDayArchiveView.as_view(),
        name="article-archive-day",
    ),
    path("articles/<uslug:slug>/", views.ArticleDetailView.as_view(), name="article-detail"),
    path("search/", search_views.SearchView.as_view(), name="search"),
    path("search/help/", search_views.SearchHelpView.as_view(), name="search-help"),
    path("feed/", feeds.LatestArticlesFeed(), name="article-feed"),
    path("feed/atom/", feeds.LatestArticlesAtomFeed(), name="article-feed-atom"),
    path("people/<uslug:slug>/feed/", feeds.PersonArticlesFeed(), name="person-feed"),
    path("people/<uslug:slug>/feed/atom/", feeds.PersonArticlesAtomFeed(), name="person-feed-atom"),
    path("people/<uslug:slug>/quotes/feed/", feeds.PersonQuotesFeed(), name="person-quotes-feed"),
    path(
        "people/<uslug:slug>/quotes/feed/atom/",
        feeds.PersonQuotesAtomFeed(),
        name="person-quotes-feed-atom",
    ),
    path(
        "organisations/<uslug:slug>/feed/",
        feeds.OrganisationArticlesFeed(),
        name="organisation-feed",
    ),
    path(
        "organisations/<uslug:slug>/feed/atom/",
        feeds.OrganisationArticlesAtomFeed(),
        name="organisation-feed-atom",
    ),
    path(
        "organisations/<uslug:slug>/quotes/feed/",
        feeds.OrganisationQuotesFeed(),
        name="organisation-quotes-feed",
    ),
    path(
        "organisations/<uslug:slug>/quotes/feed/atom/",
        feeds.OrganisationQuotesAtomFeed(),
        name="organisation-quotes-feed-atom",
    ),
    path("search/export/", views.search_export, name="search-export"),
    path("search/feed/", feeds.SearchFeed(), name="search-feed"),
    path("search/feed/atom/", feeds.SearchAtomFeed(), name="search-feed-atom"),
    path("people/", views.PersonListView.as_view(), name="person-list"),
    path("people/<uslug:slug>/", views.PersonDetailView.as_view(), name="person-detail"),
    path("organisations/", views.OrganisationListView.as_view(), name="organisation-list"),
    path(
        "organisations/<uslug:slug>/",
        views.OrganisationDetailView.as_view(),
        name="organisation-detail",
    ),
]
