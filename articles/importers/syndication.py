"""Which news agency or publisher a syndicated story comes from, when the page says so.

Sites publish stories they did not write: an agency's copy as the agency wrote it ("ZAGREB,
Croatia (AP) —"), a portal's stream of agencies' stories, another publisher's story republished
as it came ("This article is republished from The Conversation under a Creative Commons
license."). Such a story's source is the agency or the publisher: a portal republishing it is no
more its source than a newsstand is a paper's. Pages say so in their JSON-LD's provider, a
dateline opening the text, a byline closing with the agency ("Sam Lee, PA"), an author their
JSON-LD gives as the agency, a credit closing the text ("— AFP", "(NAN)") or a line there
naming the publisher the story first appeared in, which `syndicated_source` reads in that
order. A story the site's reporter wrote with an agency's material ("Emma Kowalski and AAP")
stays the site's. Which names are agencies' is for `sites.py` to say (`news_agency`).
"""

import re

from .json_ld import JsonLd
from .page_blocks import BlockTexts
from .records import ParsedPerson
from .sites import name_key, names_the_site, news_agency

# What says a story is a news agency's, published as the agency wrote it (`syndicated_source`):
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


def _json_ld_provider(json_ld: JsonLd) -> str:
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


def syndicated_source(
    data: bytes,
    json_ld: JsonLd,
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
