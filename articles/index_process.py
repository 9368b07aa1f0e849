"""Applying the search index queue in processes of their own while a bulk import writes.

An import's two large jobs are both Python CPU work: writing the rows (the import's main
process, with quotes found in worker processes) and analysing and writing the index
documents. In one process they take turns; in processes of their own they run side by side
on the machine's cores. The queue stays the only channel between the import and them: the
import commits rows and their index work together, and they apply whatever has been
committed, in whole batches. With our Whoosh backend the index work itself is shared out:
one process holds the index's lock and commits, the others build segments for it
(`search_queue.build_segments`). If they die, the rows stay queued and the import applies
them itself when it ends, so nothing depends on them.

This module is the children's entry point, so it imports nothing that needs Django set up.
"""

import logging
import os
import shutil
from contextlib import ExitStack, contextmanager
from pathlib import Path
from tempfile import mkdtemp

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

from articles.child_processes import forkserver_context

log = logging.getLogger(__name__)


@contextmanager
def queue_applied_alongside(*, batch_size, processes=2):
    """Apply the search index queue in separate processes while the block runs, and wait
    for them to apply the rest when the block ends. Yields whether such processes run: not
    for an in-memory SQLite database, which no other process can open.

    With our Whoosh backend, `processes` share the work: one holds the index's lock and
    commits, the others build segments for it (see `search_queue.build_segments`), each
    taking `batch_size` rows at a time. A search server takes concurrent writes itself, so
    for one a single process applies the queue (`search_queue.follow`).

    The children are given this process's database and search connection settings rather
    than reading them again, so they write where this process does (tests point both at
    temporary places)."""
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        yield False
        return
    from haystack import connection_router
    from haystack import connections as search_connections

    context = forkserver_context()
    stop = context.Event()
    configuration = (
        os.environ.get("DJANGO_SETTINGS_MODULE", settings.SETTINGS_MODULE),
        settings.DATABASES,
        search_connections.connections_info,
    )
    aliases = list(connection_router.for_write())
    backend = search_connections[aliases[0]].get_backend()
    with ExitStack() as cleanup:
        if (
            processes > 1
            and len(aliases) == 1
            and hasattr(backend, "build_segment")
            and backend.use_file_storage
        ):
            # Builders write segments in folders of their own inside the index's folder (on
            # the same file system even when that folder is a mount of its own), so
            # committing a segment is a rename. Whoosh passes over names starting with a dot.
            Path(backend.path).mkdir(parents=True, exist_ok=True)
            building = mkdtemp(prefix=".building-", dir=backend.path)
            cleanup.callback(shutil.rmtree, building, ignore_errors=True)
            inbox = context.Queue()
            committer = _child(
                context, "search-index-writer", _commit, stop, inbox, processes, batch_size,
                building, *configuration,
            )  # fmt: skip
            builders = [
                _child(
                    context,
                    f"search-index-builder-{share}",
                    _build,
                    stop,
                    inbox,
                    share,
                    processes,
                    batch_size,
                    str(Path(building) / str(share)),
                    *configuration,
                )
                for share in range(1, processes)
            ]
        else:
            inbox, builders = None, []
            committer = _child(
                context, "search-index-writer", _follow, stop, batch_size, *configuration
            )
        try:
            yield True
        finally:
            stop.set()
            for share, builder in enumerate(builders, start=1):
                while builder.is_alive():
                    builder.join(0.5)
                    if not committer.is_alive():
                        # No one commits its segments, and it may wait forever to hand one
                        # over; its rows stay queued for this process.
                        builder.terminate()
                if builder.exitcode and committer.is_alive():
                    _warn(builder)
                    inbox.put(share)  # it may not have said it was done
            committer.join()
            if committer.exitcode:
                _warn(committer)


def _child(context, name, target, *args):
    process = context.Process(target=target, args=args, name=name, daemon=True)
    process.start()
    return process


def _warn(process):
    log.warning(
        "The search index process %s stopped with exit code %s; its remaining work is "
        "applied by this one.",
        process.name,
        process.exitcode,
    )


@contextmanager
def _set_up(settings_module, databases, search_connections):
    """Django set up in a child as in the import's process; yields `articles.search_queue`,
    and closes the child's database connections when the block ends."""
    import django

    os.environ["DJANGO_SETTINGS_MODULE"] = settings_module
    settings.DATABASES = databases
    settings.HAYSTACK_CONNECTIONS = search_connections
    django.setup()
    from articles import search_queue

    try:
        yield search_queue
    finally:
        connections.close_all()


def _follow(stop, batch_size, *configuration):
    with _set_up(*configuration) as search_queue:
        search_queue.follow(stop, batch_size=batch_size)


def _commit(stop, inbox, shares, batch_size, building, *configuration):
    """Commit the builders' segments; then remove their folders, also when the import
    itself was killed and cannot."""
    try:
        with _set_up(*configuration) as search_queue:
            search_queue.commit_built_segments(stop, inbox, shares=shares, batch_size=batch_size)
    finally:
        shutil.rmtree(building, ignore_errors=True)


def _build(stop, outbox, share, shares, batch_size, directory, *configuration):
    with _set_up(*configuration) as search_queue:
        Path(directory).mkdir()
        search_queue.build_segments(
            stop, outbox, share=share, shares=shares, batch_size=batch_size, directory=directory
        )
