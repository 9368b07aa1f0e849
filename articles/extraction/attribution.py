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

_WORDS = re.compile(r"[^\W\d_][\w’'.\-]*")
_LEADING_JUNK = re.compile(r"^[\s,;:—–\-…]+")
_ACCORDING_TO_AFTER = re.compile(r"^[\s,;—–\-]*according to\s+", re.IGNORECASE)
_ACCORDING_TO_BEFORE = re.compile(r"\baccording to\s+([^,;:]{2,120}?)\s*[,:—–]\s*$", re.IGNORECASE)
# Words that cannot open a speaker phrase: they start a clause or continue the sentence.
_CLAUSE_WORDS = word_set(
    """
    which that and but or so because as while when whereas if although though where then for
    from to in on at by with about after before since until than is was were are be been being
    would could should will can may might must did does do has have had not no also just only
    even what how why whether into through over under
    """
)
# Words allowed between a speaker and the speech verb: "Kirby also said", "he has told".
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


@dataclass(frozen=True)
class Attribution:
    """A speaker phrase (character span into the text) and the verb attributing to it."""

    subject_start: int
    subject_end: int
    verb: str | None  # None when a partial quote is given to its sentence's subject


def _words(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group().rstrip(".")) for m in _WORDS.finditer(text, start, end)]


def _speech_verb_at(words: list[tuple[int, int, str]], index: int) -> str | None:
    word = words[index][2]
    if word.islower() and word in lexicon.SPEECH_VERBS:
        return words[index][2]
    return None


def _subject_before(text: str, start: int, verb_start: int) -> tuple[int, int] | None:
    """The speaker phrase between `start` and a speech verb, if it reads as a noun phrase."""
    words = _words(text, start, verb_start)
    while words and words[-1][2].lower() in _BETWEEN_SUBJECT_AND_VERB:
        words.pop()
    while words and _is_sentence_adverb(text, words[0]):
        words.pop(0)
    if not words or len(words) > _MAX_SUBJECT_WORDS:
        return None
    if words and words[-1][2].lower() in ("and", "but", "or"):
        return None  # "X took the stage and called ...": the verb shares an earlier subject
    span_start, span_end = words[0][0], words[-1][1]
    segment = text[span_start:span_end]
    if "," in segment:
        # "Milley, the chairman of the joint chiefs, said": the name before the apposition.
        head_end = span_start + segment.index(",")
        head = [word for word in words if word[1] <= head_end]
        if _is_noun_phrase(head) and (
            text[span_end:verb_start].strip(" .") == "," or _is_name_like(text[span_start:head_end])
        ):
            return span_start, span_end
        # "For the prices and shortages, Daalder said": the phrase after the last comma.
        tail = _words(text, span_start + segment.rindex(",") + 1, span_end)
        if not _is_noun_phrase(tail):
            return None
        return tail[0][0], span_end
    if not _is_noun_phrase(words):
        return None
    return span_start, span_end


def _is_noun_phrase(words: list[tuple[int, int, str]]) -> bool:
    """Whether words can be a speaker phrase: short, not opening a clause, holding no verb."""
    if not words or len(words) > 12 or words[0][2].lower() in _CLAUSE_WORDS:
        return False
    return not any(
        word in _FINITE_VERBS or word in lexicon.SPEECH_VERBS
        for word in (w[2] for w in words)
        if word.islower()
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
    words = _words(text, start, end)
    for index, (word_start, _word_end, word) in enumerate(words):
        if not word[0].isupper() or word.lower() in lexicon.NOT_NAME_WORDS:
            continue
        if index and words[index - 1][2].lower() in _PREPOSITIONS:
            continue
        last = index
        while last + 1 < len(words) and words[last + 1][2][0].isupper():
            if text[words[last][1] : words[last + 1][0]].strip():
                break  # punctuation between the words ends the name
            last += 1
        return word_start, words[last][1]
    return None


def _is_name_like(phrase: str) -> bool:
    words = phrase.split()
    return 0 < len(words) <= 5 and all(word[0].isupper() for word in words)


def _subject_after(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The speaker phrase after an inverted verb: `said Daalder, now President of ...`."""
    words = _words(text, start, end)
    if not words or words[0][2].lower() in _CLAUSE_WORDS:
        return None
    span_end = words[-1][1]
    # Keep a following apposition but stop before a trailing clause.
    for position, (_, word_end, word) in enumerate(words):
        if position and word.lower() in ("in", "on", "at", "during", "after", "when", "while"):
            span_end = words[position - 1][1]
            break
        span_end = word_end
    return words[0][0], span_end


def attribution_after(text: str, start: int, end: int) -> Attribution | None:
    """Read an attribution that follows a quote's closing mark, within [start, end)."""
    according = _ACCORDING_TO_AFTER.match(text[start:end])
    if according:
        subject = _subject_after(text, start + according.end(), end)
        if subject:
            return Attribution(*subject, verb="according to")
        return None
    lead = _LEADING_JUNK.match(text, start)
    begin = lead.end() if lead else start
    words = _words(text, begin, end)
    for index, (word_start, word_end, _word) in enumerate(words[: _MAX_SUBJECT_WORDS + 4]):
        verb = _speech_verb_at(words, index)
        if verb is None:
            continue
        if index == 0:
            if verb.lower() in lexicon.HEARER_VERBS:
                return None  # `"...," told reporters` has lost its speaker
            subject = _subject_after(text, word_end, end)
        else:
            subject = _subject_before(text, begin, word_start)
        if subject:
            return Attribution(*subject, verb=verb)
        return None
    return None


def attribution_before(text: str, start: int, end: int) -> Attribution | None:
    """Read an attribution in the same sentence before a quote's opening mark."""
    window = text[start:end]
    according = _ACCORDING_TO_BEFORE.search(window)
    if according:
        return Attribution(start + according.start(1), start + according.end(1), "according to")
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
            subject = sentence_subject(text, begin, words[index][0])
            verb = word
        else:
            verb = _speech_verb_at(words, index)
            if verb is None:
                continue
            if index == 0:
                subject = _subject_after(text, words[0][1], end)
            else:
                subject = _subject_before(text, begin, words[index][0]) or sentence_subject(
                    text, begin, words[index][0]
                )
        if subject:
            return Attribution(*subject, verb=verb)
    return None


def speech_event(text: str, start: int, end: int) -> Attribution | None:
    """A sentence opening with `<speaker> <speech verb>`: `She said new mothers were ...`."""
    words = _words(text, start, min(end, start + 160))
    for index, (word_start, _word_end, _word) in enumerate(words[:16]):
        verb = _speech_verb_at(words, index)
        if verb is None:
            continue
        if index == 0:
            return None
        subject = _subject_before(text, words[0][0], word_start)
        return Attribution(*subject, verb=verb) if subject else None
    return None
