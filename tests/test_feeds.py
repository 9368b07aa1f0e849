"""Feeds parse as valid RSS and Atom with their entries, and the sitemap lists every page."""

import datetime
import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.urls import reverse
from haystack import connections

from articles.models import Article
from articles.sitemaps import ArticleSitemap
from tests.factories import (
    ArticleFactory,
    OrganisationFactory,
    OrganisationMentionFactory,
    PersonFactory,
    PersonMentionFactory,
    QuoteFactory,
)

pytestmark = pytest.mark.django_db


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    return feed


@pytest.mark.parametrize(
    ("name", "version"), [("article-feed", "rss"), ("article-feed-atom", "atom")]
)
def test_latest_articles_feed_is_valid_and_newest_first(client, name, version):
    ArticleFactory(
        headline="Older", published_at=datetime.datetime(2022, 1, 1, tzinfo=datetime.UTC)
    )
    ArticleFactory(
        headline="Newer & <better>", published_at=datetime.datetime(2022, 2, 1, tzinfo=datetime.UTC)
    )

    feed = parse(client, reverse(f"articles:{name}"))

    assert feed.version.startswith(version)
    assert [entry.title for entry in feed.entries] == ["Newer & <better>", "Older"]
    newer = Article.objects.get(headline="Newer & <better>")
    assert feed.entries[0].link == f"http://testserver{newer.get_absolute_url()}"


@pytest.mark.parametrize("suffix", ["", "-atom"])
def test_person_feeds_list_their_articles_and_quotes(client, suffix):
    person = PersonFactory(name="Ada Feed")
    article = ArticleFactory(headline="Story naming Ada")
    PersonMentionFactory(article=article, person=person)
    quote = QuoteFactory(article=article, person=person)
    ArticleFactory(headline="Unrelated")

    articles = parse(client, reverse(f"articles:person-feed{suffix}", args=[person.slug]))
    quotes = parse(client, reverse(f"articles:person-quotes-feed{suffix}", args=[person.slug]))

    assert [entry.title for entry in articles.entries] == ["Story naming Ada"]
    assert len(quotes.entries) == 1
    assert quotes.entries[0].link.endswith(quote.get_absolute_url())
    assert "Ada Feed" in quotes.entries[0].title


@pytest.mark.parametrize("suffix", ["", "-atom"])
def test_organisation_feeds_list_their_articles_and_quotes(client, suffix):
    org = OrganisationFactory(name="Acme")
    article = ArticleFactory(headline="Story naming Acme")
    OrganisationMentionFactory(article=article, organisation=org)
    QuoteFactory(article=article, person=None, organisation=org)

    articles = parse(client, reverse(f"articles:organisation-feed{suffix}", args=[org.slug]))
    quotes = parse(client, reverse(f"articles:organisation-quotes-feed{suffix}", args=[org.slug]))

    assert [entry.title for entry in articles.entries] == ["Story naming Acme"]
    assert len(quotes.entries) == 1


def test_feed_of_an_unknown_person_is_not_found(client):
    assert client.get(reverse("articles:person-feed", args=["nobody"])).status_code == 404


@pytest.mark.parametrize("suffix", ["", "-atom"])
def test_search_feed_follows_a_query(client, suffix):
    ArticleFactory(headline="Tunnel toll rises", body="<p>The tunnel toll rises again.</p>")
    ArticleFactory(headline="Cricket season opens", body="<p>Bat and ball.</p>")
    connections["default"].get_unified_index().get_index(Article).update()

    feed = parse(client, reverse(f"articles:search-feed{suffix}") + "?q=tunnel")

    titles = [entry.title for entry in feed.entries]
    assert "Tunnel toll rises" in titles
    assert "Cricket season opens" not in titles
    assert "tunnel" in feed.feed.title


SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def _sitemap_locations(client, address, tag):
    response = client.get(address)
    assert response.status_code == 200, address
    found = ET.fromstring(response.content).findall(f"sm:{tag}/sm:loc", SITEMAP_NS)
    return [element.text.removeprefix("http://testserver") for element in found]


def test_sitemap_index_leads_to_every_article_person_and_organisation(client, monkeypatch):
    monkeypatch.setattr(ArticleSitemap, "limit", 5)  # three pages of articles
    articles = ArticleFactory.create_batch(12)
    person, org = PersonFactory(), OrganisationFactory()
    future = ArticleFactory(published_at=datetime.datetime(2999, 1, 1, tzinfo=datetime.UTC))

    sitemaps = _sitemap_locations(client, "/sitemap.xml", "sitemap")
    locations = [
        location for sitemap in sitemaps for location in _sitemap_locations(client, sitemap, "url")
    ]

    assert sum(sitemap.startswith("/sitemap-articles.xml") for sitemap in sitemaps) == 3
    expected = {a.get_absolute_url() for a in articles}
    expected |= {person.get_absolute_url(), org.get_absolute_url(), "/people/"}
    assert expected <= set(locations)
    assert len(locations) == len(set(locations))
    assert future.get_absolute_url() not in locations
