"""Plain-text articles: the first line is the headline, an optional standfirst line follows,
then paragraphs; short lines without final punctuation are sub-headings.

Three layouts are read, as editors, wire services and e-mail write them:
- One paragraph per line (the seed story, pasted by an editor). Only here can a standfirst sit
  directly under the headline.
- Paragraphs separated by blank lines (the BBC files, hard-wrapped text). Lines directly under
  the headline (no blank line between) are the standfirst; the lines of one block are one
  paragraph, but for list items and for lines longer than text is wrapped at (paragraphs
  pasted one per line after a blank line).
- Hard-wrapped lines without blank lines (wire copy, e-mail): a paragraph starts at a line
  indented further than the one before, or after a line that ends a sentence short of the
  wrapping width, since a wrapping tool fills every line of a paragraph but its last.

What newsrooms and web pages write around the story is read as such, not as its text: a byline
line ("By Jane Roe") and a date line ("Published: 5 March 2024") under the headline, the wire
agency of a dateline ("LONDON, March 5 (Reuters) -") as the source, the marks ending wire copy
and press releases ("ENDS", "-30-", "###") and a copyright line at the end, the labels of
sharing buttons and adverts a copy from a web page brings along, and Markdown's marks.
"""

import codecs
import datetime
import re
from email.utils import parsedate_to_datetime
from pathlib import Path

from articles.extraction import lexicon
from articles.text import text_blocks_html

from .bylines import byline_people
from .page_dates import stated_day
from .records import ParsedArticle, ParsedPerson, ParseError
from .reuters import title_case
from .sites import news_agency

# A sub-heading is short and does not end a sentence; a quoted line ("‘A Just Peace’") counts
# when the words inside the marks carry no final punctuation either.
SUBHEADING_MAX_CHARS = 80
SUBHEADING_MAX_WORDS = 12
# A longer line under the headline is the story's first paragraph, not its standfirst.
STANDFIRST_MAX_WORDS = 60
# Tools wrap text at 60-80 columns: a block with a longer line holds one paragraph per line.
WRAP_MAX_COLUMNS = 100
_FINAL_PUNCTUATION = ".!?:;,…"
_CLOSING_MARKS = "\"'”’»)]"
_PARAGRAPH_END = ".!?:…"  # what the last line of a paragraph ends with, before closing marks
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_WORD_CHARACTER = re.compile(r"[^\W_]")

# A list item's line: "- ", "* ", "• ", "1. ", "2) " before its text.
_LIST_ITEM = re.compile(r"(?:[-*+•–]|\d{1,2}[.)])[ \t]+\S")
# The mark of a bulleted item or a numbered one (its number) before the item's text. A dash
# ("– ") opens a line of dialogue as often as an item, so it makes no list.
_LIST_MARK = re.compile(r"(?:(?P<bullet>[-*+•])|(?P<number>\d{1,2})[.)])[ \t]+")
# What a list item or a Markdown heading starts with, checked before the patterns.
_BLOCK_MARKS = "#-*+•–0123456789"

# Markdown: a heading ("## What happens next"), strong emphasis ("**Updated**"), a link or an
# image ("[the report](https://...)", "![](chart.png)").
_MARKDOWN_HEADING = re.compile(r"(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?")
_MARKDOWN_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MARKDOWN_LINK = re.compile(r"(!?)\[([^\]\n]*)\]\([^)\s]*(?:[ \t]+\"[^\"\n]*\")?\)")

# An e-mail saved as text (a press release or a newsletter as it arrived): header lines open
# it ("From: ...", "Subject: ...", "Date: ..."), continued on lines that start with a space, and
# a blank line ends them. Its subject is the headline, and its date the publication's.
_MAIL_HEADER = re.compile(r"(?:from|to|cc|subject|date|sent|reply-to)[ \t]*:", re.IGNORECASE)
_MAIL_HEADER_LINE = re.compile(r"([\w-]+)[ \t]*:[ \t]*(.*)")
_REPLY_PREFIX = re.compile(r"(?:(?:re|fwd?|aw|wg)[ \t]*:[ \t]*)+", re.IGNORECASE)

# The label a press release opens with, over its headline: "FOR IMMEDIATE RELEASE", "Press
# release", "EMBARGOED UNTIL 00:01 GMT 5 MARCH 2024" (the moment it may be published).
_RELEASE_LABEL = re.compile(
    r"(?:for[ \t]+immediate[ \t]+release|(?:press|news|media)[ \t]+release"
    r"|embargoed?(?:[ \t]+(?:until|till|to|for))?[ \t]*:?[ \t]*(.*))[^\w\n]*\n",
    re.IGNORECASE,
)

