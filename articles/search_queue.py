"""The search index's work queue: pending index changes as SearchIndexTask rows.

Whoosh allows one writer at a time, and a web request must never fail or wait because the
index is busy. So a change to the data records its index work as rows in the same
transaction (nothing is lost if the index is busy or the process dies), and after the commit
whoever can take the writer lock applies every pending row in batches, one writer and one
commit per batch. A process that finds the lock taken leaves its rows to the holder, which
looks for new rows after each batch it writes, so the queue is empty once the last writer
lets go; `manage.py process_index_queue` (and `update_index`) pick up anything left over,
e.g. after a crash.

Each batch reads the database while holding the lock, so what it writes is never older than
what a previous holder wrote. A bulk import's index processes keep that promise another way
(`build_segments`, `commit_built_segments`): one holds the lock for the whole import, and the
others read and write only the objects of their own share of the queue.
"""

import logging
import multiprocessing
import queue
import threading
import time
import zlib
from collections import defaultdict
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass

from django.apps import apps
from django.db import DatabaseError, transaction
from django.db.models import F
from haystack import connection_router, connections
from haystack.constants import ID
from haystack.exceptions import NotHandled
from haystack.utils import get_identifier
from whoosh.index import LockError

from .models import SearchIndexTask

log = logging.getLogger(__name__)

BATCH_SIZE = 500
# Objects loaded from the database and prepared at a time within a batch.
LOAD_CHUNK = 500
# A row whose object fails to index this many times is left for a person to look at (the
# `process_index_queue` command reports them) instead of blocking the rows behind it.
MAX_ATTEMPTS = 5
# How long a request waits for another writer before leaving its rows to that writer.
REQUEST_LOCK_TIMEOUT = 0.25
# How long the process committing builders' segments waits, once the import is over, for a
# builder that has sent nothing; after that it applies what is left itself.
BUILDER_SILENCE_SECONDS = 60.0


# Per thread: rows collected by `batched()` and the depth of `deferred()` blocks.
_state = threading.local()


def enqueue(changes):
    """Record index work: `changes` is an iterable of (instance or (model, pk), action).
    Call inside the transaction that makes the change; the queue is drained once that
    transaction commits. Inside `batched()` the rows are inserted when the block ends."""
    collected = getattr(_state, "rows", None)
    rows = {} if collected is None else collected
    for target, action in changes:
        model, pk = target if isinstance(target, tuple) else (type(target), target.pk)
        if pk is not None:
            rows.setdefault((model._meta.label_lower, str(pk), action), None)
    if collected is None:
        _insert(rows)


def _insert(rows):
    if rows:
        SearchIndexTask.objects.bulk_create(
            SearchIndexTask(model_label=label, object_pk=pk, action=action)
            for label, pk, action in rows
        )
        _drain_on_commit()


@contextmanager
def batched():
    """Collect the rows `enqueue` records inside the block and insert them with one query
    when it ends, dropping repeats: one article's import saves dozens of rows that each
    queue work. Use inside the transaction that makes the changes; if the block raises,
    nothing is inserted (the transaction is rolled back anyway)."""
    if getattr(_state, "rows", None) is not None:  # an outer block inserts them
        yield
        return
    _state.rows = {}
    try:
        yield
        rows = _state.rows
    finally:
        _state.rows = None
    _insert(rows)


@contextmanager
def deferred(*, batch_size=BATCH_SIZE):
    """Apply the queue once when the block ends (`batch_size` rows per index commit) instead
    of after each commit inside it.

    A bulk import commits every few seconds; applying the queue after each commit writes
    the same people's documents again and again and makes many small index segments. Rows
    are still recorded in each transaction, so nothing is lost if the process dies (the next
    drain, or `process_index_queue`, applies them)."""
    _state.deferred = getattr(_state, "deferred", 0) + 1
    try:
        yield
    finally:
        _state.deferred -= 1
    if not _state.deferred:
        drain_quietly(batch_size=batch_size)


def _drain_on_commit():
    """Drain once per transaction, not once per saved row: an import of 1,000 articles in
    one transaction is applied as a few batches, not 1,000 commits. (Django drops callbacks
    of rolled-back savepoints, so looking in its list is exact.)"""
    if getattr(_state, "deferred", 0):
        return
    connection = transaction.get_connection()
    if not any(entry[1] is drain_quietly for entry in connection.run_on_commit):
        transaction.on_commit(drain_quietly)


