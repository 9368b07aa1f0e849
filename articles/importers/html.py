"""Web pages: the article's main text and its metadata, read by trafilatura.

Trafilatura is a maintained extractor that scores well on the Article Extraction Benchmark; it
drops navigation, adverts and comments, and reads the title, date, author, site name and
canonical URL from the page's metadata (JSON-LD, Open Graph, <meta>). It runs in `fast` mode
(no fallback extractors): on our sample of real pages it loses no accuracy and is a quarter
faster, which is what the import rate depends on.

Where news pages defeat its general rules, this module reads the page itself: a page declared
in Latin-1 as browsers read it (`_as_browsers_read`), a live blog's entries side by side, the
time of day of a publication day (`_published_at`), a title that also names the site, the
site's name closing a <title> when no other is given, an <h1> other than the social title, a
canonical link written as a path, a byline set as the text's first line with the day it may
close with, a standfirst set under the headline (or a subtitle set as a heading), a line
stating the date, an author the page's JSON-LD gives as an organisation, and whether the page
lists other stories instead of telling one. A story split by an advert, a page laid out in a
<table> and a photo gallery's captions are made one text before trafilatura reads them
(`_prepared_tree`). The pleas to subscribe, sign in or comment that open or close a text (a
paywall's among them), the labels over links to other stories within it ("Read more: ...",
"Related topics"), a views disclaimer or copyright notice closing it, and a press release's
boilerplate and contacts are no part of the story; a correction or a credit is. Bylines are
read in `bylines.py` and the site's own name in `sites.py`, which feeds share.
"""

import datetime
import json
import re
from collections import Counter
from email.utils import parsedate_to_datetime
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

from articles.extraction import lexicon

from .bylines import byline_people
from .records import NotAnArticle, ParsedArticle, ParsedPerson, ParseError
from .sites import site_name_alone, title_site_name, without_site_name

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
# microdata "datePublished", then <time datetime> elements, in the order of the page. htmldate
# reads the address's day before <time> elements and cannot read fractional seconds in a
# <meta> ("2019-11-18T18:54:53.000Z"), so a day it gives is completed with these.
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
    re.compile(rb""""datePublished"\s*:\s*"([^"<>]{10,40})["]"""),
    re.compile(
        rb"""itemprop\s*=\s*["']datePublished["'][^>]*?(?:\bdatetime\s*=\s*["']([^"'<>]{10,40})"""
        rb"""|>\s*(\d{4}-\d\d-\d\d[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)\s*<)"""
    ),
)
_TIME_OF_DAY = re.compile(r"\d[T ]\d\d:\d\d")
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
# A class attribute as pages write it, and the classes that name a story's text in
# trafilatura's rules (its BODY_XPATH): "article-body", "entry-content", "post_content".
_CLASS = re.compile(rb"""class=["']([^"'<>]+)["']""")
_BODY_CLASS = re.compile(
    rb"article[-_]?(?:body|content|text)|articlebody|post[-_]?(?:body|content|text|entry)"
    rb"|postcontent|entry-content|story[-_]?body|body-?text|text-content|page-content|art-content",
    re.IGNORECASE,
)
_CONTAINERS_OF_CLASS = etree.XPath("//*[self::div or self::section or self::article][@class=$name]")
# The page's JSON-LD, and the schema.org types of an author that is no person: a press
# release's company, a broadcaster that puts no names to its stories (`_organisation_authors`).
_JSON_LD = re.compile(
    rb"""<script\b[^>]*?\btype\s*=\s*["']?application/ld\+json[^>]*>(.*?)</script""", re.DOTALL
)
_ORGANISATION_TYPES = frozenset({"Corporation", "NGO", "Brand"})
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_GALLERY_PICTURES = 3  # captioned pictures that may make a page a gallery
_PROSE_OUTSIDE_CAPTIONS = etree.XPath("//p[not(ancestor::figcaption)]//text()")
_PICTURE_COUNTER = re.compile(r"\d+\s*(?:of|/)\s*\d+")
_ENTRIES_WITHIN = 2  # how many <article>s side by side make a live blog's list of entries

