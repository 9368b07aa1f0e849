"""RSS and Atom feeds, read by feedparser.

Each entry becomes an article. Its text is the entry's own content (or summary); when the
entry links to a page saved next to the feed (a relative link or a file: URL inside the feed's
folder), that page is read instead, since a feed usually carries only a teaser. Links outside
the feed's folder are never followed: a feed must not be able to import arbitrary local files.
An entry with no text of its own and no local page (a podcast episode, a title alone, an
aggregator's list of links) is no article and is skipped, and so is one with no title (a
micro-blog's status post) and a podcast or video episode whose text is its show notes.

An entry's text is read as its site shows it: links relative to the entry's page point at
that site, and the widgets a newsletter platform puts in every post (Substack's subscribe
form, share buttons) and the line a blog platform ends it with ("The post ... appeared first
on ...") are dropped. A feed cut short (a download that stopped) is reported with the entry
it stops in, after the entries before it.
"""

import calendar
import datetime
import re
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import feedparser
from feedparser.urls import resolve_relative_uris
from lxml import etree
from lxml import html as lxml_html

from articles.text import CleanHTML, count_words, html_to_text, text_blocks_html

from .bylines import byline_people
from .html import http_url, parse_html_file
from .records import NotAnArticle, ParsedArticle, ParseError
from .runner import Job
from .sites import site_name_alone, without_site_name

_HTML_TYPES = {"text/html", "application/xhtml+xml"}
# A start, end or comment tag: what makes an HTML value more than text.
_HTML_TAG = re.compile(r"<(?:/?[A-Za-z]|!)[^>]*>")
_BLANK_LINE = re.compile(r"\n\s*\n")
# The line blog platforms end every feed entry with, which belongs to the feed, not to the
# story: WordPress's (through its SEO plugins' default) "The post <a>Headline</a> appeared first
# on <a>Site</a>.", and Medium's "<a>Headline</a> was originally published in <a>Publication</a>
# on Medium, where people are continuing the conversation by highlighting and responding to
# this story." after a rule.
_FEED_FOOTER = re.compile(
    r"(?:<hr\b[^>]*>\s*)?<p>\s*(?:The post\b(?:(?!</?p\b).)*\bappeared first on\b"
    r"|(?:(?!</?p\b).)*\bwhere people are continuing the conversation\b)"
    r"(?:(?!</?p\b).)*</p>\s*\Z",
    re.DOTALL | re.IGNORECASE,
)
# An address in a link or an image that names no scheme: relative to the page it was on.
_RELATIVE_ADDRESS = re.compile(
    r"""\b(?:href|src)\s*=\s*["']?(?![a-z][a-z0-9+.-]*:)""", re.IGNORECASE
)
# What newsletter platforms put in every post's HTML: a form (Substack's "Subscribe", with the
# plea set beside it) and links set as buttons ("Share", "Leave a comment"). A block holding
# one and no more words than such a plea or a button's label is the platform's, not the story's.
_WIDGET_MARKUP = re.compile(r"<form\b|\bclass\s*=\s*[\"'][^\"']*\bbutton\b", re.IGNORECASE)
_WIDGET_BLOCK_TAGS = frozenset({"div", "p", "section", "aside", "figure"})
_FORM_PLEA_WORDS = 40
_BUTTON_WORDS = 4
# A podcast or video episode's show notes, however many links they hold, are no article; a
# transcript or a story told around a video is longer.
_EPISODE_TYPES = ("audio/", "video/")
_SHOW_NOTES_WORDS = 150
# How an RSS or Atom document and its entries end: missing when a download stopped short. Read
# with NUL bytes removed, so a UTF-16 feed's markup reads as ASCII.
_DOCUMENT_END = re.compile(
    rb"</(?:[\w.-]+:)?(?:rss|feed|rdf)\s*>\s*(?:<!--.*?-->\s*)*\Z", re.IGNORECASE | re.DOTALL
)
_ENTRY_END = re.compile(rb"</(?:[\w.-]+:)?(?:item|entry)\s*>", re.IGNORECASE)
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
    episode_type: str = ""  # an audio or video enclosure's MIME type: a podcast's episode


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


