"""Web pages: the article's main text and its metadata, read by trafilatura.

Trafilatura is a maintained extractor that scores well on the Article Extraction Benchmark; it
drops navigation, adverts and comments, and reads the title, date, author, site name and
canonical URL from the page's metadata (JSON-LD, Open Graph, <meta>). It runs in `fast` mode
(no fallback extractors): on our sample of real pages it loses no accuracy and is a quarter
faster, which is what the import rate depends on.

Where news pages defeat its general rules, this module reads the page itself: the time of day
of a publication day, from its markup or the date line it shows (`_published_at`), a title
that also names the site or is its name alone, the site's name closing a <title> or stated in
microdata when no other is given, an <h1> other than the social title (`_only_headline`), a
canonical link written as a path, an author the page's JSON-LD gives as an organisation, the
byline the page shows when its metadata names only the site or an organisation
(`_shown_byline`), the agency or publisher a syndicated story comes from
(`_syndicated_source`), the story a Next.js page whose text a script writes carries in its
data (`_scripted_blocks`), and whether the page lists other stories instead of telling one. What
is done to the page before trafilatura reads it is in `page_layout.py`; what of the text it
gives is no part of the story (bylines, standfirsts, date lines, labels, pleas, notices) in
`page_blocks.py`. Bylines are read in `bylines.py` and the site's own name in `sites.py`,
which feeds share.
"""

import datetime
import json
import re
from email.utils import parsedate_to_datetime
from functools import cached_property
from html import unescape
from itertools import islice
from pathlib import Path
from urllib.parse import unquote_plus, urljoin, urlsplit, urlunsplit

import trafilatura
from htmldate.extractors import try_date_expr
from lxml import etree
from lxml.html import tostring
from trafilatura.htmlprocessing import convert_to_html
from trafilatura.utils import load_html

