"""RSS and Atom feeds, read by feedparser.

Each entry becomes an article. Its text is the entry's own content (or summary); when the
entry links to a page saved next to the feed (a relative link or a file: URL inside the feed's
folder), that page is read instead, since a feed usually carries only a teaser. Links outside
the feed's folder are never followed: a feed must not be able to import arbitrary local files.
"""

import calendar
import datetime
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import feedparser

from articles.text import text_blocks_html

from .html import http_url, parse_html_file
from .records import ParsedArticle, ParsedPerson, ParseError
from .runner import Job

_HTML_TYPES = {"text/html", "application/xhtml+xml"}


@dataclass(frozen=True)
class FeedEntry:
    """What the runner needs from one entry, as plain values a worker process can receive."""

    origin_path: str
    title: str
    content_html: str
    link: str
    published_at: datetime.datetime | None
    authors: tuple[str, ...]
    section: str
    source: str
    language: str


def _content_html(entry) -> str:
    for item in [*entry.get("content", []), entry.get("summary_detail")]:
        if not item or not item.get("value", "").strip():
            continue
        if item.get("type") in _HTML_TYPES:
            return item["value"]
        return text_blocks_html(
            ("p", paragraph.strip())
            for paragraph in item["value"].split("\n\n")
            if paragraph.strip()
        )
    return ""


def _moment(entry) -> datetime.datetime | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return datetime.datetime.fromtimestamp(calendar.timegm(parsed), tz=datetime.UTC)


def _local_page(link: str, folder: Path) -> Path | None:
    """The saved page an entry links to, when it is a file inside the feed's folder."""
    parts = urlsplit(link)
    if parts.scheme == "file":
        candidate = Path(unquote(parts.path))
    elif not parts.scheme and not parts.netloc and parts.path:
        candidate = folder / unquote(parts.path)
    else:
        return None
    candidate = candidate.resolve()
    if candidate.is_file() and candidate.is_relative_to(folder.resolve()):
        return candidate
    return None


def parse_feed_entry(entry: FeedEntry) -> ParsedArticle:
    if not entry.title.strip():
        raise ParseError("feed entry has no title")
    if not entry.content_html.strip():
        raise ParseError("feed entry has no content and links to no local page")
    return ParsedArticle(
        headline=" ".join(entry.title.split()),
        body_html=entry.content_html,
        origin_path=entry.origin_path,
        published_at=entry.published_at,
        source=entry.source,
        source_url=http_url(entry.link),
        section=entry.section,
        language=entry.language,
        authors=tuple(ParsedPerson(name=name) for name in entry.authors),
    )


def parse_feed_page(entry: FeedEntry, page_path: str) -> ParsedArticle:
    """The linked page's text and metadata; the feed's own fields win where it has them."""
    page = parse_html_file(page_path)
    authors = tuple(ParsedPerson(name=name) for name in entry.authors) or page.authors
    return ParsedArticle(
        headline=" ".join(entry.title.split()) or page.headline,
        standfirst=page.standfirst,
        body_html=page.body_html,
        origin_path=entry.origin_path,
        published_at=entry.published_at or page.published_at,
        source=entry.source or page.source,
        source_url=http_url(entry.link) or page.source_url,
        section=entry.section or page.section,
        language=entry.language or page.language,
        authors=authors,
    )


def iter_feed_jobs(path: Path):
    """(job, bytes read) per entry. A feed is small, so it is parsed whole here in the main
    process; the entries' text work runs in the workers."""
    data = path.read_bytes()
    feed = feedparser.parse(data)
    if not feed.entries:
        reason = feed.get("bozo_exception") or "no entries"
        raise ParseError(f"not a readable RSS or Atom feed: {reason}")
    channel = feed.feed
    for number, entry in enumerate(feed.entries, start=1):
        tags = [tag.get("term", "") for tag in entry.get("tags", [])]
        item = FeedEntry(
            origin_path=f"{path}#entry-{number}",
            title=entry.get("title", ""),
            content_html=_content_html(entry),
            link=entry.get("link", ""),
            published_at=_moment(entry),
            authors=tuple(a["name"] for a in entry.get("authors", []) if a.get("name")),
            section=(tags[0] if tags else "")[:100],
            source=channel.get("title", "")[:200],
            language=(channel.get("language") or "")[:16],
        )
        page = _local_page(item.link, path.parent)
        if page is not None:
            yield Job(parse_feed_page, (item, str(page)), item.origin_path), len(data)
        else:
            yield Job(parse_feed_entry, (item,), item.origin_path), len(data)
