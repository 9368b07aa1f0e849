"""Finding quoted stretches of text and telling direct quotes from scare quotes and titles.

Quotation marks are paired in one left-to-right pass. Curly marks say which way they face;
a straight mark is read from its neighbours (space before it opens, space or punctuation after
it closes). News copy leaves a quote open at the end of a paragraph when the same speaker goes
on in the next one, which opens with a fresh mark; the pass closes the quote at the paragraph
end and flags the next one as its continuation. The same happens when a new opening mark
appears after a sentence end while a quote is still open, which is how multi-paragraph quotes
look once paragraph breaks have been lost.
"""

import re
from dataclasses import dataclass

from .lexicon import word_set

_MARKS = re.compile(r"[\"“”„«»]")
_OPENING = frozenset("“„«")
_CLOSING = frozenset("”»")
_BEFORE_OPENING = frozenset(" \t\n\r\u00a0([{—–-/")
_AFTER_CLOSING = frozenset(" \t\n\r\u00a0.,;:!?)]}—–-…'’")
_WORD = re.compile(r"[^\W_]+(?:[’'\-][^\W_]+)*")
# A double quotation mark written as two single ones: ‘‘...’’ in wire copy (AP), ``...'' and
# ''...'' in typewriter text and old newspaper archives.
_DOUBLED_MARKS = re.compile(r"‘‘|’’|``|''")
# Words that announce a name, label or title rather than speech: the so-called "G19".
_LABEL_BEFORE = re.compile(
    r"(?:so-called|so called|dubbed|nicknamed|titled|entitled|headlined|known as|"
    r"the (?:word|words|phrase|term|terms|slogan|hashtag|label|name|title|headline|song|"
    r"film|book|show|album|series|programme|program|motto))[\s,]*$",
    re.IGNORECASE,
)
_SMALL_WORDS = word_set("a an the of and or for to in on at by with from vs")


@dataclass
class QuotedSpan:
    """Text between a pair of quotation marks, marks excluded, whitespace trimmed."""

    start: int
    end: int
    open_mark: int  # offset of the opening mark
    close_mark: int | None  # offset of the closing mark, None when the paragraph ran out
    continues_previous: bool  # the previous quote was left open for this one to carry on


def _mark_faces_open(text: str, position: int, quote_open: bool) -> bool:
    mark = text[position]
    before = text[position - 1] if position else "\n"
    after = text[position + 1] if position + 1 < len(text) else "\n"
    opens = before in _BEFORE_OPENING
    closes = after in _AFTER_CLOSING
    # Curly marks say which way they face, unless typesetting flipped them: `unusual,“ said`.
    if mark in _OPENING:
        return not (quote_open and closes and not opens)
    if mark in _CLOSING:
        return not quote_open and opens and not closes
    if opens and not closes:
        return True
    if closes and not opens:
        return False
    return not quote_open


def with_doubled_marks_as_one(text: str) -> str:
    """`text` with each doubled single mark written as one double mark and a space on the side
    away from the quoted words, so that every offset stays the same: `‘‘Yes,’’ she said`
    reads as ` “Yes,”  she said`. Two straight apostrophes face the way their neighbours say,
    as a straight double mark does."""
    if not any(mark in text for mark in ("‘‘", "’’", "``", "''")):
        return text

    def as_one(match: re.Match) -> str:
        mark = match.group()
        if mark in ("‘‘", "``"):
            return " “"
        if mark == "’’":
            return "” "
        before = text[match.start() - 1] if match.start() else "\n"
        return ' "' if before in _BEFORE_OPENING else '" '

    return _DOUBLED_MARKS.sub(as_one, text)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """Pair the quotation marks of a text, returning the stretches between them in order."""
    spans: list[QuotedSpan] = []
    open_at: int | None = None
    carried = False  # the quote now open continues one left open before it

    def close(end: int, close_mark: int | None) -> None:
        start, stop = _trimmed(text, open_at + 1, end)
        if stop > start:
            spans.append(QuotedSpan(start, stop, open_at, close_mark, carried))

    for match in _MARKS.finditer(text):
        position = match.start()
        if open_at is not None:
            newline = text.find("\n", open_at, position)
            if newline != -1:
                # The paragraph ended inside the quote.
                close(newline, None)
                open_at = None
                carried = _opens_paragraph(text, newline, position)
        if _mark_faces_open(text, position, open_at is not None):
            if open_at is not None:
                # A new quote opens while one is open: the first ran on without a close.
                close(position, None)
                carried = True
            open_at = position
        elif open_at is not None:
            close(position, position)
            open_at = None
            carried = False
        else:
            carried = False  # a stray closing mark: nothing carries past it
    if open_at is not None:
        newline = text.find("\n", open_at)
        close(len(text) if newline == -1 else newline, None)
    return spans


def _opens_paragraph(text: str, newline: int, mark: int) -> bool:
    """Whether the mark is the first thing in the paragraph after `newline`."""
    return not text[newline:mark].strip() and text[mark] in '"“„«'


def word_count(text: str, start: int, end: int) -> int:
    return sum(1 for _ in _WORD.finditer(text, start, end))


def looks_like_title(quoted: str) -> bool:
    """A short run of capitalised words with no sentence punctuation: a title or a name."""
    words = quoted.split()
    if not words or len(words) > 8 or any(mark in quoted for mark in ".!?;:"):
        return False
    significant = [word for word in words if word.lower() not in _SMALL_WORDS]
    return bool(significant) and all(word[0].isupper() or word[0].isdigit() for word in significant)


def is_label(text: str, span: QuotedSpan) -> bool:
    """Whether the words before the quote introduce a name or title rather than speech."""
    return bool(_LABEL_BEFORE.search(text, max(0, span.open_mark - 40), span.open_mark))
