"""Plain-text articles: the first line is the headline, an optional standfirst line follows,
then paragraphs; short lines without final punctuation are sub-headings.

Two layouts are common and both are read: one paragraph per line (the seed story, pasted by
an editor) and paragraphs separated by blank lines (the BBC files, hard-wrapped text). Only in
the one-per-line layout can a standfirst sit directly under the headline; in the blank-line
layout, lines directly under the headline (no blank line between) are the standfirst.
"""

import codecs
import re
from pathlib import Path

from articles.text import text_blocks_html

from .records import ParsedArticle, ParseError

# A sub-heading is short and does not end a sentence; a quoted line ("‘A Just Peace’") counts
# when the words inside the marks carry no final punctuation either.
SUBHEADING_MAX_CHARS = 80
SUBHEADING_MAX_WORDS = 12
_FINAL_PUNCTUATION = ".!?:;,…"
_CLOSING_MARKS = "\"'”’»)]"
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM) or BOM-marked UTF-16; anything else is refused rather than
    guessed, because a wrong guess stores mojibake that no reader can search for."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ParseError(
            f"not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start}); "
            "convert the file to UTF-8"
        ) from error


def is_subheading(line: str) -> bool:
    if len(line) > SUBHEADING_MAX_CHARS or len(line.split()) > SUBHEADING_MAX_WORDS:
        return False
    words = line.rstrip(_CLOSING_MARKS).rstrip()
    return bool(words) and words[-1] not in _FINAL_PUNCTUATION


def _has_words(line: str) -> bool:
    """Decorations such as "**" or "---" separate nothing a reader needs."""
    return any(ch.isalnum() for ch in line)


def _blocks(text: str) -> tuple[str, str, list[str]]:
    """Split into (headline, standfirst, body blocks) following the two layouts above."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if _BLANK_LINE.search(text):
        groups = [
            [line.strip() for line in group.split("\n") if line.strip()]
            for group in _BLANK_LINE.split(text)
        ]
        groups = [group for group in groups if group]
        if not groups:
            return "", "", []
        headline, *standfirst_lines = groups[0]
        blocks = [" ".join(group) for group in groups[1:]]
        return headline, " ".join(standfirst_lines), blocks
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if not lines:
        return "", "", []
    headline, rest = lines[0], lines[1:]
    if len(rest) >= 2 and not is_subheading(rest[0]):
        return headline, rest[0], rest[1:]
    return headline, "", rest


def parse_text(
    text: str, *, origin_path: str, section: str = "", source: str = ""
) -> ParsedArticle:
    headline, standfirst, blocks = _blocks(text)
    blocks = [block for block in blocks if _has_words(block)]
    if not headline or not blocks:
        raise ParseError("no article text: a headline line and at least one paragraph needed")
    body = text_blocks_html(("h2" if is_subheading(block) else "p", block) for block in blocks)
    return ParsedArticle(
        headline=headline,
        standfirst=standfirst,
        body_html=body,
        origin_path=origin_path,
        section=section,
        source=source,
    )


def parse_text_file(path: str, section: str = "", source: str = "") -> ParsedArticle:
    text = decode_text(Path(path).read_bytes())
    return parse_text(text, origin_path=path, section=section, source=source)
