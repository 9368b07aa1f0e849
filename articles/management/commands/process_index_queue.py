"""Apply pending search index work (SearchIndexTask rows) now.

Saves apply their own index work right after they commit; this command is the safety net for
rows left behind (a process that died, an index that stayed locked), e.g. from cron every
minute, and reports rows that keep failing so someone can look at them.
"""

from django.core.management.base import BaseCommand, CommandError
from whoosh.index import LockError

from articles import search_queue
from articles.models import SearchIndexTask


class Command(BaseCommand):
    help = "Apply pending search index changes from the queue, waiting for the index lock."

    def add_arguments(self, parser):
        parser.add_argument(
            "--lock-timeout",
            type=float,
            default=30.0,
            help="Seconds to wait for another writer to release the index (default 30).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Only report how many changes are pending."
        )

    def handle(self, *args, lock_timeout, dry_run, verbosity, **options):
        pending = SearchIndexTask.objects.count()
        if dry_run:
            self.stdout.write(f"{pending} index change(s) pending.")
            return
        try:
            applied = search_queue.process_pending(lock_timeout=lock_timeout)
        except LockError as error:
            raise CommandError(
                "The search index stayed locked by another writer; try again later."
            ) from error
        left = SearchIndexTask.objects.count()
        stuck = search_queue.stuck_tasks().count()
        if verbosity >= 1:
            self.stdout.write(self.style.SUCCESS(f"Applied {applied} index change(s)."))
        if left and not stuck:
            self.stdout.write(f"{left} change(s) still pending: another writer holds the lock.")
        if stuck:
            self.stdout.write(
                self.style.ERROR(
                    f"{stuck} change(s) failed {search_queue.MAX_ATTEMPTS} times; see the log "
                    "for the error, fix the data, then reset their attempts to 0."
                )
            )