# The character set a page declares in a <meta> ("<meta charset=...>", or http-equiv's
# "text/html; charset=...") and the labels of it that browsers read as windows-1252, as the
# WHATWG Encoding Standard has them do: pages declared in Latin-1 write curly quotes and
# dashes in bytes 0x80-0x9f, which Latin-1 reads as control characters (`_as_browsers_read`).
_DECLARED_CHARSET = re.compile(rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
_WINDOWS_1252_LABELS = frozenset(
    {
        "ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1",
        "iso-ir-100", "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1", "latin1",
        "latin-1", "us-ascii", "windows-1252", "x-cp1252",
    }
)  # fmt: skip

# Page types (og:type, or the schema.org @type trafilatura reads) that section fronts, tag,
# author and home pages declare. Article pages declare them too (a CMS default), so the type
# alone rejects nothing: it only sends the text to `_is_listing` for a second look, as does a
# page that states no type at all (many section fronts state none).
_LISTING_PAGE_TYPES = frozenset(
    {"website", "webpage", "collectionpage", "searchresultspage", "blog", "profilepage", "profile"}
)
# What CMSs call the standfirst in its class: "standfirst", "article-dek", "deck", "excerpt",
# "subtitle", "subheadline", "strapline", "summary", "teaser", and in Spanish, French and
# German pages "entradilla", "sumario", "bajada", "copete", "chapo", "chapeau", "vorspann"
# (`_text_standfirst`, `_is_standfirst_heading`).
_STANDFIRST_NAMES = (
    r"standfirst|(?<![a-z])dek(?![a-z])|deck|excerpt|subtitle|sub-?head|strapline|summary|teaser"
    r"|entradilla|sumario|bajada|copete|chapo|chapeau|vorspann"
)
_STANDFIRST_CLASS = re.compile(_STANDFIRST_NAMES, re.IGNORECASE)
# A heading whose class says it is the standfirst ("<h2 class="subtitle">", as press release
# sites set it), as the page writes it: trafilatura keeps no heading's class.
_STANDFIRST_HEADING = re.compile(
    rb"""<h[2-6]\b[^>]*?\bclass\s*=\s*["'][^"']*?(?i:"""
    + _STANDFIRST_NAMES.encode()
    + rb""")[^>]*>(.{1,1000}?)</h[2-6]""",
    re.DOTALL,
)
_TAG = re.compile(r"<[^>]+>")
_STANDFIRST_WORDS = 60
_KICKER_BLOCKS, _KICKER_WORDS = 2, 6  # what may sit above a page's <h1>: "Lokales", "Opinion"
_HEADLINE_WORDS = 3  # a shorter link is a menu entry or a tag, not another story's headline
_CARD_EXTRA_WORDS = 15  # what a listing's card holds besides headline and teaser: date, byline
_CARD_DEPTH = 4  # how far above a teaser its card's headline link may sit

# A byline set as the first lines of the text: "By Jane Roe", "Par Camille Roussel", "Von ...".
_BYLINE_LINE = re.compile(r"(?:by|par|von|por|door|di|av|af)\s+(?=\w)", re.IGNORECASE)
_BYLINE_WORDS = 12  # "By Jane Roe and John Doe, Health Correspondents" and no longer
_BYLINE_BLOCKS = 3  # how far into the text such a byline may stand
# What closes such a line with its date: "By Jane Roe | Posted: March 5, 2024", "By Jane Roe -
# Published 16 November 2022", "By Jane Roe Updated 3 hours ago".
_BYLINE_DATE = re.compile(
    r"\s+[|•·—–-]\s+|\s+(?=(?:posted|published|updated|first\s+published)\b)", re.IGNORECASE
)
_DATED = re.compile(r"(?:posted|published|updated|first\s+published|\D{0,20}\d)", re.IGNORECASE)
_EARLIEST_DAY = datetime.datetime(1995, 1, 1)  # htmldate's: before it, a number is no date

# A line of the page stating when the story was published, set apart under the headline:
# "Thursday, March 8, 2012", "Sat 2 Dec 2023 18.05 GMT First published on Sat 2 Dec 2023
# 07.41 GMT", "Actualizado: 5 de marzo de 2024, 10:15", "Publié le 12 février 2024 à 07h00".
# Its words are numbers, times and these: month and weekday names (and their first three
# letters) in English, French, Spanish, German, Italian and Portuguese, and the labels and
# time zones written beside them (`_is_date_line`).
_DATE_LINE_NAMES = lexicon.word_set(
    """
    january february march april may june july august september october november december
    janvier février mars avril mai juin juillet août septembre octobre novembre décembre
    enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre
    diciembre januar jänner februar märz juni juli oktober dezember gennaio febbraio aprile
    maggio giugno luglio settembre ottobre dicembre janeiro fevereiro março maio junho julho
    setembro outubro novembro dezembro
    monday tuesday wednesday thursday friday saturday sunday lundi mardi mercredi jeudi
    vendredi samedi dimanche lunes martes miércoles jueves viernes sábado domingo montag
    dienstag mittwoch donnerstag freitag samstag sonntag lunedì martedì mercoledì giovedì
    venerdì sabato domenica segunda terça quarta quinta sexta feira
    """
)
_DATE_LINE_WORDS = (
    _DATE_LINE_NAMES
    | {name[:3] for name in _DATE_LINE_NAMES}
    | lexicon.word_set(
        """
        published posted updated modified first last on at am pm a m p gmt bst utc cet cest
        est edt et pt pst pdt ist aest publié publiée mis à jour le de del el actualizado
        actualizada publicado publicada às em veröffentlicht aktualisiert um uhr aggiornato
        pubblicato il alle ore h sept
        """
    )
)
_DATE_LINE_TOKEN = re.compile(r"[^\W\d_]+|\d+(?:[:.h]\d+)?(?:st|nd|rd|th|er|h)?")
_DATE_LINE_NUMBER = re.compile(r"\d+(?:[:.h]\d+)?(?:st|nd|rd|th|er|h)?")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_DATE_LINE_WORD_COUNT = 16  # the live blog's line above, and no longer

# What a page asks of its reader around the story, sentence by sentence: to subscribe, sign in
# or up, register, support its journalism, read on, or get its newsletter ("Subscribe to keep
# reading", "Already a subscriber?", "Get the day's top headlines delivered to your inbox").
_CALL_TO_ACTION = re.compile(
    r"(?:subscribe\b|sign\s*(?:in|up)\b|log\s*in\b|register\s+(?:now|here|for|to)\b"
    r"|already\s+(?:a|an)\s+(?:subscriber|member)\b|already\s+(?:registered|have\s+an\s+account)"
    r"|(?:become|be)\s+a\s+(?:subscriber|member|supporter)\b"
    r"|support\s+(?:us|our|(?:independent|local|quality)\s+journalism)\b"
    r"|(?:continue|keep)\s+reading\b|create\s+(?:a|an|your)\s+(?:free\s+)?account"
    r"|you\s+can\s+(?:also\s+)?(?:subscribe|sign\s*up)\b|get\b[^.!?]*\b(?:inbox|newsletters?)\b"
    r"|newsletters?\W*$|(?:this\s+(?:article|story|content)\s+is\s+)?(?:only\s+)?"
    r"(?:for|available\s+to|reserved\s+for)\s+(?:paying\s+|paid\s+)?(?:subscribers|members)\b"
    r"|get\s+(?:unlimited|full)\s+(?:digital\s+)?access\b"
    r"|share\s+(?:a|your)\s+(?:memory|memories|condolences|thoughts)\b"
    r"|leave\s+a\s+(?:comment|reply|condolence)\b|join\s+the\s+(?:conversation|discussion)\b"
    r"|sign\s+the\s+guest\s*book\b"
    r"|suscr[íi]bete\b|abonnez-vous\b|inscrivez-vous\b|abonnieren\s+sie\b|iscriviti\b)",
    re.IGNORECASE,
)
# A plea set as a heading that ends the story, where a newsletter's plea may sit within it: a
# paywall's ("Subscribe to continue reading", "For subscribers only") or one to comment
# ("Leave a comment", "Share a memory", as funeral homes' pages set their guest books).
_CLOSING_PLEA = re.compile(
    r".*\b(?:continue|keep)\s+reading\b|.*\bsubscribers\s+only\b|share\s+(?:a|your)\s+memor"
    r"|leave\s+a\s+(?:comment|reply|condolence)|join\s+the\s+(?:conversation|discussion)"
    r"|sign\s+the\s+guest\s*book",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?:])\s+")
