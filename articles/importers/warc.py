"""Web archives (WARC, gzip-compressed or plain, and the WACZ files Browsertrix and
ArchiveWeb.page write), read by warcio as a stream.

Every HTML response record with status 200 becomes an article with its original URL and
capture date; one whose payload is JSON (an API answering as text/html, common in crawls) is
skipped, and so is a capture the crawler cut short (WARC-Truncated). A response that states
no Content-Type is a page when it starts as one. Records are read one at a time from the open
file, so a multi-gigabyte crawl never sits in memory; only the current page's bytes do (and
the payload digests of the pages read, to tell revisits apart), and pages above
MAX_PAGE_BYTES are skipped.

A revisit record (a crawler's note that a page was as captured before, which deduplicating
crawls write instead of the page) adds nothing when that capture is in the same file; when it
is not, the page is in another WARC, and the revisit is reported as skipped so that no page
goes missing unseen. A WARC gzipped as a whole (`gzip crawl.warc`) rather than record by
record, as WARC tools write it, is read through one decompressing stream.

warcio does not complain about a file cut short: it hands over a record whose header block or
payload ends early as if it were whole, and on some cuts it fails inside its own parser with
an AttributeError (its maintainers leave such checks to the caller). So every record, whatever
its type, is checked here: it must state its Content-Length and hold that many bytes, and no
bytes may be left over that form no record. A damaged file raises ParseError after the pages
read before the damage, so those are imported and the file is reported as failed.
"""

import codecs
import datetime
import gzip
import json
import re
import zipfile
import zlib
from dataclasses import dataclass, field
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
# How an HTML page starts, after any BOM and spaces: what tells a page served with no
# Content-Type.
_PAGE_START = re.compile(
    rb"(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b",
    re.IGNORECASE | re.DOTALL,
)
# How much of a gzip file's first member is read to tell a WARC gzipped record by record (its
# first member holds one record) from one gzipped whole (its first member holds them all).
_FIRST_MEMBER_BYTES = 1024 * 1024
_RECORD_BOUNDARY = re.compile(rb"\r\n\r\nWARC/\d")
# A WACZ file is a ZIP file; its WARCs are in its archive/ folder.
_ZIP = b"PK\x03\x04"
_WACZ_WARCS = re.compile(r"archive/[^/]+\.warc(?:\.gz)?")


@dataclass
class _Captures:
    """What the pages read from one file so far were, for the revisits that follow them: their
    payload digests and addresses."""

    digests: set[str] = field(default_factory=set)
    urls: set[str] = field(default_factory=set)

    def add(self, record, url: str) -> None:
        digest = record.rec_headers.get_header("WARC-Payload-Digest")
        if digest:
            self.digests.add(digest)
        self.urls.add(url)

    def hold(self, revisit) -> bool:
        """Whether the capture a revisit record refers to was read from this file."""
        digest = revisit.rec_headers.get_header("WARC-Payload-Digest")
        refers_to = revisit.rec_headers.get_header("WARC-Refers-To-Target-URI")
        return digest in self.digests or (refers_to or "") in self.urls


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


def _is_page(payload: bytes) -> bool:
    return _PAGE_START.match(payload[:4096]) is not None


def _revisit_result(record, path: Path, captures: _Captures) -> ParseSkip | None:
    """A skip for a revisit of an HTML page whose capture is not in this file, else None."""
    headers = record.http_headers
    content_type = (headers.get_header("Content-Type") or "") if headers is not None else ""
    if not content_type.lower().startswith(_HTML_TYPES) or captures.hold(record):
        return None
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    refers_to = record.rec_headers.get_header("WARC-Refers-To-Target-URI") or url
    day = record.rec_headers.get_header("WARC-Refers-To-Date") or "an earlier date"
    return ParseSkip(
        f"{path}#{url}",
        f"a revisit record: the page is the capture of {refers_to} on {day}, which is not in "
        "this file; import the WARC holding that capture",
    )


