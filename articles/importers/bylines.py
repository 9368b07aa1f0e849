"""Bylines: the people a byline names, without what is written beside them.

Web pages and feeds give authors as one string that trafilatura cuts into parts. A part may
be a job title ("Health Correspondent"), the site or another outlet ("CNN Business",
"Associated Press"), a date glued on ("Carrie Arnold November"), a credit ("Editing by ..."), a
label ("Author: ...", "Story by ..."), or a name in capitals ("JILL LAWLESS"): `byline_people`
keeps the people, with their job titles as descriptions.
"""

import re
from collections.abc import Iterable
from itertools import islice

from trafilatura.json_metadata import normalize_authors

from articles.extraction import lexicon

from .records import ParsedPerson
from .sites import name_key, site_keys

MAX_AUTHORS = 6

# Words of a journalist's job in a byline ("Jane Roe, Health Correspondent", "Staff reporter"):
# a part of the byline holding one names nobody; it describes the person named before it.
_BYLINE_ROLES = lexicon.word_set(
    """
    correspondent reporter editor writer journalist columnist contributor critic producer
    photographer presenter commentator analyst staff intern freelancer stringer desk team
    bureau newsroom chief
    """
)

# Wire-service credits: "Reporting by Jane Roe; Editing by John Doe" (an editor is no author).
_CREDIT = re.compile(r"(?:additional\s+)?(reporting|writing|editing)\s+by\s+", re.IGNORECASE)

# A label before the names of a byline part: a form field's ("Author: Jane Roe", which
# trafilatura leaves as "Author Jane Roe"), or a few words ending in "by" ("Story by Jane Roe",
# "Text and pictures by Jane Roe"). Trafilatura drops "By" and "Written by" itself.
_BYLINE_LABEL = re.compile(r"(?:authors?|(?:\w+\s+){1,3}by)\s+(?=\w)", re.IGNORECASE)

# Month names that may close a byline as the start of its date ("Jane Roe November 19, 2019",
# of which the author field keeps "Jane Roe November"). A month that is also a name ("Theresa
# May", "John August") is read as a date only before a number.
_BYLINE_MONTHS = lexicon.word_set(
    "january february july september october november december feb sep sept oct nov dec"
)
_NAME_LIKE_MONTHS = lexicon.word_set("march april may june august jan mar apr jun jul aug")

# Words of a name written in lower case after its first word ("Rosa de la Cruz", "Vincent
# van Gogh") when an all-capitals byline is set in title case.
_NAME_PARTICLES = lexicon.word_set("da das de del della der des di do dos du la le ten ter van von")

# Words opening an outlet's name before the word that tells it is one ("The New York Times",
# "Al Jazeera").
_OUTLET_OPENERS = lexicon.PLACE_WORDS | {"the", "al", "el"}

_VOWELS = frozenset("aeiouyàáâãäåèéêëìíîïòóôõöùúûüýæøœ")


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


def _without_date(words: list[str]) -> list[str]:
    """Byline words without the date that trafilatura leaves glued after a name: "Carrie
    Arnold November" (its author field drops what follows a digit), "Jane Roe May 5"."""
    end = len(words)
    while end > 2 and any(ch.isdigit() for ch in words[end - 1]):
        end -= 1
    month = words[end - 1].casefold() if end > 2 else ""
    if month in _BYLINE_MONTHS or (month in _NAME_LIKE_MONTHS and end < len(words)):
        end -= 1
    return words[:end]


def _names_outlet(words: list[str], keys: set[str]) -> bool:
    """Whether byline words written after a name name an outlet: the site ("Jane Roe CNN" on
    cnn.com), the site under a longer name ("Sputnik International" on sputniknews.com), a
    news agency or paper ("Associated Press", "Washington Post", "Reuters"). The site's name
    as one word cased as names are is the name's own: "Ana Lucia Hill" on thehill.com."""
    if not all(word[0].isupper() for word in words):
        return False
    first = name_key(words[0])
    if first in keys and (len(words) > 1 or words[0] != words[0].capitalize()):
        return True
    if len(words) > 1 and name_key(" ".join(words)) in keys:
        return True  # "Al Jazeera" on aljazeera.com
    if {words[-1], words[-1].capitalize()} & lexicon.WELL_KNOWN_ORGANISATIONS:
        return True  # "Reuters", "REUTERS"
    return len(words) >= 2 and (
        words[-1].casefold() in lexicon.ORGANISATION_WORDS
        or len(first) >= 4
        and any(key.startswith(first) for key in keys)
    )