# What either of them opens with, looked for first: most texts open with neither.
_OPENING_LABEL = re.compile(
    r"(?:from|to|cc|subject|date|sent|reply-to)[ \t]*:|for[ \t]+immediate|(?:press|news|media)"
    r"[ \t]+release|embargo",
    re.IGNORECASE,
)

# Metadata lines under the headline, looked for in the first few lines or blocks only.
_METADATA_LINES = 4
_METADATA_MAX_CHARS = 120
# A byline line: "By Jane Roe", "BY JANE ROE AND JOHN DOE", "By Jane Roe, Health Correspondent",
# with the date it may close with after a bar, a spaced dash or nothing ("By Jane Roe |
# Published: 5 March 2024", "By Jane Roe Updated 6 March 2024").
_BYLINE = re.compile(
    r"by[ \t]+([^|•·]+?)(?:[ \t]*[|•·][ \t]*|[ \t]+[-–—][ \t]+|$"
    r"|[ \t]+(?=(?:first[ \t]+)?(?:published|posted|updated)\b))(.*)",
    re.IGNORECASE,
)
_BYLINE_MAX_WORDS = 12
_NAME_PARTICLES = lexicon.word_set("al bin da de del della der des di du la le ten ter van von")
# A date line: a label and a date ("Published: 5 March 2024", "Posted on March 5, 2024 at 9:14
# pm", "Updated 05/03/2024 10:15 GMT"), or a date alone ("Tuesday 5 March 2024").
_DATE_LABEL = re.compile(
    r"(?:first[ \t]+)?(?:published|posted|updated|last[ \t]+updated|dated?|filed)"
    r"(?:[ \t]+on)?[ \t]*:?[ \t]*(?=\d|[^\W\d_])",
    re.IGNORECASE,
)
_UPDATED = re.compile(r"(?:last[ \t]+)?updated\b", re.IGNORECASE)
_DATE_WORDS = lexicon.word_set(
    """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday mon tue tues wed thu thur thurs fri sat sun at on of the am pm a m p gmt
    utc bst cet cest est edt cst cdt pst pdt st nd rd th
    """
)
_DATE_LINE_MAX_WORDS = 10
_DATE_LINE_MAX_CHARS = 80
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_LETTERS = re.compile(r"[^\W\d_]+")
# A time of day written beside the day ("10:15", "9:14 pm", "00:01 GMT"), used when it names
# no time zone but UTC's: another zone's time ("10:15 EST", "10:15 +0100") leaves the day alone.
_TIME_OF_DAY = re.compile(
    r"\b(\d{1,2}):(\d\d)(?::\d\d)?(?:[ \t]*([ap])\.?[ \t]?m\b\.?)?"
    r"(?:[ \t]*(?:gmt|utc|z|(?P<other_zone>[+-]\d\d:?\d\d|bst|ist|[a-z]{1,3}[sd]t"
    r"|[a-z]{1,2}e[sd]?t))\b)?",
    re.IGNORECASE,
)

# A dateline opening the story, with the agency in brackets: "LONDON, March 5 (Reuters) -",
# "WASHINGTON (AP) —".
_DATELINE = re.compile(r"[^\W\d_][^()\n]{0,60}?[ \t]*\(([^()\n]{2,40})\)[ \t]*[-–—]")

# The marks ending wire copy and press releases, after which nothing is the story's: "ENDS",
# "-ends-", "-30-", "- 0 -", "###", "# # #". Looked for in the second half of the text, in its
# last few blocks (a press release's notes to editors and contacts follow them).
_END_MARK = re.compile(r"-*[ \t]*ends?[ \t]*-*\.?|-+[ \t]*(?:30|0)[ \t]*-+|#(?:[ \t]*#){2,}", re.I)
_END_MARK_BLOCKS = 6
_END_MARK_MAX_CHARS = 12
# A copyright line closing the text: "(c) 2024 Lakeside Gazette. All rights reserved.",
# "© Reuters 2024", "Copyright 2024 The Associated Press. All rights reserved. This material
# may not be published ...".
_COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright\b)(?=.*(?:\b(?:19|20)\d\d\b|rights))", re.I)
_COPYRIGHT_MAX_WORDS = 40
_ALL_RIGHTS_RESERVED = re.compile(r"all rights reserved\.?", re.IGNORECASE)
_NOTICE_OPENERS = "©(CcAa"  # what such a line starts with, checked before the patterns