def _page_result(record, path: Path, captures: _Captures) -> Job | ParseSkip | None:
    """A job for an HTML response (its payload read), a skip for one that is no article or
    for a revisit of a page this file does not hold, or None for any other record."""
    if record.rec_type == "revisit":
        return _revisit_result(record, path, captures)
    if record.rec_type != "response" or record.http_headers is None:
        return None
    content_type = record.http_headers.get_header("Content-Type") or ""
    if content_type and not content_type.lower().startswith(_HTML_TYPES):
        return None
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    origin = f"{path}#{url}"
    status = record.http_headers.get_statuscode()
    if status != "200":
        return ParseSkip(origin, f"HTTP status {status}") if content_type else None
    payload = record.content_stream().read(MAX_PAGE_BYTES + 1)
    if not content_type and not _is_page(payload):
        return None
    if truncated := record.rec_headers.get_header("WARC-Truncated"):
        return ParseSkip(
            origin, f"the crawler cut this capture short (WARC-Truncated: {truncated})"
        )
    if len(payload) > MAX_PAGE_BYTES:
        return ParseSkip(origin, "page larger than 20 MB")
    if _is_json(payload):
        return ParseSkip(origin, "JSON data served as text/html, not a page")
    captures.add(record, url)
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


def _gzipped_whole(stream) -> bool:
    """Whether a gzip file's first member holds more than one record: a WARC gzipped whole,
    which warcio refuses, rather than one member per record. Reads the start of the file and
    goes back to its first byte."""
    stream.seek(0)
    decompressor = zlib.decompressobj(wbits=31)
    try:
        head = decompressor.decompress(stream.read(_FIRST_MEMBER_BYTES), _FIRST_MEMBER_BYTES)
    except zlib.error:
        return False  # damaged: warcio reports it, with where
    finally:
        stream.seek(0)
    return _RECORD_BOUNDARY.search(head) is not None


class _ChunkByChunk:
    """A gzip stream that hands over what it has decompressed at each read. GzipFile.read(n)
    goes on until it has n bytes, so on a file cut short it raises EOFError and drops the
    records read whole before the cut with it; read1 does not."""

    def __init__(self, stream: gzip.GzipFile):
        self.stream = stream

    def read(self, size: int = -1) -> bytes:
        return self.stream.read1(size)

    def tell(self) -> int:
        return self.stream.tell()


def iter_warc_jobs(path: Path):
    """Yield (job or skip, bytes of the file read so far) for each HTML response; raise
    ParseError, after the records before it, when the file is damaged or cut short."""
    with path.open("rb") as stream:
        head = stream.read(4)
        if head == _ZIP:
            yield from _wacz_jobs(path)
            return
        if head.startswith(b"\x1f\x8b") and _gzipped_whole(stream):
            with gzip.GzipFile(fileobj=stream) as whole:
                yield from _archive_jobs(_ChunkByChunk(whole), path, size=None, progress=stream)
            return
        stream.seek(0)
        yield from _archive_jobs(stream, path, size=path.stat().st_size)


def _wacz_jobs(path: Path):
    """The jobs of every WARC in a WACZ file's archive/ folder, in name order."""
    with zipfile.ZipFile(path) as wacz:
        members = sorted(
            (info for info in wacz.infolist() if _WACZ_WARCS.fullmatch(info.filename)),
            key=lambda info: info.filename,
        )
        if not members and "word/document.xml" in wacz.namelist():
            raise ParseError("a Word document: save it as UTF-8 plain text and import that")
        if not members:
            raise ParseError(
                "a ZIP file with no WARC in an archive/ folder, so not a WACZ web archive: "
                "unpack it and import the files it holds"
            )
        for info in members:
            with wacz.open(info) as member:
                try:
                    yield from _archive_jobs(
                        member, path, size=info.file_size, start=info.header_offset
                    )
                except ParseError as error:
                    raise ParseError(f"{info.filename}: {error}") from error


def _archive_jobs(stream, path: Path, *, size: int | None, progress=None, start: int = 0):
    """The jobs of the WARC records `stream` holds, with how far into the file the reading is:
    `start` and the position of `progress` (the file under a decompressing stream), else of
    `stream`. `size` is how many bytes the records must fill (None for a decompressed stream,
    which ends where its data does)."""
    progress = progress or stream
    records = ArchiveIterator(stream)
    captures = _Captures()
    try:
        for record in records:
            result = _page_result(record, path, captures)
            if cut_short := _cut_short(record, records.offset):
                raise ParseError(f"truncated WARC: {cut_short}")
            if result is not None:
                yield result, start + progress.tell()
        if size is None:
            while stream.read(_READ_CHUNK):
                pass
            size = stream.tell()
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
