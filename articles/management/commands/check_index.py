"""Compare the search index with the database, and optionally repair it.

The index is derived data: after a crash, a restore, a disk problem or an engine outage it
can miss documents, keep stale ones or hold documents for deleted rows. This finds each kind
and, with --repair, fixes them through the index queue (recreating an unreadable on-disk
index first).
"""

from django.core.management.base import BaseCommand, CommandError

from articles.index_check import IndexUnreadable, compare_index, recreate_index, repair_index


class Command(BaseCommand):
    help = "Report documents missing from, stale in or orphaned in the search index."

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true", help="Fix what is found.")
        parser.add_argument("--using", default="default", help="Haystack connection.")

    def handle(self, *args, repair: bool, using: str, **options):
        try:
            report = compare_index(using)
        except IndexUnreadable as error:
            self.stderr.write(self.style.ERROR(f"The search index cannot be read: {error}"))
            if not repair:
                raise CommandError("Run again with --repair to recreate and refill it.") from error
            if not recreate_index(using):
                raise CommandError(
                    "The search engine is not on this disk: check that it is running, then "
                    "run `manage.py rebuild_index`."
                ) from error
            self.stdout.write("Recreated an empty index; refilling it from the database.")
            report = compare_index(using)

        for drift in report:
            line = (
                f"{drift.label}: {drift.expected} in the database, {drift.indexed} indexed; "
                f"{len(drift.missing)} missing, {len(drift.stale)} stale, "
                f"{len(drift.orphaned)} orphaned"
            )
            self.stdout.write(line if drift.in_step else self.style.WARNING(line))
            if options["verbosity"] > 1 and not drift.in_step:
                for kind in ("missing", "stale", "orphaned"):
                    if getattr(drift, kind):
                        self.stdout.write(f"  {kind}: {', '.join(getattr(drift, kind)[:50])}")

        if all(drift.in_step for drift in report):
            self.stdout.write(self.style.SUCCESS("The index is in step with the database."))
            return
        if not repair:
            raise CommandError("The index has drifted: run again with --repair to fix it.")
        repaired = repair_index(report, using=using)
        remaining = [drift for drift in compare_index(using) if not drift.in_step]
        if remaining:
            raise CommandError(
                f"Queued {repaired} fix(es) but the index still differs: "
                f"{', '.join(drift.label for drift in remaining)}. Another writer may hold the "
                "index lock; run again."
            )
        self.stdout.write(self.style.SUCCESS(f"Repaired {repaired} document(s)."))