# What a copy of a web page brings along with the story, as lines of their own: the labels of
# sharing buttons ("Share this article", "Facebook Twitter Email"), adverts ("Advertisement",
# "Story continues below advertisement") and comments, and a label over links to other stories
# ("Related articles", "More from News", "Read more"), whose headlines may follow it to the end
# (`_story_blocks`). Such lines are short: longer ones are not looked at.
_SHARING_NAMES = (
    r"(?:facebook|twitter|x|linkedin|whatsapp|e-?mail|pinterest|reddit|flipboard|messenger"
    r"|telegram|bluesky|threads|copy[ \t]+link|print)"
)
_WEB_FURNITURE = re.compile(
    rf"(?:share(?:[ \t]+(?:this|on|via|to))?(?:[ \t]+(?:article|story|page|post))?"
    rf"(?:[ \t]+(?:on|via)[ \t]+{_SHARING_NAMES})?|{_SHARING_NAMES}"
    r"|advertisement|advert|sponsored(?:[ \t]+content)?|(?:skip|close)[ \t]+(?:advert|ad)"
    r"|(?:story|article)[ \t]+continues[ \t]+(?:below|after)(?:[ \t]+(?:this|the))?"
    r"(?:[ \t]+(?:advertisement|advert|ad))?|comments?(?:[ \t]*\(\d+\))?)"
    rf"(?:[\s|•·,/:]+{_SHARING_NAMES})*\W*",
    re.IGNORECASE,
)
_LINKS_LABEL = re.compile(
    r"(?:related(?:[ \t]+(?:articles|stories|content|topics|links|coverage))?|read[ \t]+more"
    r"|more[ \t]+(?:from|on)(?:[ \t]+\S+){1,3}|more[ \t]+stories|most[ \t]+(?:read|popular)"
    r"|recommended(?:[ \t]+(?:for[ \t]+you|stories|reading))?|you[ \t]+(?:may|might)[ \t]+also"
    r"[ \t]+like|(?:see|read)[ \t]+also)\W*",
    re.IGNORECASE,
)
# A label and the headline of another story it links to: "Read more: Lido to reopen in May",
# "RELATED: ...", "Watch: ...". A headline has no full stop.
_LINK_LINE = re.compile(
    r"(?:read[ \t]+more|read[ \t]+also|also[ \t]+read|see[ \t]+also|related|more|watch|listen"
    r"|don[’']?t[ \t]+miss)[ \t]*(?::|\||»|>>|[-–—][ \t])[ \t]*\w[^.]*",
    re.IGNORECASE,
)
_FURNITURE_MAX_CHARS = 90
_OTHER_HEADLINE_MAX_WORDS = 20


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM) or BOM-marked UTF-16; anything else is refused rather than
    guessed, because a wrong guess stores mojibake that no reader can search for."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ParseError(
            f"not UTF-8 text (byte 0x{data[error.start]:02x} on line {line}, at offset "
            f"{error.start}); convert the file to UTF-8 (Windows-1252 and Latin-1 files are "
            "the usual cause: iconv -f windows-1252 -t utf-8)"
        ) from error


def is_subheading(line: str) -> bool:
    if len(line) > SUBHEADING_MAX_CHARS or len(line.split()) > SUBHEADING_MAX_WORDS:
        return False
    words = line.rstrip(_CLOSING_MARKS).rstrip()
    return bool(words) and words[-1] not in _FINAL_PUNCTUATION


def _is_text_line(line: str) -> bool:
    """Whether a line is kept as text: one with words, or an end mark ("###"), which tells
    where the story ends (`_story_blocks`)."""
    return _has_words(line) or _END_MARK.fullmatch(line) is not None


def _has_words(line: str) -> bool:
    """Decorations such as "**" or "---" separate nothing a reader needs."""
    return _WORD_CHARACTER.search(line) is not None


def _ends_paragraph(line: str) -> bool:
    words = line.rstrip(_CLOSING_MARKS)
    return bool(words) and words[-1] in _PARAGRAPH_END


