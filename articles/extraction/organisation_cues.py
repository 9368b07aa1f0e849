"""Organisations named without an organisation word, told by the context around the run.

Firms and clubs are often named by plain name words ("Yukos", "Ernst and Young", "Millbrook
Town"), which alone could as well be a person's. The text around them says otherwise: the kind
of body before the name ("oil firm Yukos"), the stock market's words after it ("Ericsson
shares dropped"), its officers ("Fiat chairman"), a role held at it ("analysts at Halden
Street Capital"), a result line or a sports report for a club, two founders' names kept
together ("Ernst and Young has"), initials and a surname where someone works ("analysts at JP
Morgan"). Once the text names an organisation so, its other mentions are that organisation.
"""

import re
from collections import Counter
from dataclasses import dataclass

from . import lexicon
from .lexicon import word_set
from .names import is_given_name
from .tokens import (
    ARTICLE_END,
    CONNECTOR,
    DEPARTMENT,
    HONORIFIC,
    JOINING_CONNECTORS,
    NAME,
    ORG,
    PLACE,
    QUALIFIERS,
    STOP,
    TITLE,
    OrganisationSegment,
    RunAnalysis,
    Token,
    starts_sentence,
    token_class,
)

_UPPER = lexicon.UPPER_LETTERS

# The word before a type noun: "oil" in "oil firm Yukos".
WORD_BEFORE = re.compile(r"([\w’'\-]+)[ \u00a0]+$")
# Connectors inside a name introduced by its type ("group Americans for Prosperity").
_TYPED_CONNECTORS = word_set("of for &")
# After a company's name, the stock market's words for it: "Ericsson shares dropped",
# "Baoshan stock climbed" (a verb after the noun, where "Woods shares the lead" has none), and
# before it, "shares in", "shares of".
_TRADE_VERBS = r"(?:[a-z]+ed|rose|fell|were|are|have|had|lost|won|hit|slid|sank|shrank)\b"
_TRADED_AFTER = re.compile(rf"(?:[’']s)?[ \u00a0]+(?:shares|stock)[ \u00a0]+{_TRADE_VERBS}")
# "Shares in Wimpey were up", but not "Air China shares in Hong Kong."
_TRADED_BEFORE = re.compile(r"\b[Ss]hares[ \u00a0]+(?:in|of)[ \u00a0]+$")
# A price's move by a percentage: "fell 6.2 percent", "rose 3%".
_MOVED_BY_PERCENT = re.compile(
    r"[ \u00a0]+(?:rose|fell|gained|lost|climbed|slid|dropped|jumped|sank|tumbled|slumped"
    r"|surged|advanced|declined|added|shed)[ \u00a0]+\d[\d.]*[ \u00a0]*"
    r"(?:%|percent|per[ \u00a0]cent)"
)
_TRADE_VERB = re.compile(rf"[ \u00a0]+{_TRADE_VERBS}")
# After a name, the officers, owners and parts only a company or a club has: "Fiat chairman
# Luca di Montezemolo", "T-Mobile's chief executive", "Enron's shareholders", "Yukos unit
# Yuganskneftegas", "Chelsea boss Jose Mourinho", "Atalanta defender Simone Ricciardelli",
# "Wolves head coach Darren Okonkwo". A person has an aide or a spokesman ("a Blair
# spokesman"), not a chairman or shareholders; after a possessive a person may have a boss, a
# unit or a coach ("Smith's boss"), so those words count only without one.
_OFFICERS_AFTER = re.compile(
    r"(?:(?:[’']s?)?[ \u00a0]+(?:chairman|chairwoman|ceo|shareholders|subsidiary"
    r"|chief[ \u00a0]+(?:executive|operating|financial))"
    r"|[ \u00a0]+(?:boss|bosses|directors|unit|striker|midfielder|defender|goalkeeper|winger"
    r"|manager|(?:head[ \u00a0]+)?coach))\b"
)
# After two names joined by "and": a verb in the singular, a "which" or a possessive says the
# two are one thing, a firm ("Ernst and Young has", "Ernst and Young, which").
# A possessive after them says so only before a person or a role ("Ernst and Young's Sanjay
# Mehta", "... Young's chief economist"), not before a product ("Amstel and Murphy's stout").
_OWNS_SOMEONE = re.compile(
    rf"[ \u00a0]+(?:[{_UPPER}]|(?:{'|'.join(sorted(lexicon.ROLE_NOUNS))})\b)"
)
_ONE_THING_AFTER = re.compile(r",[ \u00a0]+which\b|[ \u00a0]+(?:has|is|was|does|says)\b")
# A result on a line of its own: two sides, each with its score after it or both scores
# between them ("Ashdown Athletic 3 Millbrook Town 2", "Leeds United 2-1 Hull City").
_SIDE = rf"[{_UPPER}][\w’'.\-]*(?:[ \t]+(?:(?:and|&|of)[ \t]+)?[{_UPPER}][\w’'.\-]*){{0,4}}"
_RESULT_LINE = re.compile(
    rf"^[ \t]*({_SIDE})[ \t]+(?:\d{{1,3}}[ \t]+({_SIDE})[ \t]+\d{{1,3}}"
    rf"|\d{{1,3}}[ \t]*[-–][ \t]*\d{{1,3}}[ \t]+({_SIDE}))[ \t]*$",
    re.MULTILINE,
)
# A result reported in a sentence: a side, a verb of winning or drawing, the other side and
# the score ("Ashdown beat Millbrook 2-1", "scored late to beat Millbrook 2-1"); a side held
# to a score by the other ("Ashdown were held 0-0 at home by Millbrook"); a score's draw or
# win with, against or over the other side ("a 1-1 draw with Millbrook"; "at" would name
# the ground: "a 2-1 win at Tynecastle"). The score is what makes both sides teams.
_SCORE = r"\d{1,2}[-–]\d{1,2}"
_PROSE_SIDE = (
    rf"(?<![\w’'\-])([{_UPPER}][\w’'\-]*(?:[ \u00a0]+(?:(?:and|&|of)[ \u00a0]+)?"
    rf"[{_UPPER}][\w’'\-]*){{0,3}})"
)
_REPORTED_RESULT = re.compile(
    rf"(?:{_PROSE_SIDE}[ \u00a0]+)?"
    rf"(?:beat|defeated|thrashed|edged|drew[ \u00a0]+with|lost[ \u00a0]+to)"
    rf"[ \u00a0]+{_PROSE_SIDE}[ \u00a0]+{_SCORE}(?!\d)"
    rf"|{_PROSE_SIDE}[ \u00a0]+(?:were|was)[ \u00a0]+held[ \u00a0]+"
    rf"(?:to[ \u00a0]+a[ \u00a0]+)?{_SCORE}"
    rf"(?:[ \u00a0]+draw)?(?:[ \u00a0]+at[ \u00a0]+home)?[ \u00a0]+by[ \u00a0]+{_PROSE_SIDE}"
    rf"|{_SCORE}[ \u00a0]+(?:draw|win|victory|defeat)[ \u00a0]+(?:with|against|over)[ \u00a0]+"
    rf"{_PROSE_SIDE}"
)
_SCORE_IN_TEXT = re.compile(r"\d[-–]\d")
# Two scores in a row, perhaps with a tie-break between them: the sets of a match between
# players ("6-7 (7-2) 6-4", "7-5, 6-3"), whose sides are people, not teams.
_SETS = re.compile(rf"{_SCORE}(?:[ \u00a0]+\(\d{{1,2}}[-–]\d{{1,2}}\))?,?[ \u00a0]+{_SCORE}")
# Where a person works, before a firm's name: "analysts at", "Priya Menon of".
_AT_BEFORE = re.compile(r"\b(?:at|with)[ \u00a0]+$")
_PERSON_OF_BEFORE = re.compile(rf"[{_UPPER}][\w’'\-]+[ \u00a0]+of[ \u00a0]+$")
# Roles held in a firm or a body, before "at" and where the person works ("chief economist
# at", "analysts at", "head of rates strategy at"), and among them the officers of one,
# before "of" ("the chief executive of", "the founder of"). Not roles over a place or a
# people ("mayor", "president", "leader"), nor a person's relations ("friend", "son").
_OFFICER_ROLES = word_set(
    """
    founder co-founder chairman chairwoman chairperson chair director head executive officer
    manager headteacher principal trustee owner
    """
)
_WORKPLACE_ROLES = _OFFICER_ROLES | word_set(
    """
    analyst analysts economist economists strategist strategists directors managers partner
    partners researcher researchers scientist scientists engineer engineers trader traders
    banker bankers lawyer lawyers consultant consultants employee employees worker workers
    staff staffers executives officers professor lecturer teacher teachers spokesman
    spokeswoman spokesperson
    """
)
_ROLE_AT_BEFORE = re.compile(
    r"\b([a-z][a-z\-]*)(?:[ \u00a0]+(?:of|for)(?:[ \u00a0]+[a-z][a-z\-]*){1,3})?"
    r"[ \u00a0]+at[ \u00a0]+(?:the[ \u00a0]+)?$"
)
_AT_OR_OF_BEFORE = re.compile(r"\b(?:at|of)[ \u00a0]+(?:the[ \u00a0]+)?$")
_ROLE_OF_BEFORE = re.compile(r"\b([a-z][a-z\-]*)[ \u00a0]+of[ \u00a0]+(?:the[ \u00a0]+)?$")
# What news writes before a publication a source spoke to or wrote in, then "the" or a run
# opening with "The": "told the", "speaking to The", "in an interview with the".
_TOLD = word_set("told tells tell telling")
_SPOKEN_TO = frozenset(
    [
        *(
            (verb, "to")
            for verb in word_set("speaking spoke speaks talking talked talks said says")
        ),
        *((verb, "in") for verb in word_set("writing wrote writes")),
        ("interview", "with"),
    ]
)
# Connectors inside such a name: "Times of India", "Mail on Sunday".
_PUBLICATION_CONNECTORS = word_set("of on")
# What follows such a name: punctuation or a word that goes on with the sentence, not a
# noun that the name qualifies ("told the Hale family").
_PUBLICATION_AFTER = re.compile(
    r"[ \u00a0]*[,.:;!?—–)]|[ \u00a0]+(?:that|in|on|last|this|earlier|it|he|she|they|after"
    r"|about|how|what|why|when|while|the|a|an|of)\b"
)
# Kinds of business, singular, that never open a name of their own: "Retailer Harrow & Vale".
# Nor are they ever a verb, so after an article too they type the name after them: "the
# insurer Meridian Mutual", "a lender Halden Bank".
_TRADER_TYPES = word_set("retailer lender insurer manufacturer brewer supermarket conglomerate")
_ARTICLES = word_set("the a an")
# Prepositions that place something in a town rather than pit a side against a club.
_PLACE_PREPOSITION_BEFORE = re.compile(
    r"\b(?:in|near|outside|around|across|through|into|of)[ \u00a0]+(?:the[ \u00a0]+)?$"
)


