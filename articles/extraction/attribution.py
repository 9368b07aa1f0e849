"""Finding who a quote is attributed to: the speech verb and the phrase naming the speaker.

Reporters attribute quotes in a handful of shapes, which this module reads with word-level
scans rather than a parser:

- after the quote: `"...," Kirby said`, `"...," said Daalder, a former envoy`,
  `"...," Milley, the chairman, said at a press conference`, `"...," according to X`;
- before it: `Ms Hewitt said: "..."`, `He added, "..."`, `According to X, "..."`;
- around a partial quote: `A former diplomat said Milley was "off the reservation"`;
- at a sentence start without a quote (`She said new mothers ...`), an indirect speech event
  that later unattributed quotes and pronouns lean on.

The result is the character span of the speaker phrase; `pipeline.py` turns it into a name.
"""

import re
from dataclasses import dataclass

from . import lexicon
from .lexicon import word_set
from .names import is_person_noun
from .runs import DATELINE

_WORDS = re.compile(r"[^\W\d_][\w’'.\-]*")
_LEADING_JUNK = re.compile(r"^[\s,;:—–\-…]+")
_ACCORDING_TO_AFTER = re.compile(r"^[\s,;—–\-]*according to\s+", re.IGNORECASE)
_ACCORDING_TO = re.compile(r"\baccording to\s+", re.IGNORECASE)
# One stretch of a source phrase, up to the punctuation that closes it.
_PHRASE_CHUNK = re.compile(r"[^,;:—–\n]{1,120}")
# What may stand between a source and the quote it introduces.
_AFTER_SOURCE = " \t\n\u00a0,:—–"
# Words that cannot open a speaker phrase: they start a clause or continue the sentence.
_CLAUSE_WORDS = word_set(
    """
    which that who whom whose and but or so because as while when whereas if although though
    where then for
    from to in on at by with about after before since until than is was were are be been being
    would could should will can may might must did does do has have had not no also just only
    even what how why whether into through over under
    """
)
# Speech verbs that are nouns as often ("his comments", "Trump's remarks"): read as verbs only
# right after a quote, before the speaker: `"...," comments Robin Biesbroek of the CDF`.
_INVERTED_ONLY_VERBS = word_set("comments remarks")
# Conjunctions that open a clause of their own after a comma: "..., but Milley, ..., said".
_JOINING_CONJUNCTIONS = word_set("and but yet while whereas")
# Words allowed between a speaker and the speech verb: "Kirby also said", "he has told".
# Letters written after a person's name for a rank at the bar, a seat or an honour.
_POST_NOMINALS = frozenset({"KC", "QC", "SC", "MP", "MEP", "MSP", "MLA", "OBE", "MBE", "CBE"})
_BETWEEN_SUBJECT_AND_VERB = word_set(
    """
    also later then again once further previously recently earlier repeatedly has had have
    would will was is were are had been once flatly simply bluntly quickly privately publicly
    openly separately himself herself themselves itself
    """
)
# Sentence openers to skip before a speaker phrase: "But Kirby said".
_SENTENCE_ADVERBS = word_set(
    """
    but and yet so still however meanwhile rather earlier later separately now as
    """
)
_PREPOSITIONS = word_set(
    """
    in at on of for with to from by about against after before during under over into like than
    between among toward towards
    """
)
# Finite verbs that show a phrase is a clause, not a speaker: "he's certain Rubio will".
_FINITE_VERBS = word_set(
    """
    is was are were be has have had will would can could should did does do may might must took
    made went got came gave saw knew wanted tried seemed appeared became left ran won lost held
    kept met put set sent showed thinks thought believes believed says
    """
)
_MAX_SUBJECT_WORDS = 24
# How far into a sentence a speech event's verb is looked for: within the first 16 words, or
# up to 24 when a comma closes the speaker phrase before it, as a long apposition does ("The
# chairman of the Environment, Food and Rural Affairs Committee, Dame Rosalind Achterberg,
# said").
_EVENT_VERB_WORDS = 16
_MAX_EVENT_WORDS = 24
_UPPER = lexicon.UPPER_LETTERS
# A name set off by commas after an inverted verb inside a sentence: `, says Carl Anthony,`.
_PARENTHETICAL_NAME = re.compile(
    rf"[ \t\u00a0]+((?:[{_UPPER}][\w.’'\-]*[ \t\u00a0]+){{0,4}}[{_UPPER}][\w’'\-]*),"
)
# A speech verb after a comma and the name it inverts, closing the sentence: `..., said
# Tomas Lindqvist of Norberg Capital.`, `..., said Ann Vale, an analyst.`, `..., says Vale
# in a note.`. Where a verb or a clause follows the name, the name is the verb's object.
_INVERTED_CLOSING = re.compile(
    rf",[ \t\u00a0]+([a-z]+)[ \t\u00a0]+"
    rf"((?:[{_UPPER}][\w.’'\-]*[ \t\u00a0]+){{0,3}}[{_UPPER}][\w’'\-]*)"
    rf"(?=[ \t\u00a0]*(?:[,;]|[.!?][\"”’)]*[ \t\u00a0]*$|$)"
    rf"|[ \t\u00a0]+(?:of|at|from|in|on)[ \t\u00a0])"
)
_SUBORDINATORS = word_set("when while because although though whereas unless until")
# Conjunctions that open a clause inside a sentence, whose subject its verb has after them:
# "a day after the regulator said", "when the ministry said".
_CLAUSE_CONJUNCTIONS = _SUBORDINATORS | word_set("after before since")
_CLAUSE_CONJUNCTION = re.compile(rf"\b(?:{'|'.join(sorted(_CLAUSE_CONJUNCTIONS))})\b")
# Punctuation that sets a stretch off inside a speaker phrase: "Hale, after a long pause,".
_CLAUSE_PUNCTUATION = re.compile(r"[,;:()—–]|\s-\s")
# An auxiliary before the verb that makes it passive: "after the driver was charged".
_PASSIVE_BEFORE_VERB = re.compile(r"\b(?:was|were|is|are|been|being|be)\b")
_MODALS = word_set("would will could can should may might must to")
# Relative pronouns for a person, opening a clause set off after a name.
_PERSON_RELATIVES = word_set("who whose")
# Relative pronouns opening a clause set off by a comma, whose verb is not the speaker's.
_RELATIVES = word_set("who whom which")
# Lower-case words, for a cheap test before a sentence is split into words.
_LOWER_WORDS = re.compile(r"[a-z]+")
_NOUN_PLURAL_ENDINGS = ("ss", "us", "is", "ers", "ors", "ists", "ians", "ics", "ons")
_OBJECT_MARKERS = _PREPOSITIONS | _CLAUSE_WORDS
# "with Trump yelling": a name after these is the subject of the participle that follows it.
_ABSOLUTE_MARKERS = word_set("with as")
_PASSIVE_AUXILIARIES = word_set("was were is are been being be")
_PASSIVE_AGENT = re.compile(r"[ \t\u00a0]+by[ \t\u00a0]+")
# Words after which a name is an object or opens a subordinate clause, not the subject.
_SUBORDINATE_MARKERS = _PREPOSITIONS | word_set("that whether if because although though")
# A dash after a quote's closing mark, then the speaker: `"..." — Jane Doe, a voter`.
_DASH_AFTER = re.compile(rf"[ \t\u00a0]*[—–\-]{{1,2}}[ \t\u00a0]*(?=[{_UPPER}])")
# The same on the line below a quote that stands alone, as round-ups and pull quotes set it.
_DASH_BELOW = re.compile(rf"[ \t\u00a0]*\n\s*[—–\-]{{1,2}}[ \t\u00a0]*(?=[{_UPPER}])")
_MAX_DASH_LINE_WORDS = 12
# A colon after a quote's closing mark, then a capital: `"...": Lena Brodsky on ...`.
_COLON_AFTER = re.compile(rf"[ \t\u00a0]*:[ \t\u00a0]*(?=[{_UPPER}])")
# The dash closing an apposition a dash opened; a hyphen only with spaces round it.
_CLOSING_DASH = re.compile(r"[—–]|\s--?\s")
# A possessive and a noun for what someone says, with any remit, closing a label before a
# colon: "'s view:", "'s verdict on the plan:".
_POSSESSED_STATEMENT = re.compile(
    r"[’']s?[ \t\u00a0]+(?:view|verdict|response|reply|answer|message|advice|take|assessment"
    r"|reaction|explanation|defen[cs]e|position|prediction|warning|conclusion)"
    r"(?:[ \t\u00a0]+(?:of|on|about|for)[ \t\u00a0][^:\n]{1,60})?:$"
)
# Words that make the next word a noun: "a lament", "their answer".
_DETERMINERS = word_set("a an the his her their its our my your this these those")
# Words that introduce one unnamed person: "another former employee", "a senior official".
_INDEFINITE_ARTICLES = word_set("a an another one")


