"""Web pages: the article's main text and its metadata, read by trafilatura.

Trafilatura is a maintained extractor that scores well on the Article Extraction Benchmark; it
drops navigation, adverts and comments, and reads the title, date, author, site name and
canonical URL from the page's metadata (JSON-LD, Open Graph, <meta>). It runs in `fast` mode
(no fallback extractors): on our sample of real pages it loses no accuracy and is a quarter
faster, which is what the import rate depends on.

Where news pages defeat its general rules, this module reads the page itself: a title that
also names the site or is its name alone, the site's name closing a <title> or stated in
microdata when no other is given, an <h1> other than the social title (`_only_headline`), a
canonical link written as a path, an author the page's JSON-LD gives as an organisation, a
live blog's authors in its JSON-LD (`_live_blog_authors`), the byline the page shows when its
metadata names no author or only the site or an organisation (`_shown_byline`), the story a
Next.js page whose text a script writes carries in its data
(`_scripted_blocks`), and whether the page lists other stories instead of telling one. What is
done to the page before trafilatura reads it is in `page_layout.py`; what of the text it gives
is no part of the story (bylines, standfirsts, date lines, labels, pleas, notices) in
`page_blocks.py`. When the page says it was published, to the time of day, is read in
`page_dates.py`; the agency or publisher a syndicated story comes from, in `syndication.py`,
which shares the page's parsed JSON-LD (`json_ld.py`) with this module. Bylines are read in
`bylines.py` and the site's own name in `sites.py`, which feeds share.
"""

import datetime
import re
from html import unescape
from itertools import islice
from pathlib import Path
from urllib.parse import unquote_plus, urljoin, urlsplit, urlunsplit

import trafilatura
from lxml import etree
from lxml.html import tostring
from trafilatura.htmlprocessing import convert_to_html
from trafilatura.utils import load_html

from .bylines import byline_people
from .json_ld import JsonLd
from .page_blocks import (
    HEADINGS,
    BlockTexts,
    is_set_as_standfirst,
    same_words,
    text_byline,
    text_standfirst,
    without_author_line,
    without_calls_to_action,
    without_date_lines,
    without_furniture,
    without_release_tail,
    without_repeated_quotes,
    without_summary_box,
    words,
)
from .page_dates import DATE_PARAMS, published_at, stated_day
from .page_layout import as_browsers_read, prepared_tree, scripted_story
from .records import NotAnArticle, ParsedArticle, ParsedPerson, ParseError
from .sites import (
    microdata_site_name,
    name_key,
    names_the_site,
    page_title,
    site_keys,
    site_name_alone,
    title_part,
    title_site_name,
    without_site_name,
)
from .syndication import syndicated_source

# The page's own address as its <head> writes it, read apart from trafilatura (`_page_address`).
_CANONICAL = re.compile(
    rb"""<link\b(?=[^>]*\brel\s*=\s*["']?canonical\b)[^>]*?\bhref\s*=\s*["']?([^"'\s<>]+)""",
    re.IGNORECASE,
)
_BASE = re.compile(rb"""<base\b[^>]*?\bhref\s*=\s*["']?([^"'\s<>]+)""", re.IGNORECASE)
_OG_URL = re.compile(
    rb"""<meta\b(?=[^>]*\bproperty\s*=\s*["']?og:url\b)[^>]*?\bcontent\s*=\s*["']?([^"'\s<>]+)""",
    re.IGNORECASE,
)
_LANG = re.compile(rb"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*)")
# The schema.org types of an author that is no person: a press release's company, a
# broadcaster that puts no names to its stories (`_organisation_authors`).
_ORGANISATION_TYPES = frozenset({"Corporation", "NGO", "Brand"})

