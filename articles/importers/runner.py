"""Running parsers and extraction in worker processes, in input order, with bounded memory.

Reading a page (trafilatura) and finding its quotes are pure CPU work on one article at a
time, while the database takes one writer at a time. So the main process streams jobs out of
the input files, worker processes parse and extract, and the main process writes the results
in the order the jobs were made. At most `window` jobs are in flight, so a multi-gigabyte WARC
is never held in memory: `Pool.imap` would read the whole input ahead, which is why this module
submits to the executor itself.
"""

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from articles.child_processes import forkserver_context
from articles.extraction import ExtractionResult, extract
from articles.text import html_to_text, sanitize_html

from .records import (
    NotAnArticle,
    ParsedArticle,
    ParseError,
    ParseFailure,
    ParseResult,
    ParseSkip,
)


@dataclass(frozen=True)
class Job:
    """A parser call to make: `parse(*args)` returns one ParsedArticle or raises."""

    parse: Callable[..., ParsedArticle]
    args: tuple
    origin_path: str


@dataclass(frozen=True)
class Prepared:
    """A parsed article with its sanitised body, the body's plain text and the extraction
    results (when extraction ran), or why there is no article.

    Sanitising and reading the text are CPU work done here, off the single writer. The
    extraction offsets index `body_text` after the standfirst; the service checks it against
    the saved article's text before trusting the offsets."""

    result: ParseResult
    extraction: ExtractionResult | None = None
    body_text: str = ""
    body: str = ""


def extraction_text(*, standfirst: str, body_text: str) -> tuple[str, int]:
    """The text extraction reads, and where the body starts in it.

    The standfirst goes first because it often names the first speaker in full ("NSC's John
    Kirby said") while the body only says "Kirby"; quote offsets are then shifted back so they
    index the body's own plain text, as Quote.start/end must."""
    if not standfirst.strip():
        return body_text, 0
    return f"{standfirst}\n\n{body_text}", len(standfirst) + 2


def prepare(job: Job, extract_quotes: bool) -> Prepared:
    """Run one job, turning any error into a reported failure: one odd page (or a bug a page
    triggers in a parser) must not stop a batch of thousands."""
    try:
        parsed = job.parse(*job.args)
        body = sanitize_html(parsed.body_html)
        body_text = html_to_text(body)
        if not extract_quotes or parsed.quotes is not None:
            return Prepared(parsed, None, body_text, body)
        text, _ = extraction_text(standfirst=parsed.standfirst.strip(), body_text=body_text)
        return Prepared(parsed, extract(text), body_text, body)
    except NotAnArticle as error:
        return Prepared(ParseSkip(job.origin_path, str(error)))
    except ParseError as error:
        return Prepared(ParseFailure(job.origin_path, str(error)))
    except Exception as error:  # third-party parsers raise many types on odd input
        return Prepared(ParseFailure(job.origin_path, f"{type(error).__name__}: {error}"))


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


def prepare_all(
    items: Iterable[tuple[Job | ParseFailure | ParseSkip, Any]],
    *,
    extract_quotes: bool,
    workers: int,
    window: int | None = None,
) -> Iterator[tuple[Prepared, Any]]:
    """Prepare each job, yielding (prepared, token) in input order; `token` (progress data)
    passes through untouched. With one worker everything runs in this process. At most
    `window` jobs (default: 8 per worker) are in flight or done and not yet taken: enough
    that workers keep going while the caller writes a batch."""
    if workers <= 1:
        for item, token in items:
            yield _prepare_now(item, extract_quotes), token
        return
    window = window or workers * 8
    pending: deque[tuple[Future | Prepared, Any]] = deque()
    with ProcessPoolExecutor(workers, mp_context=forkserver_context()) as executor:
        for item, token in items:
            if isinstance(item, Job):
                pending.append((executor.submit(prepare, item, extract_quotes), token))
            else:
                pending.append((Prepared(item), token))
            while len(pending) >= window:
                yield _settled(pending.popleft())
        while pending:
            yield _settled(pending.popleft())


def _prepare_now(item: Job | ParseFailure | ParseSkip, extract_quotes: bool) -> Prepared:
    return prepare(item, extract_quotes) if isinstance(item, Job) else Prepared(item)


def _settled(entry: tuple[Future | Prepared, Any]) -> tuple[Prepared, Any]:
    outcome, token = entry
    return (outcome.result() if isinstance(outcome, Future) else outcome), token