@dataclass(frozen=True)
class Attribution:
    """A speaker phrase (character span into the text) and the verb attributing to it."""

    subject_start: int
    subject_end: int
    verb: str | None  # None when a partial quote is given to its sentence's subject
    # Whether the phrase is good evidence that a capitalised name in it is a person. A
    # sentence's first name is only a guess at the speaker of a partial quote: "Hours later"
    # must not become a person because a quote follows.
    evidence: bool = True


def _words(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group().rstrip(".")) for m in _WORDS.finditer(text, start, end)]


def _speech_verb_at(words: list[tuple[int, int, str]], index: int) -> str | None:
    word = words[index][2]
    if not word.islower():
        return None
    if index and words[index - 1][2].lower() in _DETERMINERS:
        return None  # "a lament for the victims", "his answer": the word is a noun here
    if word in lexicon.SPEECH_VERBS:
        return word
    particle = lexicon.SPEECH_PHRASES.get(word)
    if particle and index + 1 < len(words) and words[index + 1][2] == particle:
        return f"{word} {particle}"  # "as one voter put it", "Smith pointed out"
    return None


def _verb_end(words: list[tuple[int, int, str]], index: int, verb: str) -> int:
    """Where the verb at `index` ends, past the particle of a phrase ("pointed out")."""
    return words[index + verb.count(" ")][1]


