"""Speakers as the pipeline carries them, and who a pronoun or a description stands for.

A quote's speaker is a person the registry knows, an organisation, or a source the report
describes without naming ("a senior official involved in the talks"). News copy goes on to
refer to each by a pronoun ("he said") or by a shorter description ("the official said", "the
20-year-old added"). The tests here decide from the words alone which earlier speaker such a
word can stand for; finding the candidates in the text, with the registries and sentence
positions that takes, is left to `pipeline.py`.
"""

import re
from dataclasses import dataclass

from . import lexicon
from .lexicon import word_set
from .names import is_person_noun
from .people import Person

# Words that end the head of a speaker phrase or of a source's description, before its
# complement: "for" in "a spokesman for the aide".
CORE_STOP = word_set(
    """
    for of at with from in on to who which that during after when
    """
)
# Words opening the description of a source the text has not met before: "a dealer".
_INDEFINITE_OPENERS = word_set("a an one another")
# Person nouns for a body of people, which "he" or "she" does not stand for.
_COLLECTIVE_PERSON_NOUNS = word_set("police staff")
# An age written as a noun for the person of that age: "20-year-old", "seven-year-old".
_AGE_EPITHET = re.compile(r"(?:\d+|[a-z]+(?:-[a-z]+)?)-year-old")
# A parent by the number of children, as a noun for the person: "mother-of-two".
_PARENT_OF = re.compile(r"(?:grand)?(?:mother|father|mum|dad)-of-[a-z0-9]+")


@dataclass
class Speaker:
    name: str | None
    kind: str | None
    person: Person | None = None
    position: int = -1  # where this speaker was last named or attributed


def _description_head(description: str) -> list[str]:
    """The words of an unnamed source's description before any complement: "a spokesman for
    the aide" is headed by "a spokesman"."""
    head = []
    for word in description.lower().split():
        if word in CORE_STOP:
            break
        head.append(word)
    return head


def epithet_pronouns(noun: str) -> tuple[str, ...]:
    """The pronouns a noun after "the" stands for when it is a report's word for a person it
    has named rather than an office someone else may hold: an age ("the 20-year-old"), a
    parent by the children ("the mother-of-two"), a position on a team or a kind of performer
    ("the striker", "the actress"). None for any other noun: "the mayor" or "the officer" may
    be someone the report has not named."""
    if not (_AGE_EPITHET.fullmatch(noun) or _PARENT_OF.fullmatch(noun) or noun in lexicon.EPITHETS):
        return ()
    head = noun.split("-")[0]  # "mother" in "mother-of-two"
    if head in lexicon.FEMALE_ROLE_NOUNS:
        return ("she",)
    if head in lexicon.MALE_ROLE_NOUNS:
        return ("he",)
    return ("he", "she")


def fits_pronoun(speaker: Speaker, gender: str) -> bool:
    """Whether "he" or "she" (`gender` "m" or "f") can stand for a speaker: a person of that
    gender or of none known, or an unnamed source introduced as one person ("a fund manager",
    "a spokeswoman"), where "officials" or "police" are several and a "spokeswoman" is no
    "he"."""
    if speaker.person is not None:
        return speaker.person.gender in (None, gender)
    if speaker.kind != "unnamed" or speaker.name is None:
        return False
    head = _description_head(speaker.name)
    if not head or head[0] not in _INDEFINITE_OPENERS:
        return False  # "the Texas senator" is mostly a named person described again
    nouns = [word for word in head if is_person_noun(word)]
    if not nouns:
        return False
    noun = nouns[-1]
    several = noun.endswith(("people", "men")) or noun in _COLLECTIVE_PERSON_NOUNS
    if several or (noun.endswith("s") and noun[:-1] in lexicon.UNNAMED_HEADS):
        return False
    if noun.endswith("woman"):
        return gender == "f"
    return not noun.endswith("man") or gender == "m"


def unnamed_source(noun: str, history: list[Speaker]) -> Speaker | None:
    """The latest unnamed source whose description is headed by `noun`: "a senior official
    involved in the talks" for a later "the official said". The head is looked for before any
    complement, so "a spokesman for the aide" is not "the aide"."""
    if not is_person_noun(noun):
        return None
    for speaker in reversed(history):
        if speaker.kind != "unnamed" or speaker.name is None:
            continue
        if noun in _description_head(speaker.name):
            return speaker
    return None
