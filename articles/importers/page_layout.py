"""What is done to a page before trafilatura reads it, so that it reads the whole story.

Trafilatura reads a page as its general rules expect a story to be set out; news pages defeat
them in a few common ways. A page declared in Latin-1 is decoded as browsers decode it
(`as_browsers_read`). A live blog's entries, a story split by an advert into containers side
by side, a page laid out in a <table>, a photo gallery whose captions tell the story, an AMP
story's pages and an old CMS's text written as lines between line breaks are made one text of
plain blocks, pull quotes, an audio player's labels and footnotes' links back to the text are
taken out, posts from social media embedded in the story are let in, and other stories'
teasers set as <article>s before the story's are made plain blocks (`prepared_tree`). A
Next.js page whose story a script writes in the browser carries it in its data, as HTML or as
a headless CMS's rich text, where `scripted_story` reads it.
"""

import json
import re
from collections import Counter
from html import escape

from lxml import etree
from trafilatura.utils import load_html

from .page_blocks import is_picture_credit, words

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
_CREDIT_CLASS = re.compile(r"credit|copyright", re.IGNORECASE)  # "credit", "Figure-credit"
_CAPTION_BLOCKS = ("p", "div")
_ENTRIES_WITHIN = 2  # how many <article>s side by side make a live blog's list of entries

# A pull quote: a sentence of the story repeated in large type beside it ("<aside
# class="pullquote">", "<blockquote class="pull-quote">"), named so in its class. One that
# holds more words is a container of the story that has pull quotes ("has-pull-quotes").
# A page's bytes are searched for the name first: parsed, a page costs more to search for it.
_PULL_QUOTE_NAME = re.compile(rb"ull[-_]?[qQ]uote")
_PULL_QUOTES = etree.XPath("//*[contains(translate(@class, 'PQ-_', 'pq'), 'pullquote')]")
_PULL_QUOTE_WORDS = 80
_PLAYER_WORDS = 12  # what an audio player says about itself: "Listen to this article · 5 min"

# The tags of an AMP story (a slideshow of full-screen pages) and the blocks they are read as:
# trafilatura reads none of them and keeps only the pages' paragraphs, without their headings.
# An AMP story declares its script in the page's <head>, within its first bytes.
_AMP_HEAD_BYTES = 8192
_AMP_STORY_TAGS = {
    "amp-story": "article",
    "amp-story-page": "section",
    "amp-story-grid-layer": "div",
}

# An <article> that closes before the page's <h1>: another story's teaser, set above the story
# ("Top story", "Latest"), which trafilatura would take for the page's text, as it takes the
# first <article> (`_without_teasers_before_the_story`).
_ARTICLE_TAG, _ARTICLE_END, _HEADLINE_TAG = b"<article", b"</article", b"<h1"
_FOLLOWING_ARTICLE = etree.XPath("following::article[1]")

# Text an old CMS sets as lines in one container, without <p>: its paragraphs are separated
# by blank lines ("<br><br>"), which trafilatura reads as one paragraph. Two blank lines make
# a text of paragraphs; an address or a menu has line breaks but no blank line.
_BLANK_LINES = 2
_LINE_CONTAINERS = frozenset({"div", "td", "section", "article"})
# The markup some of these rules are for, found in one scan of the page's bytes, as names in
# lower case: an <audio> player, a <table>, a <figcaption>, and "br" for a blank line ("<br>"
# followed by another, as `_with_lines_made_paragraphs` reads them). A search for each costs
# five times as much as this scan, and a page is searched before it is parsed
# (`prepared_tree`).
_LAYOUT_MARKUP = re.compile(rb"<(audio|table|TABLE|figcaption|[bB][rR](?=\s*/?>\s*<[bB][rR]\b))")

# A post from social media embedded in the story, as the networks' embed code sets it: a
# <blockquote> holding the post's text and who posted it ("— Mayor Lise Andersen (@MayorLise)
# April 18, 2024"). Pages wrap it in containers named "embed" or "social" (and Ghost in a
# <figure>), which trafilatura drops as sharing buttons, and the post with them: a statement
# the story quotes. An Instagram post's embed code holds its caption, between the label of a
# link to it ("View this post on Instagram"), which goes, and who shared it ("A post shared by
# The Harbour Kitchen (@harbourkitchen)"); one without a caption says nothing, and is left out.
# The caption is a link to the post, which trafilatura would drop as one, and the day it was
# shared a <time>, which it drops too: the elements go, their text stays.
# A page's bytes are searched for a <blockquote> first, which most lack.
_SOCIAL_POST_NAMES = (b"twitter-tweet", b"bluesky-embed", b"mastodon-embed", b"instagram-media")
_SOCIAL_POSTS = etree.XPath(
    "//blockquote[contains(@class, 'twitter-tweet') or contains(@class, 'bluesky-embed')"
    " or contains(@class, 'mastodon-embed') or contains(@class, 'instagram-media')]"
)
_INSTAGRAM_LINK_LABEL = "View this post on Instagram"
_INSTAGRAM_SHARED_BY = "A post shared by"