def drain_quietly(*, batch_size=BATCH_SIZE, full_batches=False):
    """Apply pending rows if the lock is free; never raise into the request that saved."""
    try:
        process_pending(
            lock_timeout=REQUEST_LOCK_TIMEOUT, batch_size=batch_size, full_batches=full_batches
        )
    except Exception:
        log.exception("Search index queue could not be applied; its rows are kept for a retry")


def process_pending(
    *, lock_timeout=REQUEST_LOCK_TIMEOUT, batch_size=BATCH_SIZE, using=None, full_batches=False
):
    """Apply pending rows in batches until none are left; returns how many were applied.

    Stops, leaving the rows, when another writer keeps the lock for `lock_timeout` seconds:
    that writer looks for rows again after each batch, so it applies them. With
    `full_batches`, stops once fewer than `batch_size` rows are pending: a bulk import applies
    its queue as it goes in whole batches (whole index segments) and the rest at the end.
    """
    aliases = [using] if using else list(connection_router.for_write())
    applied = 0
    while True:
        if full_batches and (
            SearchIndexTask.objects.filter(attempts__lt=MAX_ATTEMPTS).count() < batch_size
        ):
            return applied
        try:
            done = _apply_batch(aliases, lock_timeout=lock_timeout, batch_size=batch_size)
        except LockError:
            return applied
        if not done:
            return applied
        applied += done


def follow(stop, *, batch_size=BATCH_SIZE, lock_timeout=5.0, poll_seconds=0.2):
    """Apply the queue in whole batches as rows arrive, until `stop` (an Event) is set, then
    the rest; for a process that applies a bulk import's queue alongside it. Also stops once
    the process that started this one is gone: what it committed is applied, and nothing
    waits forever on an import that was killed."""
    parent = multiprocessing.parent_process()
    while not _import_over(stop, parent):
        try:
            applied = process_pending(
                lock_timeout=lock_timeout, batch_size=batch_size, full_batches=True
            )
        except DatabaseError:
            _database_busy()
            applied = 0
        if not applied:
            stop.wait(poll_seconds)
    return process_pending(lock_timeout=lock_timeout, batch_size=batch_size)


def _import_over(stop, parent):
    """Whether the import that started this process has set `stop`, or is gone: what it
    committed is then applied, and nothing waits forever on an import that was killed."""
    return stop.is_set() or (parent is not None and not parent.is_alive())


def _database_busy():
    # The import's transaction kept the database locked past the timeout: the rows of the
    # batch stay queued and are applied again (the same documents).
    log.warning("Database busy; retrying the search index queue", exc_info=True)


def stuck_tasks():
    """Rows that failed MAX_ATTEMPTS times and are no longer retried."""
    return SearchIndexTask.objects.filter(attempts__gte=MAX_ATTEMPTS)


@contextmanager
def _locked_writer(backend, timeout):
    """Our Whoosh backend's single writer, held while a batch is read, prepared and written.
    Search servers take concurrent writes, so for them there is nothing to hold."""
    if hasattr(backend, "writer"):
        with backend.writer(timeout=timeout) as writer:
            yield writer
    else:
        yield None


def _apply_batch(aliases, *, lock_timeout, batch_size):
    """One batch, one writer per connection; returns the number of rows applied.

    The lock is taken before rows and objects are read, so what is written is never older
    than what the previous holder wrote."""
    with ExitStack() as stack:
        writers = {
            alias: stack.enter_context(
                _locked_writer(connections[alias].get_backend(), lock_timeout)
            )
            for alias in aliases
        }
        tasks = list(
            SearchIndexTask.objects.filter(attempts__lt=MAX_ATTEMPTS).order_by("pk")[:batch_size]
        )
        if not tasks:
            return 0
        failed = set()
        for alias, writer in writers.items():
            failed |= _write(alias, writer, _work_for(tasks, alias))
    _settle(_pairs(tasks), failed)
    return len(tasks)


def _pairs(tasks):
    return {task.pk: (task.model_label, task.object_pk) for task in tasks}


def _settle(pairs, failed):
    """Delete the applied rows (`pairs`: row pk -> (label, object pk)) and count a failed
    attempt on the rows of the objects in `failed`."""
    SearchIndexTask.objects.filter(
        pk__in=[pk for pk, pair in pairs.items() if pair not in failed]
    ).delete()
    SearchIndexTask.objects.filter(
        pk__in=[pk for pk, pair in pairs.items() if pair in failed]
    ).update(attempts=F("attempts") + 1)


