"""Haystack's `update_index`, with a progress line on a terminal and the index queue drained.

Rebuilding 20,000 articles takes about half a minute; without a progress line a terminal
shows nothing for that long. The queue of index work (articles.search_queue) is applied at the end,
so changes saved while the command held the index lock are not left waiting; an index
locked by another writer throughout (an import) is reported in a sentence, not a traceback.
Takes effect when `articles` is listed before `haystack` in INSTALLED_APPS (Django lets the
first app win).
"""

import time

from django.core.management.base import CommandError
from django.utils.encoding import force_str
from haystack import connections
from haystack.exceptions import NotHandled
from haystack.management.commands.update_index import Command as HaystackUpdateIndex
from haystack.utils.app_loading import haystack_get_models
from whoosh.index import LockError

from articles import search_queue


class Command(HaystackUpdateIndex):
    help = HaystackUpdateIndex.help + " Shows progress on a terminal; applies the index queue."

    def update_backend(self, label, using):
        backend = connections[using].get_backend()
        show = self.verbosity >= 1 and self.stdout.isatty() and hasattr(backend, "update")
        if not show:
            super().update_backend(label, using)
            return
        unified_index = connections[using].get_unified_index()
        for model in haystack_get_models(label):
            try:
                index = unified_index.get_index(model)
            except NotHandled:
                continue
            total = index.build_queryset(
                using=using, start_date=self.start_date, end_date=self.end_date
            ).count()
            name = force_str(model._meta.verbose_name_plural)
            backend.on_batch = self._progress(name, total)
            try:
                super().update_backend(f"{model._meta.app_label}.{model._meta.model_name}", using)
            finally:
                backend.on_batch = None
                self.stdout.write("")

    def _progress(self, name, total):
        started, done = time.monotonic(), 0

        def report(count):
            nonlocal done
            done += count
            rate = done / max(time.monotonic() - started, 1e-6)
            share = done / total if total else 1
            self.stdout.write(
                f"\r  {name}: {done:,}/{total:,} ({share:.0%}) {rate:,.0f}/s", ending=""
            )
            self.stdout.flush()

        return report

    def handle(self, **options):
        try:
            super().handle(**options)
        except LockError as error:
            raise CommandError(
                "The search index stayed locked by another writer (an import in progress?); "
                "run this again once it has finished."
            ) from error
        applied = search_queue.process_pending(lock_timeout=30)
        if applied and options.get("verbosity", 1) >= 1:
            self.stdout.write(f"Applied {applied} queued index change(s).")