def named_after_type(text: str, tokens: list[Token], run_start: int) -> int:
    """How many tokens opening a run name an organisation because a kind of business or body
    stands right before it, itself after a word that describes it ("oil firm Yukos",
    "anti-virus firm Sophos"); 0 if none. After a determiner, a pronoun or an auxiliary the
    noun may be a verb or the name a clause's subject ("to fund Zika", "the club Roman
    Abramovich bought", "one label Rubio resists"), unless the noun is a kind of trader, which
    is never a verb ("the insurer Meridian Mutual"). A given name says a person is named
    instead ("film maker Ken Loach") or next ("union Unison Dave Prentis")."""
    if tokens[0].kind != NAME or text[run_start - 1 : run_start] != " ":
        return 0
    window = max(0, run_start - 16)
    noun_start = text.rfind(" ", window, run_start - 1) + 1
    if noun_start == 0 and window > 0:
        return 0  # no short word before the run
    noun = text[noun_start : run_start - 1]
    if _singular(noun.lower() if noun.istitle() else noun) not in lexicon.ORGANISATION_TYPES:
        return 0  # "oil firm Yukos", or a kind opening a sentence: "Carmakers Renault"
    before = WORD_BEFORE.search(text, max(0, noun_start - 30), noun_start)
    describer = before.group(1).lower() if before else ""
    trader_after_article = describer in _ARTICLES and _singular(noun) in _TRADER_TYPES
    if (
        (describer in lexicon.NOT_NAME_WORDS and not trader_after_article)
        or describer in lexicon.COMMON_VERBS
        or is_given_name(tokens[0].text)
    ):
        return 0
    count = 1
    while not tokens[count - 1].possessive and count < len(tokens):
        following = tokens[count]
        if following.kind in QUALIFIERS and not is_given_name(following.text):
            count += 1
        elif following.text in _TYPED_CONNECTORS or following.text == "the":
            # "advocacy group Americans for Prosperity", "Friends of the Earth", "Lock the Gate"
            joint = (
                2
                if following.text != "the"
                and tokens[count + 1 : count + 2]
                and (tokens[count + 1].text == "the")
                else 1
            )
            if count + joint < len(tokens) and tokens[count + joint].kind in QUALIFIERS:
                count += joint + 1
            else:
                break
        else:
            break
    return count