def _work_for(tasks, alias):
    """The work, in chunks of at most LOAD_CHUNK objects: (updates, identifiers to delete),
    updates being (label, pk, index, object). The last action recorded for an object wins;
    an update for an object that is gone or no longer public (not in its index's queryset)
    becomes a deletion. Loading and preparing a chunk at a time keeps a batch's memory to
    one chunk of objects, whatever the batch size."""
    latest = {(task.model_label, task.object_pk): task.action for task in tasks}
    by_model = defaultdict(list)
    for (label, pk), action in latest.items():
        by_model[label].append((pk, action))
    unified = connections[alias].get_unified_index()
    for label, entries in by_model.items():
        try:
            index = unified.get_index(apps.get_model(label))
        except (LookupError, NotHandled):
            continue
        for start in range(0, len(entries), LOAD_CHUNK):
            chunk = entries[start : start + LOAD_CHUNK]
            wanted = [pk for pk, action in chunk if action == SearchIndexTask.Action.UPDATE]
            found = {str(obj.pk): obj for obj in _load(index, alias, wanted)}
            updates, delete_ids = [], []
            for pk, _action in chunk:
                if pk in found:
                    updates.append((label, pk, index, found[pk]))
                else:
                    delete_ids.append(f"{label}.{pk}")
            yield updates, delete_ids


def _load(index, alias, pks):
    """The objects among `pks` that `index` indexes, as its `index_queryset` loads them.

    Integer keys also bound the key range: a queryset that limits rows with a subquery
    (quotes of published articles) otherwise leads SQLite to walk every row the subquery
    allows and test each against the key list, a cost that grew with the archive."""
    if not pks:
        return []
    queryset = index.index_queryset(using=alias).filter(pk__in=pks)
    if all(pk.isdigit() for pk in pks):
        numbers = [int(pk) for pk in pks]
        queryset = queryset.filter(pk__gte=min(numbers), pk__lte=max(numbers))
    return queryset


def _write(alias, writer, work):
    """Apply one connection's work (chunks from `_work_for`); returns the (label, pk) pairs
    that failed."""
    backend = connections[alias].get_backend()
    failed = set()
    for updates, delete_ids in work:
        if writer is None:
            for identifier in delete_ids:
                backend.remove(identifier)
            by_index = defaultdict(list)
            for _label, _pk, index, obj in updates:
                by_index[index].append(obj)
            for index, objects in by_index.items():
                backend.update(index, objects)
            continue
        documents = _prepare(backend, updates, delete_ids, failed)
        backend.apply(writer, documents=documents, delete_ids=delete_ids)
    return failed


def _prepare(backend, updates, delete_ids, failed):
    """The documents for `updates` (from `_work_for`); an object its index skips is added
    to `delete_ids`, one that cannot be prepared to `failed`."""
    documents = []
    for label, pk, index, obj in updates:
        try:
            document = backend.prepare_document(index, obj)
        except Exception:
            log.exception("Could not prepare %s.%s for the search index", label, pk)
            failed.add((label, pk))
            continue
        if document is None:
            delete_ids.append(get_identifier(obj))
        else:
            documents.append(document)
    return documents


# Applying a bulk import's queue in several processes at once ---------------------------
#
# Reading, preparing and writing the documents of a batch is CPU work that one process does
# on one core. Several processes can each write segments of their own; only committing a
# segment to the index needs its lock. One process (`commit_built_segments`) holds the lock
# for the whole import: it applies its own share of the rows and commits the segments the
# others (`build_segments`) send it. The rows are shared out by the object they name, so
# each object's rows are applied by one process, in order; with the lock held throughout,
# no other writer can put a newer document in the index between a builder's reading of an
# object and the commit of its segment.


@dataclass
class BuiltSegment:
    """A builder's batch, for the lock holder to commit: the segment (None when the batch
    only deletes) in the builder's `directory`, the identifiers whose older documents it
    replaces or deletes, and its rows (row pk -> (label, object pk)), those in `failed` not
    applied."""

    segment: object
    directory: str
    replaces: list
    tasks: dict
    failed: set


def _share(label, pk, shares):
    return zlib.crc32(f"{label}.{pk}".encode()) % shares


def _next_batch(share, shares, *, batch_size, stopping, after=0):
    """The next `batch_size` pending rows of one share (of `shares`), oldest first, with
    row pks above `after`; once `stopping`, whatever is left of the share. None until the
    share has a whole batch (counted first, as the rows are asked for every poll)."""
    pending = SearchIndexTask.objects.filter(attempts__lt=MAX_ATTEMPTS).order_by("pk")
    if not stopping and pending.filter(pk__gt=after).count() < batch_size * shares:
        return []
    found = []
    while len(found) < batch_size:
        rows = list(pending.filter(pk__gt=after)[: batch_size * shares])
        found += [row for row in rows if _share(row.model_label, row.object_pk, shares) == share]
        if len(rows) < batch_size * shares:
            break
        after = rows[-1].pk
    return found[:batch_size] if len(found) >= batch_size or stopping else []