def _subject_before(text: str, start: int, verb_start: int) -> tuple[int, int] | None:
    """The speaker phrase between `start` and a speech verb, if it reads as a noun phrase."""
    words = _words(text, start, verb_start)
    while words and words[-1][2].lower() in _BETWEEN_SUBJECT_AND_VERB:
        words.pop()
    while words and _is_sentence_adverb(text, words[0]):
        words.pop(0)
    if not words:
        return None
    if words[-1][2].lower() in ("and", "but", "or"):
        return None  # "X took the stage and called ...": the verb shares an earlier subject
    words = _clause_after_conjunction(text, words, verb_start)
    span_start, span_end = words[0][0], words[-1][1]
    segment = text[span_start:span_end]
    if "," in segment:
        chunks = _comma_chunks(words, text)
        head = chunks[0]
        closed = text[span_end:verb_start].strip(" .") == ","
        tail = chunks[-1]
        if (
            not closed
            and _is_name_like(" ".join(word[2] for word in tail))
            and tail[-1][2].lower() not in lexicon.HONORIFICS
        ):
            # "Trump, Sexton said, has created ...": a speaker set inside the sentence, after
            # the words it interrupts.
            return tail[0][0], span_end
        # "Milley, the chairman of the joint chiefs, said": the name before the apposition.
        if (
            len(words) <= _MAX_SUBJECT_WORDS
            and _is_noun_phrase(head)
            and head[0][2].lower() not in _PREPOSITIONS
            and (closed or _is_name_like(" ".join(word[2] for word in head)))
        ):
            return span_start, span_end
        if closed:
            # "In a post on its website, the Paper and others, Shen Xincheng, a student at
            # Tech, urged": the last name-like stretch followed only by appositions.
            for index in range(len(chunks) - 2, 0, -1):
                if not _is_apposition(chunks[index + 1]):
                    break
                chunk = chunks[index]
                if len(chunk) > 1 and chunk[0][2] in _JOINING_CONJUNCTIONS:
                    chunk = chunk[1:]  # "..., but General Mark Milley, chairman of ..., told"
                if _is_named_phrase(chunk) or _is_described_person(chunk):
                    return chunk[0][0], span_end
        # "For the prices and shortages, Daalder said": the phrase after the last comma.
        if not _is_noun_phrase(tail):
            return _name_before_verb(text, start, verb_start)
        return tail[0][0], span_end
    if len(words) > _MAX_SUBJECT_WORDS or not _is_noun_phrase(words):
        return _name_before_verb(text, start, verb_start)
    return span_start, span_end


def _clause_after_conjunction(
    text: str, words: list[tuple[int, int, str]], verb_start: int
) -> list[tuple[int, int, str]]:
    """The words after a conjunction that opens the speech verb's own clause, when they name
    a body or a person: "the Office for Environmental Protection" in "The exchanges come a
    day after the Office for Environmental Protection said", "the company" in "Shares fell
    after the company said"; else the words unchanged. Not across punctuation, which sets
    the conjunction's clause off inside the speaker phrase ("Hale, after a long pause,
    said"), not before a passive verb ("a day after the driver was charged"), and not for "a
    pamphlet" in "because a pamphlet says so", which is no source."""
    if len(words) < 3 or not _CLAUSE_CONJUNCTION.search(text, words[1][0], words[-2][1]):
        return words  # most speaker phrases have none: skip looking word by word
    conjunction = next(
        (
            index
            for index in range(len(words) - 2, 0, -1)
            if words[index][2] in _CLAUSE_CONJUNCTIONS
        ),
        None,
    )
    if conjunction is None:
        return words
    rest = words[conjunction + 1 :]
    if (
        _CLAUSE_PUNCTUATION.search(text, words[conjunction][1], verb_start) is None
        and _PASSIVE_BEFORE_VERB.search(text, rest[-1][1], verb_start) is None
        and rest[0][2] in _DETERMINERS
        and _is_noun_phrase(rest)
        and (
            any(word[2][0].isupper() for word in rest[1:])
            or rest[-1][2] in lexicon.ORGANISATION_HEADS
            or is_person_noun(rest[-1][2])
        )
    ):
        return rest
    return words


def _comma_chunks(words: list[tuple[int, int, str]], text: str) -> list[list[tuple[int, int, str]]]:
    """Words grouped by the commas between them."""
    chunks: list[list[tuple[int, int, str]]] = [[words[0]]]
    for previous, word in zip(words, words[1:], strict=False):
        if "," in text[previous[1] : word[0]]:
            chunks.append([])
        chunks[-1].append(word)
    return chunks


def _is_apposition(chunk: list[tuple[int, int, str]]) -> bool:
    """A comma-delimited aside after a name: "a doctoral student", "61", "in Kentucky"."""
    if not chunk:
        return True
    first = chunk[0][2]
    if first.islower():
        return first not in ("and", "but", "or")
    return any(word[2].lower() in lexicon.ROLE_NOUNS for word in chunk[:6])