# The links from a footnote back to its mark in the text, as Markdown, Pandoc, Ghost and
# WordPress write them ("↩", role="doc-backlink"). Trafilatura drops a list of notes that each
# end with one as a list of links, and the story's sources with it. These write their notes in
# a container named for them ("footnotes", "wp-block-footnotes"), the name a page's bytes are
# searched for first, which most lack: one search, where one for each way of writing the
# links costs three times as much.
_FOOTNOTES_NAME = b"footnote"
_BACKLINK_TEXTS = frozenset({"\u21a9", "\u2191"})  # "↩", "↑"

# Where a Next.js page whose text a script writes in the browser carries its story
# (`scripted_story`): its data (<script id="__NEXT_DATA__">), as HTML in one of its strings.
# Trafilatura reads a story a page carries as its JSON-LD's "articleBody" itself.
_NEXT_DATA = re.compile(
    rb"""<script\b[^>]*\bid\s*=\s*["']?__NEXT_DATA__\b[^>]*>(.*?)</script""", re.DOTALL
)
_HTML_PARAGRAPH = re.compile(r"<p[\s>]")
# A story's rich text as headless CMSs write it, a list of blocks (`_rich_text_html`): the keys
# naming a block's type, the types of a paragraph, the keys holding its text or its spans,
# and the names of a heading ("h2", "heading-2", "header-two", "heading" with a level).
_BLOCK_TYPE_KEYS = ("_type", "nodeType", "type")
_PARAGRAPH_TYPES = frozenset({"block", "paragraph", "unstyled"})
_TEXT_KEYS = frozenset({"text", "value"})
_CHILDREN_KEYS = frozenset({"children", "content"})
_HEADING_NAME = re.compile(r"h([1-6])|head(?:ing|er)(?:-(\w+))?")
_LEVEL_WORDS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6"}
_RICH_TEXT_PARAGRAPHS = 2
_TAG = re.compile(r"<[^>]+>")
_SCRIPTED_SHOWN_SHARE = 0.5  # of the story's words, what a page showing it whole shows at least

_INLINE_TAGS = frozenset(
    {"a", "abbr", "b", "big", "cite", "code", "em", "font", "i", "img", "mark", "q", "s", "small",
     "span", "strike", "strong", "sub", "sup", "time", "u"}
)  # fmt: skip


def browser_encoding(label: str) -> str:
    """The encoding browsers decode a page in that declares the character set `label` (in a
    <meta> or an HTTP header): windows-1252 for Latin-1's and ASCII's labels, as the WHATWG
    Encoding Standard has them do, else the label itself."""
    label = label.strip().casefold()
    return "windows-1252" if label in _WINDOWS_1252_LABELS else label


def as_browsers_read(data: bytes) -> tuple[bytes, str | bytes]:
    """The page in UTF-8 when it declares a Latin-1 or windows-1252 character set and is not
    in UTF-8, decoded as browsers decode it. Trafilatura trusts a guess that follows the
    declaration, and Latin-1 turns the quotes and dashes of such pages into control
    characters it then drops ("We won't be moved" becomes "We wont be moved").
    It comes with the page as it is to be parsed: its text, once it is known to be in UTF-8
    or decoded as windows-1252 (parsing its bytes would decode them again, which costs more
    than searching them twice), else its bytes, whose encoding trafilatura guesses."""
    try:
        return data, data.decode("utf-8")
    except UnicodeDecodeError:
        declared = _DECLARED_CHARSET.search(data[:8192])
        label = declared.group(1).decode("ascii", "replace") if declared else ""
        if browser_encoding(label) == "windows-1252":
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:  # a byte windows-1252 leaves unassigned: not that set
                pass
            else:
                return text.encode("utf-8"), text
    return data, data