_CALL_TO_ACTION_WORDS = 25  # "Get the latest updates right in your inbox. Subscribe to ..."
_CALL_TO_ACTION_TAGS = _HEADINGS | {"p", "div"}

# What a page sets after a story: a disclaimer that the views are the author's own, or a
# copyright notice ("© 2024 The Northern Lamp. All rights reserved."). A correction ("This
# article was amended on ..."), a credit ("Additional reporting by ...") or the story's origin
# ("SOURCE: News agencies", "Originally published on ...") is part of the record, and stays.
_CLOSING_NOTICE = re.compile(
    r"(?:the\s+)?(?:views?|opinions?)(?:\s+and\s+opinions?)?\s+expressed\b"
    r"|(?:©|\(c\)|copyright\b)(?=.*(?:\b(?:19|20)\d\d\b|all\s+rights\s+reserved))",
    re.IGNORECASE,
)
_CLOSING_NOTICE_WORDS = 40

# The tail of a press release, which the story ends before: its boilerplate ("About
# Brightwater Energy", set as a heading or a bold line), its contacts ("Media contact:") or its
# end mark ("###"). A line of the story does not start so, and this is looked for only in the
# second half of the text, a few blocks from its end.
_RELEASE_TAIL = re.compile(
    r"(?:about\s+\S[^.!?]*|(?:media|press|investor)\s+(?:contacts?|enquiries|inquiries)\b.*"
    r"|contacts?\s*:.*|#{3,}|-30-)",
    re.IGNORECASE,
)
_RELEASE_TAIL_WORDS = 8
_RELEASE_TAIL_BLOCKS = 5  # "About ...", two paragraphs of it, "Media contact: ...", "SOURCE ..."

