"""What is done to a page before trafilatura reads it, so that it reads the whole story.

Trafilatura reads a page as its general rules expect a story to be set out; news pages defeat
them in a few common ways. A page declared in Latin-1 is decoded as browsers decode it
(`as_browsers_read`). A live blog's entries, a story split by an advert into containers side
by side, a page laid out in a <table> and a photo gallery whose captions tell the story are
made one text of plain blocks (`prepared_tree`).
"""

import re
from collections import Counter

from lxml import etree
from trafilatura.utils import load_html

from .page_blocks import words

# The character set a page declares in a <meta> ("<meta charset=...>", or http-equiv's
# "text/html; charset=...") and the labels of it that browsers read as windows-1252, as the
# WHATWG Encoding Standard has them do: pages declared in Latin-1 write curly quotes and
# dashes in bytes 0x80-0x9f, which Latin-1 reads as control characters (`as_browsers_read`).
_DECLARED_CHARSET = re.compile(rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
_WINDOWS_1252_LABELS = frozenset(
    {
        "ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1",
        "iso-ir-100", "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1", "latin1",
        "latin-1", "us-ascii", "windows-1252", "x-cp1252",
    }
)  # fmt: skip

# A class attribute as pages write it, and the classes that name a story's text in
# trafilatura's rules (its BODY_XPATH): "article-body", "entry-content", "post_content".
_CLASS = re.compile(rb"""class=["']([^"'<>]+)["']""")
_BODY_CLASS = re.compile(
    rb"article[-_]?(?:body|content|text)|articlebody|post[-_]?(?:body|content|text|entry)"
    rb"|postcontent|entry-content|story[-_]?body|body-?text|text-content|page-content|art-content",
    re.IGNORECASE,
)
_CONTAINERS_OF_CLASS = etree.XPath("//*[self::div or self::section or self::article][@class=$name]")
_GALLERY_PICTURES = 3  # captioned pictures that may make a page a gallery
_PROSE_OUTSIDE_CAPTIONS = etree.XPath("//p[not(ancestor::figcaption)]//text()")
_PICTURE_COUNTER = re.compile(r"\d+\s*(?:of|/)\s*\d+")
_ENTRIES_WITHIN = 2  # how many <article>s side by side make a live blog's list of entries


def as_browsers_read(data: bytes) -> bytes:
    """The page in UTF-8 when it declares a Latin-1 or windows-1252 character set and is not
    in UTF-8, decoded as browsers decode it. Trafilatura trusts a guess that follows the
    declaration, and Latin-1 turns the quotes and dashes of such pages into control
    characters it then drops ("We won't be moved" becomes "We wont be moved")."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        declared = _DECLARED_CHARSET.search(data[:8192])
        label = declared.group(1).decode("ascii", "replace").casefold() if declared else ""
        if label in _WINDOWS_1252_LABELS:
            try:
                return data.decode("cp1252").encode("utf-8")
            except UnicodeDecodeError:  # a byte windows-1252 leaves unassigned: not that set
                pass
    return data


def prepared_tree(data: bytes):
    """The page as trafilatura is to read it, parsed once: a live blog's entries, a story
    split by an advert and a page laid out in a table made readable as one text
    (`_with_live_blog_entries`, `_with_split_body_joined`, `_without_layout_tables`)."""
    tree = load_html(data)
    if tree is None:
        return data
    if b"LiveBlogPosting" in data:
        _with_live_blog_entries(tree)
    if classes := _repeated_body_classes(data):
        _with_split_body_joined(tree, classes)
    if b"<table" in data or b"<TABLE" in data:
        _without_layout_tables(tree)
    if b"<figcaption" in data:
        _with_gallery_captions(tree)
    return tree


def _with_live_blog_entries(tree) -> None:
    """A live blog (schema.org's LiveBlogPosting) with its entries, each an <article> beside
    the others (as the Guardian sets them), made plain blocks. Trafilatura takes a page's
    first <article> for its whole text, which would leave the newest entry alone."""
    parents = {entry.getparent() for entry in tree.iter("article")} - {None}
    for parent in parents:
        entries = [child for child in parent if child.tag == "article"]
        if len(entries) >= _ENTRIES_WITHIN:
            for entry in entries:
                entry.tag = "div"


def _repeated_body_classes(data: bytes) -> set[str]:
    """The classes naming a story's text (`_BODY_CLASS`) that the page gives to more than one
    element, read from its bytes: parsed, a page costs a quarter more to search for them."""
    counts = Counter(_CLASS.findall(data))
    return {
        name.decode("utf-8", "replace")
        for name, count in counts.items()
        if count > 1 and _BODY_CLASS.search(name)
    }


def _with_split_body_joined(tree, classes: set[str]) -> None:
    """A story whose text a CMS sets in several containers side by side, with an advert or a
    promotion between them (`<div class="article-body">` twice), joined into the first.
    Trafilatura takes the first container its rules name as the whole text, and would leave
    the story's second half out; the advert between them stays outside. Containers with the
    class that are not side by side (other stories' teasers, each in its own card) stay apart.
    """
    for name in classes:
        containers = _CONTAINERS_OF_CLASS(tree, name=name)
        if not containers:
            continue
        first = containers[0]
        for sibling in list(first.itersiblings()):
            if sibling.tag == first.tag and sibling.get("class") == name:
                first.extend(sibling)
                sibling.getparent().remove(sibling)


def _with_gallery_captions(tree) -> None:
    """A photo gallery's captions made paragraphs, for a page whose captions say more than its
    paragraphs: they tell its story, picture by picture. Trafilatura leaves captions out, as
    it should on a story's page, and left with a line of introduction it falls back on the
    page's whole text, as one paragraph."""
    captions = list(tree.iter("figcaption"))
    if len(captions) < _GALLERY_PICTURES:
        return
    caption_words = sum(len(words(caption).split()) for caption in captions)
    prose_words = sum(len(text.split()) for text in _PROSE_OUTSIDE_CAPTIONS(tree))
    if caption_words > prose_words:
        for caption in captions:
            caption.tag = "p"
            for counter in [e for e in caption.iter() if _PICTURE_COUNTER.fullmatch(words(e))]:
                counter.drop_tree()  # "1 of 12", the counter of a slideshow
            for figure in caption.iterancestors("figure"):
                figure.tag = "div"  # trafilatura drops figures whole


def _without_layout_tables(tree) -> None:
    """A page laid out in a <table> (as newspapers' sites were in the 1990s and 2000s), its
    rows and cells made plain blocks, so that its navigation row, headline and date line are
    told apart from the story as on any other page. Trafilatura keeps a table whole, as data.
    A table is a layout when a cell holds a heading or paragraphs, which data tables' cells
    do not."""
    for table in list(tree.iter("table")):
        if any(map(_is_layout_cell, table.iter("td", "th"))):
            for element in table.iter("table", "thead", "tbody", "tfoot", "tr", "td", "th"):
                element.tag = "div"


def _is_layout_cell(cell) -> bool:
    return cell.find(".//h1") is not None or len(cell.findall(".//p")) >= 2