def type_opens_sentence(text: str, tokens: list[Token], run_start: int) -> bool:
    """Whether a plural kind of business or body opens the sentence with a capital before
    the names it types: "Carmakers Renault and Peugeot said", "Insurers Aviva and Admiral".
    Only its place capitalises the noun, so the run holds it, where mid-sentence it stands
    before the run. A singular kind may open a name of its own ("Team Sky", "Studio
    Ghibli", "Bank Rakyat"), but not a maker or a kind of trader named for what it does
    ("Chipmaker Lumera Systems", "Retailer Harrow & Vale")."""
    first = tokens[0]
    lower = first.text.lower()
    return (
        len(tokens) > 1
        and (lower.endswith("s") or lower.endswith("maker") or lower in _TRADER_TYPES)
        and first.kind == NAME
        and not first.possessive
        and first.text.istitle()
        and _singular(lower) in lexicon.ORGANISATION_TYPES
        and starts_sentence(text, run_start)
    )


def second_of_plural_type(tokens: list[Token], typed_count: int, kind: str | None) -> int:
    """Where a second name ends when a plural kind of body stands before the first and "and"
    or "&" joins a second to it ("electronics giants Hitachi and Matsushita", "technology
    firms Earthlink and Webroot"): the plural types both. 0 otherwise, or when a given name
    follows "and", as a person may ("firms Acme and John Smith")."""
    if kind is None or _singular(kind) == kind or typed_count + 1 >= len(tokens):
        return 0
    if tokens[typed_count].text not in JOINING_CONNECTORS or tokens[typed_count - 1].possessive:
        return 0
    end = typed_count + 1
    while (
        end < len(tokens) and tokens[end].kind in QUALIFIERS and not is_given_name(tokens[end].text)
    ):
        end += 1
        if tokens[end - 1].possessive:
            break
    return end if end > typed_count + 1 else 0


