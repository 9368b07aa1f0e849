"""Web pages: the article's main text and its metadata, read by trafilatura.

Trafilatura is a maintained extractor that scores well on the Article Extraction Benchmark; it
drops navigation, adverts and comments, and reads the title, date, author, site name and
canonical URL from the page's metadata (JSON-LD, Open Graph, <meta>). It runs in `fast` mode
(no fallback extractors): on our sample of real pages it loses no accuracy and is a quarter
faster, which is what the import rate depends on.
"""

import datetime
import re
from collections.abc import Iterable
from itertools import islice
from pathlib import Path
from urllib.parse import unquote_plus, urlsplit, urlunsplit

import trafilatura
from lxml import etree
from lxml.html import tostring
from trafilatura.htmlprocessing import convert_to_html
from trafilatura.json_metadata import normalize_authors
from trafilatura.utils import load_html

from articles.extraction import lexicon

from .records import NotAnArticle, ParsedArticle, ParsedPerson, ParseError

# The date the page gives in its markup (metadata, structured data, <time>) or address,
# never a year guessed from the text: "between 2016 and 2020" is not a publication date.
# The page's metadata and JSON-LD are read before its address, which gives only the day:
# "/2024/03/05/story" would otherwise hide the "2024-03-05T14:30:00+01:00" the page states.
_DATE_PARAMS = {
    "original_date": True,
    "extensive_search": False,
    "deferred_url_extractor": True,
    "outputformat": "%Y-%m-%dT%H:%M:%S%z",
}
# A day in a page's address, written as htmldate finds it there: "/2024/03/05/", "2024-03-05".
_ADDRESS_DAY = re.compile(r"\D((?:19|20)\d\d)[/_-]([01]?\d)[/_-]([0-3]?\d)(?:\D|$)")
_LANG = re.compile(rb"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*)")
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
MAX_AUTHORS = 6

# Page types (og:type, or the schema.org @type trafilatura reads) that section fronts, tag,
# author and home pages declare. Article pages declare them too (a CMS default), so the type
# alone rejects nothing: it only sends the text to `_is_listing` for a second look.
_LISTING_PAGE_TYPES = frozenset(
    {"website", "webpage", "collectionpage", "searchresultspage", "blog", "profilepage", "profile"}
)
_HEADLINE_WORDS = 3  # a shorter link is a menu entry or a tag, not another story's headline
_CARD_EXTRA_WORDS = 15  # what a listing's card holds besides headline and teaser: date, byline
_CARD_DEPTH = 4  # how far above a teaser its card's headline link may sit

# Words of a journalist's job in a byline ("Jane Roe, Health Correspondent", "Staff reporter"):
# a part of the byline holding one names nobody; it describes the person named before it.
_BYLINE_ROLES = lexicon.word_set(
    """
    correspondent reporter editor writer journalist columnist contributor critic producer
    photographer presenter commentator analyst staff intern freelancer stringer desk team
    bureau newsroom
    """
)
# Wire-service credits: "Reporting by Jane Roe; Editing by John Doe" (an editor is no author).
_CREDIT = re.compile(r"(?:additional\s+)?(reporting|writing|editing)\s+by\s+", re.IGNORECASE)

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


def _same_words(a: str, b: str) -> bool:
    return a.split() == b.split() and bool(a.strip())


def _words(element) -> str:
    return " ".join("".join(element.itertext()).split())


def _page_language(data: bytes) -> str:
    match = _LANG.search(data[:8192])
    return match.group(1).decode("ascii").replace("_", "-")[:16] if match else ""


def _address_day(address: str | None) -> datetime.date | None:
    match = _ADDRESS_DAY.search(address or "")
    if match is None:
        return None
    try:
        return datetime.date(*map(int, match.groups()))
    except ValueError:  # "/2024/13/45/": digits, not a day
        return None


def _published_at(value: str | None, address: str | None) -> datetime.datetime | None:
    """The date htmldate read, unless it is more than a day from the day in the page's address.
    Metadata is read first because it gives the time of day; a date a day away is the same
    moment seen from another time zone, but one further off is not the publication (a
    modified date, a copyright year), and the address's day is the better guess."""
    try:
        moment = datetime.datetime.fromisoformat(value) if value else None
    except ValueError:
        moment = None
    if moment is not None and not moment.tzinfo:
        moment = moment.replace(tzinfo=datetime.UTC)
    day = _address_day(address)
    if day is not None and (moment is None or abs((moment.date() - day).days) > 1):
        return datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC)
    return moment


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


def _is_listing(data: bytes, blocks: list) -> bool:
    """Whether the extracted text is a list of other stories' headlines and teasers rather
    than prose: three or more of its blocks, and at least half, are found in the page as
    headline links or as text in a card beside one. The page is parsed again for this, which
    only pages declaring a listing type pay for."""
    tree = load_html(data)
    if tree is None:
        return False
    by_text = {}
    for element in tree.iter(etree.Element):  # a descendant comes later, so the deepest wins
        by_text[" ".join(element.text_content().split())] = element
    items = [item for block in blocks for item in (block if block.tag in ("ul", "ol") else [block])]
    in_cards = sum(_in_card(by_text[text]) for text in map(_words, items) if text in by_text)
    return in_cards >= 3 and 2 * in_cards >= len(items)


