"""RSS and Atom feeds, read by feedparser.

Each entry becomes an article. Its text is the entry's own content (or summary); when the
entry links to a page saved next to the feed (a relative link or a file: URL inside the feed's
folder), that page is read instead, since a feed usually carries only a teaser. Links outside
the feed's folder are never followed: a feed must not be able to import arbitrary local files.
"""

import calendar
import datetime
import re
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urlsplit

import feedparser

from articles.text import CleanHTML, html_to_text, text_blocks_html

from .bylines import byline_people
from .html import http_url, parse_html_file
from .records import ParsedArticle, ParseError
from .runner import Job
from .sites import site_name_alone

_HTML_TYPES = {"text/html", "application/xhtml+xml"}
# A start, end or comment tag: what makes an HTML value more than text.
_HTML_TAG = re.compile(r"<(?:/?[A-Za-z]|!)[^>]*>")
_BLANK_LINE = re.compile(r"\n\s*\n")
# The line WordPress (through its SEO plugins' default) ends every feed entry with: "The post
# <a>Headline</a> appeared first on <a>Site</a>." It belongs to the feed, not to the story.
_FEED_FOOTER = re.compile(
    r"<p>\s*The post\b(?:(?!</?p\b).)*\bappeared first on\b(?:(?!</?p\b).)*</p>\s*\Z",
    re.DOTALL | re.IGNORECASE,
)
# Wider than feedparser's pattern, which allows top-level domains of at most four letters.
_EMAIL = re.compile(r"[\w.%+'-]+@[\w-]+(?:\.[\w-]+)+")


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


def _paragraphs_html(text: str) -> CleanHTML:
    """Plain text as <p> paragraphs: a blank line, even one holding spaces, ends each."""
    return text_blocks_html(
        ("p", paragraph.strip()) for paragraph in _BLANK_LINE.split(text) if paragraph.strip()
    )


def _content_html(entry) -> str:
    for item in [*entry.get("content", []), entry.get("summary_detail")]:
        if not item or not item.get("value", "").strip():
            continue
        value = item["value"]
        if item.get("type") not in _HTML_TYPES:
            return _paragraphs_html(value)
        if _HTML_TAG.search(value):
            return _FEED_FOOTER.sub("", value)
        # feedparser labels every RSS description HTML, whatever it holds. Without a single
        # tag it is plain text whose blank lines are its only paragraph marks, which HTML
        # would run together; its entities are decoded once, so it reads as it did as HTML.
        return _paragraphs_html(unescape(value))
    return ""


def _plain_title(entry) -> str:
    """The entry's title as a headline: plain text on one line. A title of type html (Atom's
    type="html", or an RSS title feedparser saw markup in) has its tags dropped and its
    entities decoded; a text title is already decoded and must not be decoded again."""
    title = entry.get("title", "")
    if entry.get("title_detail", {}).get("type") in _HTML_TYPES:
        title = html_to_text(title)
    return " ".join(title.split())


def _author_names(entry) -> tuple[str, ...]:
    """Byline names. An RSS <author> is "email (Name)" or a bare email, and feedparser splits
    it with an address pattern that stops at four letters of top-level domain, so for
    "desk@paper.london (Jo Bloggs)" it names "on (Jo Bloggs". When feedparser's address is
    cut short of the one in the raw string, the raw string is split here instead; a bare
    address gives no name. feedparser keeps only the last author's raw string, which is
    the one RSS allows per item."""
    authors = [dict(author) for author in entry.get("authors", [])]
    raw = entry.get("author") or ""
    address = _EMAIL.search(raw)
    if authors and address:
        parsed_address = authors[-1].get("email") or ""
        if address.group() != parsed_address and address.group().startswith(parsed_address):
            rest = raw.replace(address.group(), "").replace("()", "").replace("<>", "").strip()
            wrapped = re.fullmatch(r"\((.*)\)", rest, re.DOTALL)
            authors[-1]["name"] = " ".join((wrapped.group(1) if wrapped else rest).split())
    return tuple(author["name"] for author in authors if author.get("name"))


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


def _byline(entry: FeedEntry):
    """The people the entry names as its authors; a part naming the feed's site, by its title
    or the host of the entry's link, is none."""
    return byline_people(entry.authors, entry.source, urlsplit(entry.link).hostname or "")


def parse_feed_entry(entry: FeedEntry) -> ParsedArticle:
    if not entry.title:
        raise ParseError("feed entry has no title")
    if not entry.content_html.strip():
        raise ParseError("feed entry has no content and links to no local page")
    return ParsedArticle(
        headline=entry.title,
        body_html=entry.content_html,
        origin_path=entry.origin_path,
        published_at=entry.published_at,
        source=entry.source,
        source_url=http_url(entry.link),
        section=entry.section,
        language=entry.language,
        authors=_byline(entry),
    )


def parse_feed_page(entry: FeedEntry, page_path: str) -> ParsedArticle:
    """The linked page's text and metadata; the feed's own fields win where it has them."""
    page = parse_html_file(page_path)
    authors = _byline(entry) or page.authors
    return ParsedArticle(
        headline=entry.title or page.headline,
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
            title=_plain_title(entry),
            content_html=_content_html(entry),
            link=entry.get("link", ""),
            published_at=_moment(entry),
            authors=_author_names(entry),
            section=(tags[0] if tags else "")[:100],
            source=site_name_alone(channel.get("title", ""))[:200],  # not "Site - Business"
            language=(channel.get("language") or "")[:16],
        )
        page = _local_page(item.link, path.parent)
        if page is not None:
            yield Job(parse_feed_page, (item, str(page)), item.origin_path), len(data)
        else:
            yield Job(parse_feed_entry, (item,), item.origin_path), len(data)
