"""Web archives (WARC, gzip-compressed or plain), read by warcio as a stream.

Every HTML response record with status 200 becomes an article with its original URL and
capture date. Records are read one at a time from the open file, so a multi-gigabyte crawl
never sits in memory; only the current page's bytes do, and pages above MAX_PAGE_BYTES are
skipped. warcio does not complain about a file cut short inside a record, so truncation is
detected here: a record whose payload ends before its Content-Length, or bytes left over that
form no record.
"""

import datetime
import zlib
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from .html import parse_html
from .records import ParsedArticle, ParseFailure, ParseSkip
from .runner import Job

MAX_PAGE_BYTES = 20 * 1024 * 1024
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def parse_warc_page(
    payload: bytes, origin_path: str, url: str, captured_at: datetime.datetime | None
) -> ParsedArticle:
    return parse_html(payload, origin_path=origin_path, url=url, captured_at=captured_at)


def _captured_at(value: str | None) -> datetime.datetime | None:
    try:
        moment = datetime.datetime.fromisoformat(value or "")
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


def iter_warc_jobs(path: Path):
    """Yield (job or skip/failure, bytes of the file read so far) for each HTML response."""
    size = path.stat().st_size
    with path.open("rb") as stream:
        records = ArchiveIterator(stream)
        try:
            for record in records:
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                content_type = record.http_headers.get_header("Content-Type") or ""
                if not content_type.lower().startswith(_HTML_TYPES):
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI") or ""
                origin = f"{path}#{url}"
                status = record.http_headers.get_statuscode()
                if status != "200":
                    yield ParseSkip(origin, f"HTTP status {status}"), stream.tell()
                    continue
                payload = record.content_stream().read(MAX_PAGE_BYTES + 1)
                if len(payload) > MAX_PAGE_BYTES:
                    yield ParseSkip(origin, "page larger than 20 MB"), stream.tell()
                    continue
                if record.raw_stream.limit:
                    reason = f"truncated WARC: record cut short ({record.raw_stream.limit} bytes)"
                    yield ParseFailure(origin, reason), stream.tell()
                    continue
                captured = _captured_at(record.rec_headers.get_header("WARC-Date"))
                job = Job(parse_warc_page, (payload, origin, url, captured), origin)
                yield job, stream.tell()
        except (ArchiveLoadFailed, OSError, EOFError, ValueError, zlib.error) as error:
            reason = f"damaged WARC after byte {records.offset}: {error}"
            yield ParseFailure(str(path), reason), size
            return
        if records.offset < size:
            reason = f"truncated WARC: {size - records.offset} bytes after byte {records.offset}"
            yield ParseFailure(str(path), reason), size