from .bylines import byline_people
from .page_blocks import (
    HEADINGS,
    BlockTexts,
    is_set_as_standfirst,
    same_words,
    text_byline,
    text_standfirst,
    without_calls_to_action,
    without_date_lines,
    without_furniture,
    without_release_tail,
    without_repeated_quotes,
    without_summary_box,
    words,
)
from .page_layout import as_browsers_read, prepared_tree, scripted_story
from .records import NotAnArticle, ParsedArticle, ParsedPerson, ParseError
from .sites import (
    microdata_site_name,
    name_key,
    names_the_site,
    news_agency,
    page_title,
    site_keys,
    site_name_alone,
    title_part,
    title_site_name,
    without_site_name,
)

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
# Month names as addresses write them: "nov", "november" (and "sept").
_MONTHS = {
    name: number
    for number, month in enumerate(
        ("january", "february", "march", "april", "may", "june", "july", "august",
         "september", "october", "november", "december"),
        start=1,
    )
    for name in (month, month[:3])
} | {"sept": 9}  # fmt: skip
# A day in a page's address: "/2024/03/05/", "2024-03-05", or with the month's name, as
# "/2019/nov/18/" (htmldate reads only the digits, so such a day is read here alone).
_ADDRESS_DAY = re.compile(r"\D((?:19|20)\d\d)[/_-]([01]?\d|[A-Za-z]{3,9})[/_-]([0-3]?\d)(?:\D|$)")
# Where a page states its publication moment: the published-time <meta> tags and JSON-LD or
# microdata "datePublished" (a video's "uploadDate"), then <time datetime> elements, in the
# order of the page. htmldate reads the address's day before <time> elements and cannot read
# fractional seconds in a <meta> ("2019-11-18T18:54:53.000Z"), so a day it gives is completed
# with these.
_PUBLISHED_PROPERTY = (
    r"(?:article:published_time|og:published_time|datepublished|published_time|pubdate"
    r"|publishdate|publish[_-]date|dc\.date(?:\.issued)?|dcterms\.(?:created|issued))"
)
# Bytes and lower-case attribute names, as pages write them: a case-blind pattern over a
# whole page costs ten times as much.
_STATED_PUBLISHED = (
    re.compile(
        rb"""<meta\b(?=[^>]*\b(?:property|name|itemprop)\s*=\s*["']?(?i:"""
        + _PUBLISHED_PROPERTY.encode()
        + rb""")["'\s>])[^>]*?\bcontent\s*=\s*["']([^"'<>]{10,40})["']"""
    ),
    re.compile(rb""""(?:datePublished|uploadDate)"\s*:\s*"([^"<>]{10,40})["]"""),
    re.compile(
        rb"""itemprop\s*=\s*["']datePublished["'][^>]*?(?:\bdatetime\s*=\s*["']([^"'<>]{10,40})"""
        rb"""|>\s*(\d{4}-\d\d-\d\d[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)\s*<)"""
    ),
)
_TIME_OF_DAY = re.compile(r"\d[T ]\d\d:\d\d")
# A time of day as a page shows it to its readers, with the time zone that makes it a moment:
# "09:12 GMT", "9.14pm EST", "09:12 AM IST", "10:20 GMT+4" (`_shown_moment`). A time without a
# zone names no moment. A zone's letters name several in places ("IST", "CST"): the one
# English-language news sites mean by them.
_SHOWN_TIME = re.compile(
    r"\b(\d{1,2})[:.](\d\d)(?:\s*([AaPp])\.?[Mm]\.?)?\s*"
    r"(?:(?:GMT|UTC)\s*([+-])(\d{1,2})(?::?(\d\d))?|\(?([A-Z]{2,4})\)?)(?![\w+-])"
)
_TIME_ZONES = {
    "GMT": 0, "UTC": 0, "BST": 60, "WET": 0, "WEST": 60, "CET": 60, "CEST": 120, "EET": 120,
    "EEST": 180, "WAT": 60, "CAT": 120, "SAST": 120, "EAT": 180, "IST": 330, "PKT": 300,
    "SGT": 480, "HKT": 480, "JST": 540, "KST": 540, "AWST": 480, "ACST": 570, "ACDT": 630,
    "AEST": 600, "AEDT": 660, "NZST": 720, "NZDT": 780, "EST": -300, "EDT": -240, "CST": -360,
    "CDT": -300, "MST": -420, "MDT": -360, "PST": -480, "PDT": -420,
}  # fmt: skip
_UPDATED = re.compile(r"\W*(?:last\s+)?(?:updated|modified)\b", re.IGNORECASE)
# React writes the attribute "dateTime" (JSX's name for it), which HTML reads as "datetime".
_STATED_TIME = re.compile(
    rb"""<time\b(?![^>]*(?:modif|updat))[^>]*?\bdate[tT]ime\s*=\s*["']([^"'<>]{10,40})["']"""
)
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
# The page's JSON-LD, and the schema.org types of an author that is no person: a press
# release's company, a broadcaster that puts no names to its stories (`_organisation_authors`).
_JSON_LD = re.compile(
    rb"""<script\b[^>]*?\btype\s*=\s*["']?application/ld\+json[^>]*>(.*?)</script""", re.DOTALL
)
_ORGANISATION_TYPES = frozenset({"Corporation", "NGO", "Brand"})

