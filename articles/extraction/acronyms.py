"""Acronyms: the initials they take, the names they abbreviate, and capitals that are none.

An acronym stands for a full name when its letters are the initials of that name ("NSC" for
"National Security Council", "G7" for "Group of Seven"). Not every word in capitals is one: a
headline or a heading shouts ("CAN THEY SAVE THEMSELVES?"), a product has a code ("RAV4",
"512GB SSD"), a term its abbreviation ("binge eating disorder (BED)"), a town its state
("Austin, TX"). Those are told apart here, so that only an acronym the text gives no reason to
doubt stands alone as an organisation.
"""

import re

from . import lexicon
from .lexicon import word_set
from .tokens import (
    CONNECTOR,
    DEPARTMENT_WORDS,
    HONORIFIC,
    NAME,
    NOT_ACRONYMS,
    ORG,
    PLACE_ACRONYMS,
    SPORTS,
    STOP,
    TITLE,
    OrganisationSegment,
    Token,
)

_UPPER = lexicon.UPPER_LETTERS

# Joining words an acronym leaves out: "Organisation for Economic Co-operation and Development".
INITIAL_SKIP = word_set("of the and for on in at to & de")
# Number words an acronym writes as digits: "G7" for "Group of Seven".
NUMBER_WORDS = word_set("one two three four five six seven eight nine ten eleven twelve twenty")
_DIGITS = re.compile(r"\d+")

# Words the lexicon knows, which written in capitals are a word shouted or stressed rather
# than an acronym ("ABOUT", "SAYS", "STATE", "STAFF", "SEAN", "CHINA"), short of the acronyms
# the lexicon lists among them ("US", "TV").
_WORDS_IN_CAPITALS = (
    lexicon.NOT_NAME_WORDS
    | lexicon.SPEECH_VERBS
    | lexicon.COMMON_VERBS
    | lexicon.QUANTIFIERS
    | lexicon.UNNAMED_HEADS
    | lexicon.PLACE_WORDS
    | DEPARTMENT_WORDS
    | SPORTS
    | lexicon.COMMON_WORDS
) - {word.lower() for word in NOT_ACRONYMS | PLACE_ACRONYMS}
# A town and the comma before a state code: "Austin, TX", "SANTA FE, N.M.".
_TOWN_AND_COMMA = re.compile(rf"[{_UPPER}][\w.’'\-]*,[ \u00a0]+$")
_IN_BEFORE = re.compile(r"\b(?:in|IN)[ \u00a0]+$")
# Characters that join a word to the next: an apostrophe or a hyphen.
_WORD_JOINERS = "’'-"
# A group of nations named for its number of members: "G7", "G20".
_GROUP_OF = re.compile(r"G\d{1,2}")
# A broadcaster's channel: its acronym and a number ("BBC2", "ITV1"), the broadcaster one the
# lexicon knows or the text names alone.
_CHANNEL = re.compile(r"([A-Z]{2,})\d")
# Two or more words in capitals in a row, on one line: a heading, a results table's sport or
# a headline written in capitals ("GIRLS SOCCER", "HOW WILL OBAMA PLAY?").
_CAPITALS_WORD = r"[A-Z](?:[A-Z0-9’'&\-]*[A-Z0-9])?"
_CAPITALS_RUN = re.compile(
    rf"{_CAPITALS_WORD}"
    rf"(?:[ \t]*[ '‘’\"“”|/–—\-][ \t]*(?:\d[\d.,]*[ \t]+)?{_CAPITALS_WORD})+(?![\w’'\-])"
)
_LINE_REST = re.compile(r"[ \t'‘’\"“”:?!.…]*(?:\([^()\n]*\)[ \t.]*)?(?:\n|$)")
# An acronym bracketed after the lower-case words it abbreviates ("binge eating disorder
# (BED)"), or before them ("FIRE (financial independence, retire early)"): a term, not an
# organisation.
_BRACKETED = re.compile(r"\(([^()\n]{2,100})\)")
_BRACKETED_ACRONYM = re.compile(r"[A-Z][A-Z0-9\-]{1,9}")
_ACRONYM_BEFORE = re.compile(r"(?<![\w\-])([A-Z]{2,6})[ \u00a0]+$")