def _joined(lines: list[str]) -> str:
    """Wrapped lines as one paragraph. A word the wrapping broke after its hyphen ("two-" /
    "thirds") is joined without a space: tools break lines at hyphens, so "two-thirds" is far
    likelier than a word hyphenated for the line's sake."""
    text = lines[0]
    for line in lines[1:]:
        if len(text) >= 2 and text[-1] == "-" and text[-2].isalpha() and line[:1].isalpha():
            text += line
        else:
            text += " " + line
    return text


class _Metadata:
    """What lines under the headline say about the story: its byline and when it was
    published. An "Updated" date is kept apart: it is the publication date only when the text
    states no other."""

    __slots__ = ("authors", "published_at", "source", "updated_at")

    def __init__(self, source: str):
        self.source = source
        self.authors: tuple[ParsedPerson, ...] = ()
        self.published_at: datetime.datetime | None = None
        self.updated_at: datetime.datetime | None = None

    def take(self, line: str) -> bool:
        """Whether `line` is a byline or a date line (and so no part of the text): what it
        says is kept."""
        if len(line) > _METADATA_MAX_CHARS or not line[:1].isalnum():
            return False
        if byline := _BYLINE.match(line):
            names, dated = byline.group(1).strip(), byline.group(2).strip()
            if not names or len(names.split()) > _BYLINE_MAX_WORDS or names[-1] in ".!?":
                return False
            moment = _stated_moment(dated) if dated else None
            if dated and moment is None:
                names = f"{names}, {dated}"  # "By Jane Roe - Health Editor": a job title
            people = tuple(
                person for person in byline_people([names], self.source) if _is_name(person.name)
            )
            if not people and not news_agency(names):
                return False
            self.authors = self.authors or people
            self._dated(dated, moment)
            return True
        moment = _stated_moment(line)
        if moment is None:
            return False
        self._dated(line, moment)
        return True

    def _dated(self, line: str, moment: datetime.datetime | None) -> None:
        if moment is None:
            return
        if _UPDATED.match(line):
            self.updated_at = self.updated_at or moment
        else:
            self.published_at = self.published_at or moment


def _is_name(name: str) -> bool:
    """Whether a byline's name is one, not the words of a sentence opening with "By" ("By
    Tuesday night", "By 2030"): its words are capitalised, as a name's are but for its
    particles ("Rosa de la Cruz"), and none names a day or a month."""
    words = name.split()
    return all(
        (word[0].isupper() or word in _NAME_PARTICLES) and word.casefold() not in _DATE_WORDS
        for word in words
    )


def _stated_moment(line: str) -> datetime.datetime | None:
    """The moment a date line states, or None when `line` is no date line: a label and a day
    with its year ("Published: 5 March 2024"), or such a day alone, written in date words and
    numbers; at the time of day it gives in UTC, else at midnight UTC, as a page's date line
    is read (`stated_day`)."""
    if len(line) > _DATE_LINE_MAX_CHARS:
        return None
    label = _DATE_LABEL.match(line)
    words = line[label.end() :] if label else line
    if _YEAR.search(words) is None or len(words.split()) > _DATE_LINE_MAX_WORDS:
        return None
    if label is None and not all(
        word.casefold() in _DATE_WORDS for word in _LETTERS.findall(words)
    ):
        return None
    # htmldate reads the day, in lower case ("5 MARCH 2024" is no date to it) and without the
    # time, which it misreads before the day ("10:15 GMT, 5 March 2024").
    time = _TIME_OF_DAY.search(words)
    if time is not None:
        words = f"{words[: time.start()]} {words[time.end() :]}"
    moment = stated_day(words.lower())
    if moment is None:
        return None
    if time is not None and time.group("other_zone") is None:
        hour, minute, half = int(time.group(1)), int(time.group(2)), (time.group(3) or "")
        if half:
            hour = hour % 12 + (12 if half.casefold() == "p" else 0)
        if hour < 24 and minute < 60:
            moment = moment.replace(hour=hour, minute=minute)
    return moment


def _is_dateline(line: str) -> bool:
    return _DATELINE.match(line) is not None


def _dateline_agency(line: str) -> str:
    """The news agency a dateline opening the story names ("LONDON (Reuters) -"), or ""."""
    dateline = _DATELINE.match(line)
    return news_agency(dateline.group(1)) if dateline else ""


