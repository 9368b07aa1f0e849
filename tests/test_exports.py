"""Every list downloads as CSV and JSON with all its rows, streamed, not one page of them."""

import csv
import datetime
import io
import json

import pytest
from django.urls import reverse
from haystack import connections

from articles.models import Article, Quote
from tests.factories import ArticleFactory, PersonFactory, PersonMentionFactory, QuoteFactory

pytestmark = pytest.mark.django_db


def download(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    assert response.streaming
    assert "attachment" in response["Content-Disposition"]
    return b"".join(response.streaming_content).decode()


def test_month_archive_exports_every_article_as_csv(client):
    march = ArticleFactory.create_batch(
        45, published_at=datetime.datetime(2022, 3, 5, 12, tzinfo=datetime.UTC)
    )
    ArticleFactory(published_at=datetime.datetime(2022, 4, 5, 12, tzinfo=datetime.UTC))

    rows = list(csv.DictReader(io.StringIO(download(client, "/archive/2022/03/", format="csv"))))

    assert len(rows) == 45  # the page shows 20
    assert {row["headline"] for row in rows} == {a.headline for a in march}
    assert rows[0]["url"].startswith("http://testserver/articles/")


def test_day_archive_exports_json_with_people(client):
    person = PersonFactory(name="Ada Export")
    article = ArticleFactory(published_at=datetime.datetime(2022, 3, 5, 12, tzinfo=datetime.UTC))
    PersonMentionFactory(article=article, person=person)

    rows = json.loads(download(client, "/archive/2022/03/05/", format="json"))

    assert [row["headline"] for row in rows] == [article.headline]
    assert rows[0]["people"] == "Ada Export"


def test_an_empty_list_exports_a_header_or_an_empty_array(client):
    person = PersonFactory()

    text = download(client, person.get_absolute_url(), format="csv")
    data = json.loads(download(client, person.get_absolute_url(), format="json"))

    assert text.splitlines() == ["text,speaker,speaker_url,verb,published_at,article,url"]
    assert data == []


def test_person_quotes_export_has_every_quote_newest_first(client):
    person = PersonFactory()
    for day in range(1, 26):
        QuoteFactory(
            person=person,
            article=ArticleFactory(
                published_at=datetime.datetime(2022, 1, day, tzinfo=datetime.UTC)
            ),
        )
    QuoteFactory()  # someone else's

    rows = list(
        csv.DictReader(io.StringIO(download(client, person.get_absolute_url(), format="csv")))
    )

    assert len(rows) == 25
    newest = Quote.objects.filter(person=person).order_by("-article__published_at").first()
    assert rows[0]["url"] == f"http://testserver{newest.get_absolute_url()}"
    assert rows[0]["speaker"] == person.name


def test_person_articles_export(client):
    person = PersonFactory()
    for _ in range(12):
        PersonMentionFactory(person=person)

    rows = json.loads(download(client, person.get_absolute_url(), format="json", list="articles"))

    assert len(rows) == 12


def test_an_undated_articles_rows_have_no_date(client):
    """Its time is the import's, which a download must not pass off as its date."""
    person = PersonFactory()
    undated = ArticleFactory(date_known=False)
    dated = ArticleFactory(published_at=datetime.datetime(2022, 3, 5, 12, tzinfo=datetime.UTC))
    for article in (undated, dated):
        PersonMentionFactory(person=person, article=article)
        QuoteFactory(person=person, article=article)

    articles = json.loads(
        download(client, person.get_absolute_url(), format="json", list="articles")
    )
    quotes = json.loads(download(client, person.get_absolute_url(), format="json"))

    for rows in (articles, quotes):
        assert sorted(row["published_at"] for row in rows) == ["", "2022-03-05T12:00:00+00:00"]


def test_export_links_are_on_the_list_pages(client):
    ArticleFactory(published_at=datetime.datetime(2022, 3, 5, 12, tzinfo=datetime.UTC))

    html = client.get("/archive/2022/03/", {"page": 1}).content.decode()

    assert 'href="?format=csv"' in html
    assert 'href="?format=json"' in html


def test_search_results_export_every_hit(client):
    for n in range(25):
        ArticleFactory(headline=f"Tunnel story {n}", body="<p>The tunnel toll.</p>")
    ArticleFactory(headline="Cricket", body="<p>Bat and ball.</p>")
    connections["default"].get_unified_index().get_index(Article).update()

    rows = list(
        csv.DictReader(
            io.StringIO(
                download(client, reverse("articles:search-export"), q="tunnel", format="csv")
            )
        )
    )

    assert len(rows) == 25
    assert all(row["title"].startswith("Tunnel story") for row in rows)


def test_search_results_export_asks_the_engine_for_many_hits_at_once(client, settings):
    """Iterating a SearchQuerySet asks the engine for ten hits at a time, and each ask ranks
    every match again: a large download took minutes."""
    for n in range(45):
        ArticleFactory(headline=f"Tunnel story {n}", body="<p>The tunnel toll.</p>")
    connections["default"].get_unified_index().get_index(Article).update()
    settings.DEBUG = True  # Haystack logs each engine search
    connections["default"].reset_queries()

    download(client, reverse("articles:search-export"), q="tunnel", format="csv")

    assert len(connections["default"].queries) == 1