# What says a story is a news agency's, published as the agency wrote it (`_syndicated_source`):
# the organisation the page's JSON-LD names as the article's provider or source, the dateline
# opening the story ("ZAGREB, Croatia (AP) —", "(Reuters) -", "Mumbai, Mar 14 (PTI)"), a
# byline's last part ("Sam Lee, PA"), and a credit closing it ("— AFP", "(NAN)").
_PROVIDER_KEYS = ("provider", "sourceOrganization")
_ARTICLE_TYPE_ENDINGS = ("Article", "Posting")  # "NewsArticle", "BlogPosting": not a video's
_DATELINE = re.compile(r"([^\W\d_][^()]{0,60}?)?\s*\(([^()]{2,40})\)\s*([-–—]?)")
# The day a dateline may state after its place, as Indian and African agencies write it, with
# no dash after the agency's name: "Mumbai, Mar 14 (PTI) The Reserve Bank ...", "Abuja, March
# 14, 2024 (NAN) The ..." (`_is_dateline`).
_DATELINE_DAY = re.compile(
    r",\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?|\d{1,2}\s+[A-Z][a-z]{2,8}\.?(?:,?\s*\d{4})?)$"
)
# A credit naming the agency, as a line of its own among the last of the text: "— AFP",
# "(NAN)", "Source: NAN".
_AGENCY_CREDIT = re.compile(r"(?:[-–—]+|\(|(?i:source)\s*:)\s*([^.()]{2,40}?)\W*")
_AGENCY_CREDIT_BLOCKS = 3  # the credit, then an editor's name or a line about the story
_BYLINE_PARTS = re.compile(r"\s*[;,|]\s*")
_INITIALS_LENGTH = 2  # "AP", "PA", "CP": in a byline, an agency only after a person's name
# A line closing the text that says which publisher's story it is, republished as it came:
# "This article originally appeared in The Washington Post.", "This story was originally
# published by ProPublica", "This article is republished from The Conversation under a
# Creative Commons license.", "Republished with permission from CalMatters." The publisher's
# name is capitalised: "in the print edition" names none. A story "reprinted on Wired.com"
# went the other way.
_PUBLISHER_WORD = r"[A-Z][\w'’&.-]*"
_PUBLISHER = rf"(?:The\s+)?{_PUBLISHER_WORD}(?:(?:\s+(?:of|and|for|&|the))*\s+{_PUBLISHER_WORD})*"
_REPUBLISHED = re.compile(
    r"(?i:(?:a\s+version\s+of\s+)?this\s+(?:article|story|piece|report|column|essay|post)"
    r"\s+(?:was\s+|is\s+|has\s+been\s+)?)?(?i:(?:originally|first)\s+(?:appeared|published|ran)"
    r"\s+(?:in|on|by)|re(?:published|printed)\s+(?:with\s+permission\s+)?(?:from|of)|produced\s+by)"
    rf"\s+(?P<publisher>{_PUBLISHER})"
)
_REPUBLISHED_BLOCKS = 3  # the line, then a note about the author or a link to the original
_REPUBLISHED_WORDS = 30
_PUBLISHER_WORDS = 6
# What joins an agency to a reporter's name in a byline they share (`_is_shared_byline`).
_SHARED_BYLINE = rb"\s+(?:and|with|&|&amp;)\s+(?:the\s+)?"

# The elements that show a page's byline with its headline, as CMSs name them (`_shown_byline`):
# a link to the author's page (rel="author"), microdata's author, or a class naming an author
# or a byline ("author-name", "article-info__author", "byline__name"), but for a comment's or
# another story's ("comment-author", "related-links-author"), with what they hold up to the
# first closing tag: the name, or the label before it ("By"). They are looked for around the
# page's first <h1>, and a few short ones only are read.
_SHOWN_BYLINE = re.compile(
    rb"""<(?:a|span|div|p|strong|address|li)\b[^>]*?\b(?:rel|itemprop|class)\s*=\s*["']?"""
    rb"""(?:(?!comment|related|recent|card|teaser)[^"'>])*?(?:author|Author|byline|Byline)"""
    rb"""[^>]*>(.{0,300}?)</""",
    re.DOTALL,
)
_MARKUP = re.compile(rb"<[^>]*>")
_HEADLINE_ELEMENT = re.compile(rb"<h1[\s>]", re.IGNORECASE)
_ONLY_HEADLINE = re.compile(rb"<h1\b[^>]*>(.{1,1000}?)</h1", re.DOTALL)
_BYLINE_BEFORE_HEADLINE, _BYLINE_AFTER_HEADLINE = 3000, 6000  # bytes of markup around the <h1>
_SHOWN_BYLINES = 10
_SHOWN_BYLINE_WORDS = 12


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

_EARLIEST_DAY = datetime.datetime(1995, 1, 1)  # htmldate's: before it, a number is no date


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