def _group_blocks(lines: list[str]) -> list[str]:
    """The paragraphs of one blank-line-separated block, from its lines with words: the lines
    joined, but for a list's items (each its own) and lines longer than text is wrapped at
    (one paragraph each)."""
    if len(lines) < 2:
        return lines
    if any(len(line) > WRAP_MAX_COLUMNS for line in lines):
        return lines
    items = [i for i, line in enumerate(lines) if _LIST_ITEM.match(line)]
    if len(items) < 2:
        return [_joined(lines)]
    starts = sorted({0, *items})
    return [_joined(lines[a:b]) for a, b in zip(starts, [*starts[1:], len(lines)], strict=True)]


def _is_hard_wrapped(lines: list[str], width: int) -> bool:
    """Whether lines without blank lines between them were wrapped by a tool: no line is
    longer than text is wrapped at, and many end inside a sentence with no room left on them
    for the next line's first word (one paragraph per line ends nearly every line with a
    sentence)."""
    if width > WRAP_MAX_COLUMNS:
        return False
    filled = sum(
        1
        for line, following in zip(lines, lines[1:], strict=False)
        if not _ends_paragraph(line) and not _fits(line, following, width)
    )
    return filled >= max(2, (len(lines) - 1) // 3)


def _fits(line: str, following: str, width: int) -> bool:
    """Whether the first word of `following` had room at the end of `line`."""
    return len(line) + 1 + len(following.split(None, 1)[0]) <= width


def _unwrapped(lines: list[str]) -> tuple[list[str], bool]:
    """The paragraphs of hard-wrapped lines (right-stripped, with their indentation), and
    whether the first of them starts indented (then the text has no standfirst: wire copy
    indents its first paragraph as every other)."""
    indents = [len(line) - len(line.lstrip()) for line in lines]
    width = max(len(line) for line in lines)
    paragraphs, current = [], [lines[0].strip()]
    for i in range(1, len(lines)):
        before, line = lines[i - 1], lines[i]
        starts = (
            indents[i] > indents[i - 1]
            or _LIST_ITEM.match(line, indents[i]) is not None
            or (_fits(before, line, width) and (len(current) == 1 or _ends_paragraph(before)))
        )
        if starts:
            paragraphs.append(_joined(current))
            current = []
        current.append(line.strip())
    paragraphs.append(_joined(current))
    return paragraphs, indents[0] > min(indents)


def _without_mail_header(text: str, metadata: _Metadata) -> str:
    """An e-mail's text with its subject as the headline line instead of its header lines,
    whose date goes to `metadata`; other text as it is."""
    header, blank, body = text.partition("\n\n")
    fields: dict[str, str] = {}
    name = ""
    for line in header.split("\n"):
        if line[:1].isspace() and name:
            fields[name] += " " + line.strip()
        elif field := _MAIL_HEADER_LINE.fullmatch(line):
            name = field.group(1).casefold()
            fields.setdefault(name, field.group(2).strip())
        else:
            return text  # not a header block: a text opening with "To: ..." or "Date: ..."
    subject = _REPLY_PREFIX.sub("", fields.get("subject", "")).strip()
    if not subject or not blank:
        return text
    stated = fields.get("date") or fields.get("sent") or ""
    try:
        moment = parsedate_to_datetime(stated)
    except (TypeError, ValueError):  # not as e-mail writes dates: "Tuesday, March 5, 2024"
        moment = _stated_moment(stated)
    metadata.published_at = metadata.published_at or _in_utc(moment)
    body = body.strip()
    return body if body.partition("\n")[0].strip() == subject else f"{subject}\n\n{body}"


def _in_utc(moment: datetime.datetime | None) -> datetime.datetime | None:
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=datetime.UTC)


