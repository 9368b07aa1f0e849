"""Sanitising article HTML and reading plain text out of it.

One place decides which markup an article body may hold (`sanitize_html`) and what its plain
text is (`html_to_text`). Quote offsets, word counts, extraction and the search index all use
that same plain text, so an offset stored on a Quote means the same thing everywhere.
"""

import re
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser

import bleach
from bleach.html5lib_shim import Filter
from bleach.sanitizer import INVISIBLE_CHARACTERS_RE, INVISIBLE_REPLACEMENT_CHAR

ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "dl",
        "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
        "ins", "li", "mark", "ol", "p", "pre", "q", "s", "small", "strong", "sub", "sup",
        "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": ["href", "title"],
    "abbr": ["title"],
    "blockquote": ["cite"],
    "img": ["src", "alt", "title", "width", "height"],
    "q": ["cite"],
    "td": ["colspan", "rowspan"],
    "th": ["colspan", "rowspan", "scope"],
    "time": ["datetime"],
}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener"

# Elements whose *content* is code or chrome, never article text: bleach would keep their
# inner text as escaped characters, so they go entirely before bleach sees the markup.
_DROPPED_ELEMENTS = re.compile(
    r"<(script|style|iframe|object|embed|noscript|template|svg|math|head|title|textarea|select)"
    r"\b[^>]*>.*?</\1\s*>",
    re.IGNORECASE | re.DOTALL,
)

BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption",
        "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "ol",
        "p", "pre", "section", "table", "tr", "ul",
    }
)  # fmt: skip


class _LinkRelFilter(Filter):
    """Give every link rel="nofollow noopener": archived pages must not pass on ranking or
    a window.opener handle to the sites they link to."""

    def __iter__(self):
        for token in super().__iter__():
            if token["type"] == "StartTag" and token["name"] == "a":
                attrs = dict(token.get("data", {}))
                attrs[(None, "rel")] = LINK_REL
                token["data"] = attrs
            yield token


_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    filters=[_LinkRelFilter],
)


class CleanHTML(str):
    """HTML that is exactly what `sanitize_html` returns for it, so cleaning it again is
    wasted work: `sanitize_html` hands a CleanHTML back as it is, and `Article.save()` stores
    it without running bleach a second time (the importer's workers clean bodies off the
    single writer).

    Only `sanitize_html` and `text_blocks_html` make one. It is a plain string in every other
    way, and any change to it (concatenation, slicing, `replace`, formatting) gives a plain
    `str` again, which is cleaned on save; HTML read from the database is a plain `str` too.
    Wrapping other HTML in CleanHTML by hand would skip the sanitiser: don't."""

    __slots__ = ()


def sanitize_html(html: str) -> CleanHTML:
    """Return `html` reduced to the news-markup allowlist: safe to store and to show."""
    if isinstance(html, CleanHTML):
        return html
    if not html:
        return CleanHTML()
    html = html.replace("\x00", "")
    html = _DROPPED_ELEMENTS.sub("", html)
    return CleanHTML(_cleaner.clean(html).strip())


# What bleach's HTML tokenizer calls space characters: a run of them right after a tag is its
# own token, which bleach leaves alone; in other text it replaces control characters.
_LEADING_SPACE = re.compile(r"[\t\n\f ]*")
BLOCK_TEXT_TAGS = frozenset({"p", "h2", "h3", "h4", "h5", "h6"})
# What a list item's block names: the kind of list it is an item of.
LIST_ITEM_TAGS = frozenset({"ul", "ol"})


def _clean_text_node(text: str) -> str:
    """`text` escaped for an element's content, spelled exactly as `sanitize_html` spells it:
    NUL dropped, line breaks as newlines, bleach's "?" for control characters (except in a
    leading run of spaces, which bleach keeps)."""
    text = text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
    text = escape(text, quote=False)
    leading = _LEADING_SPACE.match(text).end()
    return text[:leading] + INVISIBLE_CHARACTERS_RE.sub(INVISIBLE_REPLACEMENT_CHAR, text[leading:])


