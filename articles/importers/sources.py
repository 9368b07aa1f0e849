"""Which files to read and how: walking directories and telling formats apart by content.

A file named on the command line is recognised by its first bytes, whatever its name; inside
a directory only files with a known extension are read (a folder of saved pages also holds
licences, ground-truth JSON and READMEs). A ZIP file is read as a WACZ web archive; a PDF, an
office document or a picture is refused by name, with what to do instead. Two corpus layouts
are recognised as wholes: a Reuters-21578 folder (its `reut2-*.sgm` files) and the BBC dataset
(a README naming the BBC, one sub-folder per section).
"""

import codecs
import gzip
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .feeds import iter_feed_jobs
from .html import parse_html_file
from .jsonl import iter_jsonl_jobs
from .plaintext import parse_text_file
from .records import ParseError, ParseFailure
from .reuters import iter_reuters_jobs
from .runner import Job
from .warc import iter_warc_jobs

FORMATS = ("text", "html", "feed", "warc", "jsonl", "reuters", "bbc")
SNIFF_BYTES = 4096

_EXTENSIONS = {
    ".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".xhtml": "html",
    ".rss": "feed", ".atom": "feed", ".xml": "feed", ".warc": "warc", ".gz": "warc",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".sgm": "reuters", ".sgml": "reuters",
    ".wacz": "warc",
}  # fmt: skip
# How a JSON object starts: "{" and a quoted key with its colon. What a JSON Lines file whose
# first line runs past the bytes sniffed (a long article body) shows of itself.
_JSON_OBJECT_START = re.compile(rb'\{\s*"(?:[^"\\]|\\.)*"\s*:')
# Files that are no format read here, by their first bytes, and what a user can do instead.
_OTHER_FILES = (
    (b"%PDF-", "a PDF document: save its text as a UTF-8 .txt file and import that"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document: save it as UTF-8 plain text"),
    (b"\x89PNG", "a PNG picture, not an article"),
    (b"\xff\xd8\xff", "a JPEG picture, not an article"),
    (b"GIF8", "a GIF picture, not an article"),
)
_ZIP = b"PK\x03\x04"
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_NOT_ARTICLES = re.compile(r"^(readme|licen[cs]e|copying|changelog|changes|source)\b", re.I)


@dataclass(frozen=True)
class InputFile:
    path: Path
    format: str | None  # None: detect from content
    section: str = ""
    size: int = 0


def detect_format(head: bytes) -> str:
    """The format of a file from its first bytes (gzip is opened to look inside)."""
    if head.startswith(b"\x1f\x8b"):
        return "warc"  # a gzip file: WARC is the only compressed format read
    if head.startswith(_ZIP):
        return "warc"  # a ZIP file: the WACZ web archive is the only one read
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # A UTF-16 page or feed (Windows tools still save them): sniffed as the text it is.
        head = head.decode("utf-16", errors="ignore").encode()
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(b"warc/"):
        return "warc"
    if text.startswith((b"<!doctype lewis", b"<reuters")):
        return "reuters"
    if text.startswith(b"<?xml") or text.startswith((b"<rss", b"<feed", b"<rdf:rdf")):
        if re.search(rb"<(rss|feed|rdf:rdf)\b", text):
            return "feed"
        return "html" if b"<html" in text else "feed"
    if text.startswith(b"<"):
        return "html"
    if text.startswith(b"{"):
        first_line, newline, _ = text.partition(b"\n")
        if not newline and len(head) >= SNIFF_BYTES:  # the line goes on past the head
            return "jsonl" if _JSON_OBJECT_START.match(first_line) else "text"
        try:
            if isinstance(json.loads(first_line), dict):
                return "jsonl"
        except ValueError:
            pass
    return "text"


def _sniff(path: Path) -> str:
    with path.open("rb") as stream:
        head = stream.read(SNIFF_BYTES)
    # Nothing tells an empty file's format, and a parser would report it in its own terms
    # ("no article text: a headline line...") for an export or a feed saved empty.
    if not head.strip() and len(head) < SNIFF_BYTES:
        raise ParseError("empty file: nothing to import")
    if head.startswith(b"\x1f\x8b"):
        try:
            with gzip.open(path, "rb") as stream:
                inner = stream.read(16)
        except (OSError, EOFError) as error:  # EOFError: cut inside the first member
            raise ParseError(f"damaged gzip file: {error}") from error
        if not inner.startswith(b"WARC/"):
            raise ParseError("a gzip file that is not a WARC")
    for magic, kind in _OTHER_FILES:
        if head.startswith(magic):
            raise ParseError(f"not a file to import: {kind}")
    fmt = detect_format(head)
    # UTF-8 text holds no NUL byte (UTF-16 does, and its byte order mark tells it): a file
    # that does is binary, whatever a parser would make of it.
    if fmt == "text" and b"\x00" in head and not head.startswith(_UTF16_BOMS):
        raise ParseError("binary data, not text (it holds NUL bytes): not a file to import")
    return fmt


def _is_bbc(folder: Path) -> bool:
    readme = next((p for p in folder.glob("[Rr][Ee][Aa][Dd][Mm][Ee]*")), None)
    if readme is None:
        return False
    return b"BBC" in readme.read_bytes()[:SNIFF_BYTES] and any(p.is_dir() for p in folder.iterdir())


def _is_wacz_page_list(path: Path) -> bool:
    """Whether a file is the list of pages of an unpacked WACZ (`pages/pages.jsonl` beside its
    datapackage.json): its WARCs in archive/ hold the pages, and the list is no article."""
    return path.parent.name == "pages" and (path.parent.parent / "datapackage.json").is_file()


def _walk(root: Path, forced: str | None) -> Iterator[InputFile]:
    if forced in (None, "reuters") and any(root.glob("reut2-*.sgm")):
        for path in sorted(root.glob("reut2-*.sgm")):
            yield InputFile(path, "reuters")
        return
    bbc = forced == "bbc" or (forced is None and _is_bbc(root))
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if not path.is_file() or any(part.startswith(".") for part in relative.parts):
            continue
        kind = _EXTENSIONS.get(path.suffix.lower())
        if kind is None or _NOT_ARTICLES.match(path.name) or _is_wacz_page_list(path):
            continue
        if bbc and (kind != "text" or len(relative.parts) < 2):
            continue
        section = relative.parts[-2] if len(relative.parts) >= 2 else ""
        fmt = "bbc" if bbc else forced
        yield InputFile(path, fmt, section=section if kind == "text" else "")


def plan(paths: list[Path], *, forced: str | None = None) -> list[InputFile]:
    """Every file to read, in a stable order, with its size (for progress and ETA)."""
    files = []
    for path in paths:
        if path.is_dir():
            found = _walk(path, forced)
        else:  # a BBC story named on its own still takes its folder as section
            found = [InputFile(path, forced, path.parent.name if forced == "bbc" else "")]
        for item in found:
            size = item.path.stat().st_size if item.path.exists() else 0
            files.append(InputFile(item.path, item.format, item.section, size))
    return files


_STREAMS = {
    "feed": iter_feed_jobs,
    "warc": iter_warc_jobs,
    "jsonl": iter_jsonl_jobs,
    "reuters": iter_reuters_jobs,
}


def iter_jobs(item: InputFile) -> Iterator[tuple[Job | ParseFailure, int]]:
    """(job or failure, bytes of this file read so far) for every article in one file."""
    origin = str(item.path)
    try:
        fmt = item.format or _sniff(item.path)
        if fmt == "text":
            yield Job(parse_text_file, (origin, item.section), origin), item.size
        elif fmt == "bbc":
            yield Job(parse_text_file, (origin, item.section, "BBC News"), origin), item.size
        elif fmt == "html":
            yield Job(parse_html_file, (origin,), origin), item.size
        else:
            yield from _STREAMS[fmt](item.path)
    except (ParseError, OSError, UnicodeDecodeError) as error:
        yield ParseFailure(origin, str(error)), item.size
