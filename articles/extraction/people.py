"""Turning name mentions into people: full names, short forms, genders and roles.

Journalists name a person in full once ("US National Security Council official John Kirby")
and then by surname ("Kirby", "Mr Kirby"). The registry keeps one entry per full name and
resolves later short forms to it, so every quote can carry the full name. A bare
capitalised pair only counts as a full name with evidence of being a person: a title before
it, a common given name, a role apposition after it, or a speech verb it is the subject of.
"""

import re
from dataclasses import dataclass, field

from . import lexicon
from .lexicon import word_set
from .tokens import PLACE, NameSegment, token_class

# "Daalder, now President of the Chicago Council on Global Affairs," / "X, a spokesman for Y."
_APPOSITION = re.compile(
    r",\s+(?:(?:now|currently|also|then|formerly|who is)\s+)?"
    r"((?:(?:the|a|an)\s+)?[^,.;:()“”\"\n]{2,120}?)(?=\s*[,.;:)“”\"\n]|$)"
)
_ROLE_ADJECTIVES = word_set(
    """
    former senior top chief deputy assistant associate military foreign policy national
    security nonresident non-resident then current acting longtime veteran democratic
    republican presidential vice executive general principal special communications press
    campaign defense defence intelligence state federal regional local party white house
    """
)
# An apposition is a noun phrase: after a comma, a conjunction, a preposition or an adverb
# opens a clause or an adjunct instead ("in Monaco, including IAAF chief Lamine Diack", "in
# East Sussex, just 11 days after his wife Audrey died").
_NOT_APPOSITION_STARTS = word_set(
    """
    and or but who which where when while as if because since although though so including
    in at on by with from to after before just
    """
)
# Finite verbs that make the words after a comma a clause: "Motorhead, Judas Priest and
# Prodigy are included".
_FINITE_VERBS = word_set("is are was were has have had will would")
# Words that join a title to its remit: "Minister for Housing", "Chancellor of the Exchequer".
_TITLE_COMPLEMENTS = word_set("of for the")
# Between a role and the country it is sent to, before a name: "ambassador to Britain Liu
# Xiaming". ("director general of British Music Rights" names a body after "of".)
_REMIT_WORDS = word_set("to")
_WORD_BEFORE = re.compile(r"([\w.’'\-]+)\s*$")
# Words that open the complement after a role's head noun: "a spokesman for the actress".
_ROLE_COMPLEMENTS = word_set("of for at to with in from on who")
# Role nouns that in lower case before a capitalised word are adjectives: "former", "major",
# "acting". Compared as written.
_ADJECTIVES_BEFORE_NAME = frozenset({"former", "major", "acting"})


@dataclass
class Person:
    name: str
    first: str
    last: str
    position: int
    forms: dict[str, None] = field(default_factory=dict)
    role: str | None = None
    organisation_text: str | None = None
    gender: str | None = None
    mentions: int = 0


def _clean(name: str) -> str:
    return " ".join(name.split())


def apposition_role(text: str, end: int) -> str | None:
    """The role in an apposition right after a name, if it reads like one."""
    match = _APPOSITION.match(text, end)
    if not match:
        return None
    role = match.group(1).strip()
    words = role.split()
    if not words or len(words) > 16 or words[0].lower() in _NOT_APPOSITION_STARTS:
        return None
    lowered = [word.lower().strip("’'") for word in words[:6]]
    if any(word in lexicon.SPEECH_VERBS or word in _FINITE_VERBS for word in lowered):
        return None
    if not any(_is_role_word(word) for word in words[:6]):
        return None
    return role


def role_gender(role: str) -> str | None:
    """The gender ("m" or "f") a role's head noun gives the person holding it: "his late
    wife", "her son", "the actress"; the head stands before any complement ("a spokesman for
    the actress" is no woman's role)."""
    head = ""
    for word in role.lower().split():
        if word in _ROLE_COMPLEMENTS:
            break
        head = word.strip(",.’'")
    if head in lexicon.FEMALE_ROLE_NOUNS:
        return "f"
    if head in lexicon.MALE_ROLE_NOUNS:
        return "m"
    return None