# The elements that show a page's byline with its headline, as CMSs name them (`_shown_byline`):
# a link to the author's page (rel="author"), microdata's author, or a class naming an author
# or a byline ("author-name", "article-info__author", "byline__name"), but for a comment's or
# another story's ("comment-author", "related-links-author"), and an <address>, which HTML
# gives the article's author. They are looked for around the page's first <h1>, and a few
# short ones only are read: the element whole, where it names several people with their job
# titles ("By <a>Jane Roe</a>, Health Editor, and <a>John Doe</a>"), and otherwise what it
# holds up to its first closing tag: the name, or the label before it ("By").
_SHOWN_BYLINE = re.compile(
    rb"""<(a|span|div|p|strong|address|li)\b[^>]*?\b(?:rel|itemprop|class)\s*=\s*["']?"""
    rb"""(?:(?!comment|related|recent|card|teaser)[^"'>])*?(?:author|Author|byline|Byline)"""
    rb"""[^>]*>|<(address)\b[^>]*>"""
)
_SHOWN_BYLINE_TAGS = {
    tag: re.compile(rb"<(/?)" + tag + rb"\b")
    for tag in (b"a", b"span", b"div", b"p", b"strong", b"address", b"li")
}
_SHOWN_BYLINE_START = 300  # bytes of markup up to the element's first closing tag
_SHOWN_BYLINE_ELEMENT = 1500  # bytes of markup up to its own
_MARKUP = re.compile(rb"<[^>]*>")
_HEADLINE_ELEMENT = re.compile(rb"<h1[\s>]", re.IGNORECASE)
_ONLY_HEADLINE = re.compile(rb"<h1\b[^>]*>(.{1,1000}?)</h1", re.DOTALL)
_BYLINE_BEFORE_HEADLINE, _BYLINE_AFTER_HEADLINE = 3000, 6000  # bytes of markup around the <h1>
_SHOWN_BYLINES = 10
_SHOWN_BYLINE_WORDS = 12
_SHOWN_BYLINE_ELEMENT_WORDS = 30  # three names, each with a job title of a few words
_BLOCK_TAGS = frozenset({*HEADINGS, "ul", "ol", "blockquote", "p"})
_FIRST_WORDS = re.compile(r"\w[\w ]{15,30}(?= )")  # how the story opens, as its markup writes it


# Page types (og:type, or the schema.org @type trafilatura reads) that section fronts, tag,
# author and home pages declare. Article pages declare them too (a CMS default), so the type
# alone rejects nothing: it only sends the text to `_is_listing` for a second look, as does a
# page that states no type at all (many section fronts state none).
_LISTING_PAGE_TYPES = frozenset(
    {"website", "webpage", "collectionpage", "searchresultspage", "blog", "profilepage", "profile"}
)
_KICKER_BLOCKS, _KICKER_WORDS = 2, 6  # what may sit above a page's <h1>: "Lokales", "Opinion"
_HEADLINE_WORDS = 3  # a shorter link is a menu entry or a tag, not another story's headline
_CARD_EXTRA_WORDS = 15  # what a listing's card holds besides headline and teaser: date, byline
_CARD_DEPTH = 4  # how far above a teaser its card's headline link may sit
_FIRST_WORD = re.compile(r"\s*(\S+)")  # as str.split() reads it: both skip the same spaces


# Query parameters that say how a reader came to the page (campaign, click and mailing-list
# identifiers), never which page it is: without them a story has one address, whether it was
# reached from a feed, a newsletter or the site.
_TRACKING_PARAMETERS = frozenset(
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "igshid",
        "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id",
        "oly_enc_id", "vero_id", "ns_mchannel", "ns_source", "ns_campaign", "ns_linkname",
        "ns_fee", "cmp", "cmpid", "smid", "at_medium", "at_campaign", "xtor",
    }
)  # fmt: skip
_TRACKING_PREFIXES = ("utm_",)


def _organisation_authors(json_ld: JsonLd) -> list[str]:
    """The names of the authors the page's JSON-LD gives as organisations ("@type":
    "Organization", "NewsMediaOrganization", "Corporation"). Trafilatura reads an author's name
    whatever its type, and a company issuing a press release is no person, though its name may
    look like one ("Brightwater Energy")."""
    return _organisations_in(json_ld.values) if json_ld.names_organisations else []


def _metadata_authors(
    author: str, sitename: str, hostname: str, organisations: list[str]
) -> tuple[ParsedPerson, ...]:
    """The people the page's metadata names as its authors (trafilatura's author field), but
    for `organisations`, the authors its JSON-LD gives as organisations."""
    if not author:
        return ()
    return byline_people([author], sitename, hostname, organisations=organisations)


def _live_blog_authors(
    json_ld: JsonLd, sitename: str, hostname: str, organisations: list[str]
) -> tuple[ParsedPerson, ...]:
    """The people the page's JSON-LD gives as the authors of its live blog
    (`JsonLd.live_blog_authors`), for a page whose metadata, as trafilatura reads it, names no
    author: it reads a live blog's updates in its place, which often name none."""
    return byline_people(
        json_ld.live_blog_authors(), sitename, hostname, organisations=organisations
    )