def _is_named_phrase(chunk: list[tuple[int, int, str]]) -> bool:
    """A short noun phrase ending in a capitalised word: "Sen. Ted Cruz", "strategist Al
    Cardenas"."""
    return (
        0 < len(chunk) <= 8
        and chunk[-1][2][0].isupper()
        and chunk[-1][2].lower() not in lexicon.NOT_NAME_WORDS
        and chunk[0][2].lower() not in _PREPOSITIONS
        and _is_noun_phrase(chunk)
    )


def _is_described_person(chunk: list[tuple[int, int, str]]) -> bool:
    """A short description of one unnamed person, an article and a noun for people: "another
    former employee", "a senior official" in "Speaking to the Observer, another former
    employee, who asked not to be named, said"."""
    return (
        1 < len(chunk) <= 6
        and chunk[0][2].lower() in _INDEFINITE_ARTICLES
        and all(word[2].islower() for word in chunk[1:])
        and is_person_noun(chunk[-1][2])
    )


def _name_before_verb(
    text: str, start: int, verb_start: int, allowed_before: frozenset[str] = frozenset()
) -> tuple[int, int] | None:
    """The capitalised name standing right before the verb, when the words before it do not
    read as one noun phrase: "...tempting that can be!— Cruz called them on it"."""
    words = _words(text, start, verb_start)
    while words and (
        words[-1][2].lower() in _BETWEEN_SUBJECT_AND_VERB
        or (words[-1][2].islower() and words[-1][2].endswith("ly"))
    ):
        words.pop()
    if not words or text[words[-1][1] : verb_start].strip():
        return None
    last = len(words) - 1
    first = last
    while first >= 0 and _is_name_word(words[first][2]):
        if first < last and text[words[first][1] : words[first + 1][0]].strip():
            break  # punctuation between the words ends the name
        first -= 1
    first += 1
    if first > last:
        return None
    previous = words[first - 1][2].lower() if first > 0 else ""
    punctuated = first > 0 and text[words[first - 1][1] : words[first][0]].strip()
    if (
        previous in _OBJECT_MARKERS
        and previous not in allowed_before | _SUBORDINATORS
        and not punctuated
    ):
        return None  # "...a letter to Smith said": the name is an object
    return words[first][0], words[last][1]


def _is_name_word(word: str) -> bool:
    return word[0].isupper() and word.lower() not in lexicon.NOT_NAME_WORDS


def _is_noun_phrase(words: list[tuple[int, int, str]]) -> bool:
    """Whether words can be a speaker phrase: short, not opening a clause, holding no verb.
    A clause word that opens a name is a given name: "Will Moy, chief executive, said"."""
    if not words or len(words) > 12:
        return False
    if words[0][2].lower() in _CLAUSE_WORDS and not (
        len(words) > 1 and _is_name_word(words[0][2]) and words[1][2][:1].isupper()
    ):
        return False
    if words[0][2].lower() in _PREPOSITIONS:
        return False  # "of the town": a complement, not a speaker
    if len(words) > 1 and words[0][2].endswith("ing") and words[1][2].islower():
        return False  # "Rattling off promises", "Speaking on Monday": a participle clause
    if any(word[2] in _SUBORDINATORS for word in words[1:]):
        return False  # "It started when Snowden": the speaker is in the subordinate clause
    # A word right after a determiner is a noun, though a verb may be spelt so: "the report".
    texts = [word[2] for word in words]
    return not any(
        word in _FINITE_VERBS or word in lexicon.SPEECH_VERBS
        for previous, word in zip(["", *texts[:-1]], texts, strict=True)
        if word.islower() and previous.lower() not in _DETERMINERS
    )


def _is_sentence_adverb(text: str, word: tuple[int, int, str]) -> bool:
    """An opener to skip before a speaker: "But", "Instead,", "Separately,"."""
    lowered = word[2].lower()
    if lowered in _SENTENCE_ADVERBS:
        return True
    followed_by_comma = text.startswith(",", word[1])
    return followed_by_comma and (lowered in lexicon.NOT_NAME_WORDS or lowered.endswith("ly"))