def _blocks(text: str, metadata: _Metadata) -> tuple[str, str, list[str]]:
    """Split into (headline, standfirst, body blocks) following the layouts above; byline and
    date lines under the headline go to `metadata`."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.strip()
    if _OPENING_LABEL.match(text):
        if _MAIL_HEADER.match(text):
            text = _without_mail_header(text, metadata)
        if release := _RELEASE_LABEL.match(text):
            moment = _stated_moment(release.group(1) or "")
            metadata.published_at = metadata.published_at or moment
            text = text[release.end() :].strip()
    if _BLANK_LINE.search(text):
        groups = _BLANK_LINE.split(text)
        headline, _, under_headline = groups[0].partition("\n")
        headline = headline.strip()
        standfirst = under_headline and " ".join(
            line
            for line in map(str.strip, under_headline.split("\n"))
            if line and _has_words(line) and not metadata.take(line)
        )
        blocks = []
        for number, group in enumerate(groups[1:]):
            if "\n" in group:
                lines = [line.strip() for line in group.split("\n")]
                lines = [line for line in lines if line and _is_text_line(line)]
                while number < _METADATA_LINES and lines and metadata.take(lines[0]):
                    del lines[0]
                blocks.extend(_group_blocks(lines))
                continue
            line = group.strip()  # the common case, kept quick: a paragraph on one line
            if (
                line
                and (line[0].isalnum() or _is_text_line(line))
                and (
                    number >= _METADATA_LINES
                    or len(line) > _METADATA_MAX_CHARS
                    or not metadata.take(line)
                )
            ):
                blocks.append(line)
        if standfirst and (
            len(standfirst.split()) > STANDFIRST_MAX_WORDS or _is_dateline(standfirst)
        ):
            return headline, "", [standfirst, *blocks]
        return headline, standfirst, blocks
    lines = [line.rstrip() for line in text.split("\n") if line.strip()]
    if not lines:
        return "", "", []
    headline, rest = lines[0].strip(), lines[1:]
    under_headline = False  # whether a byline or date line sits directly under the headline
    for i in reversed(range(min(_METADATA_LINES, len(rest)))):
        if metadata.take(rest[i].strip()):
            under_headline = under_headline or i == 0
            del rest[i]
    rest = [line for line in rest if _is_text_line(line)]
    if not rest:
        return headline, "", []
    width = max(len(line) for line in rest)
    if _is_hard_wrapped(rest, width):
        rest, indented = _unwrapped(rest)
    else:
        rest, indented = [line.strip() for line in rest], False
    first = rest[0]
    if (
        len(rest) >= 2
        and not (under_headline or indented)
        and not is_subheading(first)
        and len(first.split()) <= STANDFIRST_MAX_WORDS
        and not _is_dateline(first)
        and _LIST_ITEM.match(first) is None
    ):
        return headline, first, rest[1:]
    return headline, "", rest


def _marked_block(block: str) -> tuple[str, str]:
    """A Markdown heading's level ("## Why" is an <h2>); a list item, never a sub-heading
    however short ("li", for `_with_lists`); else as any block."""
    if block[0] == "#" and (heading := _MARKDOWN_HEADING.fullmatch(block)):
        return f"h{max(2, len(heading.group(1)))}", heading.group(2)
    if _LIST_ITEM.match(block) is not None:
        return "li", block
    return ("h2" if is_subheading(block) else "p"), block


def _with_lists(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The blocks with each run of list items ("li") made a list or paragraphs
    (`_list_items`)."""
    blocks, run = [], []
    for tag, text in tagged:
        if tag == "li":
            run.append(text)
            continue
        blocks.extend(_list_items(run))
        run = []
        blocks.append((tag, text))
    blocks.extend(_list_items(run))
    return blocks


def _list_items(items: list[str]) -> list[tuple[str, str]]:
    """Two or more items in a row, without their marks, as a bulleted list ("ul"), or as a
    numbered one ("ol") when their numbers count up from 1, as the list will show them.
    Else paragraphs with their marks: a lone "- " line, numbers cut from a longer list or
    counting down a ranking, and dashes, which open lines of dialogue as often as items."""
    marks = [_LIST_MARK.match(item) for item in items]
    if len(items) >= 2 and all(marks):
        if all(mark["bullet"] for mark in marks):
            return [("ul", item[mark.end() :]) for item, mark in zip(items, marks, strict=True)]
        numbers = [int(mark["number"]) if mark["number"] else 0 for mark in marks]
        if numbers == list(range(1, len(items) + 1)):
            return [("ol", item[mark.end() :]) for item, mark in zip(items, marks, strict=True)]
    return [("p", item) for item in items]


def _is_set_in_bold(block: str) -> bool:
    """Whether a block is set in bold as a whole ("**The bridge will close for six weeks.**"):
    how Markdown writers set a standfirst apart from the first paragraph."""
    return (
        block.startswith(("**", "__"))
        and _MARKDOWN_STRONG.fullmatch(block) is not None
        and len(block.split()) <= STANDFIRST_MAX_WORDS
    )