def _markup_text(markup: bytes) -> str:
    """The text of a piece of the page's markup, spaced as `words` spaces an element's."""
    return " ".join(unescape(_MARKUP.sub(b" ", markup).decode("utf-8", "replace")).split())


def _shown_byline(
    data: bytes, story: str, sitename: str, hostname: str, organisations: list[str]
) -> tuple[ParsedPerson, ...]:
    """The people of the first byline the page shows with its headline (`_SHOWN_BYLINE`) that
    names any, for a page whose metadata names no author, or only the site or an organisation
    ("Courier Staff"): trafilatura takes that for the author, and looks no further. Only a
    byline before the `story`'s text is read, where the page shows the text after the <h1>:
    one after it is a comment's, another story's or in a note about the author."""
    headline = _HEADLINE_ELEMENT.search(data)
    if headline is None:
        return ()
    start = max(headline.start() - _BYLINE_BEFORE_HEADLINE, 0)
    end = headline.start() + _BYLINE_AFTER_HEADLINE
    if opening := _FIRST_WORDS.match(story):  # a byline after the story is a comment's, a card's
        found = data.find(opening.group().encode(), headline.end(), end)
        end = found if found > 0 else end
    for shown in islice(_SHOWN_BYLINE.finditer(data, start, end), _SHOWN_BYLINES):
        for text in _shown_byline_texts(data, shown):
            if people := byline_people([text], sitename, hostname, organisations=organisations):
                return people
    return ()


def _shown_byline_texts(data: bytes, shown: re.Match) -> list[str]:
    """The texts a byline element shows that are short enough to be a byline: the element's
    whole, then what it holds up to its first closing tag (a link's or a <span>'s, where the
    element holds more: its date, a share button)."""
    texts = []
    first_end = data.find(b"</", shown.end(), shown.end() + _SHOWN_BYLINE_START + 2)
    if first_end < 0:
        return texts
    depth, limit = 1, shown.end() + _SHOWN_BYLINE_ELEMENT
    tag = shown.group(1) or shown.group(2)
    for inner in _SHOWN_BYLINE_TAGS[tag].finditer(data, shown.end(), limit):
        depth += -1 if inner.group(1) else 1
        if not depth:
            text = _markup_text(data[shown.end() : inner.start()])
            if 0 < len(text.split()) <= _SHOWN_BYLINE_ELEMENT_WORDS:
                texts.append(text)
            break
    text = _markup_text(data[shown.end() : first_end])
    if 0 < len(text.split()) <= _SHOWN_BYLINE_WORDS and text not in texts:
        texts.append(text)
    return texts


def _scripted_blocks(data: bytes, blocks: list, texts: BlockTexts) -> list | None:
    """The blocks of the story a Next.js page carries in its data (`scripted_story`), when its
    text as trafilatura reads it is much shorter: a page whose story a script writes in the
    browser shows little else than its menu and footer. Trafilatura reads the story as it
    reads a page's. None for other pages."""
    if b"__NEXT_DATA__" not in data:
        return None
    story = scripted_story(data, sum(len(texts[block].split()) for block in blocks))
    if not story:
        return None
    document = trafilatura.bare_extraction(
        f"<html><body><article>{story}</article></body></html>",
        fast=True,
        include_formatting=True,
        include_comments=False,
    )
    if document is None or document.body is None:
        return None
    return _html_blocks(document.body)


def _html_blocks(body) -> list:
    """The blocks of trafilatura's text as HTML. It writes every list as a <ul>; a list the
    page numbers (a recipe's method, a ranking) stays an <ol>, whose order is its sense."""
    for numbered in body.iter("list"):
        if numbered.get("rend") == "ol":
            numbered.tag = "ol"
            del numbered.attrib["rend"]
    return [
        part for block in convert_to_html(body).find("body") for part in _paragraph_parts(block)
    ]


def _paragraph_parts(block) -> list:
    """A paragraph of trafilatura's text that holds headings or lists (`_BLOCK_TAGS`) as the
    blocks it holds, with its text around them as paragraphs: it makes one paragraph of a
    container whose first child is inline, as a live blog's header is ("<span>LIVE</span>",
    then its <h1> and key points), and the <h1> in it would stay unseen. Any other block as
    it stands."""
    if block.tag != "p" or not any(child.tag in _BLOCK_TAGS for child in block):
        return [block]
    parts, paragraph = [], etree.Element("p")
    paragraph.text = block.text
    for child in list(block):
        if child.tag not in _BLOCK_TAGS:
            paragraph.append(child)
            continue
        parts.extend(_unless_empty(paragraph))
        paragraph = etree.Element("p")
        paragraph.text, child.tail = child.tail, None
        parts.append(child)
    parts.extend(_unless_empty(paragraph))
    return parts