def prepared_tree(data: bytes, page: str | bytes):
    """The page as trafilatura is to read it, parsed once: a live blog's entries, a story
    split by an advert and a page laid out in a table made readable as one text
    (`_with_live_blog_entries`, `_with_split_body_joined`, `_without_layout_tables`).
    `data` is the page's bytes, searched for what these rules are for, and `page` the page
    to parse (`as_browsers_read`). A page none of these rules applies to is given as it
    stands: trafilatura copies a tree it is given before reading it, and parsing the page
    itself it spares that copy, a fifth of what parsing costs."""
    markup = {name.lower() for name in _LAYOUT_MARKUP.findall(data)}
    pull_quotes = _PULL_QUOTE_NAME.search(data) is not None
    social_posts = b"<blockquote" in data and any(name in data for name in _SOCIAL_POST_NAMES)
    amp_story = b"amp-story" in data[:_AMP_HEAD_BYTES]
    footnotes = _FOOTNOTES_NAME in data
    live_blog = b"LiveBlogPosting" in data
    body_classes = _repeated_body_classes(data)
    teasers_first = _has_article_before_headline(data)
    if not (
        markup
        or pull_quotes
        or social_posts
        or amp_story
        or footnotes
        or live_blog
        or body_classes
        or teasers_first
    ):
        return page
    tree = load_html(page)
    if tree is None:
        return page
    if pull_quotes:
        _without_pull_quotes(tree)
    if social_posts:
        _with_social_posts_unwrapped(tree)
    if teasers_first:
        _without_teasers_before_the_story(tree)
    if b"audio" in markup:
        _without_audio_players(tree)
    if amp_story:
        _with_amp_story_pages(tree)
    if footnotes:
        _without_footnote_backlinks(tree)
    if b"br" in markup:
        _with_lines_made_paragraphs(tree)
    if live_blog:
        _with_live_blog_entries(tree)
    if body_classes:
        _with_split_body_joined(tree, body_classes)
    if b"table" in markup:
        _without_layout_tables(tree)
    if b"figcaption" in markup:
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
            picture = next(caption.iterancestors("figure"), caption)
            for label in [e for e in picture.iter() if e is not caption and _is_caption_label(e)]:
                label.drop_tree()
            _as_paragraph(caption)
            for figure in caption.iterancestors("figure"):
                figure.tag = "div"  # trafilatura drops figures whole


def _as_paragraph(caption) -> None:
    """A gallery's caption made one paragraph of its text: a caption may set its text and
    credit in paragraphs or <span>s of their own, classed "caption" as CMSs class them, which
    trafilatura drops as a picture's, and a paragraph in a paragraph it reads as none."""
    for block in caption.iterdescendants(*_CAPTION_BLOCKS):
        block.tail = " " + (block.tail or "")
    etree.strip_tags(caption, *_CAPTION_BLOCKS, "span")
    caption.attrib.clear()
    caption.tag = "p"


def _is_caption_label(element) -> bool:
    """Whether an element of a gallery's picture is a slideshow's counter ("1 of 12") or the
    picture's credit (`is_picture_credit`: "Photograph: Lowen Hart", or one its class names a
    credit: "Lowen Hart / Courier"), which tell no story."""
    text = words(element)
    return (
        _PICTURE_COUNTER.fullmatch(text) is not None
        or is_picture_credit(text)
        or _CREDIT_CLASS.search(element.get("class") or "") is not None
    )


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


def _without_pull_quotes(tree) -> None:
    """The page without its pull quotes (`_PULL_QUOTES`): the story's text holds their words
    already, and read twice a quotation would be found twice in it."""
    for element in _PULL_QUOTES(tree):
        if element.getparent() is not None and len(words(element).split()) <= _PULL_QUOTE_WORDS:
            element.drop_tree()


def _without_audio_players(tree) -> None:
    """The page without its audio players' labels ("Listen to this article", "Powered by
    ..."), which trafilatura keeps as paragraphs of the text: the few words around an <audio>
    element, up to the container that holds more (the story's paragraph, or the story)."""
    for audio in list(tree.iter("audio")):
        player = audio
        for ancestor in audio.iterancestors():
            if len(words(ancestor).split()) > _PLAYER_WORDS:
                break
            player = ancestor
        if player.getparent() is not None:
            player.drop_tree()


def _has_article_before_headline(data: bytes) -> bool:
    """Whether an <article> opens and closes before the page's first <h1>, read from its
    bytes (`_ARTICLE_TAG`)."""
    article = data.find(_ARTICLE_TAG)
    headline = data.find(_HEADLINE_TAG, article)
    return 0 <= article < headline and data.find(_ARTICLE_END, article, headline) >= 0


