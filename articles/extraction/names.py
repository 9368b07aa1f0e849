"""Capitalised runs, and the people and organisation names inside them.

News text names people and organisations in capitalised runs ("CIA Director Bill Burns",
"US National Security Council"). One regex pass finds every run; each token is then classed
from the lexicon (title, organisation word, place, acronym, stop word or plain name), and the
run is cut into the segments that can be a person ("Bill Burns") or an organisation
("National Security Council", "CIA"); an acronym bracketed after a run says where the
organisation name in it starts ("Group of Seven (G7)"). Whether a bare capitalised pair
really is a person is decided later from evidence (a title, a given name, a speech verb, an
apposition), by `people.py`.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache

from . import lexicon
from .lexicon import word_set

_UPPER = "A-ZÀ-ÖØ-ÞŁŚŠŽŻĆČŘŐŰĐ"
_ABBREVIATIONS = (
    "Mr|Mrs|Ms|Dr|Gen|Sen|Sens|Rep|Reps|Gov|Lt|Col|Sgt|Capt|Maj|Adm|Prof|Rev|St|Jr|Sr|Cmdr"
    "|Atty|Supt|Insp|Det|Hon|Pres|Fr|Cpl|Pvt|Brig|Gens"
)
_TOKEN = (
    rf"(?:(?:[{_UPPER}]\.){{2,}}"  # U.S., D.C.
    rf"|(?:{_ABBREVIATIONS})\."  # Gen., Mr.
    rf"|[{_UPPER}]\.(?=[ \u00a0][{_UPPER}])"  # an initial: J. Edgar
    rf"|(?:Mc|Mac|O[’']|D[’'])?[{_UPPER}][\w’'\-]*(?<![’'\-]))"
)
_PARTICLES = word_set(
    """
    de van von der den da di du del della la le bin ibn al el dos das y ter ten
    """
)
_CONNECTORS = "of|for|on|and|&|" + "|".join(sorted(_PARTICLES))
# A run starts after no word character and after no hyphen joined to a word ("pro-Trump"), but
# may follow a dash set before a name ("-Jane Doe, Leeds").
RUN_PATTERN = re.compile(
    rf"(?<![\w’'])(?<![\w’']-){_TOKEN}"
    rf"(?:[ \u00a0]+(?:(?:{_CONNECTORS})[ \u00a0]+(?:the[ \u00a0]+)?)?{_TOKEN})*"
)
_TOKEN_PATTERN = re.compile(rf"{_TOKEN}|(?:{_CONNECTORS})(?=[ \u00a0])|the(?=[ \u00a0])")
# An acronym in brackets right after a name, defining it: "Group of Seven (G7)".
_DEFINITION = re.compile(r"\s*\(\s*(?:the\s+)?([A-Z][A-Za-z0-9&.]{1,9})\s*\)")
# Joining words an acronym leaves out: "Organisation for Economic Co-operation and Development".
_INITIAL_SKIP = word_set("of the and for on in at to & de")
# Number words an acronym writes as digits: "G7" for "Group of Seven".
_NUMBER_WORDS = word_set("one two three four five six seven eight nine ten eleven twelve twenty")
_DIGITS = re.compile(r"\d+")
# "(D-Va.)", "(R-Texas)": a US legislator's party and state, never part of a name.
_PARTY_AND_STATE = re.compile(r"[DRI]-[A-Z]")
_POSSESSIVE = re.compile(r"[’']s$")
_CONTRACTION = re.compile(r"[’'](?:m|d|s|re|ve|ll)$")
# Place words that, after a given name, make the name a place's and are never a surname: "Lee
# County", "Carson City", "Wayne State".
_NEVER_SURNAMES = word_set("city county state")
# Speech verbs that open an inverted attribution ("Said Daalder:"), beside the "-ed" forms.
_SPEECH_FORMS = word_set("said says told tells wrote writes asks adds")

# Place acronyms look like organisation acronyms but name countries.
# Compared with full stops removed, so "U.S." is "US".
_PLACE_ACRONYMS = word_set("US USA UK UAE DC NY LA")
# Upper-case words that are not organisations: units, roles, times and shouting.
_NOT_ACRONYMS = word_set(
    """
    I II III IV V VI OK TV AM PM GMT BST EST EDT PST CEO CFO COO CTO MP MPS MEP MEPS QC KM MPH
    AD BC PS ID IT USD GBP EUR UTC PDF FAQ RIP LOL DNA HIV AIDS COVID GDP VAT A THE AND OF IN
    ON AT TO FOR BY IS IT NO YES NOT NEW
    """
)
_DEMONYMS = word_set(
    """
    american african european asian arab israeli iraqi pakistani saudi afghan german french
    dutch greek thai swiss mexican canadian korean chinese british irish scottish welsh english
    polish turkish syrian iranian russian ukrainian italian spanish brazilian australian indian
    japanese egyptian libyan palestinian kurdish jewish muslim christian catholic latino
    hispanic western eastern northern southern nigerian kenyan
    """
)
# Party adjectives premodify names and roles as demonyms do ("Republican strategist Al Cardenas")
# and are never a person's name on their own.
_PARTY_ADJECTIVES = word_set("republican democratic democrat")
_DEPARTMENT_WORDS = word_set(
    """
    defense defence state homeland security energy health education treasury commerce labor
    labour transportation transport agriculture interior justice veterans affairs housing
    foreign home culture trade industry family finance economy environment intelligence
    national public human services development international armed joint
    """
)

NAME, STOP, HONORIFIC, TITLE, ORG, PLACE, DEPARTMENT, ACRONYM, CONNECTOR = range(9)
# Token kinds that can stand in an organisation name around its organisation word.
_QUALIFIERS = (NAME, DEPARTMENT, PLACE, ORG)


@lru_cache(maxsize=8192)
def token_class(token: str) -> int:
    """Class one capitalised token by what it can be part of."""
    if token.islower():
        return CONNECTOR
    if len(token) == 2 and token[1] == ".":
        return NAME  # a middle initial: "Mark A. Halvorsen" (the run's pattern asks a name after)
    bare = token.rstrip(".")
    lower = bare.lower()
    if lower in lexicon.HONORIFICS:
        return HONORIFIC
    letters = bare.replace(".", "")
    if len(letters) >= 2 and letters.isupper():
        if letters in _PLACE_ACRONYMS:
            return PLACE
        alphabetic = sum(ch.isalpha() for ch in letters)
        model_number = alphabetic < 2 and "-" in letters  # "T-72", but "G7" is a group
        if letters in _NOT_ACRONYMS or model_number or alphabetic > 6:
            return STOP  # shouting, datelines ("WASHINGTON") and model numbers
        return ACRONYM
    if lower in lexicon.NOT_NAME_WORDS or _PARTY_AND_STATE.match(bare):
        return STOP
    if _CONTRACTION.sub("", lower) in lexicon.NOT_NAME_WORDS:
        return STOP  # "I’m", "They're": a pronoun with its verb, not a name
    if lower in lexicon.SPEECH_VERBS and (lower.endswith("ed") or lower in _SPEECH_FORMS):
        return STOP  # "Continued Stone:", "Said Daalder"
    if lower in lexicon.TITLE_WORDS or (
        "-" in lower and all(part in lexicon.TITLE_WORDS for part in lower.split("-"))
    ):
        return TITLE  # "Secretary-Treasurer", "Attorney-General" too
    if lower in lexicon.ORGANISATION_WORDS or bare in lexicon.WELL_KNOWN_ORGANISATIONS:
        return ORG
    if lower in lexicon.PLACE_WORDS or lower in _DEMONYMS or lower in _PARTY_ADJECTIVES:
        return PLACE
    if lower in _DEPARTMENT_WORDS:
        return DEPARTMENT
    if _by_place_suffix(lower):
        return PLACE
    return NAME


def _by_place_suffix(lower: str) -> bool:
    """An unlisted word read as a place adjective from its ending: "Armenian", "Lebanese".
    Surnames end the same way ("Kardashian", "Meese"), so `_tokens` reads it as a name after a
    name."""
    return (
        lower.endswith(("ian", "ese"))
        and lower not in lexicon.GIVEN_NAME_GENDER
        and lower not in lexicon.PLACE_WORDS
        and lower not in _DEMONYMS
    )


@dataclass
class Token:
    start: int
    end: int
    text: str
    kind: int
    possessive: bool = False


@dataclass
class NameSegment:
    """A stretch of a run that may name one person: "Bill Burns" in "CIA Director Bill Burns"."""

    start: int
    end: int
    text: str
    tokens: tuple[str, ...]
    titled: bool  # a title or honorific stands right before it in the run
    honorific: str | None
    prefix: str  # the rest of the run before it: "CIA Director"
    run_start: int
    possessive: bool = False


@dataclass
class OrganisationSegment:
    start: int
    end: int
    text: str
    is_acronym: bool
    defines: str | None = None  # the acronym bracketed after it: "G7" for "Group of Seven"


@dataclass
class RunAnalysis:
    names: list[NameSegment] = field(default_factory=list)
    organisations: list[OrganisationSegment] = field(default_factory=list)


def _tokens(text: str, run_start: int, run_text: str) -> list[Token]:
    tokens = []
    for match in _TOKEN_PATTERN.finditer(run_text):
        word = match.group()
        start = run_start + match.start()
        possessive = bool(_POSSESSIVE.search(word)) and len(word) > 3
        if possessive:
            word = word[:-2]
        kind = CONNECTOR if word in _PARTICLES or word.islower() else token_class(word)
        if kind == PLACE and tokens and _surname_after(tokens, word):
            kind = NAME
        tokens.append(Token(start, start + len(word), word, kind, possessive))
    if (
        len(tokens) == 1
        and tokens[0].kind == PLACE
        and tokens[0].text.lower() in lexicon.PLACE_NOUNS
    ):
        tokens[0].kind = NAME  # "Park said": alone, a capitalised place noun is a surname
    return tokens


def _surname_after(tokens: list[Token], word: str) -> bool:
    """Whether a place word is a surname after the tokens before it: after a name when only its
    ending made it a place adjective ("Kim Kardashian", "Ed Meese"); when it is a place word,
    after a courtesy title ("Ms Park"), a known given name ("Evelyn Park", "Jim Jordan") or a
    name that follows a title ("Dr. Cornel West"). Whether "Victoria Park" is then a person is
    left to the evidence around it."""
    previous = tokens[-1]
    if previous.possessive:
        return False
    lower = word.lower()
    if previous.kind == NAME and _by_place_suffix(lower):
        return True
    if lower not in lexicon.PLACE_WORDS or lower in _NEVER_SURNAMES or word.isupper():
        return False
    if previous.kind == HONORIFIC:
        return True
    return previous.kind == NAME and (
        previous.text.lower() in lexicon.GIVEN_NAME_GENDER
        or (len(tokens) >= 2 and tokens[-2].kind in (HONORIFIC, TITLE))
    )


def _starts_sentence(text: str, position: int) -> bool:
    """Whether `position` opens a sentence (or the text): a capitalised word there may be a
    common noun written with a capital only because it comes first."""
    before = text[max(0, position - 40) : position].rstrip(" \u00a0\"“‘'(")
    return not before or before[-1] in ".!?:\n"


def may_open_with_common_word(text: str, names, start: int) -> bool:
    """Whether three or more name words at `start` open a sentence with a word the lexicon
    does not know as a given name: "Astronaut Leila Haddad" may be a role before a name,
    where "Mary Ann Smith" is not."""
    return (
        len(names) >= 3
        and names[0].lower() not in lexicon.GIVEN_NAME_GENDER
        and _starts_sentence(text, start)
    )


def _opens_with_common_word(text, tokens, first, last, run_start) -> bool:
    """Whether the first name token is such a word and either a given name follows it
    ("Prosecutor Daniel Ashworth") or it is a role noun itself ("Student Priya Chandran"): a
    role written before the name, cut off the name. A title-case headline puts a verb after
    the role noun instead ("Pastor Wants Girl Scout Leaders ..."), which the ending shows."""
    names = [token.text for token in tokens[first : last + 1] if token.kind == NAME]
    if tokens[first].start != run_start or not may_open_with_common_word(text, names, run_start):
        return False
    following = names[1].lower()
    return following in lexicon.GIVEN_NAME_GENDER or (
        names[0].lower() in lexicon.ROLE_NOUNS and not following.endswith(("s", "ed"))
    )


def _name_segments(text: str, tokens: list[Token], run_start: int) -> list[NameSegment]:
    """Cut maximal sequences of plain-name tokens (particles allowed inside) from a run."""
    segments = []
    index = 0
    count = len(tokens)
    while index < count:
        token = tokens[index]
        if token.kind != NAME:
            index += 1
            continue
        first = index
        last = index
        probe = index
        while not tokens[last].possessive and probe + 1 < count:
            following = tokens[probe + 1]
            if following.kind == NAME:
                last = probe = probe + 1
            elif (
                following.kind == CONNECTOR
                and following.text in _PARTICLES
                and probe + 2 < count
                and tokens[probe + 2].kind == NAME
            ):
                probe += 1
            else:
                break
        if _opens_with_common_word(text, tokens, first, last, run_start):
            first = next(i for i in range(first + 1, last + 1) if tokens[i].kind == NAME)
        previous = tokens[first - 1] if first > 0 else None
        honorific = None
        titled = False
        if previous is not None and previous.kind in (HONORIFIC, TITLE):
            titled = True
            if previous.kind == HONORIFIC:
                honorific = previous.text.rstrip(".").lower()
        start, end = tokens[first].start, tokens[last].end
        segments.append(
            NameSegment(
                start=start,
                end=end,
                text=text[start:end],
                tokens=tuple(t.text for t in tokens[first : last + 1] if t.kind == NAME),
                titled=titled,
                honorific=honorific,
                prefix=text[run_start : tokens[first].start].strip(),
                run_start=run_start,
                possessive=tokens[last].possessive,
            )
        )
        index = last + 1
    return segments


def _organisation_segments(text: str, tokens: list[Token]) -> list[OrganisationSegment]:
    """Find organisation names: a stretch headed by an organisation word, or an acronym."""
    segments = []
    count = len(tokens)
    index = 0
    while index < count:
        token = tokens[index]
        if token.kind == ACRONYM:
            segments.append(OrganisationSegment(token.start, token.end, token.text, True))
            index += 1
            continue
        if token.kind != ORG:
            index += 1
            continue
        # Extend left over words that can qualify an organisation ("National Security").
        first = index
        while first > 0 and tokens[first - 1].kind in _QUALIFIERS:
            if tokens[first - 1].possessive:
                break
            first -= 1
        # Drop a leading place acronym ("US National Security Council").
        while first < index and tokens[first].kind == PLACE and tokens[first].text.isupper():
            first += 1
        # Extend right over "of X", "for X", "on X" and further name words.
        last = index
        probe = index
        after_connector = False
        while not tokens[last].possessive and probe + 1 < count:
            following = tokens[probe + 1]
            if following.kind == ORG or (after_connector and following.kind in _QUALIFIERS):
                last = probe = probe + 1
            elif (
                following.kind == CONNECTOR
                and probe + 2 < count
                and tokens[probe + 2].kind in _QUALIFIERS
            ):
                probe += 1
                after_connector = True
            else:
                break
        start, end = tokens[first].start, tokens[last].end
        segments.append(OrganisationSegment(start, end, text[start:end], False))
        index = last + 1
    return segments


def initials(name: str) -> str:
    """The capitals an acronym takes from a name: "NSC" for "National Security Council"."""
    return "".join(
        word[0].upper()
        for word in name.replace("-", " ").split()
        if word.lower() not in _INITIAL_SKIP
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
    words = [word for word in name.split() if word.lower() not in _INITIAL_SKIP]
    by_word = "".join(_initial(word) for word in words)
    by_part = "".join(_initial(part) for word in words for part in word.split("-") if part)
    return letters in (by_word, by_part) or (len(letters) >= 3 and by_part.startswith(letters))


def _initial(word: str) -> str:
    return "#" if word.lower() in _NUMBER_WORDS else word[0].upper()


def _abbreviated_from(tokens: list[Token], acronym: str) -> int | None:
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


def analyse_runs(text: str) -> list[tuple[int, int, RunAnalysis]]:
    """Every capitalised run in the text with its candidate names and organisations."""
    analysed = []
    # Acronyms the text has defined so far, so that "MoD", read as a name on its own, is the
    # acronym after "Ministry of Defence (MoD)".
    defined: set[str] = set()
    for match in RUN_PATTERN.finditer(text):
        run_start = match.start()
        tokens = _tokens(text, run_start, match.group())
        if not tokens:
            continue
        if defined:
            for token in tokens:
                if token.text in defined:
                    token.kind = ACRONYM
        organisations = _organisation_segments(text, tokens)
        names = _name_segments(text, tokens, run_start)
        end = tokens[-1].end
        definition = _DEFINITION.match(text, end) if "(" in text[end : end + 3] else None
        first = _abbreviated_from(tokens, definition.group(1)) if definition else None
        if first is not None:
            # "Group of Seven (G7)", "Food and Agriculture Organization (FAO)": the acronym
            # says where the name starts, joining words and all. Whatever it names is not a
            # person; it is an organisation if an organisation word heads it, where "Human
            # Rights Watch (HRW)" may as well be a law or a treaty.
            start = tokens[first].start
            names = [segment for segment in names if not start <= segment.start < end]
            if any(token.kind == ORG for token in tokens[first:]):
                organisations = [o for o in organisations if o.end <= start]
                organisations.append(
                    OrganisationSegment(start, end, text[start:end], False, definition.group(1))
                )
                defined.add(definition.group(1))
        names = [
            segment
            for segment in names
            if not any(o.start <= segment.start < o.end for o in organisations)
        ]
        analysis = RunAnalysis(names=names, organisations=organisations)
        analysed.append((run_start, match.end(), analysis))
    return analysed