def _unless_empty(paragraph) -> list:
    """[`paragraph`], or [] when it holds neither text nor elements."""
    return [paragraph] if len(paragraph) or (paragraph.text or "").strip() else []


def _organisations_in(value) -> list[str]:
    """The names of the organisations given as "author" anywhere in a JSON-LD value."""
    if isinstance(value, list):
        return [name for item in value for name in _organisations_in(item)]
    if not isinstance(value, dict):
        return []
    names = []
    authors = value.get("author")
    for author in authors if isinstance(authors, list) else [authors]:
        if isinstance(author, dict) and isinstance(author.get("name"), str):
            types = author.get("@type")
            types = types if isinstance(types, list) else [types]
            if any(_is_organisation_type(kind) for kind in types):
                names.append(author["name"])
    for key, item in value.items():
        if key != "author" and isinstance(item, list | dict):
            names.extend(_organisations_in(item))
    return names


def _is_organisation_type(kind) -> bool:
    return isinstance(kind, str) and (kind.endswith("Organization") or kind in _ORGANISATION_TYPES)


def _page_language(data: bytes) -> str:
    match = _LANG.search(data[:8192])
    return match.group(1).decode("ascii").replace("_", "-")[:16] if match else ""


def _absolute(match: re.Match | None) -> str:
    value = unescape(match.group(1).decode("utf-8", errors="replace")) if match else ""
    parts = urlsplit(value)
    return value if parts.scheme in {"http", "https"} and parts.netloc else ""


def _page_address(data: bytes, found: str | None) -> str:
    """The page's address: trafilatura's, unless it built it from a canonical link written as
    a path ("/news/story") and the host of the first og: or twitter: address in the page,
    which is often an image's on another host (a CDN). Such a path is read against the page's
    <base> or og:url instead, and without either the page has no known address."""
    canonical = _CANONICAL.search(data)
    if canonical is None or not found or _absolute(_OG_URL.search(data)):
        return found or ""
    path = unescape(canonical.group(1).decode("utf-8", errors="replace"))
    if urlsplit(path).netloc or urlsplit(path).scheme:
        return found  # an absolute address, read as it stands
    if base := _absolute(_BASE.search(data)):
        return urljoin(base, path)
    return "" if urlsplit(found).path.endswith(urlsplit(path).path) else found


def _is_headline_link(element) -> bool:
    return element.tag == "a" and len(element.text_content().split()) >= _HEADLINE_WORDS


def _in_card(element) -> bool:
    """Whether a block of the page is a headline link or sits in a small "card" beside one,
    as a teaser does on a section page. An article's paragraph sits among other paragraphs:
    going up from it, the text grows before any headline link outside it is reached."""
    if _is_headline_link(element):
        return True
    own_links = set(element.iter("a"))
    own_words = len(element.text_content().split())
    for ancestor in islice(element.iterancestors(), _CARD_DEPTH):
        if _is_headline_link(ancestor):
            return True  # a card that is all one link, teaser included
        extra_words = len(ancestor.text_content().split()) - own_words
        headlines = [
            link for link in ancestor.iter("a") if link not in own_links and _is_headline_link(link)
        ]
        if headlines:
            headline_words = len(headlines[0].text_content().split())
            return extra_words - headline_words <= _CARD_EXTRA_WORDS
        if extra_words > _CARD_EXTRA_WORDS:
            return False
    return False


def _is_listing(page: str | bytes, blocks: list) -> bool:
    """Whether the extracted text is a list of other stories' headlines and teasers rather
    than prose: three or more of its blocks, and at least half, are found in the page as
    headline links or as text in a card beside one. The page is parsed again for this, which
    only pages declaring a listing type pay for."""
    tree = load_html(page)
    if tree is None:
        return False
    items = [item for block in blocks for item in (block if block.tag in ("ul", "ol") else [block])]
    item_texts = [words(item) for item in items]
    # An element's text is spaced out as `words` does only when its first word opens one of
    # the items: the page's containers each hold much of its text, and spacing out all of
    # them would cost more than the rest of this test.
    first_words = {text.partition(" ")[0] for text in item_texts}
    by_text = {}
    for element in tree.iter(etree.Element):  # a descendant comes later, so the deepest wins
        content = element.text_content()
        first_word = _FIRST_WORD.match(content)
        if (first_word.group(1) if first_word else "") in first_words:
            by_text[" ".join(content.split())] = element
    in_cards = sum(_in_card(by_text[text]) for text in item_texts if text in by_text)
    return in_cards >= 3 and 2 * in_cards >= len(items)