def text_blocks_html(blocks) -> CleanHTML:
    """HTML for plain-text blocks, `(tag, text)` pairs with a tag from BLOCK_TEXT_TAGS, or
    from LIST_ITEM_TAGS for an item of a bulleted ("ul") or numbered ("ol") list, items in a
    row making one list; one element per line: what the plain-text importers build. The text
    is escaped, so the markup is ours alone, and it is spelled as `sanitize_html` would return
    it, so it is CleanHTML and the bodies of a large text import skip bleach."""
    parts, open_list = [], None
    for tag, text in blocks:
        if tag != open_list and open_list is not None:
            parts.append(f"</{open_list}>")
            open_list = None
        if tag in LIST_ITEM_TAGS:
            if open_list is None:
                parts.append(f"<{tag}>")
                open_list = tag
            parts.append(f"<li>{_clean_text_node(text)}</li>")
        elif tag in BLOCK_TEXT_TAGS:
            parts.append(f"<{tag}>{_clean_text_node(text)}</{tag}>")
        else:
            raise ValueError(f"not a text block tag: {tag!r}")
    if open_list is not None:
        parts.append(f"</{open_list}>")
    return CleanHTML("\n".join(parts).strip())


def text_to_html(text: str) -> str:
    """Turn plain text (paragraphs separated by blank lines or newlines) into safe <p> HTML."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n|\r?\n", text) if p.strip()]
    return "\n".join(f"<p>{escape(p, quote=False)}</p>" for p in paragraphs)


class _TextCollector(HTMLParser):
    """Collect the text of HTML, a blank line between blocks, as a reader sees it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []

    def _end_block(self):
        text = re.sub(r"\s+", " ", "".join(self.current)).strip()
        if text:
            self.blocks.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag in BLOCK_TAGS:
            self._end_block()
        elif tag == "br":
            self.current.append(" ")

    def handle_endtag(self, tag):
        if tag in BLOCK_TAGS:
            self._end_block()

    def handle_data(self, data):
        self.current.append(data)


def html_to_text(html: str) -> str:
    """Plain text of an article body: each block's text with whitespace collapsed, blocks
    separated by a blank line. Quote offsets index into this string."""
    collector = _TextCollector()
    collector.feed(html or "")
    collector.close()
    collector._end_block()
    return "\n\n".join(collector.blocks)


def count_words(text: str) -> int:
    return len(re.findall(r"\w+(?:[’'-]\w+)*", text))


@dataclass(frozen=True)
class QuoteMark:
    """One quote to highlight in an article body: its stored offsets into `html_to_text`
    (None when unknown), its words, the element id to give it, and who said it."""

    anchor: str
    text: str
    start: int | None = None
    end: int | None = None
    speaker: str = ""
    speaker_url: str = ""


_WHITESPACE = re.compile(r"\s")
_CLOSING_MARKS = re.compile(r"[”’\"'»]*")


def _normalise_space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def locate_quote(text: str, mark: QuoteMark) -> tuple[int, int] | None:
    """Where `mark`'s words are in `text`: its stored offsets when they still hold the words,
    else the occurrence nearest them (bodies get edited, offsets go stale), else None."""
    words = _normalise_space(mark.text)
    if not words:
        return None
    start, end = mark.start, mark.end
    if (
        start is not None
        and end is not None
        and 0 <= start < end <= len(text)
        and _normalise_space(text[start:end]) == words
    ):
        return start, end
    found = [m.start() for m in re.finditer(re.escape(words), text)]
    if not found:
        return None
    best = min(found, key=lambda position: abs(position - (start or 0)))
    return best, best + len(words)