def _without_teasers_before_the_story(tree) -> None:
    """The <article>s before the page's first <h1> that do not hold it made <div>s: other
    stories' teasers, as a list of the latest set above the story. The story's own <article>
    (holding the <h1>, or after it) is then the first, which trafilatura reads. A page with no
    <article> holding or following its <h1> sets its story in one of those before it (its
    <h1> a name in the footer), and is left as it is."""
    headline = next(tree.iter("h1"), None)
    if headline is None:
        return
    holding = set(headline.iterancestors("article"))
    if not holding and not _FOLLOWING_ARTICLE(headline):
        return
    before = []
    for element in tree.iter("article", "h1"):  # in the page's order
        if element is headline:
            break
        if element.tag == "article" and element not in holding:
            before.append(element)
    for teaser in before:
        teaser.tag = "div"


def _with_social_posts_unwrapped(tree) -> None:
    """The story's embedded posts from social media (`_SOCIAL_POSTS`) out of the containers
    that hold nothing else, whose names ("social-media-embed", "kg-embed-card") and tags
    (<figure>) trafilatura drops with what they hold. A container that holds more (a sidebar of
    posts beside the story) is left as it is, and so is an Instagram post without a caption
    (`_has_instagram_caption`)."""
    for post in _SOCIAL_POSTS(tree):
        if "instagram-media" in post.get("class", "") and not _has_instagram_caption(post):
            continue
        post_words = words(post)
        for element in [post, *post.iterancestors()]:
            if element is not post and words(element) != post_words:
                break
            element.attrib.pop("class", None)
            element.attrib.pop("id", None)
            if element.tag == "figure":
                element.tag = "div"


def _has_instagram_caption(post) -> bool:
    """Whether an Instagram post's embed code holds a caption, with its link's label
    (`_INSTAGRAM_LINK_LABEL`) taken out and its links and <time> made text."""
    for label in [e for e in post.iter() if e is not post and words(e) == _INSTAGRAM_LINK_LABEL]:
        label.drop_tree()
    if words(post).startswith(_INSTAGRAM_SHARED_BY):
        return False
    for element in list(post.iter("a", "time")):
        element.drop_tag()
    return True


def scripted_story(data: bytes, shown_words: int) -> str:
    """The story, as HTML, that a Next.js page whose text a script writes in the browser
    carries in its data (`_NEXT_DATA`): the longest of its strings holding HTML paragraphs
    and of its rich texts written as blocks (`_rich_text_html`). Or "" for a page with none,
    or whose shown text, of `shown_words`, holds at least half as many words
    (`_SCRIPTED_SHOWN_SHARE`): the page shows its story, and its data may hold another's, or
    a teaser."""
    next_data = _NEXT_DATA.search(data)
    if next_data is None:
        return ""
    stories = _stories(_json(next_data.group(1)))
    counted = [(len(_TAG.sub(" ", story).split()), story) for story in stories]
    story_words, story = max(counted, key=lambda item: item[0], default=(0, ""))
    return story if shown_words < _SCRIPTED_SHOWN_SHARE * story_words else ""


def _json(script: bytes):
    """A script's JSON value, or None for one that is no JSON."""
    try:
        return json.loads(script.decode("utf-8", "replace"), strict=False)
    except ValueError:
        return None


def _stories(value) -> list[str]:
    """The stories anywhere in a JSON value, as HTML: its strings holding HTML paragraphs,
    and its rich texts written as blocks (`_rich_text_html`)."""
    stories, pending = [], [value]
    while pending:
        value = pending.pop()
        if isinstance(value, str):
            if _HTML_PARAGRAPH.search(value):
                stories.append(value)
        elif isinstance(value, dict):
            pending += value.values()
        elif isinstance(value, list):
            if story := _rich_text_html(value):
                stories.append(story)
            else:
                pending += value
    return stories


def _rich_text_html(blocks: list) -> str:
    """A rich text written as a list of blocks, as headless CMSs give a story to a Next.js
    page (Sanity's Portable Text, Contentful's, Slate's, ProseMirror's, Draft.js's), as HTML
    paragraphs and headings; or "" for a list that is none: one whose blocks are not mostly
    paragraphs (`_PARAGRAPH_TYPES`) with text."""
    html, paragraphs = [], 0
    for block in blocks:
        if not isinstance(block, dict):
            return ""
        kind = next((block[key] for key in _BLOCK_TYPE_KEYS if isinstance(block.get(key), str)), "")
        text = " ".join("".join(_block_texts(block)).split())
        if not text:
            continue
        level = _heading_level(block, kind)
        if level:
            html.append(f"<h{level}>{escape(text)}</h{level}>")
            continue
        if kind.casefold() in _PARAGRAPH_TYPES:
            paragraphs += 1
        html.append(f"<p>{escape(text)}</p>")
    if paragraphs < _RICH_TEXT_PARAGRAPHS or 2 * paragraphs < len(html):
        return ""
    return "".join(html)


