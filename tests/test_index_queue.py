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


def _queued_archive(stories):
    """Articles with a quote each by a person of their own, their index rows queued and not
    applied (the test's transaction never commits, so no drain runs)."""
    from tests.factories import ArticleFactory, PersonMentionFactory, QuoteFactory

    for n in range(stories):
        article = ArticleFactory(headline=f"Queue story {n}")
        quote = QuoteFactory(article=article)
        PersonMentionFactory(article=article, person=quote.person)


def _index_ids(backend):
    """The identifier of every live document in the index, with repeats."""
    with backend.index.refresh().searcher() as searcher:
        return [fields["id"] for fields in searcher.all_stored_fields()]


def _build_share(share, shares, batch_size, directory):
    """Run a builder of `share` to the end (the import is over) in this process; returns
    what it handed over: its segments, then its share's number."""
    import queue
    import threading

    from articles import search_queue

    stop, handover = threading.Event(), queue.Queue()
    stop.set()
    directory.mkdir()
    search_queue.build_segments(
        stop, handover, share=share, shares=shares, batch_size=batch_size, directory=directory
    )
    return [handover.get_nowait() for _ in range(handover.qsize())]


def _commit_shares(handed_over, shares, batch_size):
    import queue
    import threading

    from articles import search_queue

    stop, inbox = threading.Event(), queue.Queue()
    stop.set()
    for item in handed_over:
        inbox.put(item)
    return search_queue.commit_built_segments(stop, inbox, shares=shares, batch_size=batch_size)


@pytest.mark.django_db
def test_builders_segments_are_committed_by_the_lock_holder_and_match_the_database(
    search_index, tmp_path
):
    """Two builders apply their shares of the queue as segments of their own and leave the
    rows queued; the lock holder applies share 0 and commits their segments. The index then
    holds one current document per object, and the queue is empty."""
    from collections import Counter

    from articles import search_queue
    from articles.index_check import compare_index
    from articles.models import SearchIndexTask

    _queued_archive(12)
    backend = search_index.get_backend()
    queued = SearchIndexTask.objects.count()
    handed_over = []
    for share in (1, 2):
        handed_over += _build_share(share, 3, 4, tmp_path / f"builder-{share}")
    segments = [item for item in handed_over if isinstance(item, search_queue.BuiltSegment)]
    assert [item for item in handed_over if item not in segments] == [1, 2]
    assert len(segments) >= 4  # whole batches of four rows, then the rest
    assert SearchIndexTask.objects.count() == queued
    assert _index_ids(backend) == []

    assert _commit_shares(handed_over, 3, 4) == queued
    assert not SearchIndexTask.objects.exists()
    ids = Counter(_index_ids(backend))
    assert len(ids) == 12 * 3 and set(ids.values()) == {1}  # article, quote, person
    assert all(drift.in_step for drift in compare_index())


@pytest.mark.django_db
def test_an_object_changed_after_its_segment_was_built_ends_up_current(search_index, tmp_path):
    """A builder read an article before an editor changed it: its segment is committed, and
    the editor's newer row, left queued, then replaces that document with the current one."""
    from articles import search_queue
    from articles.models import Article, SearchIndexTask

    _queued_archive(6)
    backend = search_index.get_backend()
    handed_over = _build_share(1, 2, 50, tmp_path / "builder")
    built = [item for item in handed_over if isinstance(item, search_queue.BuiltSegment)]
    articles = [
        int(pk)
        for batch in built
        for label, pk in batch.tasks.values()
        if label == "articles.article"
    ]
    assert articles, "no article fell in the builder's share"
    edited = Article.objects.get(pk=articles[0])
    edited.headline = "Queue story rewritten"
    edited.save()
    newer = SearchIndexTask.objects.filter(
        model_label="articles.article",
        object_pk=str(edited.pk),
        pk__gt=max(pk for batch in built for pk in batch.tasks),
    )
    assert newer.exists()

    _commit_shares(handed_over, 2, 50)
    assert not SearchIndexTask.objects.exists()
    assert _search_ids("Article", "rewritten") == {edited.pk}
    assert _index_ids(backend).count(f"articles.article.{edited.pk}") == 1


@pytest.mark.django_db
def test_rows_of_a_builder_that_fails_are_applied_by_the_lock_holder(search_index, tmp_path):
    """A builder whose folder is gone fails on its first segment: it still says it is done,
    and the lock holder applies the rows it left, so the index misses nothing."""
    import queue
    import threading

    from articles import search_queue
    from articles.index_check import compare_index
    from articles.models import SearchIndexTask

    _queued_archive(6)
    stop, handover = threading.Event(), queue.Queue()
    stop.set()
    with pytest.raises(OSError):
        search_queue.build_segments(
            stop, handover, share=1, shares=2, batch_size=50, directory=tmp_path / "gone"
        )
    assert [handover.get_nowait() for _ in range(handover.qsize())] == [1]

    _commit_shares([1], 2, 50)
    assert not SearchIndexTask.objects.exists()
    assert all(drift.in_step for drift in compare_index())


@pytest.mark.django_db(transaction=True)
def test_while_the_holder_keeps_the_lock_other_writers_leave_their_rows_to_it(search_index):
    """The process committing builders' segments keeps the index's lock: a request's drain
    in another thread cannot write (it leaves its rows queued), so no document newer than a
    builder's can be overwritten by the builder's segment."""
    import threading

    from articles import search_queue
    from articles.models import SearchIndexTask
    from tests.factories import ArticleFactory

    backend = search_index.get_backend()
    with backend.holding_lock():
        saved = threading.Thread(target=lambda: ArticleFactory(headline="Queue held"))
        saved.start()
        saved.join()
        assert SearchIndexTask.objects.filter(model_label="articles.article").exists()
        assert _search_ids("Article", "held") == set()
    search_queue.process_pending()
    assert len(_search_ids("Article", "held")) == 1


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
