"""Organisation names inside one capitalised run, found by the organisation words heading them.

A name is a stretch headed by an organisation word, with the words that qualify it before it
("US National Security Council") and its complement after it ("Department of Trade and
Industry"), or an acronym alone. The tokens around the head decide what the stretch takes
in: a saint's or a royal founder's possessive ("St Mary's Hospital", "King's College"), the
city after a university ("University College London"), common words joined into the name by
"and" ("Food and Drug Administration"), but not a second name ("Leeds United and Arsenal").
"""

import re

from . import lexicon
from .acronyms import NUMBER_WORDS
from .lexicon import word_set
from .names import is_given_name
from .tokens import (
    ACRONYM,
    ARTICLE_END,
    CONNECTOR,
    CORPORATE_SUFFIXES,
    DEMONYMS,
    DEPARTMENT,
    JOINING_CONNECTORS,
    NAME,
    ORG,
    PLACE,
    QUALIFIERS,
    REGION_ACRONYMS,
    STOP,
    TITLE,
    OrganisationSegment,
    Token,
)

_UPPER = lexicon.UPPER_LETTERS

# Endings of abstract and plural common nouns, which a word joined by "and" into an
# organisation name has and a surname or a brand mostly lacks: "Securities", "Immigration".
_COMMON_NOUN_ENDINGS = ("ies", "tion", "sion", "ment", "ship", "ness", "ity", "ics")
# Securities a name issues and sizes it gives a thing, after the name: "Treasury yields",
# "AA battery". Not "bill" or "notes", which follow a body as its bill ("Senate bill") or as
# a verb ("the Journal notes").
_THING_AFTER = re.compile(r"[ \u00a0]+(?:yields?|bonds?|gilts?|securities|batter(?:y|ies))\b")
# Words for a format, a plug and a scan, which an acronym before them names the standard
# of: "EPUB format", "USB port", "HDMI cable", "MRI scan". Not "files" or "chips", which a
# body or a firm has ("FBI files", "ARM chips").
_FORMAT_AFTER = re.compile(r"[ \u00a0]+(?:formats?|ports?|cables?|connectors?|scans?|codecs?)\b")
# A single digit numbering a channel or a station: "Radio 4", "Channel 5" (not "League 10
# points", "the Cabinet 2-1").
_DIGIT_AFTER = re.compile(r"[ \u00a0][1-9](?![\w\-]|[.,]\d)")
# Kinds of broadcaster whose stations are named for the place or the cause they serve after
# the kind: "BBC Radio Leeds", "Radio Free Europe".
_STATION_KINDS = word_set("radio television tv")
# Place words that describe a place rather than name one: "North", "Central", "Global".
_PLACE_ADJECTIVES = word_set(
    """
    north south east west northern southern eastern western central middle global gulf pacific
    atlantic mediterranean city county state united new
    """
)
# What a saint's name opens with; the possessive after it is inside a name ("St Mary's Hospital").
_SAINTS = frozenset({"St", "St.", "Saint"})
# Royal titles whose possessive opens the name of a body founded under them ("King's College",
# "Queen's University", "Prince's Trust") or serving the Crown ("His Majesty's Inspectorate"),
# as a saint's does.
_ROYAL_FOUNDERS = frozenset({"King", "Queen", "Prince", "Princess", "Majesty"})
# The pronouns before "Majesty's", which open the name with it: "His Majesty's Inspectorate
# of Prisons", "Her Majesty's Revenue and Customs".
_MAJESTY_PRONOUNS = frozenset({"His", "Her"})
# Groups of people whose possessive stands inside the name of a body serving them, as a
# saint's does: "Hartcliffe Women's Health Centre", "Royal Children's Hospital".
_SERVED_GROUPS = word_set("women men children people workers veterans girls boys")
# Connectors before a title that names a body's remit: "International Court of Justice",
# "Brennan Center for Justice".
_REMIT_CONNECTORS = frozenset({"of", "for"})
# Office holders whose possessive heads the office, court or department they run, after
# the place they serve: "Harris County Clerk's Office", "Manchester Coroner's Court", "Los
# Angeles County Sheriff's Department", "US Attorney's Office".
_OFFICE_HOLDERS = word_set(
    "attorney clerk coroner sheriff prosecutor mayor governor comptroller auditor registrar"
)
# Endings of plural nouns for people by their work: "Practitioners", "Surgeons".
_PLURAL_ENDINGS = ("ers", "ors", "ists", "ians", "ants", "ents", "eons")
# Kinds of public service named for the areas they serve, two of them joined by "and":
# "Avon and Somerset Police", "Kensington and Chelsea Council".
_AREA_SERVICE_KINDS = word_set("police constabulary council trust service board")
# Kinds of academic body whose name may end with the city they stand in ("University College
# London", "Queen's University Belfast").
_ACADEMIC_KINDS = word_set("college university")
# Kinds of hospital whose name may end with the town it serves ("University Hospital
# Limerick", "Royal Infirmary Carlisle").
_HOSPITAL_KINDS = word_set("hospital hospitals infirmary")


