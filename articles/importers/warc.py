"""Web archives (WARC, gzip-compressed or plain), read by warcio as a stream.

Every HTML response record with status 200 becomes an article with its original URL and
capture date; one whose payload is JSON (an API answering as text/html, common in crawls) is
skipped. Records are read one at a time from the open file, so a multi-gigabyte crawl
never sits in memory; only the current page's bytes do, and pages above MAX_PAGE_BYTES are
skipped.

warcio does not complain about a file cut short: it hands over a record whose header block or
payload ends early as if it were whole, and on some cuts it fails inside its own parser with
an AttributeError (its maintainers leave such checks to the caller). So every record, whatever
its type, is checked here: it must state its Content-Length and hold that many bytes, and no
bytes may be left over that form no record. A damaged file raises ParseError after the pages
read before the damage, so those are imported and the file is reported as failed.
"""

import codecs
import datetime
import json
import re
import zlib
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import ChunkedDataException
from warcio.exceptions import ArchiveLoadFailed

from .html import parse_html
from .page_layout import browser_encoding
from .records import ParsedArticle, ParseError, ParseSkip
from .runner import Job

MAX_PAGE_BYTES = 20 * 1024 * 1024
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_READ_CHUNK = 1024 * 1024
# What warcio raises on a damaged file (a cut header is AttributeError, handled apart).
_DAMAGE_ERRORS = (
    ArchiveLoadFailed,
    ChunkedDataException,
    OSError,
    EOFError,
    ValueError,
    zlib.error,
)
_DIGITS = re.compile(r"[0-9]+")
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
# The HTML standard's prescan looks for a <meta> charset in the first 1024 bytes.
_META_CHARSET = re.compile(rb"<meta\b[^>]*\bcharset\s*=", re.IGNORECASE)
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


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


def _in_header_charset(payload: bytes, content_type: str) -> bytes:
    """The page as UTF-8 when only the HTTP Content-Type header names its charset.

    parse_html hands bytes to trafilatura, which reads no declaration at all: it tries UTF-8,
    then guesses, and took a Latin-1 "Zürich" for "Z³rich". A BOM or a <meta> charset is the
    page's own word and is left to win; a header charset the bytes do not decode in is wrong,
    and the guess does better than replacement characters."""
    match = _HEADER_CHARSET.search(content_type)
    if match is None or payload.startswith(_BOMS) or _META_CHARSET.search(payload[:1024]):
        return payload
    # Servers that say "iso-8859-1" mostly send windows-1252, as browsers assume: curly
    # quotes and the euro sign live in its 0x80-0x9F range.
    charset = browser_encoding(match.group(1))
    try:
        return payload.decode(charset).encode("utf-8")
    except (LookupError, UnicodeDecodeError):
        return payload


def _is_json(payload: bytes) -> bool:
    """Whether a payload served as HTML is a JSON object or array: no page starts with "{" or
    "[", and the whole payload must parse, so a page is never taken for data."""
    if not payload.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"{", b"[")):
        return False
    try:
        json.loads(payload)
    except ValueError:  # UnicodeDecodeError and JSONDecodeError alike
        return False
    return True


def _page_result(record, path: Path) -> Job | ParseSkip | None:
    """A job for an HTML response (its payload read), a skip for one that is no article, or
    None for any other record."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    content_type = record.http_headers.get_header("Content-Type") or ""
    if not content_type.lower().startswith(_HTML_TYPES):
        return None
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    origin = f"{path}#{url}"
    status = record.http_headers.get_statuscode()
    if status != "200":
        return ParseSkip(origin, f"HTTP status {status}")
    payload = record.content_stream().read(MAX_PAGE_BYTES + 1)
    if len(payload) > MAX_PAGE_BYTES:
        return ParseSkip(origin, "page larger than 20 MB")
    if _is_json(payload):
        return ParseSkip(origin, "JSON data served as text/html, not a page")
    payload = _in_header_charset(payload, content_type)
    captured = _captured_at(record.rec_headers.get_header("WARC-Date"))
    return Job(parse_warc_page, (payload, origin, url, captured), origin)


def _missing_bytes(record) -> int | None:
    """How many of the bytes its Content-Length promises the record lacks, after reading the
    rest of it; None when the Content-Length is absent or not a number, which is how a header
    block cut short looks (warcio reads "Content-Length:" with its value cut off as 0)."""
    stated = record.rec_headers.get_header("Content-Length") or ""
    if not _DIGITS.fullmatch(stated.strip()):
        return None
    while record.raw_stream.read(_READ_CHUNK):
        pass
    return record.raw_stream.limit


def _cut_short(record, offset: int) -> str:
    """Why the record at `offset` is incomplete, or "" when it is whole."""
    missing = _missing_bytes(record)
    if missing is None:
        return f"the header of the record at byte {offset} is cut short"
    if missing:
        name = record.rec_headers.get_header("WARC-Target-URI") or record.rec_type
        return f"the record at byte {offset} ({name}) lacks its last {missing} bytes"
    return ""


def iter_warc_jobs(path: Path):
    """Yield (job or skip, bytes of the file read so far) for each HTML response; raise
    ParseError, after the records before it, when the file is damaged or cut short."""
    size = path.stat().st_size
    with path.open("rb") as stream:
        records = ArchiveIterator(stream)
        try:
            for record in records:
                result = _page_result(record, path)
                if cut_short := _cut_short(record, records.offset):
                    raise ParseError(f"truncated WARC: {cut_short}")
                if result is not None:
                    yield result, stream.tell()
        except ParseError:  # a ValueError, which _DAMAGE_ERRORS would catch again
            raise
        except AttributeError as error:
            # warcio calls `None.startswith` on a request or response whose header block has
            # no WARC-Target-URI, which is how a header cut short before that line looks.
            reason = (
                f"truncated WARC: the header of the record at byte {records.offset} is cut "
                "short (it has no WARC-Target-URI)"
            )
            raise ParseError(reason) from error
        except _DAMAGE_ERRORS as error:
            reason = f"damaged WARC after byte {records.offset}: {type(error).__name__}: {error}"
            raise ParseError(reason) from error
    if records.offset < size:
        raise ParseError(
            f"truncated WARC: {size - records.offset} bytes after byte {records.offset} "
            "form no record"
        )