def _without_widgets(html: str) -> str:
    """The HTML without a newsletter platform's widgets: the block holding a form with its
    plea ("Thanks for reading! Subscribe for free ..."), and a link set as a button ("Share")
    with the block it stands alone in."""
    # Parsed as a page's body: a fragment parser refuses content holding <body> tags of its
    # own, which broken feeds carry.
    root = lxml_html.document_fromstring(f"<html><body>{html}</body></html>").body
    widgets = [*root.iter("form")]
    widgets += [
        link
        for link in root.iter("a")
        if "button" in (link.get("class") or "").split()
        and len(link.text_content().split()) <= _BUTTON_WORDS
    ]
    for widget in widgets:
        if root not in widget.iterancestors():
            continue  # inside a widget dropped already
        limit = _FORM_PLEA_WORDS if widget.tag == "form" else _BUTTON_WORDS
        block = widget
        while (
            (parent := block.getparent()) is not root
            and parent.tag in _WIDGET_BLOCK_TAGS
            and len(parent.text_content().split()) <= limit
        ):
            block = parent
        block.drop_tree()
    return (root.text or "") + "".join(
        etree.tostring(child, encoding="unicode", method="html") for child in root
    )


def _content_html(entry, address: str) -> str:
    """The entry's text as HTML: its first content, else its summary; "" when neither holds
    text of its own (a list of links to other stories is none). Relative addresses in it are
    read against `address`, the page the entry's text is on."""
    for item in [*entry.get("content", []), entry.get("summary_detail")]:
        if not item or not item.get("value", "").strip():
            continue
        value = item["value"]
        if item.get("type") not in _HTML_TYPES:
            return _paragraphs_html(value)
        if _HTML_TAG.search(value):
            if _only_links(value):
                continue
            if _WIDGET_MARKUP.search(value):
                value = _without_widgets(value)
            if address and _RELATIVE_ADDRESS.search(value):
                value = resolve_relative_uris(value, address, "utf-8", "text/html")
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


def _episode_type(entry) -> str:
    """The MIME type of the entry's audio or video enclosure, or "": what makes it a podcast's
    or a video channel's episode."""
    for media in [*entry.get("enclosures", []), *entry.get("media_content", [])]:
        kind = (media.get("type") or "").lower()
        if kind.startswith(_EPISODE_TYPES):
            return kind
    return ""


def parse_feed_entry(entry: FeedEntry) -> ParsedArticle:
    if not entry.title:
        raise NotAnArticle("feed entry has no title: a status post, not an article")
    if not entry.content_html.strip():
        raise NotAnArticle(
            "feed entry has no text of its own (only a title, links or media) and links to no "
            "local page"
        )
    if entry.episode_type:
        words = count_words(html_to_text(entry.content_html))
        if words < _SHOW_NOTES_WORDS:
            raise NotAnArticle(
                f"feed entry is an episode ({entry.episode_type}) whose text is {words} words "
                "of show notes, not an article"
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


def _cut_short(data: bytes, feed) -> tuple[str, int]:
    """Why a feed that does not end as a feed does is incomplete ("" for a whole one), and how
    many of its entries were read whole: an entry whose end is missing is the one the download
    stopped in."""
    entries = len(feed.entries)
    if not feed.bozo or _DOCUMENT_END.search(data[-4096:].replace(b"\x00", b"")):
        return "", entries
    if len(_ENTRY_END.findall(data.replace(b"\x00", b""))) < entries:
        title = " ".join(feed.entries[-1].get("title", "").split())
        reason = (
            f"feed cut short: it ends inside entry {entries} ({title!r}), which is not "
            f"imported; the {entries - 1} entries before it were read"
        )
        return reason, entries - 1
    return f"feed cut short after its entry {entries}: the entries after it are missing", entries


def iter_feed_jobs(path: Path):
    """(job, bytes read) per entry. A feed is small, so it is parsed whole here in the main
    process; the entries' text work runs in the workers. A feed cut short raises ParseError
    after the entries read whole."""
    data = path.read_bytes()
    feed = feedparser.parse(data)
    if not feed.entries:
        reason = feed.get("bozo_exception") or "no entries"
        raise ParseError(f"not a readable RSS or Atom feed: {reason}")
    channel = feed.feed
    cut_short, whole = _cut_short(data, feed)
    for number, entry in enumerate(feed.entries[:whole], start=1):
        link = entry.get("link", "")
        page = _local_page(link, path.parent)
        if link and page is None:  # a relative link names a page on the feed's site
            link = urljoin(_feed_address(channel), link)
        source = _source(entry, channel)
        item = FeedEntry(
            origin_path=f"{path}#entry-{number}",
            title=_plain_title(entry, source, link),
            content_html=_content_html(entry, http_url(link) or _feed_address(channel)),
            link=link,
            published_at=_moment(entry),
            authors=_author_names(entry),
            section=_section(entry)[:100],
            source=source[:200],
            language=(channel.get("language") or "")[:16],
            episode_type=_episode_type(entry),
        )
        if page is not None:
            yield Job(parse_feed_page, (item, str(page)), item.origin_path), len(data)
        else:
            yield Job(parse_feed_entry, (item,), item.origin_path), len(data)
    if cut_short:
        raise ParseError(cut_short)