def organisation_segments(text: str, tokens: list[Token]) -> list[OrganisationSegment]:
    """Find organisation names: a stretch headed by an organisation word, or an acronym."""
    segments = []
    count = len(tokens)
    index = 0
    while index < count:
        token = tokens[index]
        if token.kind == ACRONYM and _acronym_and_country(tokens, index):
            # "NHS England", "BBC Scotland": a body's arm for one nation, by its name.
            following = tokens[index + 1]
            name = text[token.start : following.end]
            segments.append(OrganisationSegment(token.start, following.end, name, False))
            index += 2
            continue
        if last := _club_named_after_prefix(tokens, index):
            # "AC Milan", "PSV Eindhoven": a club by the letters of its kind and its town.
            end = tokens[last].end
            segments.append(OrganisationSegment(token.start, end, text[token.start : end], False))
            index = last + 1
            continue
        if token.kind == ACRONYM:
            segments.append(OrganisationSegment(token.start, token.end, token.text, True))
            index += 1
            continue
        if token.kind != ORG or (
            token.text == "Convention"
            and tokens[index + 1 : index + 2]
            and tokens[index + 1].text == "on"
        ):
            index += 1  # "European Convention on Human Rights": a treaty, no body
            continue
        # Extend left over words that can qualify an organisation ("National Security"), and
        # over an acronym inside the name between such words and the organisation word
        # ("Calder Valley Hospitals NHS Trust", where "NHS Trust" alone is what is left of it).
        # A title word right before the organisation word is part of the name after a
        # qualifier ("Ashworth General Hospital"), and so are a saint's name with its
        # possessive ("St Anselm's Primary School", "St Bartholomew's Hospital"), a royal
        # founder's possessive ("King's College", "His Majesty's Inspectorate"), the
        # possessive of the people it serves ("Hartcliffe Women's Health Centre") and that of
        # the officer who runs it ("Harris County Clerk's Office").
        first = index
        while first > 0 and (
            tokens[first - 1].kind in QUALIFIERS
            or (
                tokens[first - 1].kind in (ACRONYM, TITLE)
                and first == index
                and first >= 2
                and tokens[first - 2].kind in QUALIFIERS
                and not tokens[first - 2].possessive
            )
            or (
                tokens[first - 1].kind == ACRONYM
                and not tokens[first - 1].possessive
                and _acronym_opens_name(tokens, first - 1, index)
            )
            or (_opens_with_royal_founder(tokens, first) and first == index)
        ):
            if (
                tokens[first - 1].possessive
                and not (first >= 2 and tokens[first - 2].text in _SAINTS)
                and not _opens_with_royal_founder(tokens, first)
                and tokens[first - 1].text.lower() not in _SERVED_GROUPS
                and not (first == index and tokens[first - 1].text.lower() in _OFFICE_HOLDERS)
            ):
                break
            first -= 1
        if (
            first > 0
            and tokens[first].text == "Majesty"
            and tokens[first - 1].text in _MAJESTY_PRONOUNS
        ):
            first -= 1  # "His Majesty's Inspectorate of Prisons"
        if _named_of_place(text, tokens, first):
            first -= 2  # "Banc of America Securities"
        if first > 0 and tokens[first - 1].text == "First" and tokens[first].kind in QUALIFIERS:
            # "First" before the name words is the name's first word, not a stop word:
            # "First Nations Health Authority", "First Republic Bank", "First Baptist Church".
            first -= 1
        # Drop a leading country acronym ("US National Security Council"), not a state's
        # ("NSW Rural Fire Service").
        while (
            first < index
            and tokens[first].kind == PLACE
            and tokens[first].text.isupper()
            and tokens[first].text not in REGION_ACRONYMS
        ):
            first += 1
        # Extend right over "of X", "for X", "on X" and further name words, and over "and X"
        # only inside such a complement ("Department of Trade and Industry") or after a kind
        # of organisation alone ("Media and Sport"): after a name it joins two names ("Leeds
        # United and Arsenal", "Labour and Tony Blair").
        last = index
        probe = index
        after_connector = False
        station = token.text.lower() in _STATION_KINDS
        lone_kind = first == index and token.text.lower() in lexicon.ORGANISATION_KINDS
        while not tokens[last].possessive and probe + 1 < count:
            following = tokens[probe + 1]
            if (
                following.kind == ORG
                or (after_connector and following.kind in QUALIFIERS)
                or (_ends_with_its_city(tokens, probe + 1) and last == probe)
                or (following.kind == TITLE and tokens[probe].text in _REMIT_CONNECTORS)
                or (
                    following.kind in (NAME, PLACE)
                    and station
                    and not is_given_name(following.text)
                )
            ):
                last = probe = probe + 1
            elif (
                following.kind == CONNECTOR
                and (
                    after_connector
                    or following.text not in JOINING_CONNECTORS
                    or (lone_kind and last == index)
                )
                and probe + 2 < count
                and (
                    tokens[probe + 2].kind in QUALIFIERS
                    or (following.text in _REMIT_CONNECTORS and _title_ends_name(tokens, probe + 2))
                )
            ):
                probe += 1
                after_connector = True
            else:
                break
        if last > first and tokens[last].text.lower() in lexicon.ORGANISATION_KINDS:
            first = _joined_before(text, tokens, first, tokens[last].text.lower())
        if station and last > index and first == index and first > 0:
            # "BBC Radio Leeds": the broadcaster's acronym opens its station's name.
            first -= tokens[first - 1].kind == ACRONYM
        start, end = tokens[first].start, tokens[last].end
        while segments and segments[-1].start >= start:
            # "NHS" is part of "Calder Valley Hospitals NHS Trust", "European Sports" of
            # "European Sports Journalists Association".
            segments.pop()
        generic = lone_kind and last == index
        if generic:
            start, end = _kind_with_its_words(text, tokens, index)
            generic = (start, end) == (token.start, token.end)
            if segments and segments[-1].is_acronym and segments[-1].start == start:
                segments.pop()  # "BBC" is part of "BBC News"
        segments.append(OrganisationSegment(start, end, text[start:end], False, generic=generic))
        index = last + 1
    return segments