def sentence_subject(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The first capitalised name in a sentence that is not a preposition's object: the
    subject a participle or a complex sentence attributes a partial quote to."""
    found = clause_subject(text, start, end)
    return found[:2] if found else None


def clause_subject(text: str, start: int, end: int) -> tuple[int, int, bool] | None:
    """The subject of a sentence read from its words: the first name followed by a verb
    ("Speaking on Monday, Bush referred to ..."), else the first name that is not a
    preposition's object. The flag says whether a verb confirmed it."""
    words = _words(text, start, end)
    first_found = None
    index = 0
    dateline = DATELINE.match(text, words[0][0]) if words else None
    while dateline and index < len(words) and words[index][0] < dateline.end():
        index += 1  # "WASHINGTON — Sen. Grassley said ...": the place is not the subject
    while index < len(words):
        word_start, _word_end, word = words[index]
        opens_place = (
            word == "New" and index + 1 < len(words) and words[index + 1][2][0].isupper()
        )  # "The New York Times said"
        if not word[0].isupper() or (word.lower() in lexicon.NOT_NAME_WORDS and not opens_place):
            index += 1
            continue
        last = index
        while last + 1 < len(words) and words[last + 1][2][0].isupper():
            if text[words[last][1] : words[last + 1][0]].strip():
                break  # punctuation between the words ends the name
            last += 1
        after_preposition = _after_preposition(words, index)
        named = _name_apposed_to_title(text, words, last)
        if named is not None and not after_preposition:
            # "The Education Minister, Sarah Okonjo, has defended ...": the person, not the
            # capitalised title set before her name.
            index, last = named
            word_start = words[index][0]
        if not after_preposition:
            if _verb_follows(text, words, last):
                return word_start, words[last][1], True
            if first_found is None:
                first_found = (word_start, words[last][1], False)
        index = last + 1
    return first_found


def _name_apposed_to_title(
    text: str, words: list[tuple[int, int, str]], last: int
) -> tuple[int, int] | None:
    """The first and last word index of a capitalised name set off by commas right after a
    run ending in a role noun ("The Education Minister, Sarah Okonjo, has"), else None."""
    if words[last][2].lower() not in lexicon.ROLE_NOUNS or last + 1 >= len(words):
        return None
    first = last + 1
    if text[words[last][1] : words[first][0]] != ", " or not words[first][2][0].isupper():
        return None
    end = first
    while end + 1 < len(words) and text[words[end][1] : words[end + 1][0]] == " ":
        if not words[end + 1][2][0].isupper():
            return None  # "The Minister, Sarah and her staff": not a name set off alone
        end += 1
    if end == first or not text.startswith(",", words[end][1]):
        return None  # one word or no closing comma: not clearly a full name set off
    return first, end


def _verb_follows(text: str, words: list[tuple[int, int, str]], last: int) -> bool:
    return verb_follows(text, words[last][1], words[-1][1])


def verb_follows(text: str, name_end: int, limit: int) -> bool:
    """Whether a finite verb follows a name ending at `name_end`, directly or after an
    apposition between commas or dashes: "Trump launched", "Cruz, in Texas, pledged",
    "Halloran, 52, arrived", "Halloran, 52, who lives nearby, arrived", "Christie – a Cowboys
    fan – gave"."""
    if text.endswith(("’s", "'s"), 0, name_end):
        return False  # "Trump's campaign": the name is a possessive
    limit = min(limit, name_end + 200)
    first = _WORDS.search(text, name_end, limit)
    if first is not None and first.group() in _POST_NOMINALS and first.start() == name_end + 1:
        name_end = first.end()  # "Jonathan Pike KC accepted": letters after the name, then the verb
        first = _WORDS.search(text, name_end, limit)
    if first is None:
        return False
    gap = text[name_end : first.start()].strip()
    position = name_end
    if gap == ",":
        if is_verb_like(first.group().rstrip(".")):
            return True  # "Megahan and Harman, found": the comma closed an apposition
        comma = text.find(",", first.end(), limit)
        if comma == -1:
            return False
        position = comma + 1  # skip the apposition up to its closing comma
    elif gap.startswith(",") and gap.endswith(",") and len(gap) > 1:
        position = first.start()  # the apposition had no words: an age
        if first.group() in _PERSON_RELATIVES:
            # "Oduya, 70, whose wife was ill, brought": a relative clause after the age.
            comma = text.find(",", first.end(), limit)
            if comma == -1:
                return False
            position = comma + 1
    elif gap in ("—", "–", "-", "--"):
        closing = _CLOSING_DASH.search(text, first.end(), limit)
        if closing is None:
            return False
        position = closing.end()
    elif gap:
        return False
    for count, match in enumerate(_WORDS.finditer(text, position, limit)):
        word = match.group().rstrip(".")
        if is_verb_like(word):
            return True
        if count == 3 or (
            word.lower() not in _BETWEEN_SUBJECT_AND_VERB and not word.endswith("ly")
        ):
            return False
    return False


def is_verb_like(word: str) -> bool:
    """Whether a lower-case word reads as a finite verb after a subject."""
    if not word.islower():
        return False
    for negation in ("n’t", "n't"):
        if word.endswith(negation):
            word = word[: -len(negation)] or word
    if word in _FINITE_VERBS or word in lexicon.SPEECH_VERBS or word in lexicon.COMMON_VERBS:
        return True
    if len(word) <= 3 or word in lexicon.UNNAMED_HEADS:
        return False
    if word.endswith("ed"):
        return True
    return word.endswith("s") and not word.endswith(_NOUN_PLURAL_ENDINGS)


def _after_preposition(words: list[tuple[int, int, str]], index: int) -> bool:
    """Whether the word at `index` is a preposition's object: "at (the) State University"."""
    index -= 1
    while index >= 0 and words[index][2].lower() in ("the", "a", "an"):
        index -= 1
    return index >= 0 and words[index][2].lower() in _SUBORDINATE_MARKERS


def _is_name_like(phrase: str) -> bool:
    words = phrase.split()
    return 0 < len(words) <= 5 and all(word[0].isupper() for word in words)


def _subject_after(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The speaker phrase after an inverted verb: `said Daalder, now President of ...`."""
    words = _words(text, start, end)
    if not words:
        return None
    first = words[0][2]
    if first.lower() in _CLAUSE_WORDS and not (first[0].isupper() and _is_name_word(first)):
        return None
    span_end = words[-1][1]
    # Keep a following apposition but stop before a trailing clause, but not before where
    # an unnamed source works: `wrote analysts at Kessler Grant`, where `said Hale at a
    # briefing` says where Hale spoke.
    for position, (_, word_end, word) in enumerate(words):
        if (
            position
            and word.lower() in ("in", "on", "at", "during", "after", "when", "while")
            and not _workplace_follows(words, position)
        ):
            span_end = words[position - 1][1]
            break
        span_end = word_end
    return words[0][0], span_end


def _workplace_follows(words: list[tuple[int, int, str]], position: int) -> bool:
    """Whether the "at" at `position` leads from a common noun for people to a capitalised
    name, the firm they work at: "analysts at Kessler Grant"."""
    previous = words[position - 1][2]
    following = words[position + 1][2] if position + 1 < len(words) else ""
    return (
        words[position][2] == "at"
        and following[:1].isupper()
        and previous.islower()
        and is_person_noun(previous)
    )


def _opens_relative_clause(text: str, words: list[tuple[int, int, str]], index: int) -> bool:
    """Whether the verb at `index` is the first of a relative clause set off by a comma,
    whose verb is not the speaker's: "another analyst, who asked not to be named, said"."""
    return (
        words[index - 1][2].lower() in _RELATIVES
        and "," in text[words[index - 2][1] : words[index - 1][0]]
    )


def attribution_after(
    text: str, start: int, end: int, verb_limit: int | None = None
) -> Attribution | None:
    """Read an attribution that follows a quote's closing mark, within [start, end). Given a
    `verb_limit`, the speech verb must start before it, or follow a speaker and an apposition
    that start before it: `"...today?" Miller, a retired nurse from Ohio, said`."""
    according = _ACCORDING_TO_AFTER.match(text[start:end])
    if according:
        subject = _subject_after(text, start + according.end(), end)
        if subject:
            return Attribution(*subject, verb="according to")
        return None
    lead = _LEADING_JUNK.match(text, start)
    begin = lead.end() if lead else start
    words = _words(text, begin, end)
    head_comma = -1 if verb_limit is None else text.find(",", begin, verb_limit)
    for index, (word_start, _word_end, _word) in enumerate(words[: _MAX_SUBJECT_WORDS + 4]):
        late = verb_limit is not None and word_start >= verb_limit
        if late and head_comma == -1:
            break
        verb = _speech_verb_at(words, index)
        if verb is None and index == 0 and words[0][2] in _INVERTED_ONLY_VERBS:
            verb = words[0][2]
        if verb is None:
            continue
        if index >= 2 and _opens_relative_clause(text, words, index):
            continue  # `another analyst, who asked not to be named, said`: the clause's verb
        if late and text[words[index - 1][1] : word_start].strip() != ",":
            return None
        if index == 0:
            if verb.lower() in lexicon.HEARER_VERBS:
                return None  # `"...," told reporters` has lost its speaker
            subject = _subject_after(text, _verb_end(words, index, verb), end)
        else:
            subject = _subject_before(text, begin, word_start)
            if subject is None and text[words[index - 1][1] : word_start].strip() == ",":
                # `"cool off" for now, said Kunin, a former governor`: inverted after a
                # stretch of the reporter's own words.
                subject = _inverted_subject(text, _verb_end(words, index, verb), end, verb)
        if subject:
            return Attribution(*subject, verb=verb)
        if index == 0 or words[index - 1][2].lower() not in _MODALS:
            return None
        # `"..." that would respond to X, counsel Jane Doe wrote`: the verb belonged to a
        # clause about the quote; the attribution may still follow.
    return attribution_by_dash(text, start, end)


def attribution_by_dash(text: str, start: int, end: int) -> Attribution | None:
    """A speaker named after a dash that follows the quote: `"..." — Jane Doe, a voter`."""
    dash = _DASH_AFTER.match(text, start, end)
    return _named_after_dash(text, dash.end(), end) if dash else None


def attribution_below(text: str, start: int) -> Attribution | None:
    """A speaker named on a short dash line below a quote: `"..."` then `-Jane Doe, Leeds`.
    A longer line after a dash is a list item, not a name."""
    return _named_on_short_line(text, _DASH_BELOW.match(text, start))


def attribution_by_colon(text: str, start: int) -> Attribution | None:
    """A speaker named after a colon that follows a quote opening a short line, as headlines
    and standfirsts give an interview: `"I write about time": Lena Brodsky on her novel`.
    A longer line after the colon is a sentence of its own."""
    return _named_on_short_line(text, _COLON_AFTER.match(text, start))


def _named_on_short_line(text: str, mark: re.Match[str] | None) -> Attribution | None:
    """A speaker named right after a mark (a dash below a quote, a colon after one) when the
    rest of the mark's line is short enough to be a name and its description, not a
    sentence or a list item."""
    if mark is None:
        return None
    line_end = text.find("\n", mark.end())
    line_end = len(text) if line_end == -1 else line_end
    if len(_words(text, mark.end(), line_end)) > _MAX_DASH_LINE_WORDS:
        return None
    return _named_after_dash(text, mark.end(), line_end)


def _named_after_dash(text: str, start: int, end: int) -> Attribution | None:
    subject = _subject_after(text, start, end)
    if subject and _is_name_word(text[subject[0] : subject[1]].split()[0]):
        return Attribution(*subject, verb=None)
    return None


def _inverted_subject(text: str, start: int, end: int, verb: str) -> tuple[int, int] | None:
    if verb in lexicon.HEARER_VERBS:
        return None
    subject = _subject_after(text, start, end)
    if subject is None:
        return None
    first = text[subject[0] : subject[1]].split()[0]
    return subject if first[0].isupper() or first in ("the", "a", "an") else None


def _according_to(text: str, start: int, end: int) -> tuple[Attribution, bool] | None:
    """The source after the last "according to" in [start, end), with an apposition set off
    after it ("according to Tom Reyes, the mayor's spokesman,", "according to the mayor's
    spokesman, Tom Reyes,"), and whether that source is set off as the sentence's: it runs
    up to `end`, or the phrase opens the sentence or stands between commas ("The bridge,
    according to Reyes, is ...")."""
    matches = list(_ACCORDING_TO.finditer(text, start, end))
    if not matches:
        return None
    found = matches[-1]
    head = _PHRASE_CHUNK.match(text, found.end(), end)
    if head is None or len(_words(text, head.start(), head.end())) > 12:
        return None
    source_end = head.end()
    if text.startswith(",", source_end):
        apposition = _PHRASE_CHUNK.match(text, source_end + 1, end)
        if (
            apposition is not None
            and text.startswith((",", ":"), apposition.end())
            and _is_noun_phrase(_words(text, apposition.start(), apposition.end()))
        ):
            source_end = apposition.end()
    subject_end = source_end
    while subject_end > head.start() and text[subject_end - 1].isspace():
        subject_end -= 1
    lead = _LEADING_JUNK.match(text, start)
    before = _words(text, lead.end() if lead else start, found.start())
    set_off = not text[source_end:end].strip(_AFTER_SOURCE) or (
        text.startswith(",", source_end)
        and (
            all(_is_sentence_adverb(text, word) for word in before)
            or text[start : found.start()].rstrip().endswith((",", "—", "–"))
        )
    )
    return Attribution(head.start(), subject_end, "according to"), set_off


def attribution_before(text: str, start: int, end: int) -> Attribution | None:
    """Read an attribution in the same sentence before a quote's opening mark."""
    according = _according_to(text, start, end)
    if according is not None and not text[according[0].subject_end : end].strip(_AFTER_SOURCE):
        # `..., according to X, "..."`: the source stands right before the quote.
        return according[0]
    lead = _LEADING_JUNK.match(text, start)
    begin = lead.end() if lead else start
    words = _words(text, begin, end)
    for index in range(len(words) - 1, -1, -1):
        word = words[index][2]
        if index == 0 and word[0].isupper() and word.lower() in lexicon.SPEECH_VERBS:
            # An inverted attribution: `Said Daalder: "..."`, or `said Smith, "..."` after
            # an earlier quote in the same sentence.
            subject = _subject_after(text, words[0][1], end)
            verb = word.lower()
        elif word.lower() in lexicon.SPEECH_PARTICIPLES:
            subject = None
            if index >= 2 and words[index - 1][2] == "as":
                # `The Renault statement quoted Chrysler Chairman Lee Iacocca as saying, "..."`:
                # the one quoted, not the sentence's subject.
                subject = _name_before_verb(text, begin, words[index - 1][0])
            if subject is None and index and _speech_verb_at(words, index - 1):
                # "..., Nefzi said, adding, "...": the speaker of the verb before it.
                subject = _name_before_verb(text, begin, words[index - 1][0])
            subject = (
                subject
                or _name_before_verb(text, begin, words[index][0], allowed_before=_ABSOLUTE_MARKERS)
                or sentence_subject(text, begin, words[index][0])
            )
            verb = word
        else:
            verb = _speech_verb_at(words, index)
            if verb is None:
                continue
            if index and words[index - 1][2].lower() in _PASSIVE_AUXILIARIES:
                # `was described by Jobs as the "..."`: the speaker is the agent, if named.
                agent = _PASSIVE_AGENT.match(text, words[index][1], end)
                subject = _subject_after(text, agent.end(), end) if agent else None
                if subject and text[subject[0]].isupper():
                    return Attribution(*subject, verb=verb)
                continue
            if index == 0:
                subject = _subject_after(text, _verb_end(words, 0, verb), end)
            elif text[words[index - 1][1] : words[index][0]].strip() == "," and (
                inverted := _PARENTHETICAL_NAME.match(text, _verb_end(words, index, verb), end)
            ):
                # `The paradox, says Carl Anthony, a historian, is that she was "..."`.
                subject = inverted.span(1)
            else:
                subject = _subject_before(text, begin, words[index][0]) or sentence_subject(
                    text, begin, words[index][0]
                )
        if subject:
            return Attribution(*subject, verb=verb)
    if according is not None and according[1]:
        # `According to Reyes, the bridge is "safe"`: no speech verb, but the sentence is
        # given as Reyes's.
        return according[0]
    return None


def speech_event(text: str, start: int, end: int) -> Attribution | None:
    """A sentence opening with `<speaker> <speech verb>` (`She said new mothers were ...`) or
    with `According to <source>,`."""
    if text.startswith(("According to", "according to"), start):
        according = _according_to(text, start, min(end, start + 160))
        return according[0] if according is not None and according[1] else None
    inverted = _inverted_closing(text, start, end)
    if inverted is not None:
        return inverted
    if lexicon.SPEECH_VERBS.isdisjoint(_LOWER_WORDS.findall(text, start, min(end, start + 160))):
        return None  # most sentences report no speech: skip splitting them into words
    words = _words(text, start, min(end, start + 160))
    for index, (word_start, _word_end, _word) in enumerate(words[:_MAX_EVENT_WORDS]):
        verb = _speech_verb_at(words, index)
        if verb is None:
            continue
        late = index >= _EVENT_VERB_WORDS
        if late and text[words[index - 1][1] : word_start].strip() != ",":
            return None  # late in a long sentence, a verb whose subject no comma closes
        if index == 0 or words[index - 1][2].lower() in _PASSIVE_AUXILIARIES:
            return None  # "Internet providers have been told to ...": the subject is spoken to
        if index >= 2 and _opens_relative_clause(text, words, index):
            continue  # "A former aide, who spoke on condition of anonymity, said": not "spoke"
        subject = _subject_before(text, words[0][0], word_start)
        if subject and late and not _opens_noun_phrase(text[subject[0] : subject[1]]):
            return None  # "..., such as scrapping the town fund, that ..., claimed Mr Hale"
        return Attribution(*subject, verb=verb) if subject else None
    return None


def _opens_noun_phrase(phrase: str) -> bool:
    """Whether a speaker phrase opens as a noun phrase does, with a capital or an article,
    where a clause's words run on in lower case ("such as scrapping the town fund")."""
    first = phrase.split(maxsplit=1)[0]
    return first[0].isupper() or first.lower() in _DETERMINERS


def _inverted_closing(text: str, start: int, end: int) -> Attribution | None:
    """A sentence of the reporter's own words closed by an inverted attribution: `Prices will
    rise, said Tomas Lindqvist of Norberg Capital.` The words before the comma must hold a
    verb, so the name is not the object of a speaker set before it ("Jane Roe, the chief
    executive, said Ann Vale, the auditor, had resigned")."""
    if ", " not in text[start:end]:
        return None
    found = None
    for match in _INVERTED_CLOSING.finditer(text, start, end):
        verb = match.group(1)
        if verb in lexicon.SPEECH_VERBS and verb not in lexicon.HEARER_VERBS:
            found = match
    if found is None or found.group(2).split()[0].lower() in lexicon.NOT_NAME_WORDS:
        return None
    if not any(is_verb_like(word[2]) for word in _words(text, start, found.start())):
        return None
    return Attribution(*found.span(2), verb=found.group(1))


def label_before(text: str, start: int, colon: int) -> tuple[int, int] | None:
    """A name standing alone before a colon that opens a quote, as transcripts and round-ups
    label speakers: `Mark Blumenthal and Jon Cohen: "..."`, `More from Cohen: "..."`, or
    after a short capitalised role: `- Blackburn boss Mark Hughes: "..."`."""
    words = _words(text, start, colon)
    if not words or text[words[-1][1] : colon].strip():
        return None
    first = len(words) - 1
    while first >= 0 and (_is_name_word(words[first][2]) or words[first][2] in ("and", "&")):
        if first < len(words) - 1 and text[words[first][1] : words[first + 1][0]].strip():
            break
        first -= 1
    first += 1
    while first < len(words) and not _is_name_word(words[first][2]):
        first += 1
    if first >= len(words) or len(words) - first > 8:
        return None
    if (
        first > 0
        and words[first - 1][2].lower() not in ("from", "by")
        and not _role_opening_label(words[:first])
    ):
        before = text[words[first - 1][1] : words[first][0]]
        if not any(mark in before for mark in "—–-\n"):
            return None  # "the report found: ..." or a name inside a longer clause
    return words[first][0], words[-1][1]


def possessor_label(text: str, start: int, colon: int) -> tuple[int, int] | None:
    """The owner of a view or a verdict that a colon opens a quote with: `The trust's view:
    "..."`, `Ms Mercer's verdict on her chances: "..."`. The owner is the speaker, as the
    subject of "said" would be."""
    found = _POSSESSED_STATEMENT.search(text, start, colon + 1)
    if found is None:
        return None
    return _subject_before(text, start, found.start())


def _role_opening_label(words: list[tuple[int, int, str]]) -> bool:
    """Whether the words before a labelled name are a short role that opens the label, its
    body's name in capitals and then a role noun ("Blackburn boss" in `- Blackburn boss Mark
    Hughes: "..."`), rather than a clause ("the report found")."""
    return (
        1 < len(words) <= 4
        and words[-1][2].lower() in lexicon.ROLE_NOUNS
        and all(word[2][:1].isupper() for word in words[:-1])
    )