def _without_markdown_marks(text: str, marks: tuple[bool, bool]) -> str:
    strong, links = marks
    if strong:
        text = _MARKDOWN_STRONG.sub(r"\2", text)
    if links:
        text = _MARKDOWN_LINK.sub(lambda link: "" if link.group(1) else link.group(2), text)
    return text


def _is_end_notice(block: str) -> bool:
    """A copyright line closing the text, short as such lines are."""
    return (
        _COPYRIGHT.match(block) is not None or _ALL_RIGHTS_RESERVED.fullmatch(block) is not None
    ) and len(block.split()) <= _COPYRIGHT_MAX_WORDS


def _story_blocks(blocks: list[str]) -> list[str]:
    """The blocks that are the story's: without the labels and buttons of a web page and the
    headlines of other stories under its "Related" label, and without what an end mark and a
    copyright line close."""
    # All but the copyright line are short lines: most texts have none but sub-headings.
    if blocks and min(map(len, blocks)) <= _FURNITURE_MAX_CHARS:
        blocks = _without_furniture(blocks)
    while blocks and blocks[-1][0] in _NOTICE_OPENERS and _is_end_notice(blocks[-1]):
        del blocks[-1]
    return blocks


def _without_furniture(blocks: list[str]) -> list[str]:
    kept, labels, end_marks = [], [], []
    for block in blocks:
        if len(block) <= _FURNITURE_MAX_CHARS:
            if len(block) <= _END_MARK_MAX_CHARS and _END_MARK.fullmatch(block):
                end_marks.append(len(kept))
            elif _WEB_FURNITURE.fullmatch(block) or _LINK_LINE.fullmatch(block):
                continue
            elif _LINKS_LABEL.fullmatch(block):
                labels.append(len(kept))
                continue
        kept.append(block)
    tail = max(len(kept) // 2, len(kept) - _END_MARK_BLOCKS)
    del kept[next((i for i in end_marks if i >= tail), len(kept)) :]
    for label in labels:  # the first label with nothing but other stories' headlines after it
        if all(
            len(block.split()) <= _OTHER_HEADLINE_MAX_WORDS and not _ends_paragraph(block)
            for block in kept[label:]
        ):
            del kept[label:]
            break
    # An end mark earlier in the text stays when it has words ("ENDS"), as any line does.
    return [block for block in kept if _has_words(block)] if end_marks else kept


def parse_text(
    text: str, *, origin_path: str, section: str = "", source: str = ""
) -> ParsedArticle:
    metadata = _Metadata(source)
    headline, standfirst, blocks = _blocks(text, metadata)
    # One character is looked for first: that is a byte search, and most texts have neither.
    marks = (
        "*" in text and "**" in text or "_" in text and "__" in text,
        "]" in text and "](" in text,
    )
    if headline.startswith("#"):
        heading = _MARKDOWN_HEADING.fullmatch(headline)
        headline = heading.group(2) if heading else headline
    if any(marks):
        if not standfirst and blocks and _is_set_in_bold(blocks[0]):
            standfirst = blocks.pop(0)
        headline = _without_markdown_marks(headline, marks)
        standfirst = _without_markdown_marks(standfirst, marks)
        blocks = [_without_markdown_marks(block, marks) for block in blocks]
        blocks = [block for block in blocks if _is_text_line(block)]
    blocks = _story_blocks(blocks)
    if not headline or not blocks:
        raise ParseError("no article text: a headline line and at least one paragraph needed")
    if headline.isupper() and " " in headline:  # wire copy and press releases shout headlines
        headline = title_case(headline, "\n".join(blocks))
    # A sub-heading (`is_subheading`) or a paragraph, unless the block opens with a mark: on
    # the import's hot path, the common case stays one look at the first character.
    tagged = [
        _marked_block(block)
        if block[0] in _BLOCK_MARKS
        else ("h2" if is_subheading(block) else "p", block)
        for block in blocks
    ]
    body = text_blocks_html(
        _with_lists(tagged) if any(tag == "li" for tag, _ in tagged) else tagged
    )
    return ParsedArticle(
        headline=headline,
        standfirst=standfirst,
        body_html=body,
        origin_path=origin_path,
        published_at=metadata.published_at or metadata.updated_at,
        section=section,
        source=source or _dateline_agency(blocks[0]),
        authors=metadata.authors,
    )


def parse_text_file(path: str, section: str = "", source: str = "") -> ParsedArticle:
    text = decode_text(Path(path).read_bytes())
    return parse_text(text, origin_path=path, section=section, source=source)