def _opens_with_royal_founder(tokens: list[Token], first: int) -> bool:
    """Whether the token before `first` is a royal title in the possessive ("King's"),
    which opens the name of a body founded under it ("King's College", "Prince's Trust")."""
    return (
        first > 0
        and tokens[first - 1].possessive
        and tokens[first - 1].text in _ROYAL_FOUNDERS
        and (first < 2 or tokens[first - 2].kind == STOP)
    )


def _ends_with_its_city(tokens: list[Token], index: int) -> bool:
    """Whether the place at `index` ends the name right after a college, a university or a
    hospital, as the city or town such a body stands in ends its name ("University College
    London", "Queen's University Belfast", "University Hospital Limerick"), at the end of
    the run or before a connector ("... Limerick on Monday"); a nationality there
    ("University College Irish") describes something else."""
    place = tokens[index]
    if (
        (index + 1 < len(tokens) and tokens[index + 1].kind != CONNECTOR)
        or place.text.isupper()
        or place.possessive
        or place.text.lower() in DEMONYMS
    ):
        return False
    kind = tokens[index - 1].text.lower()
    if kind in _HOSPITAL_KINDS:
        # Hospitals name the town they serve last ("University Hospital Limerick"); the
        # lexicon knows few such towns, so any name word but a person's given name will do.
        return place.kind in (NAME, PLACE) and not is_given_name(place.text)
    return (
        place.kind == PLACE
        and place.text.lower() in lexicon.PLACE_WORDS
        and kind in _ACADEMIC_KINDS
    )


def names_a_thing(text: str, segment: OrganisationSegment, run_start: int) -> bool:
    """Whether a one-word organisation name only describes the lower-case noun after it, a
    security or a size of a thing: "Treasury yields", "US Treasury bonds", "an AA battery".
    After "the" the word is the body itself, so "the Treasury bonds" would not be read so. An
    acronym before a word for a format or a plug is a standard, "the" or not: "the EPUB
    format", "a USB port"."""
    if " " in segment.text:
        return False
    if segment.is_acronym and _FORMAT_AFTER.match(text, segment.end):
        return True
    return _THING_AFTER.match(text, segment.end) is not None and not ARTICLE_END.search(
        text, max(0, run_start - 5), run_start
    )


