"""What the words around capitalised words say about them, read from the text alone.

Whether a capitalised stretch is a person turns on its neighbours as much as on its own words:
a role noun after it makes it a title ("Shadow Secretary"), a verb after it makes it a subject
("Sanders delivered"), an "of" between two names makes the second where the first is from
("Robert Nelson of Standard and Poor"), and a short line with no closing punctuation is a
headline, which capitalises every word. These tests need only the text and the lexicon, so
they live apart from `pipeline.py`, which weighs what they find as evidence.
"""

import re

from . import lexicon
from .attribution import is_verb_like
from .lexicon import word_set
from .names import NAME_PREFIXES
from .tokens import PLACE, NameSegment, token_class

# The next word, past the spaces after a name.
_NEXT_WORD = re.compile(r"[ \u00a0]+([\w-]+)")
# A capitalised word straight after: the capitalised run goes on ("Marty West").
CAPITALISED_NEXT = re.compile(r"[ \u00a0]+[^\W\d_a-z]")
# Words that lead from a name to where the person is from ("Robert Nelson of Standard and
# Poor"), and that may join the words of that place's name.
_COMPLEMENT_OPENERS = word_set("of for at from")
_NAME_JOINERS = word_set("and of the & for")
# What may stand before the first word of a sentence or a line: spaces, an opening quotation
# mark or bracket.
OPENERS = " \t\n\"“‘'("
# Marks that end a line of running text, which a headline lacks.
_HEADLINE_NOT_ENDING = '.!?:;,"”’…)'
# Verbs the lexicon knows, among them those in "-s" that are no plural nouns: "says", "has".
_VERBS_IN_S = lexicon.COMMON_VERBS | lexicon.SPEECH_VERBS


def contains_word(text: str, word: str) -> bool:
    """Whether `word` stands in the text as a whole word, not inside a longer one."""
    position = text.find(word)
    while position != -1:
        end = position + len(word)
        if not text[position - 1 : position].isalpha() and not text[end : end + 1].isalpha():
            return True
        position = text.find(word, end)
    return False


def is_complement(gap: str) -> bool:
    """Whether the words between two names of a speaker phrase make the second where the first
    is from: "of", "for", "at" or "from", then only a name's words (" of Standard and ")."""
    words = gap.split()
    return (
        bool(words)
        and words[0] in _COMPLEMENT_OPENERS
        and all(word[0].isupper() or word in _NAME_JOINERS for word in words[1:])
    )


def glued(token: str, name_words: set[str]) -> bool:
    """Whether a name token is words run together by a page that lost the spaces between
    them: a name word the text has on its own straight after lower case
    ("Ocasio-CortezSanders"), or a name word the text has followed by a long lower-case tail
    ("Wilsonbigbrandsystem"), where "McDonald" and "Johnson" are names."""
    if token[1:].islower():
        return len(token) >= 9 and any(
            len(token) - len(word) >= 6 and token.startswith(word)
            for word in name_words
            if 3 <= len(word) < len(token) and word[1:].islower()
        )
    return any(
        token[index].isupper()
        and token[index - 1].islower()
        and token[index:] in name_words
        and token[:index].lower() not in NAME_PREFIXES
        for index in range(3, len(token) - 2)
    )


def modifies_role(text: str, segment: NameSegment) -> bool:
    """Whether the capitalised words qualify a role noun right after them, or after a party
    or place adjective: "Shadow Secretary", "Prospective Tory candidate" (where "Obama
    Education Secretary" keeps a person before a department), "Local MP Joanna Prideaux"."""
    position = segment.end
    for _ in range(3):
        following = _NEXT_WORD.match(text, position)
        if not following:
            return False
        word = following.group(1)
        if word.lower() in lexicon.ROLE_NOUNS and (
            not word.isupper() or CAPITALISED_NEXT.match(text, following.end())
        ):
            # Not "MP" in "Frank Field MP": a role in capitals after a name, unless a name
            # follows it, whose title it is.
            return True
        if not word[0].isupper() or token_class(word) != PLACE:
            return False
        position = following.end()
    return False


def is_headline(text: str, position: int) -> bool:
    """Whether `position` opens a headline: a short line of its own that no sentence
    punctuation closes. A headline capitalises its first word, and a title-case one every
    word ("Late Okafor double sinks Rovers"), so a capital there says little about a name."""
    line_start = text.rfind("\n", 0, position) + 1
    if text[line_start:position].strip(OPENERS):
        return False
    line_end = text.find("\n", position)
    line = text[line_start : len(text) if line_end == -1 else line_end].rstrip()
    return bool(line) and line[-1] not in _HEADLINE_NOT_ENDING and len(line.split()) <= 16


def names_place_or_its_people(word: str) -> bool:
    """Whether a capitalised word names a place or its people ("Paris", "the Germans"),
    which no publication or body is named for alone."""
    return (
        word.lower() in lexicon.PLACE_WORDS
        or token_class(word) == PLACE
        or (word.endswith("s") and token_class(word[:-1]) == PLACE)
    )


def reads_as_verb(word: str) -> bool:
    """Whether a lower-case word after a name reads as the name's verb: "delivered",
    "wouldn’t", "says". A word in "-s" only if the lexicon knows it as a verb, as most are
    plural nouns there ("Venezuelan authorities", "Arsenal fans")."""
    if word.endswith("s") and word not in _VERBS_IN_S:
        return False
    return is_verb_like(word)
