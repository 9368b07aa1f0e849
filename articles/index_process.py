"""Applying the search index queue in a process of its own while a bulk import writes.

An import's two large jobs are both Python CPU work: writing the rows (the import's main
process, with quotes found in worker processes) and analysing and writing the index
documents. In one process they take turns; with the index writer in a process of its own they
run side by side on two cores. The queue stays the only channel between them: the import
commits rows and their index work together, and this process applies whatever has been
committed, in whole batches. If it dies, the rows stay queued and the import applies them
itself when it ends, so nothing depends on it.

This module is the child's entry point, so it imports nothing that needs Django set up.
"""

import logging
import os
from contextlib import contextmanager
from multiprocessing import get_context

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

log = logging.getLogger(__name__)


@contextmanager
def queue_applied_alongside(*, batch_size):
    """Apply the search index queue in a separate process while the block runs, and wait for
    it to apply the rest when the block ends. Yields whether such a process runs: not for an
    in-memory SQLite database, which no other process can open.

    The child is given this process's database and search connection settings rather than
    reading them again, so it writes where this process does (tests point both at temporary
    places)."""
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        yield False
        return
    from haystack import connections as search_connections

    context = get_context("forkserver")
    stop = context.Event()
    process = context.Process(
        target=_apply_queue,
        args=(
            stop,
            batch_size,
            os.environ.get("DJANGO_SETTINGS_MODULE", settings.SETTINGS_MODULE),
            settings.DATABASES,
            search_connections.connections_info,
        ),
        name="search-index-writer",
        daemon=True,
    )
    process.start()
    try:
        yield True
    finally:
        stop.set()
        process.join()
        if process.exitcode:
            log.warning(
                "The search index process stopped with exit code %s; its remaining work "
                "is applied by this one.",
                process.exitcode,
            )


def _apply_queue(stop, batch_size, settings_module, databases, search_connections):
    import django

    os.environ["DJANGO_SETTINGS_MODULE"] = settings_module
    settings.DATABASES = databases
    settings.HAYSTACK_CONNECTIONS = search_connections
    django.setup()

    from articles import search_queue

    try:
        search_queue.follow(stop, batch_size=batch_size)
    finally:
        connections.close_all()