def _acronym_and_country(tokens: list[Token], index: int) -> bool:
    """Whether an acronym and the name of a country or a region after it end the run after
    no more than a word such as "The", as a body names its arm for one nation ("NHS
    England", "BBC Scotland"), where a nationality ("BBC Russian") or a point of the compass
    ("BBC North") only describes what follows."""
    if (
        len(tokens) != index + 2
        or tokens[index].possessive
        or any(token.kind != STOP for token in tokens[:index])  # "An NHS England spokesman"
    ):
        return False
    place = tokens[index + 1]
    lower = place.text.lower()
    return (
        place.kind == PLACE
        and not place.text.isupper()
        and lower in lexicon.PLACE_WORDS
        and lower not in _PLACE_ADJECTIVES
        and lower not in DEMONYMS
    )


def _club_named_after_prefix(tokens: list[Token], index: int) -> int:
    """Where a club's name ends when the letters of a kind of club ("AC", "FC", "PSV") open
    it and one or two words of its town or its name follow ("AC Milan", "FC Bayern Munich");
    0 if they do not."""
    token = tokens[index]
    if token.kind not in (ACRONYM, ORG) or token.text not in lexicon.CLUB_PREFIXES:
        return 0
    last = index
    while (
        last + 1 < len(tokens)
        and last - index < 2
        and tokens[last + 1].kind in (NAME, PLACE)
        and not tokens[last].possessive
    ):
        last += 1
    return last if last > index else 0


def _acronym_opens_name(tokens: list[Token], acronym: int, head: int) -> bool:
    """Whether an acronym is the first word of the organisation name headed at `head`: before
    a company's legal form ("MMG Ltd"), or opening the run before a plain name word that
    qualifies the head ("ISRO Satellite Centre", "NASA Goddard Space Flight Center"), as a
    body names its parts; a sentence's "The" may stand before it ("The NAACP Legal Defense
    Fund said"). Before a department's words it is a body of its own ("UN Security
    Council": the UN and its council)."""
    if acronym + 1 == head:
        return tokens[head].text.lower() in CORPORATE_SUFFIXES
    return (
        all(token.kind == STOP for token in tokens[:acronym]) and tokens[acronym + 1].kind == NAME
    )


def _title_ends_name(tokens: list[Token], index: int) -> bool:
    """Whether a title after "of" or "for" ends an organisation's name as its remit
    ("International Court of Justice", "Brennan Center for Justice"), or qualifies the
    plural that does ("Royal College of General Practitioners"), rather than opening a
    person's title after the name ("Department of Justice Inspector General Michael
    Horowitz")."""
    if tokens[index].kind != TITLE:
        return False
    following = index + 1
    if following < len(tokens) and _is_plural_name_word(tokens[following]):
        following += 1
    return following == len(tokens) or tokens[following].kind in (CONNECTOR, ORG)


def _is_plural_name_word(token: Token) -> bool:
    """Whether a plain word of a name reads as a plural common noun: "Practitioners",
    "Surgeons", where a surname seldom ends so."""
    return token.kind == NAME and token.text.endswith(_PLURAL_ENDINGS)