def _singular(noun: str) -> str:
    """A plural noun in the singular, for the plural of a kind of body before names:
    "technology firms Earthlink and Webroot", "electronics giants Hitachi", "companies"."""
    if noun.endswith("ies"):
        return noun[:-3] + "y"
    return noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun


def mentions_of_typed(analysed: list[tuple[int, int, RunAnalysis]], typed: set[str]) -> None:
    """Make every other mention of an organisation named after its type an organisation too:
    "Yukos said" and the headline's "Yukos" once the text has said "oil firm Yukos". Not a
    word the text also gives as a person's surname ("Marco Rubio"): the type noun was read
    wrongly, and one misreading must not turn every "Rubio" into an organisation."""
    surnames = {
        segment.tokens[-1]
        for _start, _end, analysis in analysed
        for segment in analysis.names
        if len(segment.tokens) > 1
    }
    typed = typed - surnames
    for _start, _end, analysis in analysed:
        mentions = [
            segment for segment in analysis.names if segment.text in typed and not segment.titled
        ]
        if not mentions:
            continue
        analysis.names = [
            segment for segment in analysis.names if segment.text not in typed or segment.titled
        ]
        analysis.organisations = sorted(
            [
                *analysis.organisations,
                *(OrganisationSegment(s.start, s.end, s.text, False) for s in mentions),
            ],
            key=lambda organisation: organisation.start,
        )


def traded_count(text: str, tokens: list[Token]) -> int:
    """How many tokens name a company because its shares trade: a run of plain name words
    before "shares" or "stock" and a verb ("Baoshan stock climbed", "Ericsson shares
    dropped"), or after "shares in" or "shares of"; 0 if none. A person's name does not
    open such a run; "Woods shares the lead" has no verb after the noun. In a text on
    trading a company's name also moves by a percentage on its own ("Calder Homes fell 6.2
    percent"), where an index has "the" before it ("the Nikkei fell 2 percent") and a
    commodity opens a sentence alone ("Copper rose 2 percent")."""
    if tokens[0].kind != NAME or is_given_name(tokens[0].text):
        return 0
    count = 1
    while count < len(tokens) and tokens[count].kind in QUALIFIERS:
        if tokens[count - 1].possessive:
            break
        count += 1
    if any(token.kind == NAME and is_given_name(token.text) for token in tokens[:count]):
        return 0
    end = tokens[count - 1].end
    if (count == len(tokens) or tokens[count - 1].possessive) and _TRADED_AFTER.match(text, end):
        return count
    if (
        count == len(tokens)
        and _MOVED_BY_PERCENT.match(text, end)
        and not ARTICLE_END.search(text, max(0, tokens[0].start - 4), tokens[0].start)
        and (count > 1 or not starts_sentence(text, tokens[0].start))
    ):
        return count
    start = tokens[0].start
    traded = _TRADED_BEFORE.search(text, max(0, start - 12), start) and _TRADE_VERB.match(text, end)
    return count if traded else 0