def _documents(alias, tasks, replaces, failed):
    """The documents for `tasks`, prepared a chunk of objects at a time (`_work_for`), with
    the identifier of each, and of each object to delete, added to `replaces`."""
    backend = connections[alias].get_backend()
    for updates, deletes in _work_for(tasks, alias):
        replaces.extend(deletes)
        for document in _prepare(backend, updates, replaces, failed):
            replaces.append(document[ID])
            yield document


def _the_write_alias():
    (alias,) = connection_router.for_write()
    return alias


def build_segments(stop, outbox, *, share, shares, batch_size, directory, poll_seconds=0.2):
    """Apply one share of the queue (`share` >= 1) as segments built in `directory`, sent
    through `outbox` to the process running `commit_built_segments`, in whole batches until
    `stop` is set (or the process that started this one is gone), then the rest; then the
    share's number, to say it is done. Rows stay queued until their segment is committed;
    those of a batch that was never committed are applied by the lock holder at the end."""
    parent = multiprocessing.parent_process()
    alias = _the_write_alias()
    backend = connections[alias].get_backend()
    after = 0
    try:
        while True:
            stopping = _import_over(stop, parent)
            try:
                tasks = _next_batch(
                    share, shares, batch_size=batch_size, stopping=stopping, after=after
                )
                if not tasks:
                    if stopping:
                        return
                    stop.wait(poll_seconds)
                    continue
                replaces, failed = [], set()
                segment = backend.build_segment(
                    _documents(alias, tasks, replaces, failed), directory
                )
            except DatabaseError:
                _database_busy()
                stop.wait(poll_seconds)
                continue
            outbox.put(BuiltSegment(segment, str(directory), replaces, _pairs(tasks), failed))
            after = tasks[-1].pk
    finally:
        outbox.put(share)


def commit_built_segments(stop, inbox, *, shares, batch_size, lock_timeout=30.0, poll_seconds=0.2):
    """Hold the index's lock while a bulk import runs: apply share 0 of the queue in whole
    batches and commit, with each batch, the segments the builders of shares 1 to
    `shares - 1` sent through `inbox` (`build_segments`). Once `stop` is set (or the
    process that started this one is gone) and every builder is done, apply whatever rows
    are left, of any share, and let the lock go. Returns the number of rows applied."""
    parent = multiprocessing.parent_process()
    alias = _the_write_alias()
    backend = connections[alias].get_backend()
    applied, building, received = 0, set(range(1, shares)), []
    heard_from = time.monotonic()
    with backend.holding_lock(timeout=lock_timeout):
        while True:
            stopping = _import_over(stop, parent)
            try:
                while True:
                    item = inbox.get_nowait()
                    heard_from = time.monotonic()
                    if isinstance(item, BuiltSegment):
                        received.append(item)
                    else:
                        building.discard(item)
            except queue.Empty:
                pass
            try:
                tasks = _next_batch(0, shares, batch_size=batch_size, stopping=stopping)
                if tasks or received:
                    # Rows of segments that fail to commit stay queued, for the end.
                    built, received = received, []
                    applied += _commit_batch(alias, backend, tasks, built)
                    continue
            except DatabaseError:
                _database_busy()
            if stopping and (
                not building or time.monotonic() - heard_from > BUILDER_SILENCE_SECONDS
            ):
                break
            stop.wait(poll_seconds)
        return applied + process_pending(lock_timeout=lock_timeout, batch_size=batch_size)


def _commit_batch(alias, backend, tasks, built):
    """This process's `tasks` in one commit, then each of the builders' segments `built` in
    a commit of its own: a later segment of a builder may hold a newer version of a document
    in an earlier one, which must be in the index for the later one to replace it. Returns
    the number of rows applied."""
    if tasks:
        with backend.writer() as writer:
            failed = _write(alias, writer, _work_for(tasks, alias))
        _settle(_pairs(tasks), failed)
    for batch in built:
        with backend.writer() as writer:
            backend.adopt(writer, batch.segment, batch.directory, replaces=batch.replaces)
        _settle(batch.tasks, batch.failed)
    return len(tasks) + sum(len(batch.tasks) for batch in built)
