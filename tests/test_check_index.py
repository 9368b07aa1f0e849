"""The index never silently drifts from the database: check_index finds and repairs drift,
and a corrupted index costs readers the search page only, with a clear 503."""

import datetime
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from haystack.query import SearchQuerySet

from articles.index_check import compare_index
from articles.models import Article, SearchIndexTask
from tests.factories import ArticleFactory, PersonFactory, QuoteFactory

pytestmark = pytest.mark.django_db


def drift_by_label():
    return {drift.label: drift for drift in compare_index()}


def indexed_article_ids():
    return {int(result.pk) for result in SearchQuerySet().models(Article).all()[:10_000]}


@pytest.fixture
def indexed_archive():
    """A few records, indexed, with nothing left in the queue."""
    articles = [ArticleFactory(headline=f"Harbour story {n}") for n in range(3)]
    QuoteFactory(article=articles[0], person=PersonFactory(name="Ada Mensah"))
    call_command("rebuild_index", interactive=False, verbosity=0)
    SearchIndexTask.objects.all().delete()
    return articles


def test_an_index_in_step_reports_no_drift(indexed_archive, capsys):
    call_command("check_index")
    assert "in step" in capsys.readouterr().out
    assert all(drift.in_step for drift in compare_index())


def test_check_index_finds_missing_stale_and_orphaned_documents(indexed_archive):
    first, second, third = indexed_archive
    # Missing: a new article whose queued index work was lost.
    unindexed = ArticleFactory(headline="Never indexed")
    SearchIndexTask.objects.all().delete()
    # Stale: changed behind the index's back (update() sends no signals).
    later = second.updated_at + datetime.timedelta(hours=1)
    Article.objects.filter(pk=second.pk).update(headline="Renamed", updated_at=later)
    # Orphaned: the row is gone, its document stays.
    Article.objects.filter(pk=third.pk)._raw_delete(using="default")

    drift = drift_by_label()["articles.article"]
    assert drift.missing == [str(unindexed.pk)]
    assert drift.stale == [str(second.pk)]
    assert drift.orphaned == [str(third.pk)]
    with pytest.raises(CommandError, match="--repair"):
        call_command("check_index")

    call_command("check_index", "--repair")

    assert all(drift.in_step for drift in compare_index())
    assert indexed_article_ids() == {first.pk, second.pk, unindexed.pk}
    assert [r.title for r in SearchQuerySet().models(Article).filter(content="Renamed")] == [
        "Renamed"
    ]


def corrupt_by_deleting_segments(search_index):
    index_dir = Path(search_index.get_backend().path)
    segments = list(index_dir.glob("*.seg"))
    assert segments
    for segment in segments:
        segment.unlink()


def corrupt_by_garbling_the_table_of_contents(search_index):
    index_dir = Path(search_index.get_backend().path)
    for toc in index_dir.glob("*.toc"):
        toc.write_bytes(b"\x00\x01garbage" * 50)


@pytest.mark.parametrize(
    "corrupt", [corrupt_by_deleting_segments, corrupt_by_garbling_the_table_of_contents]
)
def test_corrupt_index_breaks_only_search_and_repair_restores_it(
    indexed_archive, search_index, client, corrupt
):
    article = indexed_archive[0]
    person = article.quotes.get().person
    corrupt(search_index)
    search_index.get_backend().setup_complete = False

    response = client.get("/search/", {"q": "harbour"})
    assert response.status_code == 503
    assert "Search is unavailable" in response.text
    assert "Traceback" not in response.text
    for path in [
        "/",
        "/archive/",
        article.get_absolute_url(),
        person.get_absolute_url(),
        "/people/",
        "/feed/",
        "/sitemap.xml",
    ]:
        assert client.get(path).status_code == 200, path

    # Editors can still save: the work waits in the queue.
    article.headline = "Harbour story saved during the outage"
    article.save()

    call_command("check_index", "--repair")

    response = client.get("/search/", {"q": "outage"})
    assert response.status_code == 200
    assert article.get_absolute_url() in response.text
    assert all(drift.in_step for drift in compare_index())


def test_a_lock_file_that_is_not_a_lock_is_repaired(indexed_archive, search_index, client):
    lock = Path(search_index.get_backend().path) / "MAIN_WRITELOCK"
    lock.unlink(missing_ok=True)
    lock.mkdir()
    article = indexed_archive[1]
    article.headline = "Harbour story saved while the lock was broken"
    article.save()
    assert client.get("/search/", {"q": "harbour"}).status_code == 200

    with pytest.raises(CommandError):
        call_command("check_index")
    lock.rmdir()
    call_command("check_index", "--repair")
    assert client.get("/search/", {"q": "broken"}).status_code == 200
    assert article.get_absolute_url() in client.get("/search/", {"q": "broken"}).text


@pytest.mark.parametrize(
    "corrupt", [corrupt_by_deleting_segments, corrupt_by_garbling_the_table_of_contents]
)
def test_rebuild_index_restores_a_corrupt_index(indexed_archive, search_index, client, corrupt):
    corrupt(search_index)
    search_index.get_backend().setup_complete = False
    assert client.get("/search/", {"q": "harbour"}).status_code == 503

    call_command("rebuild_index", interactive=False, verbosity=0)

    response = client.get("/search/", {"q": "harbour"})
    assert response.status_code == 200
    assert indexed_archive[0].get_absolute_url() in response.text
    assert all(drift.in_step for drift in compare_index())


def test_update_index_on_an_index_another_writer_keeps_locked_says_so(
    indexed_archive, search_index
):
    """An import keeps the index's lock while it runs: `update_index` (and `rebuild_index`)
    gives up after the lock timeout with a sentence, not a traceback."""
    from haystack import connections

    connections.connections_info["default"]["LOCK_TIMEOUT"] = 0.1
    backend = connections.reload("default").get_backend()
    backend.setup()
    holder = backend.index.writer()
    try:
        with pytest.raises(CommandError, match="stayed locked by another writer"):
            call_command("update_index", max_retries=1, verbosity=0)
    finally:
        holder.cancel()