def has_officers(text: str, tokens: list[Token]) -> int:
    """1 when a run of one plain name word is a company's or a club's because its officers or
    owners follow it ("Fiat chairman", "Enron's shareholders"), else 0. A given name says the
    word is a person's ("Jane's boss")."""
    if len(tokens) != 1 or tokens[0].kind != NAME or is_given_name(tokens[0].text):
        return 0
    if "-" in tokens[0].text and not tokens[0].text.istitle():
        return 0  # "Under-pressure coach Tom Hale": a description, not a club
    if not _OFFICERS_AFTER.match(text, tokens[0].end):
        return 0
    lower = tokens[0].text.lower()
    if starts_sentence(text, tokens[0].start) and (
        lower in lexicon.ORGANISATION_TYPES
        or re.search(rf"(?<![\w’'\-]){re.escape(lower)}(?![\w’'\-])", text)
    ):
        # "Charity boss Gordon Lishman", "Factory manager Tom Hale": a kind of body or
        # a common noun, capitalised to open a sentence.
        return 0
    return 1


def workplace_after_role(text: str, tokens: list[Token], run_start: int) -> bool:
    """Whether a run of plain name words is where someone works, by the role before it: a
    role at a firm ("chief economist at Halden Street Capital", "analysts at Kessler Grant",
    "head of rates strategy at Brightwater") or an officer of it ("the headteacher of
    Bishopstoke Primary"). Only roles held in a firm or a body count: "mayor of Northgate"
    and "a friend of Alan Hale" name a place and a person. A given name opening the run, a
    possessive ("at Goldman's London office") or a place noun ending it ("at Kingsmead
    Park") says it is no firm's name."""
    if not _AT_OR_OF_BEFORE.search(text, max(0, run_start - 8), run_start) or any(
        token.kind not in (NAME, PLACE) or token.possessive or "." in token.text for token in tokens
    ):
        return False
    first, last = tokens[0].text, tokens[-1].text.lower()
    if token_class(first) != NAME or is_given_name(first) or last in lexicon.PLACE_WORDS:
        return False
    window = max(0, run_start - 60)
    role = _ROLE_AT_BEFORE.search(text, window, run_start) or _ROLE_OF_BEFORE.search(
        text, window, run_start
    )
    if role is None:
        return False
    if role.re is _ROLE_OF_BEFORE:
        return role.group(1) in _OFFICER_ROLES
    return role.group(1) in _WORKPLACE_ROLES


def told_publication(text: str, tokens: list[Token], run_start: int) -> int | None:
    """Where the name of a paper, a broadcaster or a programme starts in a run that news
    writes after "the" as the one a source told or spoke to ("told The Observer", "speaking
    to the Evening Standard", "writing in the Sunday Telegraph"), though no word in it is a
    kind of organisation: a person is told without "the". None when a given name, a title or
    an honorific is among its words ("told the Prime Minister"), when a noun follows the
    name ("told the Hale family"), or when its one word is written in lower case elsewhere in
    the text, as a common noun is ("told the Inquiry")."""
    if tokens[0].text == "The":
        if not text[run_start - 2 : run_start - 1].islower():
            return None  # "The" opening a sentence, not after "told"
        first = 1
    elif text.endswith("the ", 0, run_start):
        first = 0
    else:
        return None  # "told Hale": a person
    before = text[max(0, run_start - 30) : run_start].lower().split()
    if first == 0:
        before = before[:-1]  # the "the" before the run
    if not before or (before[-1] not in _TOLD and tuple(before[-2:]) not in _SPOKEN_TO):
        return None
    words = tokens[first:]
    if (
        not 1 <= len(words) <= 5
        or words[-1].kind == CONNECTOR
        or is_given_name(words[0].text)
        or any(
            word.possessive
            or word.kind not in (NAME, ORG, PLACE, DEPARTMENT, CONNECTOR)
            or (word.kind == CONNECTOR and word.text not in _PUBLICATION_CONNECTORS)
            for word in words
        )
        or not _PUBLICATION_AFTER.match(text, words[-1].end)
    ):
        return None
    if len(words) == 1 and re.search(rf"\b{re.escape(words[0].text.lower())}\b", text):
        return None
    return first


