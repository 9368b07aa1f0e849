"""Our Whoosh backend against a real index: exact facets, counts that match the database,
date order, query facets, sanitised highlights, bounded input and lock-safe deletes."""

import datetime as dt

import pytest
from haystack.query import SearchQuerySet
from whoosh.index import LockError

from articles.models import Article, Quote
from articles.search_backends import safe_highlight
from tests.factories import (
    ArticleFactory,
    PersonFactory,
    PersonMentionFactory,
    QuoteFactory,
)

pytestmark = pytest.mark.django_db

HOSTILE = "<img src=x onerror=alert(1)>"


def rebuild(backend):
    backend.clear()
    for model_index in _indexes():
        backend.update(model_index, model_index.index_queryset())


def _indexes():
    from haystack import connections

    return list(connections["default"].get_unified_index().get_indexes().values())


@pytest.fixture
def backend(search_index):
    return search_index.get_backend()


@pytest.fixture
def archive(backend):
    """Six articles in two sections over three months, two people with two-word names."""
    kirby, milley = PersonFactory(name="John Kirby"), PersonFactory(name="Mark Milley")
    months = [dt.datetime(2022, m, 10, tzinfo=dt.UTC) for m in (11, 9, 10, 11, 9, 10)]
    articles = []
    for n, published_at in enumerate(months):
        article = ArticleFactory(
            headline=f"Pentagon briefing {n}",
            section="business" if n % 2 else "technology",
            published_at=published_at,
        )
        PersonMentionFactory(article=article, person=kirby)
        if n < 3:
            PersonMentionFactory(article=article, person=milley)
        articles.append(article)
    rebuild(backend)
    return articles


def test_facet_values_are_exact_names_and_sections(archive):
    counts = SearchQuerySet().auto_query("pentagon").facet("people").facet("section")
    fields = counts.facet_counts()["fields"]
    assert dict(fields["people"]) == {"John Kirby": 6, "Mark Milley": 3}
    assert dict(fields["section"]) == {"business": 3, "technology": 3}


def test_facet_counts_equal_database_counts(archive):
    fields = SearchQuerySet().auto_query("briefing").models(Article).facet("people")
    counted = dict(fields.facet_counts()["fields"]["people"])
    for name, count in counted.items():
        assert count == Article.objects.filter(people__name=name).count()


def test_two_facets_narrow_to_the_intersection(archive):
    results = (
        SearchQuerySet()
        .auto_query("pentagon")
        .narrow('people_exact:"Mark Milley"')
        .narrow('section_exact:"business"')
    )
    expected = Article.objects.filter(people__name="Mark Milley", section="business")
    assert sorted(int(r.pk) for r in results) == sorted(a.pk for a in expected)
    assert expected.exists()


def test_date_facets_come_back_in_date_order(archive):
    dates = (
        SearchQuerySet()
        .auto_query("pentagon")
        .date_facet("published_at", dt.date(2022, 1, 1), dt.date(2023, 1, 1), "month")
        .facet_counts()["dates"]["published_at"]
    )
    assert [moment.month for moment, _ in dates] == [9, 10, 11]
    assert [count for _, count in dates] == [2, 2, 2]


def test_query_facet_counts_matches(archive):
    counts = SearchQuerySet().auto_query("pentagon").query_facet("section", "business")
    assert counts.facet_counts()["queries"]["section_exact:business"] == 3


def test_highlight_never_returns_a_live_tag_from_stored_text(backend):
    article = ArticleFactory(
        headline="Scripted story", body=f"<p>{HOSTILE.replace('<', '&lt;')} scripted words</p>"
    )
    QuoteFactory(article=article, text=f"scripted {HOSTILE} quote")
    rebuild(backend)
    results = list(SearchQuerySet().auto_query("scripted").highlight())
    assert len(results) == 2
    for result in results:
        snippets = result.highlighted
        assert snippets and all("<mark>" in snippet for snippet in snippets)
        assert all("<img" not in snippet for snippet in snippets)


def test_safe_highlight_keeps_only_marks_from_server_engines():
    server = f'a <em>match</em> {HOSTILE} <b onclick="x()">bold</b>'
    assert safe_highlight(server) == "a <mark>match</mark>  bold"


def test_a_100000_character_query_returns(archive):
    results = SearchQuerySet().auto_query("pentagon" * 12_500)
    assert results.count() == 0
    assert list(SearchQuerySet().auto_query("x" * 100_000)) == []


def test_delete_waits_for_a_held_lock_instead_of_dropping(backend, archive):
    article = archive[0]
    holder = backend.index.writer()
    try:
        backend.lock_timeout = 0.2
        with pytest.raises(LockError):
            backend.remove(article)
    finally:
        holder.cancel()
    backend.remove(article)
    ids = {int(r.pk) for r in SearchQuerySet().auto_query("pentagon").models(Article)}
    assert article.pk not in ids
    assert len(ids) == len(archive) - 1


def test_empty_update_leaves_the_index_unlocked(backend, archive):
    backend.update(_indexes()[0], [])
    backend.index.writer().cancel()


def test_searcher_sees_changes_from_another_writer(backend, archive):
    assert SearchQuerySet().auto_query("pentagon").models(Quote).count() == 0
    quote = QuoteFactory(article=archive[0], text="Pentagon words")
    backend.update(_indexes_for(Quote), [Quote.objects.get(pk=quote.pk)])
    assert SearchQuerySet().auto_query("pentagon").models(Quote).count() == 1


def _indexes_for(model):
    from haystack import connections

    return connections["default"].get_unified_index().get_index(model)