class _Tokens(HTMLParser):
    """The body as a flat list of tags (kept verbatim) and text runs (unescaped)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tokens: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.tokens.append(("start", tag, self.get_starttag_text()))

    def handle_startendtag(self, tag, attrs):
        self.tokens.append(("startend", tag, self.get_starttag_text()))

    def handle_endtag(self, tag):
        self.tokens.append(("end", tag, f"</{tag}>"))

    def handle_data(self, data):
        self.tokens.append(("data", "", data))


def _text_offsets(tokens) -> dict[int, list[int | None]]:
    """For each text token, the offset in `html_to_text` of each of its characters (None
    for whitespace that text drops), following `_TextCollector` step for step."""
    offsets: dict[int, list[int | None]] = {}
    block: list[tuple[str, tuple[int, int] | None]] = []
    position = 0

    def end_block():
        nonlocal position
        # Collapse whitespace runs to one space, then strip, exactly as html_to_text does.
        collapsed: list[tuple[str, list[tuple[int, int]]]] = []
        for char, source in block:
            sources = [source] if source else []
            if _WHITESPACE.match(char) and collapsed and collapsed[-1][0] == " ":
                collapsed[-1][1].extend(sources)
            else:
                collapsed.append((" " if _WHITESPACE.match(char) else char, sources))
        while collapsed and collapsed[0][0] == " ":
            collapsed.pop(0)
        while collapsed and collapsed[-1][0] == " ":
            collapsed.pop()
        if collapsed:
            if position:
                position += 2  # the blank line between blocks
            for index, (_char, sources) in enumerate(collapsed):
                for token_index, char_index in sources:
                    offsets[token_index][char_index] = position + index
            position += len(collapsed)
        block.clear()

    for token_index, (kind, tag, value) in enumerate(tokens):
        if kind == "data":
            offsets[token_index] = [None] * len(value)
            block.extend((char, (token_index, i)) for i, char in enumerate(value))
        elif tag in BLOCK_TAGS:
            end_block()
        elif tag == "br" and kind != "end":
            block.append((" ", None))
    end_block()
    return offsets


def mark_quotes(html: str, marks) -> tuple[str, set[str]]:
    """Wrap each quote's words in `html` in <mark> (the first piece carrying the quote's id)
    followed by a link to the speaker, and return the new HTML with the anchors placed.

    A quote may run across inline tags or paragraphs: each text node it touches gets its own
    <mark>, so the markup stays well formed. Tags are copied verbatim and text is re-escaped,
    so the result is as safe as `html` (pass sanitised HTML); overlapping quotes keep the
    first. Quotes whose words cannot be found are left out of the returned set.
    """
    text = html_to_text(html)
    spans: list[tuple[int, int, QuoteMark]] = []
    for mark in marks:
        located = locate_quote(text, mark)
        if located and all(located[1] <= s or located[0] >= e for s, e, _ in spans):
            spans.append((*located, mark))
    if not spans:
        return html, set()
    owner: dict[int, int] = {}
    for number, (start, end, _mark) in enumerate(spans):
        owner.update(dict.fromkeys(range(start, end), number))

    parser = _Tokens()
    parser.feed(html)
    parser.close()
    tokens = parser.tokens
    offsets = _text_offsets(tokens)

    out: list[str] = []
    opened: set[int] = set()
    pending: list[int] = []  # quotes ended inside a link: attribute them after it closes
    link_depth = 0

    def attribution(number: int) -> str:
        mark = spans[number][2]
        if not mark.speaker_url:
            return ""
        return (
            f' <a class="quote-speaker" href="{escape(mark.speaker_url)}">'
            f"{escape(mark.speaker, quote=False)}</a>"
        )

    deferred: int | None = None  # a quote just ended: attribute it after its closing marks

    def flush_deferred():
        nonlocal deferred
        if deferred is not None:
            out.append(attribution(deferred))
            deferred = None

    for token_index, (kind, tag, value) in enumerate(tokens):
        if kind != "data":
            flush_deferred()
            out.append(value)
            if tag == "a" and kind == "start":
                link_depth += 1
            elif tag == "a" and kind == "end":
                link_depth = max(0, link_depth - 1)
                if not link_depth:
                    out.extend(attribution(number) for number in pending)
                    pending.clear()
            continue
        char_offsets = offsets[token_index]
        index = 0
        while index < len(value):
            number = owner.get(char_offsets[index])
            stop = index + 1
            while stop < len(value) and owner.get(char_offsets[stop]) == number:
                stop += 1
            piece = escape(value[index:stop], quote=False)
            if number is None:
                if deferred is not None:
                    closing = _CLOSING_MARKS.match(value, index, stop).group()
                    out.append(escape(closing, quote=False))
                    flush_deferred()
                    piece = escape(value[index + len(closing) : stop], quote=False)
                out.append(piece)
            else:
                flush_deferred()
                start, end, mark = spans[number]
                first = number not in opened
                opened.add(number)
                label = f"Quote: {mark.speaker}" if mark.speaker else "Quote"
                attributes = f' id="{escape(mark.anchor)}" title="{escape(label)}"' if first else ""
                out.append(f'<mark class="quote"{attributes}>{piece}</mark>')
                if end - 1 in char_offsets[index:stop]:
                    if link_depth:
                        pending.append(number)
                    else:
                        deferred = number
            index = stop
    flush_deferred()
    out.extend(attribution(number) for number in pending)
    return "".join(out), {spans[number][2].anchor for number in opened}


def mark_quotes_in_text(text: str, marks) -> tuple[str, set[str]]:
    """`mark_quotes` for plain text, such as a standfirst: the text escaped as HTML, its
    quotes marked. Offsets index `text` as it is, which `html_to_text` reads back unchanged
    when its whitespace is already collapsed; otherwise the words are found by search."""
    return mark_quotes(escape(text, quote=False), marks)