def _is_role_word(word: str) -> bool:
    """Whether a word in an apposition is a role noun. With a capital only a title or an
    acronym is ("Lord Chief Justice", "Labour MP"); another is a name's word ("Judas
    Priest", "In Touch and Star")."""
    lowered = word.lower().strip("’'")
    if lowered not in lexicon.ROLE_NOUNS:
        return False
    return word.islower() or word.isupper() or lowered in lexicon.TITLE_WORDS


def premodifier_role(text: str, segment: NameSegment) -> str | None:
    """Role words written before a name: "Kremlin foreign policy advisor", "CIA Director"."""
    prefix_words = []
    possessed = False
    for word in segment.prefix.split():
        if word.lower() in lexicon.NOT_NAME_WORDS and not (
            word in _TITLE_COMPLEMENTS
            and prefix_words
            and (prefix_words[-1] in _TITLE_COMPLEMENTS or _has_role_noun(prefix_words[-1:]))
        ):
            # "When US National Security Advisor", "Hilary Benn and Deputy Prime Minister",
            # "Orin Middleton of Barclays": the role starts after; a title's "of" and "for" go
            # on ("Chancellor of the Exchequer", "Minister for Housing").
            prefix_words = []
        elif word.endswith(("’s", "'s")):
            # "Prime Minister's Questions": the words up to a possessive are its owner's.
            prefix_words = []
            possessed = True
        elif word.rstrip(".").lower() not in lexicon.HONORIFICS:
            prefix_words.append(word)
    if prefix_words and prefix_words[-1] in _TITLE_COMPLEMENTS:
        prefix_words = []  # "CEO of Omni Products": the name is what the title is over
    if possessed or (
        segment.prefix.split() and segment.prefix.split()[0].lower() in lexicon.NOT_NAME_WORDS
    ):
        return " ".join(prefix_words) if _headed_by_role(prefix_words) else None
    words: list[str] = []
    position = segment.run_start
    while len(words) < 8:
        match = _WORD_BEFORE.search(text, max(0, position - 40), position)
        if not match or "\n" in text[match.end(1) : position] or _ends_sentence(match.group(1)):
            break
        word = match.group(1)
        lowered = word.lower()
        if word[0].isupper():
            if lowered in lexicon.NOT_NAME_WORDS:
                break
        elif (
            lowered in _REMIT_WORDS
            and not words
            and names_places(prefix_words)
            and _role_noun_before(text, match.start())
        ):
            pass  # "ambassador to Britain Liu Xiaming"; not "a spokesman for Liu Xiaming"
        elif lowered not in lexicon.ROLE_NOUNS and lowered not in _ROLE_ADJECTIVES:
            break
        words.insert(0, word)
        position = match.start()
    role_words = words + prefix_words
    return " ".join(role_words) if _headed_by_role(role_words) else None


def names_places(words: list[str]) -> bool:
    """Whether words are all names of places: "Britain", "New South Wales"."""
    return bool(words) and all(token_class(word) == PLACE for word in words)


def _role_noun_before(text: str, position: int) -> bool:
    match = _WORD_BEFORE.search(text, max(0, position - 40), position)
    return match is not None and match.group(1).lower() in lexicon.ROLE_NOUNS


def _ends_sentence(word: str) -> bool:
    """Whether a word with a full stop ends a sentence, rather than being an abbreviation
    ("Sen.", "Dr.") or an initialism ("U.N.")."""
    stem = word[:-1]
    return (
        word.endswith(".")
        and "." not in stem
        and stem.lower() not in lexicon.HONORIFICS
        and stem.lower() not in lexicon.TITLE_WORDS
    )