def _page_headline(blocks: list, texts: BlockTexts, title: str) -> str:
    """The headline the page shows its readers: an <h1> opening the text, or following a
    kicker of a few words ("Lokales", "Immunology"), which goes with it. The metadata's title
    is often another, written for search engines and social media ("You won't believe what
    was found under this hall"), and left in place the <h1> would open the body. The kicker
    and the <h1> are taken off `blocks`."""
    opening = blocks[: _KICKER_BLOCKS + 1]
    lead = next((i for i, block in enumerate(opening) if block.tag == "h1"), None)
    if lead is None or any(len(texts[b].split()) > _KICKER_WORDS for b in blocks[:lead]):
        return title
    heading = texts[blocks[lead]]
    if len(heading.split()) < _HEADLINE_WORDS and not same_words(heading, title):
        return title  # a site's or section's name set as the page's <h1>
    del blocks[: lead + 1]
    return heading


def _only_headline(data: bytes, blocks: list, title: str, sitename: str, hostname: str) -> str:
    """The text of the page's only <h1> (`_ONLY_HEADLINE`) when trafilatura's text leaves it
    out (`_page_headline` reads one the text opens with, and leaves one it does not), over a
    title the metadata gives otherwise: the headline the page shows its readers, where the
    metadata's may be written for social media or in another language (an Arabic page's
    English og:title). Not a short <h1> (a logo, a section's name) nor one opening with the
    site's name (the site's name and its tagline). A title that is the site's name
    (trafilatura takes a page's only <h1> for the title when its metadata gives none, and the
    site's name may be it, in the footer) gives way to the headline its <title> gives beside
    the site's name."""
    keys = site_keys(sitename, hostname)
    if (
        not any(block.tag == "h1" for block in blocks)
        and (shown := _ONLY_HEADLINE.search(data))
        and data.find(b"<h1", shown.end()) < 0
    ):
        heading = _markup_text(shown.group(1))
        if len(heading.split()) >= _HEADLINE_WORDS and not name_key(heading).startswith(
            tuple(keys)
        ):
            return heading
    if name_key(title) in keys:
        headline = without_site_name(page_title(data), sitename, hostname)
        return headline if name_key(headline) not in keys else title
    return title


def _title_part_heading(blocks: list, texts: BlockTexts, title: str, data: bytes) -> str:
    """The part of the page's <title> that the text opens with as a line of its own (an old
    CMS's headline in bold), which leaves the text: the rest of the <title> names the site
    ("Valley Herald - Farmers protest new water charges"), and trafilatura, splitting it,
    may take the site's name for the title. Otherwise `title`."""
    if len(blocks) < 2:
        return title
    part = title_part(page_title(data), texts[blocks[0]])
    if len(part.split()) < _HEADLINE_WORDS:
        return title
    del blocks[0]
    return part


def _is_tracking(parameter: str) -> bool:
    name = unquote_plus(parameter.partition("=")[0]).casefold()
    return name in _TRACKING_PARAMETERS or name.startswith(_TRACKING_PREFIXES)


def http_url(value: str | None) -> str:
    """`value` when it is an absolute http(s) address (what Article.source_url accepts), as the
    article's address: without tracking parameters and fragment, so the same story linked from
    a feed and read from its page is one article. Other parameters stay, untouched and in
    order: "?id=123" is how many sites tell their articles apart."""
    if not value:
        return ""
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        return ""
    query = "&".join(p for p in parts.query.split("&") if p and not _is_tracking(p))
    return urlunsplit(parts._replace(query=query, fragment=""))