def _is_person_name(words: list[str]) -> bool:
    """Whether byline words name a person: two words or more, and, unless a known given name
    opens them ("Charlotte Church"), neither an organisation's name ("Associated Press", "The
    Lanternport Courier", "Reuters") nor a place's ("New York")."""
    lowered = [word.casefold() for word in words]
    if len(words) < 2:
        return False
    if lowered[0] in lexicon.GIVEN_NAME_GENDER:
        return True
    organisation = lowered[0] == "the" or any(
        word in lexicon.ORGANISATION_WORDS or words[i] in lexicon.WELL_KNOWN_ORGANISATIONS
        for i, word in enumerate(lowered)
    )
    return not organisation and not all(word in lexicon.PLACE_WORDS for word in lowered)


def _is_byline_role(word: str) -> bool:
    lowered = word.casefold()
    return lowered in _BYLINE_ROLES or lowered.removesuffix("s") in _BYLINE_ROLES


def byline_people(names: Iterable[str], sitename: str) -> tuple[ParsedPerson, ...]:
    """The people a byline names, with the job title written beside a name as its description.

    Trafilatura cuts a byline at commas, "and", "|" and the like and drops "By" and "in Kyiv"
    ("Jane Roe; Health Correspondent"), so a job title comes as a part of its own: it
    describes the person before it. A part naming the site, an organisation or a place, or a
    single word ("Reuters", "Kyiv"), is no person; a feed's names are cut the same way."""
    people: dict[str, str] = {}  # name: job title
    last = None
    for part in (normalize_authors(None, "; ".join(names)) or "").split("; "):
        credit = _CREDIT.match(part)
        if credit and credit.group(1).casefold() == "editing":
            last = None
            continue
        words = part[credit.end() if credit else 0 :].split()
        if not words or " ".join(words).casefold() == sitename.casefold():
            continue
        roles = [i for i, word in enumerate(words) if _is_byline_role(word)]
        if words[0].casefold() in lexicon.GIVEN_NAME_GENDER or not roles:
            name, role = words, []
        else:  # "Health Correspondent", or a title before the name: "Senior Reporter Jane Roe"
            name, role = words[roles[-1] + 1 :], words[: roles[-1] + 1]
        if _is_person_name(name):
            last = " ".join(name)
            people.setdefault(last, " ".join(role))
        elif role and not name and last is not None and not people[last]:
            people[last] = " ".join(role)
    return tuple(
        ParsedPerson(name=name, description=role)
        for name, role in islice(people.items(), MAX_AUTHORS)
    )


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
    document = trafilatura.bare_extraction(
        data,
        url=url or None,
        fast=True,
        with_metadata=True,
        include_formatting=True,
        include_comments=False,
        date_extraction_params=_DATE_PARAMS,
    )
    if document is None or document.body is None or not len(document.body):
        raise ParseError("no article text found in the HTML")
    title = " ".join((document.title or "").split())
    standfirst = " ".join((document.description or "").split())

    # The page repeats its title (and often its summary) as the first headings of the text;
    # the headline and standfirst fields hold those already.
    blocks = list(convert_to_html(document.body).find("body"))
    page_type = (document.pagetype or "").casefold()
    if page_type in _LISTING_PAGE_TYPES and _is_listing(data, blocks):
        raise NotAnArticle(f"a page listing other articles (page type {page_type})")
    while blocks and blocks[0].tag in _HEADINGS:
        heading = _words(blocks[0])
        if not title:
            title = heading
        elif not (_same_words(heading, title) or _same_words(heading, standfirst)):
            break
        blocks.pop(0)
    if blocks and _same_words(_words(blocks[0]), standfirst):
        standfirst = ""  # a meta description copied from the first paragraph
    body = "\n".join(tostring(block, encoding="unicode") for block in blocks)
    if not title:
        raise ParseError("no headline: the page has no title")
    if not body.strip():
        raise ParseError("no article text found in the HTML")
    sitename = document.sitename or document.hostname or ""
    categories = [c for c in (document.categories or []) if len(c) <= 100]
    return ParsedArticle(
        headline=title,
        standfirst=standfirst,
        body_html=body,
        origin_path=origin_path,
        published_at=_published_at(document.date, document.url) or captured_at,
        source=sitename[:200],
        source_url=http_url(url) or http_url(document.url),
        section=categories[0] if categories else "",
        language=_page_language(data),
        authors=byline_people([document.author or ""], sitename),
    )


def parse_html_file(path: str) -> ParsedArticle:
    return parse_html(Path(path).read_bytes(), origin_path=path)
