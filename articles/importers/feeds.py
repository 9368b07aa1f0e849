"""RSS and Atom feeds, read by feedparser.

Each entry becomes an article. Its text is the entry's own content (or summary); when the
entry links to a page saved next to the feed (a relative link or a file: URL inside the feed's
folder), that page is read instead, since a feed usually carries only a teaser. Links outside
the feed's folder are never followed: a feed must not be able to import arbitrary local files.
An entry with no text of its own and no local page (a podcast episode, a title alone, an
aggregator's list of links) is no article and is skipped.
"""

import calendar
import datetime
import re
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import feedparser

from articles.text import CleanHTML, html_to_text, text_blocks_html

from .bylines import byline_people
from .html import http_url, parse_html_file
from .records import NotAnArticle, ParsedArticle, ParseError
from .runner import Job
from .sites import site_name_alone, without_site_name

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
# A link with its text, and the end of a sentence: what tells an aggregator's list of links
# (Google News describes each story by its headline's link and the publisher's name beside it)
# from a teaser that links to more.
_LINK = re.compile(r"<a\b[^>]*>.*?</a\s*>", re.DOTALL | re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]*(?:\s|$)")
_WORDS_BESIDE_A_LINK = 5
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


def _only_links(html: str) -> bool:
    """Whether an HTML value holds links and no text of its own: outside its links, no
    sentence and no more than a few words per link (a publisher's name, "Read more")."""
    links = _LINK.findall(html)
    rest = html_to_text(_LINK.sub(" ", html))
    return (
        bool(links)
        and not _SENTENCE_END.search(rest)
        and len(rest.split()) <= _WORDS_BESIDE_A_LINK * len(links)
    )


def _content_html(entry) -> str:
    """The entry's text as HTML: its first content, else its summary; "" when neither holds
    text of its own (a list of links to other stories is none)."""
    for item in [*entry.get("content", []), entry.get("summary_detail")]:
        if not item or not item.get("value", "").strip():
            continue
        value = item["value"]
        if item.get("type") not in _HTML_TYPES:
            return _paragraphs_html(value)
        if _HTML_TAG.search(value):
            if _only_links(value):
                continue
            return _FEED_FOOTER.sub("", value)
        # feedparser labels every RSS description HTML, whatever it holds. Without a single
        # tag it is plain text whose blank lines are its only paragraph marks, which HTML
        # would run together; its entities are decoded once, so it reads as it did as HTML.
        return _paragraphs_html(unescape(value))
    return ""


def _plain_title(entry, source: str, link: str) -> str:
    """The entry's title as a headline: plain text on one line, without the name of the site
    it came from ("Headline - Portwell Post", as aggregators write titles). A title of type
    html (Atom's type="html", or an RSS title feedparser saw markup in) has its tags dropped
    and its entities decoded; a text title is already decoded and must not be decoded again."""
    title = entry.get("title", "")
    if entry.get("title_detail", {}).get("type") in _HTML_TYPES:
        title = html_to_text(title)
    return without_site_name(" ".join(title.split()), source, urlsplit(link).hostname)


def _source(entry, channel) -> str:
    """The site the entry comes from: the one its own <source> names (an aggregator's feed
    gathers many), else the feed's title without a tagline or section ("Site - Business")."""
    return site_name_alone(entry.get("source", {}).get("title") or channel.get("title", ""))


def _feed_address(channel) -> str:
    """The address an entry's relative link is read against: the feed's own (its rel="self"
    link), as a feed reader resolves it, else the site's."""
    links = channel.get("links", [])
    own = next((link.get("href") for link in links if link.get("rel") == "self"), None)
    return own or channel.get("link", "")


def _section(entry) -> str:
    """The entry's first category, by its label (Atom's readable name) or else its term."""
    tags = entry.get("tags", [])
    return (tags[0].get("label") or tags[0].get("term") or "") if tags else ""


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
        raise NotAnArticle(
            "feed entry has no text of its own (only a title, links or media) and links to no "
            "local page"
        )
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
        link = entry.get("link", "")
        page = _local_page(link, path.parent)
        if link and page is None:  # a relative link names a page on the feed's site
            link = urljoin(_feed_address(channel), link)
        source = _source(entry, channel)
        item = FeedEntry(
            origin_path=f"{path}#entry-{number}",
            title=_plain_title(entry, source, link),
            content_html=_content_html(entry),
            link=link,
            published_at=_moment(entry),
            authors=_author_names(entry),
            section=_section(entry)[:100],
            source=source[:200],
            language=(channel.get("language") or "")[:16],
        )
        if page is not None:
            yield Job(parse_feed_page, (item, str(page)), item.origin_path), len(data)
        else:
            yield Job(parse_feed_entry, (item,), item.origin_path), len(data)