def parse_html(
    data: bytes,
    *,
    origin_path: str,
    url: str = "",
    captured_at: datetime.datetime | None = None,
) -> ParsedArticle:
    """Read one page. `url` and `captured_at` come from an archive record (WARC) and win over
    what the page says about itself; the capture date is used when the page gives no date."""
    if not data.strip():
        raise ParseError("empty file")
    data, page = as_browsers_read(data)
    document = trafilatura.bare_extraction(
        prepared_tree(data, page),
        url=url or None,
        fast=True,
        with_metadata=True,
        include_formatting=True,
        include_comments=False,
        date_extraction_params=DATE_PARAMS,
    )
    if document is None or document.body is None or not len(document.body):
        raise ParseError("no article text found in the HTML")
    address = _page_address(data, document.url)
    # The address's host in full: trafilatura's hostname is the registered domain alone
    # ("example.org" of "courier.example.org"), which names the site less often.
    sitename = document.sitename or ""
    hostname = (urlsplit(address).hostname or "").removeprefix("www.")
    if address != document.url:  # trafilatura named the site after a host it guessed
        guessed = (urlsplit(document.url).hostname or "").removeprefix("www.")
        sitename = hostname if sitename.removeprefix("www.") == guessed else sitename
    if hostname and sitename.removeprefix("www.") in ("", hostname):  # no name but the address
        sitename = microdata_site_name(data) or title_site_name(data, hostname) or sitename
    title = without_site_name(" ".join((document.title or "").split()), sitename, hostname)
    sitename = site_name_alone(sitename) or hostname
    standfirst = " ".join((document.description or "").split())

    # The page repeats its title (and often its summary) as the first headings of the text;
    # the headline and standfirst fields hold those already.
    blocks = _html_blocks(document.body)
    page_type = (document.pagetype or "").casefold()
    if (not page_type or page_type in _LISTING_PAGE_TYPES) and _is_listing(page, blocks):
        raise NotAnArticle(f"a page listing other articles (page type {page_type or 'unstated'})")
    texts = BlockTexts()
    blocks = _scripted_blocks(data, blocks, texts) or blocks
    title = _title_part_heading(blocks, texts, _page_headline(blocks, texts, title), data)
    title = _only_headline(data, blocks, title, sitename, hostname)
    byline = text_byline(blocks, texts, sitename, hostname)
    shown_standfirst = ""
    while blocks and blocks[0].tag in HEADINGS:
        heading = texts[blocks[0]]
        if not title:
            title = heading
        elif not shown_standfirst and is_set_as_standfirst(data, heading, heading=True):
            shown_standfirst = heading
        elif not (same_words(heading, title) or same_words(heading, standfirst)):
            break
        blocks.pop(0)
    without_summary_box(blocks, texts)
    standfirst = shown_standfirst or text_standfirst(blocks, texts) or standfirst
    date_line = without_date_lines(blocks, texts, standfirst)
    blocks = without_furniture(blocks, texts)
    without_repeated_quotes(blocks, texts)
    without_release_tail(blocks, texts)
    json_ld = JsonLd(data)
    organisations = _organisation_authors(json_ld)
    authors = (
        _metadata_authors(document.author or "", sitename, hostname, organisations)
        or byline.people
        or (
            _live_blog_authors(json_ld, sitename, hostname, organisations)
            if not document.author
            else ()
        )
        or _shown_byline(
            data, texts[blocks[0]] if blocks else "", sitename, hostname, organisations
        )
    )
    author_names = tuple(person.name for person in authors)
    without_author_line(blocks, texts, author_names)
    without_calls_to_action(blocks, texts, author_names)
    if blocks and same_words(texts[blocks[0]], standfirst):
        # The standfirst the page sets under its headline, in a paragraph whose class
        # trafilatura dropped, or else a meta description copied from the first paragraph.
        if (
            len(blocks) > 1
            and blocks[0].tag == "p"
            and is_set_as_standfirst(data, standfirst, heading=False)
        ):
            del blocks[0]
        else:
            standfirst = ""
    body = "\n".join(tostring(block, encoding="unicode") for block in blocks)
    if not title:
        raise ParseError("no headline: the page has no title")
    if not body.strip():
        raise ParseError("no article text found in the HTML")
    categories = [c for c in (document.categories or []) if len(c) <= 100]
    byline_texts = (document.author or "", byline.names)
    syndicated = syndicated_source(
        data, json_ld, byline_texts, authors, organisations, blocks, texts, sitename, hostname
    )
    if syndicated and not names_the_site(syndicated, sitename, hostname):
        sitename = syndicated
    return ParsedArticle(
        headline=title,
        standfirst=standfirst,
        body_html=body,
        origin_path=origin_path,
        published_at=(
            published_at(document.date, document.url, data, (date_line, byline.dated))
            or stated_day(byline.dated)
            or captured_at
        ),
        source=sitename[:200],
        source_url=http_url(url) or http_url(address),
        section=categories[0] if categories else "",
        language=_page_language(data),
        authors=authors,
    )


def parse_html_file(path: str) -> ParsedArticle:
    return parse_html(Path(path).read_bytes(), origin_path=path)