# Page furniture among the story's blocks: a label over links to other stories standing alone
# ("Related topics", "More on this story", "Share this"), or before another story's headline,
# whose link trafilatura drops ("Read more: Parking charges to rise in July", "RELATED: ...").
_FURNITURE_LABEL = (
    r"(?:read\s+more|read\s+also|also\s+read|see\s+also|more\s+on\s+this(?:\s+story)?"
    r"|related(?:\s+(?:stories|articles|content|topics|links|coverage|reading))?"
    r"|recommended(?:\s+(?:stories|reading))?|most\s+(?:read|popular)|more\s+stories"
    r"|you\s+(?:may|might)\s+also\s+like|share\s+this(?:\s+(?:article|story))?|advertisement"
    r"|lee\s+tambi[ée]n|leer\s+m[áa]s|te\s+puede\s+interesar|(?:[àa]\s+)?lire\s+aussi|voir\s+aussi"
    r"|lesen\s+sie\s+auch|mehr\s+zum\s+thema|leggi\s+anche|leia\s+tamb[ée]m)"
)
_FURNITURE = re.compile(rf"{_FURNITURE_LABEL}\W*", re.IGNORECASE)
_FURNITURE_LINK = re.compile(rf"{_FURNITURE_LABEL}\s*(?::|\||»|>>|[-–—]\s)\s*(?=\w)", re.IGNORECASE)
_FURNITURE_LINK_WORDS = 25  # the label and a headline, not a paragraph of the story

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


