"""The index queue keeps the index in step with the database on every save path: admin saves
over HTTP, related rows, deletes under a held lock, and several processes writing at once."""

import multiprocessing
import os
import time

import pytest

WRITERS = 3
ARTICLES_PER_WRITER = 12


def _search_ids(model_name, words="queue"):
    from haystack.query import SearchQuerySet

    from articles import models

    model = getattr(models, model_name)
    return {int(r.pk) for r in SearchQuerySet().auto_query(words).models(model)}


def _poll(condition, seconds=2.0):
    """Check `condition` until it holds or `seconds` pass; the index is refreshed on read."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


@pytest.mark.django_db(transaction=True)
def test_article_saved_in_the_admin_is_findable_within_two_seconds(client, django_user_model):
    from articles.models import Article

    admin = django_user_model.objects.create_superuser("editor", "e@example.com", "pw")
    client.force_login(admin)
    response = client.post(
        "/admin/articles/article/add/",
        {
            "headline": "Harbour queue reopened",
            "slug": "harbour-queue-reopened",
            "standfirst": "",
            "body": "<p>The harbour queue cleared overnight.</p>",
            "published_at_0": "2022-03-01",
            "published_at_1": "10:00:00",
            "source": "",
            "source_url": "",
            "section": "",
            "language": "en",
            "quotes-TOTAL_FORMS": "0",
            "quotes-INITIAL_FORMS": "0",
            "person_mentions-TOTAL_FORMS": "0",
            "person_mentions-INITIAL_FORMS": "0",
            "organisation_mentions-TOTAL_FORMS": "0",
            "organisation_mentions-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    article = Article.objects.get(slug="harbour-queue-reopened")
    assert _poll(lambda: article.pk in _search_ids("Article"))


@pytest.mark.django_db(transaction=True)
def test_renaming_a_person_reindexes_the_articles_and_quotes_that_name_them():
    from haystack.query import SearchQuerySet

    from tests.factories import ArticleFactory, PersonFactory, PersonMentionFactory, QuoteFactory

    article = ArticleFactory(headline="Queue story")
    person = PersonFactory(name="Jane Doe")
    PersonMentionFactory(article=article, person=person)
    quote = QuoteFactory(article=article, person=person)
    person.name = "Jane Roe"
    person.save()
    facets = SearchQuerySet().auto_query("queue").facet("people").facet("speaker").facet_counts()
    assert dict(facets["fields"]["people"]) == {"Jane Roe": 2}
    assert dict(facets["fields"]["speaker"]) == {"Jane Roe": 2}
    assert quote.pk in _search_ids("Quote", "Roe")


@pytest.mark.django_db(transaction=True)
def test_delete_during_a_held_lock_is_applied_by_the_next_writer(search_index):
    from articles import search_queue
    from articles.models import SearchIndexTask
    from tests.factories import ArticleFactory

    kept, doomed = ArticleFactory(headline="Queue kept"), ArticleFactory(headline="Queue doomed")
    doomed_pk = doomed.pk
    holder = search_index.get_backend().index.writer()
    try:
        doomed.delete()  # the request cannot get the lock: its row waits in the queue
        assert SearchIndexTask.objects.filter(action="delete").exists()
    finally:
        holder.cancel()
    assert doomed_pk in _search_ids("Article")
    search_queue.process_pending()
    assert _search_ids("Article") == {kept.pk}
    assert not SearchIndexTask.objects.exists()


def _configure(workdir):
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/queue.sqlite3"
    os.environ["SEARCH_URL"] = f"whoosh:///{workdir}/index"
    os.environ["NEWSROOM_VAR_DIR"] = str(workdir)
    import django

    django.setup()


def _migrate(workdir):
    _configure(workdir)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _writer(workdir, number):
    """Save articles one transaction at a time, deleting every third, as a web worker or an
    import would; returns (kept ids, deleted ids)."""
    _configure(workdir)
    from articles.models import Article

    kept, deleted = [], []
    for n in range(ARTICLES_PER_WRITER):
        article = Article.objects.create(
            headline=f"Queue writer {number} story {n}",
            slug=f"queue-{number}-{n}",
            body=f"<p>Concurrent queue body {number} {n}.</p>",
        )
        if n % 3 == 2:
            deleted.append(article.pk)
            article.delete()
        else:
            kept.append(article.pk)
    return kept, deleted


def _report(workdir):
    _configure(workdir)
    from articles.models import SearchIndexTask

    return _search_ids("Article"), SearchIndexTask.objects.count()


def test_concurrent_writer_processes_lose_no_index_work(tmp_path):
    """Three processes save and delete against one SQLite file and one index at once."""
    context = multiprocessing.get_context("spawn")
    with context.Pool(1) as pool:
        pool.apply(_migrate, (tmp_path,))
    with context.Pool(WRITERS) as pool:
        outcomes = pool.starmap(_writer, [(tmp_path, n) for n in range(WRITERS)])
    with context.Pool(1) as pool:
        found, pending = pool.apply(_report, (tmp_path,))
    kept = {pk for k, _ in outcomes for pk in k}
    deleted = {pk for _, d in outcomes for pk in d}
    assert len(kept) == WRITERS * ARTICLES_PER_WRITER * 2 // 3
    assert pending == 0
    assert found == kept
    assert not found & deleted