def _block_texts(value) -> list[str]:
    """The text of a rich text's block, in order: its spans' or text nodes' strings."""
    if isinstance(value, list):
        return [text for item in value for text in _block_texts(item)]
    if not isinstance(value, dict):
        return []
    texts = []
    for key, item in value.items():
        if key in _TEXT_KEYS and isinstance(item, str):
            texts.append(item)
        elif key in _CHILDREN_KEYS:
            texts += _block_texts(item)
    return texts


def _heading_level(block: dict, kind: str) -> int:
    """The level of a rich text's heading block ("h2" as its type or style, "heading-2",
    "header-two", "heading" with a level or tag), or 0 for a block that is none."""
    for name in (kind, block.get("style"), block.get("tag")):
        if isinstance(name, str) and (heading := _HEADING_NAME.fullmatch(name.casefold())):
            level = heading.group(1) or heading.group(2)
            level = _LEVEL_WORDS.get(level, level)
            if level is None:
                attributes = block.get("attrs") if isinstance(block.get("attrs"), dict) else block
                level = attributes.get("level")
            if str(level).isdigit() and 1 <= int(level) <= 6:
                return int(level)
    return 0


def _without_footnote_backlinks(tree) -> None:
    """The page without the links from its footnotes back to their marks in the text
    (`_BACKLINK_TEXTS`, role="doc-backlink"), so that trafilatura keeps the notes; their text
    stays."""
    for link in list(tree.iter("a")):
        if (link.get("href") or "").startswith("#") and (
            link.get("role") == "doc-backlink"
            or words(link).replace("\ufe0e", "") in _BACKLINK_TEXTS
        ):
            link.drop_tree()


def _with_amp_story_pages(tree) -> None:
    """An AMP story's tags read as an article of sections (`_AMP_STORY_TAGS`), so that each
    page's heading stays with its paragraph."""
    for element in tree.iter(*_AMP_STORY_TAGS):
        element.tag = _AMP_STORY_TAGS[element.tag]


def _with_lines_made_paragraphs(tree) -> None:
    """Text an old CMS writes as lines in a container without paragraphs, split by blank lines
    ("<br><br>"), made paragraphs: one at each blank line, and one of a line set apart in
    its own markup (a headline in <b>, a date line in <font>). Lines within a paragraph stay
    lines of it."""
    blank_lines = Counter(
        line_break.getparent()
        for line_break in tree.iter("br")
        if not (line_break.tail or "").strip()
        and (following := line_break.getnext()) is not None
        and following.tag == "br"
    )
    for container, count in blank_lines.items():
        if (
            count >= _BLANK_LINES
            and container.tag in _LINE_CONTAINERS
            and container.find("p") is None
        ):
            _split_at_blank_lines(container)


def _split_at_blank_lines(container) -> None:
    lines, line = [], [container.text or ""]  # a line: its text and inline elements
    container.text = None
    for child in list(container):
        container.remove(child)
        tail, child.tail = child.tail or "", None
        if child.tag == "br":
            lines.append(line)
            line = [tail]
        elif not isinstance(child.tag, str) or child.tag in _INLINE_TAGS:
            line += [child, tail]
        else:  # a block of its own (a list, a table, a <div>) stays one
            lines += [line, child]
            line = [tail]
    lines.append(line)
    paragraph = []
    for line in lines:
        if not isinstance(line, list):
            _append_paragraph(container, paragraph)
            container.append(line)
        elif _is_blank_line(line):
            _append_paragraph(container, paragraph)
        elif _is_line_set_apart(line):
            _append_paragraph(container, paragraph)
            _append_paragraph(container, line)
        else:
            paragraph += [etree.Element("br"), *line] if paragraph else line
    _append_paragraph(container, paragraph)


def _is_blank_line(line: list) -> bool:
    return all(isinstance(part, str) and not part.strip() for part in line)


def _is_line_set_apart(line: list) -> bool:
    elements = [part for part in line if not isinstance(part, str)]
    return (
        len(elements) == 1
        and all(not part.strip() for part in line if isinstance(part, str))
        and bool(words(elements[0]))
    )


def _append_paragraph(container, parts: list) -> None:
    """A <p> of `parts` (text and inline elements) appended to `container`, unless it says
    nothing; `parts` is emptied."""
    paragraph = etree.SubElement(container, "p")
    for part in parts:
        if not isinstance(part, str):
            paragraph.append(part)
        elif len(paragraph):
            paragraph[-1].tail = (paragraph[-1].tail or "") + part
        else:
            paragraph.text = (paragraph.text or "") + part
    if not words(paragraph) and paragraph.find("img") is None:
        container.remove(paragraph)
    parts.clear()