def town_club_word(text: str, tokens: list[Token], run_start: int) -> int | None:
    """Where "City", "Town" or "County" ends a town's name opening a run, as clubs are named
    ("Northgate City on Saturday", "Millbrook Town", "Notts County"), in a text that reports
    on a sport; None otherwise. Not after a preposition of place ("in Carson City"), and not
    after a town the lexicon knows as a place, whose name it may be ("Mexico City", "New
    York City"), or a given name."""
    end = next((i for i, token in enumerate(tokens) if token.kind == CONNECTOR), len(tokens))
    if not 2 <= end <= 4 or tokens[end - 1].text not in ("City", "Town", "County"):
        return None
    if _PLACE_PREPOSITION_BEFORE.search(text, max(0, run_start - 10), run_start):
        return None
    if all(
        token_class(token.text) == NAME and not token.possessive and not is_given_name(token.text)
        for token in tokens[: end - 1]
    ):
        return end - 1
    return None


def club_letters_after_name(tokens: list[Token]) -> None:
    """Make an organisation word of the letters for a kind of club that end a club's name
    after its town or its name in a report on a sport ("Hamburger SV", "Harrow AC"), as they
    open it elsewhere ("AC Milan"). Not "SC", which after a name is a barrister's rank; and
    only in such a report, where a product's model ("Optio SV") is not met."""
    for index, (town, letters) in enumerate(zip(tokens, tokens[1:], strict=False)):
        if (
            letters.text in lexicon.CLUB_PREFIXES
            and letters.text != "SC"
            and town.kind in (NAME, PLACE)
            and not town.possessive
            and not is_given_name(town.text)
            and (index + 2 == len(tokens) or tokens[index + 2].kind == CONNECTOR)
        ):
            letters.kind = ORG


def result_line_sides(text: str) -> set[tuple[int, int]]:
    """The spans of the two sides of a result on a line of its own, as a match report heads
    it ("Ashdown Athletic 3 Millbrook Town 2", "Ashdown Athletic 3-2 Millbrook Town"): each
    names a club or a team, whatever words it has."""
    sides: set[tuple[int, int]] = set()
    for match in _RESULT_LINE.finditer(text):
        for group in (1, 2, 3):
            if match.group(group):
                sides.add(match.span(group))
    return sides


def reported_result_sides(text: str) -> set[tuple[int, int]]:
    """The spans of the sides of results reported in sentences ("Ashdown beat Millbrook
    2-1"): clubs named by their town alone, as match reports name them. Not a side the
    lexicon knows as a country or a city, which names a nation's team or the place, and no
    side of a match between people: one scored in sets, or naming a player in full ("Rafael
    Nadal beat ...") or by a surname that a given name stands before elsewhere in the text
    ("Nadal beat Federer 6-3" after "Rafael Nadal")."""
    if _SCORE_IN_TEXT.search(text) is None:
        return set()
    sets = [found.span() for found in _SETS.finditer(text)]
    sides: set[tuple[int, int]] = set()
    for match in _REPORTED_RESULT.finditer(text):
        groups = [group for group in range(1, 6) if match.group(group)]
        if any(start < match.end() and match.start() < end for start, end in sets) or any(
            _names_player(text, match.group(group)) for group in groups
        ):
            continue
        sides.update(
            match.span(group)
            for group in groups
            if not all(word.lower() in lexicon.PLACE_WORDS for word in match.group(group).split())
        )
    return sides


def _names_player(text: str, side: str) -> bool:
    """Whether a side in a reported result is a person: a given name opens it, or stands
    before it elsewhere in the text."""
    if is_given_name(side.split()[0]):
        return True
    before_side = re.compile(rf"([{_UPPER}][\w’'\-]*)[ \u00a0]+{re.escape(side)}\b")
    return any(is_given_name(before.group(1)) for before in before_side.finditer(text))