def _byline_name(words: list[str], keys: set[str]) -> list[str]:
    """The name in byline words: none (empty) when they name the site ("Cleveland com" on
    cleveland.com, "CNN Business" on cnn.com), and without an outlet written after the name
    ("Jill Lawless Associated Press", "Jane Roe New York Times")."""
    if name_key(" ".join(words)) in keys:
        return []
    if words[0].casefold() not in lexicon.GIVEN_NAME_GENDER and name_key(words[0]) in keys:
        return []
    for start in range(len(words) - 1, 1, -1):  # the shortest outlet; a name keeps two words
        if _names_outlet(words[start:], keys):
            while start > 2 and words[start - 1].casefold() in _OUTLET_OPENERS:
                start -= 1  # "The New York" of "The New York Times", "Al" of "Al Jazeera"
            return words[:start]
    return words


def _name_word_case(word: str, first: bool) -> str:
    """A word of an all-capitals name in title case: "Lawless", "O'Brien", "McDonald",
    "Jean-Pierre", "de" (after the first word); a word without a vowel is initials ("JJ")."""
    lowered = word.casefold()
    if not first and lowered in _NAME_PARTICLES:
        return lowered
    if not _VOWELS.intersection(lowered):
        return word
    cased = re.sub(r"[^\W\d_]+", lambda m: m.group().capitalize(), lowered)
    return re.sub(r"^Mc(\w)", lambda m: "Mc" + m.group(1).upper(), cased)


def _name_case(words: list[str]) -> list[str]:
    if not any(ch.islower() for word in words for ch in word):
        return [_name_word_case(word, i == 0) for i, word in enumerate(words)]
    return words


def byline_people(
    names: Iterable[str], sitename: str, hostname: str = "", *, organisations: Iterable[str] = ()
) -> tuple[ParsedPerson, ...]:
    """The people a byline names, with the job title written beside a name as its description.

    Trafilatura cuts a byline at commas, "and", "|" and the like and drops "By" and "in Kyiv"
    ("Jane Roe; Health Correspondent"), so a job title comes as a part of its own: it
    describes the person before it. A part naming the site (by its name or address), an
    organisation or a place, or a single word ("Reuters", "Kyiv"), is no person; a feed's
    names are cut the same way. A date or an outlet written after a name is no part of it,
    and an all-capitals name is set in title case ("JILL LAWLESS Associated Press": "Jill
    Lawless"); lower-case words after a name are no part of it either (`_without_lower_case`).
    `organisations` are the names of authors the page gives as organisations (a press
    release's company): a part naming one is no person either."""
    keys = site_keys(sitename, hostname) | {name_key(name) for name in organisations} - {""}
    people: dict[str, str] = {}  # name: job title
    by_key: dict[tuple[str, ...], str] = {}  # name without its initials: name
    last = None
    for part in (normalize_authors(None, "; ".join(names)) or "").split("; "):
        credit = _CREDIT.match(part)
        if credit and credit.group(1).casefold() == "editing":
            last = None
            continue
        part = part[credit.end() if credit else 0 :]
        label = _BYLINE_LABEL.match(part)
        words = _without_date(part[label.end() if label else 0 :].split())
        if not words:
            continue
        roles = [i for i, word in enumerate(words) if _is_byline_role(word)]
        if words[0].casefold() in lexicon.GIVEN_NAME_GENDER or not roles:
            name, role = _with_trailing_role(words, roles)
        else:  # "Health Correspondent", or a title before the name: "Senior Reporter Jane Roe"
            name, role = words[roles[-1] + 1 :], words[: roles[-1] + 1]
        name = _without_lower_case(_byline_name(name, keys)) if name else name
        if _is_person_name(name):
            name = _name_case(name)
            # "Troy L Smith" and "Troy Smith" in one byline (the metadata's and the page's):
            # one person, under the name given first.
            last = by_key.setdefault(_without_initials(name), " ".join(name))
            people.setdefault(last, " ".join(role))
        elif role and not name and last is not None and not people[last]:
            people[last] = " ".join(role)
    return tuple(
        ParsedPerson(name=name, description=role)
        for name, role in islice(people.items(), MAX_AUTHORS)
    )


def _with_trailing_role(words: list[str], roles: list[int]) -> tuple[list[str], list[str]]:
    """A name opening with a given name and its job title after it with no comma between, as
    trafilatura joins a byline set on two lines ("RYAN COLE<br>Staff Writer" comes as "RYAN
    COLE Staff Writer"): the job words closing it, when two words of name stand before them."""
    start = len(words)
    while start - 1 in roles:
        start -= 1
    if start < 2 or start == len(words):
        return words, []
    return words[:start], words[start:]


def _without_lower_case(words: list[str]) -> list[str]:
    """A capitalised name without the lower-case words after it but for particles ("Rosa de
    la Cruz"): what trafilatura leaves of an e-mail address written after a name ("Dale
    Prewitt dprewitt@example.com" comes as "Dale Prewitt dprewitt example com")."""
    end = len(words)
    if words and words[0][:1].isupper():
        while end > 2 and words[end - 1][:1].islower() and words[end - 1] not in _NAME_PARTICLES:
            end -= 1
    return words[:end]


def _without_initials(words: list[str]) -> tuple[str, ...]:
    return tuple(word.casefold() for word in words if len(word.strip(".")) > 1)