def initials(name: str) -> str:
    """The capitals an acronym takes from a name: "NSC" for "National Security Council"."""
    return "".join(
        word[0].upper()
        for word in name.replace("-", " ").split()
        if word.lower() not in INITIAL_SKIP
    )


def abbreviates(acronym: str, name: str) -> bool:
    """Whether `acronym` can stand for `name`. Its capitals and digits must be the initials of
    the name's words, joining words left out; a hyphenated word gives one initial or one per
    part ("OECD" for "... Co-operation and Development", "ADL" for "Anti-Defamation League"),
    a number word gives a digit ("G7"), and an acronym of three letters or more may stop short
    of the name's last words ("CDC" for "Centers for Disease Control and Prevention"). Its
    lower-case letters are joining words the acronym keeps, as in "MoD"."""
    letters = _DIGITS.sub("#", "".join(ch for ch in acronym if ch.isupper() or ch.isdigit()))
    if len(letters) < 2:
        return False
    words = [word for word in name.split() if word.lower() not in INITIAL_SKIP]
    by_word = "".join(_initial(word) for word in words)
    by_part = "".join(_initial(part) for word in words for part in word.split("-") if part)
    return letters in (by_word, by_part) or (len(letters) >= 3 and by_part.startswith(letters))


def _initial(word: str) -> str:
    return "#" if word.lower() in NUMBER_WORDS else word[0].upper()


def abbreviated_from(tokens: list[Token], acronym: str) -> int | None:
    """The first token of the longest stretch ending the run that the bracketed `acronym`
    after it abbreviates. A given name cannot open it: "John F. Kennedy (JFK)" is a person."""
    for index, token in enumerate(tokens):
        if token.kind in (CONNECTOR, STOP, HONORIFIC, TITLE):
            continue
        if token.text.lower() in lexicon.GIVEN_NAME_GENDER:
            continue
        if index + 1 < len(tokens) and abbreviates(
            acronym, " ".join(word.text for word in tokens[index:])
        ):
            return index
    return None


def shouted_spans(text: str) -> list[tuple[int, int]]:
    """Where the text writes words in capitals for emphasis rather than as acronyms: three
    or more in a row ("CAN THEY SAVE THEMSELVES?"), two that make a line of their own
    ("GIRLS SOCCER", "NISSAN SENTRA"), or two beside a word no acronym is ("WINS", a long
    "VIZZION")."""
    spans = []
    for match in _CAPITALS_RUN.finditer(text):
        before = text[max(0, match.start() - 2) : match.start()]
        if (
            before[-1:].isalnum()
            or before[-1:] == "."
            or (before[-1:] in _WORD_JOINERS and before[:1].isalnum())
        ):
            continue  # inside a word: "iPHONE X", "O'NEILL"
        words = [
            word
            for word in re.findall(_CAPITALS_WORD, match.group())
            if sum(ch.isalpha() for ch in word) >= 2
        ]
        if len(words) < 2:
            continue
        if (
            len(words) >= 3
            or any(_is_word_in_capitals(word) for word in words)
            or (
                not text[text.rfind("\n", 0, match.start()) + 1 : match.start()].strip(" \t'‘“\"")
                and _LINE_REST.match(text, match.end())
            )
        ):
            spans.append(match.span())
    return spans


def _is_word_in_capitals(word: str) -> bool:
    letters = word.replace("’", "").replace("'", "")
    return (letters.isalpha() and len(letters) > 6) or word.lower() in _WORDS_IN_CAPITALS


def names_a_model(text: str, tokens: list[Token], segment: OrganisationSegment) -> bool:
    """Whether a code with digits that is no product code by its look names a model here:
    after its maker's name in the same run ("Dell G3", "Nighthawk X4")."""
    previous = [token for token in tokens if token.end <= segment.start]
    return bool(previous) and previous[-1].kind in (NAME, ORG) and not previous[-1].possessive