def named_as_a_whole(
    text: str, tokens: list[Token], side_or_agency: bool, before_ticker: bool
) -> int | None:
    """Where a run that is one organisation's name starts, though no word in it is a kind
    of organisation: a side in a result or a news agency in a dateline's brackets
    ("(Wireline) - "), a company before its stock ticker ("Kodak <EK>"), or plain name words
    before "UK", as British bodies and the British arms of firms are named ("Alzheimer's
    Research UK", "Age UK", "Amazon UK"), where no person's name ends in a country; a word
    opening a sentence there must recur with "UK", as a name does. So are plain words after
    "HM" ("HM Revenue and Customs", "HM Coastguard"), a British body of the Crown's, and
    after "Friends of", as supporters name their group ("Friends of the Earth"). None for
    any other run, or when a given name opens the words."""
    if (
        not side_or_agency
        and not before_ticker
        and tokens[-1].text != "UK"
        and tokens[0].text not in ("HM", "Friends")
    ):
        return None
    first = 0
    while first < len(tokens) and tokens[first].kind == STOP:
        first += 1  # "The", opening the run
    words = tokens[first:]
    if not words or (is_given_name(words[0].text) and not before_ticker):
        return None
    if words[0].text in ("HM", "Friends") and not side_or_agency and not before_ticker:
        return first if _crown_or_friends_body(words) else None
    if (
        before_ticker
        and len(words) > 2
        and words[0].text in ("Shares", "Stock")
        and words[1].text == "of"
    ):
        return first + 2  # "Shares of Ford Motor Co <F>": the words about it, then the company
    if side_or_agency or before_ticker:
        return first
    if (
        len(words) < 2
        or words[-1].text != "UK"
        or not all(word.kind in (NAME, DEPARTMENT, ORG) for word in words[:-1])
        or any(word.possessive for word in words[1:])
    ):
        return None
    name = text[words[0].start : words[-1].end]
    if starts_sentence(text, words[0].start) and not words[0].possessive and text.count(name) < 2:
        return None  # "Previous UK winners": a word opening a sentence, before "UK" as an adjective
    return first


def _crown_or_friends_body(words: list[Token]) -> bool:
    """Whether a run is "HM" or "Friends of" and a body's plain words: "HM Revenue and
    Customs", "Friends of the Earth", not "HM the Queen" or "Friends of John Hale"."""
    rest = words[1:]
    connectors = JOINING_CONNECTORS | {"of", "for"}
    if words[0].text == "Friends":
        if not rest or rest[0].text != "of":
            return False
        rest = [word for word in rest[1:] if word.text != "the"]
        connectors = frozenset({"of"})  # "Friends of the Earth and Citizens for ...": two
    return (
        bool(rest)
        and rest[-1].kind != CONNECTOR
        and not is_given_name(rest[0].text)
        and all(
            word.kind in (NAME, ORG, DEPARTMENT, PLACE)
            or (word.kind == CONNECTOR and word.text in connectors)
            for word in rest
        )
    )


@dataclass
class SurnamePair:
    """Two lone capitalised words joined by "and" or "&" in one run."""

    start: int
    end: int
    text: str
    words: tuple[str, str]
    ampersand: bool
    singular: bool  # a singular verb, "which" or a possessive after it: one thing, not two
    analysis: RunAnalysis
    context: str  # the words before it, to tell a pair said twice from one sentence repeated


def surname_pairs(text: str, tokens: list[Token], analysis: RunAnalysis) -> list[SurnamePair]:
    """Two lone name words joined by "and" or "&" that no title or given name marks as
    people: "Ernst and Young", "Marks & Spencer", but not "Mr Blair and Brown"."""
    pairs = []
    for index in range(len(tokens) - 2):
        first, joint, second = tokens[index : index + 3]
        if (
            joint.text not in JOINING_CONNECTORS
            or first.kind != NAME
            or second.kind != NAME
            or first.possessive
            or (index > 0 and tokens[index - 1].kind in (NAME, HONORIFIC, TITLE))
            or (
                index + 3 < len(tokens) and tokens[index + 3].kind == NAME and not second.possessive
            )
            or is_given_name(first.text)
            or is_given_name(second.text)
            or min(len(first.text), len(second.text)) == 1  # "R & B": letters, no founders
            or any(  # "Bramley & Hunt Ltd": the pair is inside a firm's name found already
                o.start <= first.start and second.end <= o.end for o in analysis.organisations
            )
        ):
            continue
        singular = bool(
            _ONE_THING_AFTER.match(text, second.end)
            or (second.possessive and _OWNS_SOMEONE.match(text, second.end + 2))
        )
        pairs.append(
            SurnamePair(
                first.start,
                second.end,
                text[first.start : second.end],
                (first.text, second.text),
                joint.text == "&",
                singular,
                analysis,
                _words_before(text, first.start),
            )
        )
    return pairs


