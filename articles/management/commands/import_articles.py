"""Import news articles from files: `manage.py import_articles PATH [PATH ...]`.

Archives arrive as piles of files in many shapes (pasted text, saved pages, feeds, web
archives, our own exports, research corpora); this command reads them all, each article in
its own transaction, so one broken file is reported and skipped while the rest of the batch
goes in. Parsing and extraction run in worker processes (`--jobs`); the writes are made here,
one article at a time, by `articles.services.article_import`.
"""

import time
from collections import Counter
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, transaction

from articles import services
from articles.importers.records import ParseFailure, ParseSkip
from articles.importers.runner import default_workers, prepare_all
from articles.importers.sources import FORMATS, iter_jobs, plan

# Commit after this many articles or seconds, whichever comes first: few enough commits to
# keep the search-index work per commit in batches, short enough that readers and the admin
# never wait long for the database, and that an interrupted import loses little.
BATCH_SIZE = 200
BATCH_SECONDS = 2.0


class Progress:
    """Count, rate and ETA: redrawn in place on a terminal, a plain line now and then in a
    log. The ETA comes from the share of input bytes read, which works for a thousand small
    files and for one large WARC alike."""

    TERMINAL_EVERY = 0.2
    LOG_EVERY = 15.0

    def __init__(self, stream, *, total_bytes, enabled):
        self.stream = stream
        self.total_bytes = max(total_bytes, 1)
        self.enabled = enabled
        self.terminal = enabled and stream.isatty()
        self.started = self.shown = time.monotonic()
        self.count = 0

    def line(self, position):
        elapsed = time.monotonic() - self.started
        rate = self.count / elapsed if elapsed else 0.0
        share = min(position / self.total_bytes, 1.0)
        eta = elapsed * (1 - share) / share if share else 0.0
        minutes, seconds = divmod(int(eta), 60)
        return (
            f"{self.count} articles  {rate:.1f}/s  {share:.0%} of input  "
            f"ETA {minutes}m{seconds:02d}s"
        )

    def update(self, position):
        self.count += 1
        now = time.monotonic()
        if not self.enabled or now - self.shown < (
            self.TERMINAL_EVERY if self.terminal else self.LOG_EVERY
        ):
            return
        self.shown = now
        if self.terminal:
            self.stream.write(f"\r\033[K{self.line(position)}", ending="")
            self.stream.flush()
        else:
            self.stream.write(self.line(position))

    def clear(self):
        """Wipe the bar before another message is written on the terminal."""
        if self.terminal:
            self.stream.write("\r\033[K", ending="")


class Command(BaseCommand):
    help = (
        "Import articles from files or folders: plain text, HTML pages, RSS/Atom feeds, WARC "
        "archives (.warc, .warc.gz), JSON Lines from export_articles, Reuters-21578 SGML and "
        "the BBC dataset's folders. Formats are detected from content; re-importing updates "
        "articles instead of duplicating them."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, help="Files or folders to import.")
        parser.add_argument(
            "--format", choices=FORMATS, help="Read every file as this format, skip detection."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Parse and extract, but write nothing."
        )
        parser.add_argument(
            "--no-extract", action="store_true", help="Skip quote and entity extraction."
        )
        parser.add_argument("--quiet", action="store_true", help="No progress display.")
        parser.add_argument(
            "--jobs",
            type=int,
            default=default_workers(),
            help="Worker processes for parsing and extraction (default: one per CPU; "
            "1 runs everything in this process).",
        )

    def handle(self, *args, paths, format, dry_run, no_extract, quiet, jobs, **options):
        missing = [str(path) for path in paths if not path.exists()]
        if missing:
            raise CommandError(f"No such file or folder: {', '.join(missing)}")
        files = plan(paths, forced=format)
        if not files:
            raise CommandError(
                "No importable files found (folders are searched for .txt, .html, .xml, "
                ".rss, .atom, .warc, .warc.gz, .jsonl and .sgm files)."
            )
        verbosity = options["verbosity"]
        progress = Progress(
            self.stderr,
            total_bytes=sum(item.size for item in files),
            enabled=not quiet and verbosity >= 1,
        )
        counts = Counter()

        def items():
            done = 0
            for item in files:
                for job, position in iter_jobs(item):
                    yield job, done + position
                done += item.size

        prepared_items = iter(prepare_all(items(), extract_quotes=not no_extract, workers=jobs))
        finished = False
        while not finished:
            # Each article is written in its own savepoint (article_import's atomic block),
            # so a failure undoes only that article; the savepoints are committed in short
            # batches because every commit also applies the search-index queue, which costs
            # far more than the article's own writes.
            with transaction.atomic():
                batch_started = time.monotonic()
                for written, (prepared, position) in enumerate(prepared_items, start=1):
                    self._write(prepared, counts, progress, dry_run, no_extract, verbosity)
                    progress.update(position)
                    if written >= BATCH_SIZE or time.monotonic() - batch_started > BATCH_SECONDS:
                        break
                else:
                    finished = True
        progress.clear()

        if verbosity >= 1:
            summary = (
                f"{'Dry run, nothing written: ' if dry_run else ''}"
                f"{counts['imported']} imported, {counts['updated']} updated, "
                f"{counts['skipped']} skipped, {counts['failed']} failed, "
                f"{counts['quotes']} quotes found."
            )
            style = self.style.ERROR if counts["failed"] else self.style.SUCCESS
            self.stdout.write(style(summary))
        if counts["failed"]:
            raise CommandError(
                f"{counts['failed']} item(s) could not be imported; see the messages above."
            )

    def _write(self, prepared, counts, progress, dry_run, no_extract, verbosity):
        result = prepared.result
        if isinstance(result, ParseFailure):
            self._failed(progress, counts, result.origin_path, result.reason)
            return
        if isinstance(result, ParseSkip):
            counts["skipped"] += 1
            if verbosity >= 2:
                progress.clear()
                self.stdout.write(f"skipped {result.origin_path}: {result.reason}")
            return
        try:
            outcome = services.article_import(
                parsed=result,
                extract=not no_extract,
                extraction=prepared.extraction,
                extracted_from=prepared.body_text,
                dry_run=dry_run,
            )
        except (ValidationError, DatabaseError) as error:
            self._failed(progress, counts, result.origin_path, _reason(error))
            return
        counts[outcome.action] += 1
        counts["quotes"] += outcome.quotes_found
        if verbosity >= 2:
            progress.clear()
            self.stdout.write(f"{outcome.action} {result.origin_path}")

    def _failed(self, progress, counts, origin, reason):
        counts["failed"] += 1
        progress.clear()
        self.stderr.write(self.style.ERROR(f"{origin}: {reason}"))


def _reason(error):
    if isinstance(error, ValidationError):
        return "; ".join(error.messages)
    return f"database refused the article: {error}"