class _JsonLd:
    """The page's JSON-LD, parsed when a rule first asks for it, and once: the authors it gives
    as organisations and the article's provider are read from it apart, and parsing it costs
    twice what reading the byline does. Both are organisations, which a page without one
    (`names_organisations`) spares the rules reading it."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.names_organisations = b"Organization" in data or b"Corporation" in data

    @cached_property
    def values(self) -> list:
        values = []
        for script in _JSON_LD.findall(self.data):
            try:
                values.append(json.loads(script.decode("utf-8", "replace"), strict=False))
            except ValueError:
                continue
        return values


def _organisation_authors(json_ld: _JsonLd) -> list[str]:
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


def _markup_text(markup: bytes) -> str:
    """The text of a piece of the page's markup, spaced as `words` spaces an element's."""
    return " ".join(unescape(_MARKUP.sub(b" ", markup).decode("utf-8", "replace")).split())


def _shown_byline(
    data: bytes, sitename: str, hostname: str, organisations: list[str]
) -> tuple[ParsedPerson, ...]:
    """The people of the first byline the page shows with its headline (`_SHOWN_BYLINE`) that
    names any, for a page whose metadata names only the site or an organisation ("Courier
    Staff"): trafilatura takes that for the author, and looks no further."""
    headline = _HEADLINE_ELEMENT.search(data)
    if headline is None:
        return ()
    start = max(headline.start() - _BYLINE_BEFORE_HEADLINE, 0)
    end = headline.start() + _BYLINE_AFTER_HEADLINE
    for shown in islice(_SHOWN_BYLINE.finditer(data, start, end), _SHOWN_BYLINES):
        text = _markup_text(shown.group(1))
        if 0 < len(text.split()) <= _SHOWN_BYLINE_WORDS and (
            people := byline_people([text], sitename, hostname, organisations=organisations)
        ):
            return people
    return ()


def _json_ld_provider(json_ld: _JsonLd) -> str:
    """The name of the organisation the page's JSON-LD gives as an article's provider or
    source (`_PROVIDER_KEYS`): the agency or publisher whose story a portal publishes."""
    return _provider_in(json_ld.values) if json_ld.names_organisations else ""


def _provider_in(value) -> str:
    if isinstance(value, list):
        return next(filter(None, map(_provider_in, value)), "")
    if not isinstance(value, dict):
        return ""
    types = value.get("@type")
    types = types if isinstance(types, list) else [types]
    if any(isinstance(kind, str) and kind.endswith(_ARTICLE_TYPE_ENDINGS) for kind in types):
        for key in _PROVIDER_KEYS:
            provider = value.get(key)
            name = provider.get("name") if isinstance(provider, dict) else provider
            if isinstance(name, str) and name.strip():
                return " ".join(name.split())
    return next(filter(None, map(_provider_in, value.values())), "")


def _is_dateline(dateline: re.Match) -> bool:
    """Whether what stands before the agency in brackets opening the text is a dateline: none
    or a place written in capitals, before a dash ("ZAGREB, Croatia (AP) —", "(Reuters) -"),
    or a place and a day (`_DATELINE_DAY`). A sentence may name anything in brackets ("The
    ferry (PA) — a name islanders gave it — ...")."""
    place, dash = dateline.group(1), dateline.group(3)
    if place is not None and _DATELINE_DAY.search(place):
        return True
    return bool(dash) and (place is None or place.split()[0].isupper())


def _byline_agency(byline: str, person_keys: set[str]) -> tuple[str, str]:
    """The news agency closing a byline, and its name as the byline writes it: its last part
    ("Sam Lee, PA", "Lena Hart | Reuters") or the words closing it after a name ("Marta Kovac
    Associated Press"). An agency's initials close a byline only after a person's name:
    "Harrisburg, PA" names a state. ("", "") for a byline closing with none."""
    parts = [part for part in _BYLINE_PARTS.split(byline.strip()) if part]
    if not parts:
        return "", ""
    last = parts[-1]
    if agency := news_agency(last):
        initials = len(name_key(last)) <= _INITIALS_LENGTH
        after_person = len(parts) > 1 and name_key(parts[-2]) in person_keys
        return (agency, last) if not initials or len(parts) == 1 or after_person else ("", "")
    words = last.split()
    for start in range(len(words) - 1, 0, -1):  # the shortest run of words closing the part
        closing = " ".join(words[start:])
        if len(name_key(closing)) > _INITIALS_LENGTH and (agency := news_agency(closing)):
            return agency, closing
    return "", ""


def _is_shared_byline(data: bytes, authors: tuple[ParsedPerson, ...], agency_name: str) -> bool:
    """Whether the page names the agency in a byline joined to an author's name ("Emma
    Kowalski and AAP", "MARIA DELGADO and THE ASSOCIATED PRESS"): the site's reporter wrote
    the story with the agency's material, and it is the site's. Trafilatura gives such a
    byline as two parts, as it does "Sam Lee, PA", the agency's own reporter."""
    for person in authors:
        shared = re.compile(
            re.escape(person.name.encode()) + _SHARED_BYLINE + re.escape(agency_name.encode()),
            re.IGNORECASE,
        )
        if shared.search(data):
            return True
    return False


def _syndicated_source(
    data: bytes,
    json_ld: _JsonLd,
    byline_texts: tuple[str, str],
    authors: tuple[ParsedPerson, ...],
    organisations: list[str],
    blocks: list,
    texts: BlockTexts,
    sitename: str,
    hostname: str,
) -> str:
    """The news agency or publisher whose story the page publishes as it came, when the page
    says so: its JSON-LD's provider (`_json_ld_provider`), a dateline naming the agency
    opening the story (`_is_dateline`), a byline closing with it (`_byline_agency`, of the
    metadata's author and the text's byline line) but for one the site's reporter shares with
    it (`_is_shared_byline`), an author the JSON-LD gives as the agency, a credit among the
    last lines of the text ("— AFP", "(NAN)"), or a line there naming the publisher it was
    republished from (`_republished_from`) when that is not the site itself. Or "". A portal
    republishing the story is no more its source than a newsstand is a paper's."""
    if provider := _json_ld_provider(json_ld):
        return news_agency(provider) or provider
    dateline = _DATELINE.match(texts[blocks[0]]) if blocks else None
    agency = news_agency(dateline.group(2)) if dateline else ""
    if agency and _is_dateline(dateline):
        return agency
    person_keys = {name_key(person.name) for person in authors}
    for byline in byline_texts:
        agency, agency_name = _byline_agency(byline, person_keys)
        if agency and not _is_shared_byline(data, authors, agency_name):
            return agency
    for name in organisations:
        if agency := news_agency(name):
            return agency
    for block in blocks[-_AGENCY_CREDIT_BLOCKS:]:
        if (credit := _AGENCY_CREDIT.fullmatch(texts[block])) and (
            agency := news_agency(credit.group(1))
        ):
            return agency
    for block in blocks[-_REPUBLISHED_BLOCKS:]:
        if (publisher := _republished_from(texts[block])) and not names_the_site(
            publisher, sitename, hostname
        ):
            return news_agency(publisher) or publisher
    return ""


def _republished_from(text: str) -> str:
    """The publisher a line closing the text says the story first appeared in or comes from
    (`_REPUBLISHED`), or ""."""
    republished = _REPUBLISHED.match(text)
    if republished is None or len(text.split()) > _REPUBLISHED_WORDS:
        return ""
    publisher = republished.group("publisher").rstrip(".")
    return publisher if len(publisher.split()) <= _PUBLISHER_WORDS else ""


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
    return list(convert_to_html(body).find("body"))


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


def _address_day(address: str | None) -> datetime.date | None:
    match = _ADDRESS_DAY.search(address or "")
    if match is None:
        return None
    year, month, day = match.groups()
    if not month.isdigit():
        month = _MONTHS.get(month.casefold())
        if month is None:  # "/2019/news/18/": a word, not a month
            return None
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:  # "/2024/13/45/": digits, not a day
        return None


def _moment(value: str | None) -> datetime.datetime | None:
    """An ISO 8601 date or moment, in UTC when it names no time zone."""
    try:
        moment = datetime.datetime.fromisoformat(value.strip()) if value else None
    except ValueError:
        return None
    if moment is not None and not moment.tzinfo:
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment


def _mail_moment(value: str) -> datetime.datetime | None:
    """A moment written as e-mail and RSS write them, which some JSON-LD copies: "19 Nov
    2019 07:09 GMT"; in UTC when it names no time zone."""
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


def _is_bare_day(value: str | None) -> bool:
    """Whether htmldate gave a day without a time: what it reads from an address or a date
    written without one, which it prints as midnight with no time zone."""
    return bool(value) and value.endswith("T00:00:00")


def _stated_moment(data: bytes, day: datetime.date) -> datetime.datetime | None:
    """The publication moment the page states in its markup for `day` (or the day either
    side: the same moment in another time zone), for its time of day."""
    published = sorted(
        (match for pattern in _STATED_PUBLISHED for match in pattern.finditer(data)),
        key=re.Match.start,
    )
    for match in [*published, *_STATED_TIME.finditer(data)]:
        value = next(group for group in match.groups() if group).decode("ascii", "replace")
        if not _TIME_OF_DAY.search(value):
            continue  # a day alone adds nothing to the day
        moment = _moment(value) or _mail_moment(value)
        if moment is not None and abs((moment.date() - day).days) <= 1:
            return moment
    return None


def _shown_moment(lines: tuple[str, ...], day: datetime.date) -> datetime.datetime | None:
    """The publication moment a line the page shows its readers states for `day` (its date
    line, its byline's date) with a time of day and a time zone (`_SHOWN_TIME`), or None. A
    line stating when the story was updated gives no publication time."""
    for line in lines:
        shown = _SHOWN_TIME.search(line) if line and not _UPDATED.match(line) else None
        if shown is None:
            continue
        hour, minute, half, sign, offset_hours, offset_minutes, zone = shown.groups()
        hour, minute = int(hour), int(minute)
        if half:
            hour = hour % 12 + (12 if half in "pP" else 0)
        if sign:
            offset = int(sign + "1") * (int(offset_hours) * 60 + int(offset_minutes or 0))
        else:
            offset = _TIME_ZONES.get(zone)
        stated = _stated_day(line)
        if offset is None or hour > 23 or minute > 59 or stated is None or stated.date() != day:
            continue
        zone = datetime.timezone(datetime.timedelta(minutes=offset))
        return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=zone)
    return None