def _joined_before(text: str, tokens: list[Token], first: int, kind: str) -> int:
    """Where an organisation name headed by a kind of organisation starts when "and" joins
    one or two common words before it into the name: "Securities and Exchange Commission",
    "Food and Drug Administration", "Foreign and Commonwealth Office". A word is taken as
    common if it names a department's field ("Finance"), ends as abstract nouns do
    ("Immigration"), stands in lower case elsewhere in the text ("food") or follows "the" or
    a country's acronym, as a nation's body is named ("the US Fish and Wildlife Service");
    after such a word in lower case the name may open with a place ("Mid Derwen Fire and
    Rescue Service"). Otherwise "and" joins two names, a person or a firm before it
    ("Clinton and State Department", "Viacom and Sony Pictures"), as it does before a place
    word ("Lufthansa and British Airways") and before a name that is no kind of organisation
    ("Arsenal and Manchester United"). A force, a council or a health trust serving two
    areas is named for both, which are no other body's name ("Avon and Somerset Police",
    "Northdale and Wreford Hospitals NHS Foundation Trust"): the area before "and" is taken
    in when the text never writes it without the other ("Arsenal and Islington Council"
    writes "Arsenal" alone elsewhere)."""
    connector = first - 1
    if connector < 1 or tokens[connector].text not in JOINING_CONNECTORS:
        return first
    if kind in _AREA_SERVICE_KINDS and _areas_joined(text, tokens, connector):
        return connector - 1
    if tokens[first].kind == PLACE:
        return first
    before = tokens[connector - 1]
    lower = before.text.lower()
    common = (
        before.kind == DEPARTMENT
        or lower.endswith(_COMMON_NOUN_ENDINGS)
        or re.search(rf"(?<![\w’'\-]){re.escape(lower)}(?![\w’'\-])", text) is not None
    )
    # Before a common word the name may open with the place the body serves, in up to two
    # more words: "Mid Derwen Fire and Rescue Service", "West Midlands Fire and Rescue".
    reach, kinds = (4, (NAME, DEPARTMENT, PLACE)) if common else (2, (NAME, DEPARTMENT))
    start = connector
    while (
        start > 0
        and connector - start < reach
        and tokens[start - 1].kind in kinds
        and not tokens[start - 1].text.isupper()  # "US Food and Drug Administration"
        and not tokens[start - 1].possessive
        and not is_given_name(tokens[start - 1].text)
    ):
        start -= 1
    if start == connector or (start > 0 and tokens[start - 1].kind in (NAME, DEPARTMENT, ORG)):
        return first
    if (
        common
        or ARTICLE_END.search(text, max(0, tokens[start].start - 5), tokens[start].start)
        or (start > 0 and tokens[start - 1].kind == PLACE and tokens[start - 1].text.isupper())
    ):
        return start
    return first


def _areas_joined(text: str, tokens: list[Token], connector: int) -> bool:
    """Whether the one name word before "and" at `connector` is an area the name after it is
    joined with, as the text only ever writes the two together: "Avon and Somerset"."""
    area, following = tokens[connector - 1], tokens[connector + 1]
    if (
        area.kind not in (NAME, PLACE)
        or area.possessive
        or area.text.isupper()
        or is_given_name(area.text)
        or (connector >= 2 and tokens[connector - 2].kind in (NAME, PLACE, ORG, DEPARTMENT))
    ):
        return False
    alone = re.compile(rf"(?<![\w’'\-]){re.escape(area.text)}(?![\w’'\-])")
    return len(alone.findall(text)) == text.count(text[area.start : following.end])


def _named_of_place(text: str, tokens: list[Token], first: int) -> bool:
    """Whether the organisation name starting at `first` with a place ("America Securities")
    goes on to its left over "of" and the word opening the run: "Banc of America
    Securities". Not a person's surname ("Walsh of British Airways"): a given name or a
    title before it, or a capitalised word before it anywhere in the text, says so."""
    if first != 2 or tokens[1].text != "of" or tokens[2].kind != PLACE or tokens[2].text.isupper():
        return False
    word = tokens[0]
    if word.kind != NAME or word.possessive or is_given_name(word.text):
        return False
    surname = re.compile(rf"[{_UPPER}][\w’'\-]*[ \u00a0]+{re.escape(word.text)}\b")
    return surname.search(text) is None


def _kind_with_its_words(text: str, tokens: list[Token], index: int) -> tuple[int, int]:
    """The span of a lone kind of organisation with the words that make it one organisation,
    which the qualifiers of longer names do not take in: an acronym, a title or a place
    acronym before it ("BBC News", "Premier League", "General Motors", "US Army"), a number
    word on either side ("Six Nations", "League One", "Group of Eight"), a title after "of"
    ("Ministry of Justice") or a digit after it ("Radio 4"). Without them, or when a name
    follows that the kind only qualifies ("Chief Police Officers"), the token's own span."""
    token = tokens[index]
    start, end = token.start, token.end
    following = tokens[index + 1 : index + 3]
    if following and following[0].kind == NAME:
        return start, end
    if index > 0 and not tokens[index - 1].possessive:
        previous = tokens[index - 1]
        if (
            previous.kind in (ACRONYM, TITLE)
            or (previous.kind == PLACE and previous.text.isupper())
            or previous.text.lower() in NUMBER_WORDS
        ):
            start = previous.start
    if following and following[0].text.lower() in NUMBER_WORDS:
        end = following[0].end
    elif (
        len(following) == 2
        and following[0].text == "of"
        and (following[1].kind == TITLE or following[1].text.lower() in NUMBER_WORDS)
    ):
        end = following[1].end
    elif index + 1 == len(tokens) and (digit := _DIGIT_AFTER.match(text, end)):
        end = digit.end()
    return start, end