def _as_browsers_read(data: bytes) -> bytes:
    """The page in UTF-8 when it declares a Latin-1 or windows-1252 character set and is not
    in UTF-8, decoded as browsers decode it. Trafilatura trusts a guess that follows the
    declaration, and Latin-1 turns the quotes and dashes of such pages into control
    characters it then drops ("We won't be moved" becomes "We wont be moved")."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        declared = _DECLARED_CHARSET.search(data[:8192])
        label = declared.group(1).decode("ascii", "replace").casefold() if declared else ""
        if label in _WINDOWS_1252_LABELS:
            try:
                return data.decode("cp1252").encode("utf-8")
            except UnicodeDecodeError:  # a byte windows-1252 leaves unassigned: not that set
                pass
    return data


def _prepared_tree(data: bytes):
    """The page as trafilatura is to read it, parsed once: a live blog's entries, a story
    split by an advert and a page laid out in a table made readable as one text
    (`_with_live_blog_entries`, `_with_split_body_joined`, `_without_layout_tables`)."""
    tree = load_html(data)
    if tree is None:
        return data
    if b"LiveBlogPosting" in data:
        _with_live_blog_entries(tree)
    if classes := _repeated_body_classes(data):
        _with_split_body_joined(tree, classes)
    if b"<table" in data or b"<TABLE" in data:
        _without_layout_tables(tree)
    if b"<figcaption" in data:
        _with_gallery_captions(tree)
    return tree


def _with_live_blog_entries(tree) -> None:
    """A live blog (schema.org's LiveBlogPosting) with its entries, each an <article> beside
    the others (as the Guardian sets them), made plain blocks. Trafilatura takes a page's
    first <article> for its whole text, which would leave the newest entry alone."""
    parents = {entry.getparent() for entry in tree.iter("article")} - {None}
    for parent in parents:
        entries = [child for child in parent if child.tag == "article"]
        if len(entries) >= _ENTRIES_WITHIN:
            for entry in entries:
                entry.tag = "div"


def _repeated_body_classes(data: bytes) -> set[str]:
    """The classes naming a story's text (`_BODY_CLASS`) that the page gives to more than one
    element, read from its bytes: parsed, a page costs a quarter more to search for them."""
    counts = Counter(_CLASS.findall(data))
    return {
        name.decode("utf-8", "replace")
        for name, count in counts.items()
        if count > 1 and _BODY_CLASS.search(name)
    }


def _with_split_body_joined(tree, classes: set[str]) -> None:
    """A story whose text a CMS sets in several containers side by side, with an advert or a
    promotion between them (`<div class="article-body">` twice), joined into the first.
    Trafilatura takes the first container its rules name as the whole text, and would leave
    the story's second half out; the advert between them stays outside. Containers with the
    class that are not side by side (other stories' teasers, each in its own card) stay apart.
    """
    for name in classes:
        containers = _CONTAINERS_OF_CLASS(tree, name=name)
        if not containers:
            continue
        first = containers[0]
        for sibling in list(first.itersiblings()):
            if sibling.tag == first.tag and sibling.get("class") == name:
                first.extend(sibling)
                sibling.getparent().remove(sibling)


def _with_gallery_captions(tree) -> None:
    """A photo gallery's captions made paragraphs, for a page whose captions say more than its
    paragraphs: they tell its story, picture by picture. Trafilatura leaves captions out, as
    it should on a story's page, and left with a line of introduction it falls back on the
    page's whole text, as one paragraph."""
    captions = list(tree.iter("figcaption"))
    if len(captions) < _GALLERY_PICTURES:
        return
    caption_words = sum(len(_words(caption).split()) for caption in captions)
    prose_words = sum(len(text.split()) for text in _PROSE_OUTSIDE_CAPTIONS(tree))
    if caption_words > prose_words:
        for caption in captions:
            caption.tag = "p"
            for counter in [e for e in caption.iter() if _PICTURE_COUNTER.fullmatch(_words(e))]:
                counter.drop_tree()  # "1 of 12", the counter of a slideshow
            for figure in caption.iterancestors("figure"):
                figure.tag = "div"  # trafilatura drops figures whole


def _without_layout_tables(tree) -> None:
    """A page laid out in a <table> (as newspapers' sites were in the 1990s and 2000s), its
    rows and cells made plain blocks, so that its navigation row, headline and date line are
    told apart from the story as on any other page. Trafilatura keeps a table whole, as data.
    A table is a layout when a cell holds a heading or paragraphs, which data tables' cells
    do not."""
    for table in list(tree.iter("table")):
        if any(map(_is_layout_cell, table.iter("td", "th"))):
            for element in table.iter("table", "thead", "tbody", "tfoot", "tr", "td", "th"):
                element.tag = "div"


def _is_layout_cell(cell) -> bool:
    return cell.find(".//h1") is not None or len(cell.findall(".//p")) >= 2


def _organisation_authors(data: bytes) -> list[str]:
    """The names of the authors the page's JSON-LD gives as organisations ("@type":
    "Organization", "NewsMediaOrganization", "Corporation"). Trafilatura reads an author's name
    whatever its type, and a company issuing a press release is no person, though its name may
    look like one ("Brightwater Energy")."""
    if b"Organization" not in data and b"Corporation" not in data:
        return []
    names = []
    for script in _JSON_LD.findall(data):
        try:
            found = json.loads(script.decode("utf-8", "replace"), strict=False)
        except ValueError:
            continue
        names.extend(_organisations_in(found))
    return names


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


def _published_at(
    value: str | None, address: str | None, data: bytes = b""
) -> datetime.datetime | None:
    """The date htmldate read, unless it is more than a day from the day in the page's address.
    Metadata is read first because it gives the time of day; a date a day away is the same
    moment seen from another time zone, but one further off is not the publication (a
    modified date, a copyright year), and the address's day is the better guess. A day
    without a time takes it from a moment the page states for that day (`_stated_moment`)."""
    moment = _moment(value)
    day = _address_day(address)
    if day is not None and (moment is None or abs((moment.date() - day).days) > 1):
        return _stated_moment(data, day) or datetime.datetime.combine(
            day, datetime.time(), tzinfo=datetime.UTC
        )
    if moment is not None and _is_bare_day(value):
        return _stated_moment(data, moment.date()) or moment
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


def _page_headline(blocks: list, title: str) -> str:
    """The headline the page shows its readers: an <h1> opening the text, or following a
    kicker of a few words ("Lokales", "Immunology"), which goes with it. The metadata's title
    is often another, written for search engines and social media ("You won't believe what
    was found under this hall"), and left in place the <h1> would open the body. The kicker
    and the <h1> are taken off `blocks`."""
    opening = blocks[: _KICKER_BLOCKS + 1]
    lead = next((i for i, block in enumerate(opening) if block.tag == "h1"), None)
    if lead is None or any(len(_words(b).split()) > _KICKER_WORDS for b in blocks[:lead]):
        return title
    heading = _words(blocks[lead])
    if len(heading.split()) < _HEADLINE_WORDS and not _same_words(heading, title):
        return title  # a site's or section's name set as the page's <h1>
    del blocks[: lead + 1]
    return heading


def _text_byline(
    blocks: list, sitename: str, hostname: str
) -> tuple[tuple[ParsedPerson, ...], datetime.datetime | None]:
    """The people of a byline line opening the text ("By Jane Roe and John Doe"), and the day
    it may close with ("| Posted: Tuesday, March 5, 2024"), for a page that states no other.
    The line is taken off `blocks` with the short line under it that says where or for whom
    they wrote ("BBC News, Vienna"): the byline field holds them, and the body is the story."""
    for position, block in enumerate(blocks[:_BYLINE_BLOCKS]):
        text = _words(block)
        match = _BYLINE_LINE.match(text)
        if block.tag != "p" or not match:
            continue
        names, *dated = _BYLINE_DATE.split(text, maxsplit=1)
        if not dated or not _DATED.match(dated[0]):  # "By Jane Roe | Staff Writer": a role
            names, dated = text, []
        if len(names.split()) > _BYLINE_WORDS or names[-1] in ".!?":
            continue
        people = byline_people([names[match.end() :]], sitename, hostname)
        if not people:
            continue
        end = position + 1
        if end < len(blocks) and _is_byline_detail(_words(blocks[end])):
            end += 1
        del blocks[position:end]
        return people, _stated_day(dated[0]) if dated else None
    return (), None


def _stated_day(text: str) -> datetime.datetime | None:
    """The day a line of the page states ("Posted: Tuesday, March 5, 2024 9:14 pm"), read as
    htmldate reads dates in markup, at midnight UTC."""
    day = try_date_expr(text, "%Y-%m-%d", False, _EARLIEST_DAY, datetime.datetime.now())
    return _moment(day)


def _text_standfirst(blocks: list) -> str:
    """The standfirst the page sets under its headline, when the text opens with it: a short
    block whose class says it is one ("standfirst", "dek", "excerpt"). It is taken off
    `blocks`. A meta description that copies it says no more than the page shows its readers,
    and one that differs is often written for search engines."""
    if (
        not blocks
        or blocks[0].tag != "p"
        or not _STANDFIRST_CLASS.search(blocks[0].get("class") or "")
    ):
        return ""
    text = _words(blocks[0])
    if not text or len(text.split()) > _STANDFIRST_WORDS:
        return ""
    del blocks[0]
    return text


def _is_byline_detail(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= _KICKER_WORDS and text[-1] not in ".!?:;\"”'’"


def _is_date_line(block) -> bool:
    """Whether a block of the text says no more than when it was published or updated (its
    words and the text after it, as a live blog's meta line writes it), of one year: "March
    3, 1941 – February 12, 2024" on an obituary is the life it tells of."""
    text = " ".join(f"{_words(block)} {block.tail or ''}".split()).casefold()
    tokens = _DATE_LINE_TOKEN.findall(text)
    return (
        0 < len(tokens) <= _DATE_LINE_WORD_COUNT
        and any(map(_DATE_LINE_NUMBER.fullmatch, tokens))
        and len(set(_YEAR.findall(text))) <= 1
        and all(_DATE_LINE_NUMBER.fullmatch(token) or token in _DATE_LINE_WORDS for token in tokens)
    )


def _without_date_lines(blocks: list, standfirst: str) -> None:
    """Take off `blocks` the line opening the text that states when it was published
    (`_is_date_line`). A paragraph above it that copies the meta description goes with it: it
    is the standfirst, set under the headline before the date as live blogs set it, where a
    story's first paragraph would follow the date."""
    for position, block in enumerate(blocks[:_BYLINE_BLOCKS]):
        if _is_date_line(block):
            copied = position == 1 and _same_words(_words(blocks[0]), standfirst)
            del blocks[0 if copied else position : position + 1]
            return


def _is_standfirst_heading(data: bytes, heading: str) -> bool:
    """Whether the page sets `heading` with a class saying it is the standfirst."""
    return any(
        _same_words(_TAG.sub(" ", unescape(match.group(1).decode("utf-8", "replace"))), heading)
        for match in _STANDFIRST_HEADING.finditer(data)
    )


def _is_call_to_action(block) -> bool:
    """Whether a block of the text is a short plea to the reader, every sentence of it: a
    paragraph of the story may mention subscribers or newsletters, but it says more."""
    text = _words(block)
    if block.tag not in _CALL_TO_ACTION_TAGS or len(text.split()) > _CALL_TO_ACTION_WORDS:
        return False
    return all(map(_CALL_TO_ACTION.match, _SENTENCE_END.split(text))) if text else True


def _is_closing_notice(block) -> bool:
    text = _words(block)
    return len(text.split()) <= _CLOSING_NOTICE_WORDS and bool(_CLOSING_NOTICE.match(text))


def _without_calls_to_action(blocks: list) -> None:
    """Take off `blocks` the pleas to subscribe, sign in, comment or support the site that
    open or close the text (`_is_call_to_action`), the notices closing it
    (`_is_closing_notice`) and empty paragraphs there. A paywall's or comments' heading
    (`_CLOSING_PLEA`) closes the story when nothing after it is as long as a paragraph of
    prose: what follows is the offer's terms or readers' comments."""
    for position, block in enumerate(blocks):
        if block.tag in _HEADINGS and _CLOSING_PLEA.match(_words(block)):
            rest = blocks[position + 1 :]
            if all(len(_words(b).split()) <= _CALL_TO_ACTION_WORDS for b in rest):
                del blocks[position:]
                break
    while blocks and (_is_call_to_action(blocks[-1]) or _is_closing_notice(blocks[-1])):
        blocks.pop()
    while blocks and _is_call_to_action(blocks[0]):
        blocks.pop(0)


def _without_release_tail(blocks: list) -> None:
    """Take off `blocks` a press release's tail (`_RELEASE_TAIL`) in the second half of the
    text: a short line standing alone, as a heading or in bold, and all after it."""
    start = max(len(blocks) // 2, len(blocks) - _RELEASE_TAIL_BLOCKS)
    for position in range(start, len(blocks)):
        block = blocks[position]
        text = _words(block)
        if (
            len(text.split()) <= _RELEASE_TAIL_WORDS
            and _is_set_apart(block)
            and _RELEASE_TAIL.fullmatch(text)
        ):
            del blocks[position:]
            return


def _is_set_apart(block) -> bool:
    """Whether a block is a heading, or a paragraph opening in bold (all of a label, or the
    label before what it labels: "<b>Media contact:</b> Lee Hanna"), or a mark alone."""
    if block.tag in _HEADINGS:
        return True
    opens_bold = len(block) and block[0].tag in ("b", "strong") and not (block.text or "").strip()
    return bool(opens_bold) or not any(ch.isalnum() for ch in _words(block))


def _is_furniture(block) -> bool:
    """Whether a block of the text is a label for links to other stories, alone or before a
    headline (`_FURNITURE_LINK`), which ends without a full stop where a sentence of the story
    would have one."""
    text = _words(block)
    if _FURNITURE.fullmatch(text):
        return True
    return (
        _FURNITURE_LINK.match(text) is not None
        and len(text.split()) <= _FURNITURE_LINK_WORDS
        and not text.endswith(".")
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
    data = _as_browsers_read(data)
    document = trafilatura.bare_extraction(
        _prepared_tree(data),
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
        sitename = title_site_name(data, hostname) or sitename
    title = without_site_name(" ".join((document.title or "").split()), sitename, hostname)
    sitename = site_name_alone(sitename) or hostname
    standfirst = " ".join((document.description or "").split())

    # The page repeats its title (and often its summary) as the first headings of the text;
    # the headline and standfirst fields hold those already.
    blocks = list(convert_to_html(document.body).find("body"))
    page_type = (document.pagetype or "").casefold()
    if (not page_type or page_type in _LISTING_PAGE_TYPES) and _is_listing(data, blocks):
        raise NotAnArticle(f"a page listing other articles (page type {page_type or 'unstated'})")
    title = _page_headline(blocks, title)
    text_byline, byline_day = _text_byline(blocks, sitename, hostname)
    shown_standfirst = ""
    while blocks and blocks[0].tag in _HEADINGS:
        heading = _words(blocks[0])
        if not title:
            title = heading
        elif not shown_standfirst and _is_standfirst_heading(data, heading):
            shown_standfirst = heading
        elif not (_same_words(heading, title) or _same_words(heading, standfirst)):
            break
        blocks.pop(0)
    standfirst = shown_standfirst or _text_standfirst(blocks) or standfirst
    _without_date_lines(blocks, standfirst)
    blocks = [block for block in blocks if not _is_furniture(block)]
    _without_release_tail(blocks)
    _without_calls_to_action(blocks)
    if blocks and _same_words(_words(blocks[0]), standfirst):
        standfirst = ""  # a meta description copied from the first paragraph
    body = "\n".join(tostring(block, encoding="unicode") for block in blocks)
    if not title:
        raise ParseError("no headline: the page has no title")
    if not body.strip():
        raise ParseError("no article text found in the HTML")
    categories = [c for c in (document.categories or []) if len(c) <= 100]
    return ParsedArticle(
        headline=title,
        standfirst=standfirst,
        body_html=body,
        origin_path=origin_path,
        published_at=_published_at(document.date, document.url, data) or byline_day or captured_at,
        source=sitename[:200],
        source_url=http_url(url) or http_url(address),
        section=categories[0] if categories else "",
        language=_page_language(data),
        authors=byline_people(
            [document.author or ""], sitename, hostname, organisations=_organisation_authors(data)
        )
        or text_byline,
    )


def parse_html_file(path: str) -> ParsedArticle:
    return parse_html(Path(path).read_bytes(), origin_path=path)