def _published_at(
    value: str | None, address: str | None, data: bytes = b"", shown: tuple[str, ...] = ()
) -> datetime.datetime | None:
    """The date htmldate read, unless it is more than a day from the day in the page's address.
    Metadata is read first because it gives the time of day; a date a day away is the same
    moment seen from another time zone, but one further off is not the publication (a
    modified date, a copyright year), and the address's day is the better guess. A day
    without a time takes it from a moment the page states for that day in its markup
    (`_stated_moment`) or in the lines `shown` to its readers (`_shown_moment`)."""
    moment = _moment(value)
    day = _address_day(address)
    if day is not None and (moment is None or abs((moment.date() - day).days) > 1):
        return (
            _stated_moment(data, day)
            or _shown_moment(shown, day)
            or datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC)
        )
    if moment is not None and _is_bare_day(value):
        return _stated_moment(data, moment.date()) or _shown_moment(shown, moment.date()) or moment
    return moment


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


def _stated_day(text: str) -> datetime.datetime | None:
    """The day a line of the page states ("Posted: Tuesday, March 5, 2024 9:14 pm"), read as
    htmldate reads dates in markup, at midnight UTC."""
    if not text:
        return None
    day = try_date_expr(text, "%Y-%m-%d", False, _EARLIEST_DAY, datetime.datetime.now())
    return _moment(day)


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
        date_extraction_params=_DATE_PARAMS,
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
    json_ld = _JsonLd(data)
    organisations = _organisation_authors(json_ld)
    authors = (
        _metadata_authors(document.author or "", sitename, hostname, organisations)
        or byline.people
        or (_shown_byline(data, sitename, hostname, organisations) if document.author else ())
    )
    without_calls_to_action(blocks, texts, tuple(person.name for person in authors))
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
    syndicated = _syndicated_source(
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
            _published_at(document.date, document.url, data, (date_line, byline.dated))
            or _stated_day(byline.dated)
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
