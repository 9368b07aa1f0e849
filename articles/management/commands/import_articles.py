"""Import news articles from files: `manage.py import_articles PATH [PATH ...]`.

Archives arrive as piles of files in many shapes (pasted text, saved pages, feeds, web
archives, our own exports, research corpora); this command reads them all, each article in
its own savepoint, so one broken file is reported and skipped while the rest of the batch
goes in. Parsing and extraction run in worker processes (`--jobs`); the writes are made here,
one article at a time, by `articles.services.article_import`, with the people, organisations
and existing articles a batch needs loaded in a few queries (`services.ImportBatch`). The
search index is brought up to date from the work each transaction queued, in whole batches
as the import goes (by processes of their own, alongside the writes) and the rest at the
end.
"""

import time
from collections import Counter
from contextlib import nullcontext
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection, transaction

from articles import search_queue, services
from articles.importers.records import ParsedArticle, ParseFailure, ParseSkip
from articles.importers.runner import default_workers, prepare_all
from articles.importers.sources import FORMATS, iter_jobs, plan
from articles.index_process import queue_applied_alongside

# Commit after this many articles or seconds, whichever comes first: few enough commits to
# keep the search-index work per commit in batches, short enough that readers and the admin
# never wait long for the database, and that an interrupted import loses little.
BATCH_SIZE = 200
BATCH_SECONDS = 2.0
# Articles whose lookups (people, organisations, existing articles) are loaded together; the
# workers may run this far and a little more ahead of the writer.
PRELOAD_SIZE = 50
# Jobs the workers may have in flight or done ahead of the writer: enough to keep them busy
# while the writer applies a batch of index work (a few seconds), few enough that the
# prepared pages held stay a few megabytes.
WINDOW = 4 * PRELOAD_SIZE
# SQLite lets one connection write at a time and keeps no queue of waiting writers: a writer
# that finds the lock taken polls for it, every 100 ms once it has waited a while, and the
# import takes the lock again within a millisecond of each commit. So the index process (which
# records what it applied) and an editor saving in the admin could wait out their whole
# timeout. A pause longer than one poll between transactions gives each waiting writer a turn.
WRITER_TURN_SECONDS = 0.12
# Index work applied per index commit, by each index process: fewer, larger segments. Whole
# batches are applied as the import goes, while the workers prepare the next articles; the
# rest at the end.
INDEX_BATCH_SIZE = 2000
# Processes applying the index queue alongside the import: one commits, the others build
# segments for it. Two use both cores of a small machine; more only took turns on them.
INDEX_PROCESSES = 2


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
        verbosity = self.verbosity = options["verbosity"]
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

        prepared_items = prepare_all(
            items(), extract_quotes=not no_extract, workers=max(jobs, 1), window=WINDOW
        )
        chunks = _chunks(prepared_items, PRELOAD_SIZE)
        # Each article is written in its own savepoint (article_import's atomic block), so a
        # failure undoes only that article; the savepoints are committed in short batches, as
        # a commit per article costs more than the article's own writes. The index work each
        # commit records is not applied after every commit (`deferred`), which re-wrote the
        # same people's documents batch after batch and made small segments, but in whole
        # batches of INDEX_BATCH_SIZE rows once that many are pending (so the queue never
        # grows with the size of the input), and the rest at the end. With worker processes,
        # processes of their own apply those batches while this one writes the next
        # articles; with `--jobs 1`, this process does, between its batches.
        index_alongside = (
            queue_applied_alongside(batch_size=INDEX_BATCH_SIZE, processes=INDEX_PROCESSES)
            if jobs > 1 and not dry_run
            else nullcontext(False)
        )
        with search_queue.deferred(batch_size=INDEX_BATCH_SIZE), index_alongside as alongside:
            while self._write_batch(chunks, counts, progress, dry_run, no_extract):
                if dry_run:
                    continue
                if not alongside:
                    search_queue.drain_quietly(batch_size=INDEX_BATCH_SIZE, full_batches=True)
                if connection.vendor == "sqlite":
                    time.sleep(WRITER_TURN_SECONDS)
            progress.clear()
            if progress.enabled and not dry_run:
                self.stderr.write("Updating the search index...")

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

    def _write_batch(self, chunks, counts, progress, dry_run, no_extract):
        """Write chunks of prepared articles in one transaction until BATCH_SIZE articles or
        BATCH_SECONDS; returns False once the input is used up."""
        with transaction.atomic():
            batch, written, started = services.ImportBatch(), 0, time.monotonic()
            for chunk in chunks:
                batch.preload(
                    (prepared.result, prepared.extraction, prepared.body_text)
                    for prepared, _position in chunk
                    if isinstance(prepared.result, ParsedArticle)
                )
                for prepared, position in chunk:
                    self._write(prepared, batch, counts, progress, dry_run, no_extract)
                    progress.update(position)
                written += len(chunk)
                if written >= BATCH_SIZE or time.monotonic() - started > BATCH_SECONDS:
                    return True
        return False

    def _write(self, prepared, batch, counts, progress, dry_run, no_extract):
        verbosity = self.verbosity
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
                body=prepared.body,
                body_text=prepared.body_text,
                dry_run=dry_run,
                batch=batch,
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


def _chunks(iterable, size):
    """Lists of up to `size` items of `iterable`, read lazily."""
    chunk = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _reason(error):
    if isinstance(error, ValidationError):
        return "; ".join(error.messages)
    return f"database refused the article: {error}"