def acronyms_of_terms(text: str) -> set[str]:
    """Acronyms the text gives for lower-case terms rather than names, before or after the
    words they abbreviate: "binge eating disorder (BED)", "FIRE (financial independence,
    retire early)"."""
    terms = set()
    for match in _BRACKETED.finditer(text):
        inside = match.group(1)
        if _BRACKETED_ACRONYM.fullmatch(inside):
            letters = "".join(ch for ch in inside if ch.isalpha())
            words = _words_of(text[max(0, match.start() - 80) : match.start()])
            used = words[len(words) - len(letters) :]
            if len(used) == len(letters) and used[-1].islower() and _initials_of(used) == letters:
                terms.add(inside)
        elif inside[0].islower():
            acronym = _ACRONYM_BEFORE.search(text, max(0, match.start() - 8), match.start())
            if acronym and _initials_of(_words_of(inside)) == acronym.group(1):
                terms.add(acronym.group(1))
    return terms


def _words_of(text: str) -> list[str]:
    return [word for word in re.findall(r"[\w’'\-]+", text) if word.lower() not in INITIAL_SKIP]


def _initials_of(words: list[str]) -> str:
    return "".join(word[0] for word in words).upper()


def doubtful_acronym(text: str, acronym: str) -> bool:
    """Whether an acronym may be no organisation's: a code with digits in it ("RAV4",
    "AC1200", "Q2"), short of a group of nations ("G7") or a broadcaster's channel whose
    acronym the text also writes alone ("ITV1"); a word the lexicon knows ("PLAY", "SEAN");
    or a word the text also writes in lower case ("BIG" and "big"). Well-known organisations
    so named are none of these ("WHO", "U2")."""
    letters = acronym.replace(".", "")
    if letters in lexicon.WELL_KNOWN_ORGANISATIONS:
        return False
    if any(ch.isdigit() for ch in letters):
        if _GROUP_OF.fullmatch(letters):
            return False
        channel = _CHANNEL.fullmatch(letters)
        return channel is None or (
            channel.group(1) not in lexicon.BROADCASTERS
            and not re.search(rf"(?<![\w\-]){channel.group(1)}(?![\w\-])", text)
        )
    if letters.lower() in _WORDS_IN_CAPITALS:
        return True
    if not letters.isalpha():
        return False
    lower = letters.lower()
    position = text.find(lower)
    while position != -1:
        end = position + len(lower)
        before, after = text[position - 1 : position], text[end : end + 2]
        if not (before.isalnum() or before in _WORD_JOINERS or before in "./@") and not (
            after[:1].isalnum()
            or after[:1] in _WORD_JOINERS
            or after[:1] == "."
            and after[1:].isalpha()
        ):
            return True  # not inside a word or an address ("klook.com")
        position = text.find(lower, end)
    return False


def names_state(text: str, tokens: list[Token], index: int, run_start: int) -> bool:
    """Whether a state or province code at `index` names a place: opening a run after a town
    and a comma ("Austin, TX", "SANTA FE, N.M. (AP)"), or ending one after "in" ("based in
    CA", "IN SD")."""
    if index == 0:
        return bool(
            _TOWN_AND_COMMA.search(text, max(0, run_start - 40), run_start)
            or (len(tokens) == 1 and _IN_BEFORE.search(text, max(0, run_start - 4), run_start))
        )
    return len(tokens) == 2 and tokens[0].text in ("in", "IN")


def with_doubtful_words_joined(
    organisations: list[OrganisationSegment], doubtful: dict[str, bool]
) -> list[OrganisationSegment]:
    """Join a word in capitals that is doubtful alone to the organisation name it stands
    right before or after in the run: "SIX Swiss Exchange", "Groupe LAPS"."""
    joined: list[OrganisationSegment] = []
    for segment in organisations:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.end + 1 == segment.start
            and previous.is_acronym != segment.is_acronym
            and doubtful.get((previous if previous.is_acronym else segment).text)
            and (previous if segment.is_acronym else segment).defines is None
        ):
            start, end = previous.start, segment.end
            name = previous.text + " " + segment.text
            joined[-1] = OrganisationSegment(start, end, name, False)
            continue
        joined.append(segment)
    return joined