def _words_before(text: str, start: int) -> str:
    """Up to 30 characters before a position, within its line."""
    line_start = text.rfind("\n", max(0, start - 30), start) + 1
    return text[max(line_start, start - 30) : start]


def firms_named_for_founders(
    analysed: list[tuple[int, int, RunAnalysis]], pairs: list[SurnamePair]
):
    """Make a pair of surnames an organisation when neither word names anyone on its own
    anywhere in the text and the pair is one thing: joined by "&", said twice, or followed
    by a singular verb, "which" or a possessive ("Ernst and Young has been fined", "Ernst and
    Young's Sanjay Mehta"). People are named in full or with a title somewhere; a firm named
    for its founders keeps the two words together."""
    inside = [(pair.start, pair.end) for pair in pairs]
    elsewhere = {
        token
        for _start, _end, analysis in analysed
        for segment in analysis.names
        if not any(start <= segment.start < end for start, end in inside)
        for token in segment.tokens
    }
    # Said twice in different words: a standfirst repeating the body's first sentence, or a
    # recipe's heading over each of its steps, says a thing once.
    said = Counter(text for text, _context in {(pair.text, pair.context) for pair in pairs})
    firms = {
        pair.text
        for pair in pairs
        if (pair.ampersand or pair.singular or said[pair.text] > 1)
        and not elsewhere.intersection(pair.words)
    }
    for pair in pairs:
        if pair.text not in firms:
            continue
        analysis = pair.analysis
        analysis.names = [s for s in analysis.names if not pair.start <= s.start < pair.end]
        analysis.organisations = sorted(
            [*analysis.organisations, OrganisationSegment(pair.start, pair.end, pair.text, False)],
            key=lambda organisation: organisation.start,
        )


def firms_named_by_initials(text: str, analysed: list[tuple[int, int, RunAnalysis]]) -> None:
    """Make two initials and a surname one firm's name where the text places someone at it:
    "analysts at JP Morgan", "Priya Menon of JP Morgan". Written without stops, initials
    before a surname may as well be a person's ("JD Vance said"), so it takes a place of
    work to tell; every other mention of the same words is then the firm too."""
    firms: set[str] = set()
    pairs = []
    for run_start, _run_end, analysis in analysed:
        for acronym in analysis.organisations:
            if not acronym.is_acronym or not 2 <= len(acronym.text) <= 3:
                continue
            name = next((n for n in analysis.names if n.start == acronym.end + 1), None)
            if name is None or len(name.tokens) != 1 or text[acronym.end] != " ":
                continue
            pairs.append((analysis, acronym, name))
            before = text[max(0, acronym.start - 40) : acronym.start]
            if (
                acronym.start == run_start and _AT_BEFORE.search(before)
            ) or _PERSON_OF_BEFORE.search(before):
                firms.add(text[acronym.start : name.end])
    for analysis, acronym, name in pairs:
        if text[acronym.start : name.end] not in firms:
            continue
        analysis.names.remove(name)
        analysis.organisations[analysis.organisations.index(acronym)] = OrganisationSegment(
            acronym.start, name.end, text[acronym.start : name.end], False
        )


def mentions_of_joined(text: str, analysed: list[tuple[int, int, RunAnalysis]]) -> None:
    """Make every mention of an organisation name with "and" inside it that the text reads
    whole in one place ("the Food and Drug Administration") that name wherever else it
    stands, though the words there gave no sign of it ("Food and Drug Administration
    Commissioner Ann Lee", where "and" might as well join a person and a body, as in "Brenwick
    and State Department lawyers"): one name is not read two ways in one text."""
    joined = {
        organisation.text
        for _start, _end, analysis in analysed
        for organisation in analysis.organisations
        if " and " in organisation.text
    }
    for run_start, run_end, analysis in analysed:
        for name in joined:
            start = text.find(name, run_start, run_end)
            while start != -1:
                end = start + len(name)
                if (
                    (start == run_start or not text[start - 1].isalnum())
                    and (end == run_end or not text[end].isalnum())
                    and not any(o.start <= start and end <= o.end for o in analysis.organisations)
                ):
                    outside = [
                        o for o in analysis.organisations if o.end <= start or end <= o.start
                    ]
                    analysis.organisations = sorted(
                        [*outside, OrganisationSegment(start, end, name, False)],
                        key=lambda organisation: organisation.start,
                    )
                    analysis.names = [n for n in analysis.names if n.end <= start or end <= n.start]
                start = text.find(name, end, run_end)