def _headed_by_role(words: list[str]) -> bool:
    """Whether words before a name end in a role noun, or in one and its remit ("Minister for
    Housing", "ambassador to Britain"): a role is the head of the words before a name.
    Otherwise they qualify the name as a place's or a thing's: "former England Under-21",
    "Imam Khomeini International Airport", "the former Yugoslavia", "major Oscars" ("former"
    and "major" in lower case are adjectives there). "Fellow" takes the word for a nationality
    or a party after it: "fellow American Bershawn Jackson"."""
    for index in range(len(words) - 1, -1, -1):
        word = words[index].rstrip(".")
        if word.lower() in lexicon.ROLE_NOUNS and word not in _ADJECTIVES_BEFORE_NAME:
            return (
                index == len(words) - 1
                or words[index + 1] in _TITLE_COMPLEMENTS | _REMIT_WORDS
                or (word.lower() == "fellow" and index == len(words) - 2)
            )
    return False


def _has_role_noun(words: list[str]) -> bool:
    return any(word.rstrip(".").lower() in lexicon.ROLE_NOUNS for word in words)


class PersonRegistry:
    """People named in one text, looked up by full name or by surname."""

    def __init__(self, known_people: list[str]):
        self.people: list[Person] = []
        self._by_full: dict[tuple[str, str], Person] = {}
        self._by_last: dict[str, list[Person]] = {}
        self._by_first: dict[str, list[Person]] = {}
        self._known = {}
        for known in known_people:
            parts = known.split()
            if len(parts) >= 2:
                self._known[(parts[0].lower(), parts[-1].lower())] = _clean(known)

    def is_known(self, segment: NameSegment) -> bool:
        tokens = segment.tokens
        return len(tokens) >= 2 and (tokens[0].lower(), tokens[-1].lower()) in self._known

    def add_full_name(self, segment: NameSegment) -> Person:
        key = (segment.tokens[0].lower(), segment.tokens[-1].lower())
        person = self._by_full.get(key)
        if person is None:
            name = self._known.get(key) or _clean(segment.text)
            person = Person(name, key[0], key[1], segment.start)
            self._by_full[key] = person
            self._by_last.setdefault(key[1], []).append(person)
            self._by_first.setdefault(key[0], []).append(person)
            self.people.append(person)
            person.gender = lexicon.GIVEN_NAME_GENDER.get(key[0])
        return person

    def add_single_name(self, segment: NameSegment) -> Person:
        last = segment.tokens[-1].lower()
        person = Person(_clean(segment.text), "", last, segment.start)
        self._by_full[("", last)] = person
        self._by_last.setdefault(last, []).append(person)
        self.people.append(person)
        return person

    def find(self, segment: NameSegment) -> Person | None:
        """The person a mention refers to: itself if a full name, else by surname."""
        tokens = segment.tokens
        last = tokens[-1].lower()
        if len(tokens) >= 2:
            person = self._by_full.get((tokens[0].lower(), last))
            if person is not None:
                return person
        candidates = self._by_last.get(last)
        if not candidates and len(tokens) == 1:
            # "Hillary" after "Hillary Clinton"; "Shen" after "Shen Xincheng" (family name
            # first): a lone word that is the first name of exactly one full name.
            candidates = self._by_first.get(last)
            if candidates and len(candidates) > 1:
                return None
        if not candidates:
            return None
        if len(tokens) >= 2:
            # "Nudging Zelensky" in a headline is not Volodymyr Zelensky.
            return None
        earlier = [person for person in candidates if person.position <= segment.start]
        return (earlier or candidates)[0]

    def with_surname(self, last: str) -> list[Person]:
        """The one person whose surname is `last`, as a list of the people a speaker phrase
        names; empty if no one's surname is `last` or several people's are."""
        candidates = self._by_last.get(last, [])
        return candidates if len(candidates) == 1 else []

    def record(self, person: Person, segment: NameSegment) -> None:
        person.mentions += 1
        form = _clean(segment.text)
        if form != person.name:
            person.forms[form] = None
        if segment.honorific in lexicon.FEMALE_HONORIFICS:
            person.gender = "f"
        elif segment.honorific in lexicon.MALE_HONORIFICS:
            person.gender = "m"
