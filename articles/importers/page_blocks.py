"""The story's blocks as trafilatura gives them, and what of them is no part of the story.

A page sets around its story a byline line ("By Jane Roe | Posted: March 5, 2024"), a
standfirst it marks by class, a line stating the date, labels over links to other stories
("Read more: ...", "Related topics", "ALSO READ:" over a list of them), pleas to subscribe,
sign in, comment or get its updates (a paywall's among them), a closing views disclaimer,
copyright notice or address, the story's topics ("Tags: ..."), a widget's count ("1.2K"), a
byline line without its "By", a note or box about the author ("Nora Beck is our health
reporter.", "Written by ..."), the wire editors' initials on an agency's copy, and on a press
release its boilerplate and contacts. Trafilatura keeps many of them as paragraphs of the
text: these functions read the byline and the standfirst off the blocks and take the rest
away. A correction or a credit ("Additional reporting by ...") is part of the record, and
stays.
"""

import re
from html import unescape
from typing import NamedTuple

from articles.extraction import lexicon

from .bylines import byline_people
from .records import ParsedPerson
from .sites import news_agency

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}

# A byline set as the first lines of the text: "By Jane Roe", "Par Camille Roussel", "Von ...".
_BYLINE_LINE = re.compile(r"(?:by|par|von|por|door|di|av|af)\s+(?=\w)", re.IGNORECASE)
_BYLINE_WORDS = 12  # "By Jane Roe and John Doe, Health Correspondents" and no longer
_BYLINE_BLOCKS = 3  # how far into the text such a byline may stand
_BYLINE_DETAIL_WORDS = 6  # the line under it: "BBC News, Vienna"

# What closes such a line with its date: "By Jane Roe | Posted: March 5, 2024", "By Jane Roe -
# Published 16 November 2022", "By Jane Roe Updated 3 hours ago".
_BYLINE_DATE = re.compile(
    r"\s+[|•·—–-]\s+|\s+(?=(?:posted|published|updated|first\s+published)\b)", re.IGNORECASE
)
_DATED = re.compile(r"(?:posted|published|updated|first\s+published|\D{0,20}\d)", re.IGNORECASE)
# A byline line stating its date first, as blog themes and old CMSs write it: "Posted on March
# 5, 2024 by Jane Roe", "Posted: 03/11/2009 - by Glen Partridge".
_DATED_BYLINE = re.compile(
    r"((?:posted|published)\b[^|•·—–]{0,40}?\d[^|•·—–]{0,30}?)\s+(?:[|•·—–-]\s+)?by\s+(?=\w)",
    re.IGNORECASE,
)

# What CMSs call the standfirst in its class: "standfirst", "article-dek", "deck", "excerpt",
# "subtitle", "subheadline", "strapline", "summary", "teaser", and in Spanish, French and
# German pages "entradilla", "sumario", "bajada", "copete", "subtitulo", "sottotitolo",
# "chapo", "chapeau", "vorspann" (`text_standfirst`, `is_set_as_standfirst`).
_STANDFIRST_NAMES = (
    r"standfirst|(?<![a-z])dek(?![a-z])|deck|excerpt|subtitle|sub-?head|strapline|summary|teaser"
    r"|entradilla|sumario|bajada|copete|subtitulo|sottotitolo|chapo|chapeau|vorspann"
)
_STANDFIRST_CLASS = re.compile(_STANDFIRST_NAMES, re.IGNORECASE)

# A heading or paragraph whose class says it is the standfirst ("<h2 class="subtitle">", as
# press release sites set it, "<p class="article__subhead"><em>...</em></p>"), as the page
# writes it: trafilatura keeps no heading's class, nor a paragraph's that holds one element.
_STANDFIRST_ELEMENT = (
    rb"""<(%s)\b[^>]*?\bclass\s*=\s*["'][^"']*?(?i:"""
    + _STANDFIRST_NAMES.encode()
    + rb""")[^>]*>(.{1,1000}?)</\1\b"""
)
_STANDFIRST_HEADING = re.compile(_STANDFIRST_ELEMENT % rb"h[2-6]", re.DOTALL)
_STANDFIRST_PARAGRAPH = re.compile(_STANDFIRST_ELEMENT % rb"p", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_STANDFIRST_WORDS = 60

# A line of the page stating when the story was published, set apart under the headline:
# "Thursday, March 8, 2012", "Sat 2 Dec 2023 18.05 GMT First published on Sat 2 Dec 2023
# 07.41 GMT", "Actualizado: 5 de marzo de 2024, 10:15", "Publié le 12 février 2024 à 07h00".
# Its words are numbers, times and these: month and weekday names (and their first three
# letters) in English, French, Spanish, German, Italian and Portuguese, and the labels and
# time zones written beside them (`_is_date_line`).
_DATE_LINE_NAMES = lexicon.word_set(
    """
    january february march april may june july august september october november december
    janvier février mars avril mai juin juillet août septembre octobre novembre décembre
    enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre
    diciembre januar jänner februar märz juni juli oktober dezember gennaio febbraio aprile
    maggio giugno luglio settembre ottobre dicembre janeiro fevereiro março maio junho julho
    setembro outubro novembro dezembro
    monday tuesday wednesday thursday friday saturday sunday lundi mardi mercredi jeudi
    vendredi samedi dimanche lunes martes miércoles jueves viernes sábado domingo montag
    dienstag mittwoch donnerstag freitag samstag sonntag lunedì martedì mercoledì giovedì
    venerdì sabato domenica segunda terça quarta quinta sexta feira
    """
)
_DATE_LINE_WORDS = (
    _DATE_LINE_NAMES
    | {name[:3] for name in _DATE_LINE_NAMES}
    | lexicon.word_set(
        """
        published posted updated modified first last on at am pm a m p gmt bst utc cet cest
        est edt et pt pst pdt ist aest publié publiée mis à jour le de del el actualizado
        actualizada publicado publicada às em veröffentlicht aktualisiert um uhr aggiornato
        pubblicato il alle ore h sept
        """
    )
)
_DATE_LINE_TOKEN = re.compile(r"[^\W\d_]+|\d+(?:[:.h]\d+)?(?:st|nd|rd|th|er|h)?")
_DATE_LINE_NUMBER = re.compile(r"\d+(?:[:.h]\d+)?(?:st|nd|rd|th|er|h)?")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_DATE_LINE_WORD_COUNT = 16  # the live blog's line above, and no longer

# What a page asks of its reader around the story, sentence by sentence: to subscribe, sign in
# or up, register, support its journalism, read on, or get its newsletter ("Subscribe to keep
# reading", "Already a subscriber?", "Get the day's top headlines delivered to your inbox"), its
# updates or app ("Get Current Updates on India News ...", "Download our app"), to follow it on
# social media, a messaging channel or its coverage elsewhere ("Follow us on X and Facebook",
# "Join our WhatsApp channel", "Follow AP's full coverage of ...", or "For the latest news,
# weather and sports, head to WKRN.com", as local TV stations close a story), send it stories
# or letters ("Do you have an opinion on this? Send us your letters at ..."), or listen to its
# programme; and what a newsletter published on the web says around its issue ("View this email
# in your browser", "You are receiving this because ...", "Unsubscribe", "Thanks for reading
# Freight Lines!"). German sets the verb last: "Jetzt den Newsletter abonnieren."
_CALL_TO_ACTION = re.compile(
    r"(?:subscribe\b|sign\s*(?:in|up)\b|log\s*in\b|register\s+(?:now|here|for|to)\b"
    r"|already\s+(?:a|an)\s+(?:subscriber|member)\b|already\s+(?:registered|have\s+an\s+account)"
    r"|(?:become|be)\s+a\s+(?:subscriber|member|supporter)\b"
    r"|support\s+(?:us|our|(?:independent|local|quality)\s+journalism)\b"
    r"|(?:continue|keep)\s+reading\b|create\s+(?:a|an|your)\s+(?:free\s+)?account"
    r"|you\s+can\s+(?:also\s+)?(?:subscribe|sign\s*up)\b|get\b[^.!?]*\b(?:inbox|newsletters?)\b"
    r"|newsletters?\W*$|(?:this\s+(?:article|story|content)\s+is\s+)?(?:only\s+)?"
    r"(?:for|available\s+to|reserved\s+for)\s+(?:paying\s+|paid\s+)?(?:subscribers|members)\b"
    r"|get\s+(?:unlimited|full)\s+(?:digital\s+)?access\b"
    r"|share\s+(?:a|your)\s+(?:memory|memories|condolences|thoughts)\b"
    r"|leave\s+a\s+(?:comment|reply|condolence)\b|join\s+the\s+(?:conversation|discussion)\b"
    r"|sign\s+the\s+guest\s*book\b"
    r"|follow\s+[^.!?]{1,40}?\s+on\s+(?:x|twitter|facebook|instagram|youtube|tiktok|threads"
    r"|bluesky|linkedin|whatsapp|telegram|mastodon)\b|follow\s+[^.!?]{0,30}?\bcoverage\b"
    r"|send\s+(?:us\s+)?your\s+(?:story\s+ideas|stories|news|tips?|photos|pictures|videos|letters"
    r"|views)\b|(?:do|have)\s+you\s+(?:got\s+|have\s+)?(?:an?\s+)?(?:opinion|story|news\s+tip|view)"
    r"[^.!?]*\?|(?:get|catch)\b[^.!?]*\b(?:updates|alerts|latest\s+news|top\s+headlines)\b"
    r"|download\s+(?:the|our)\b[^.!?]*\bapp\b"
    r"|for\s+(?:the\s+latest|more)\s+(?:local\s+)?news\b[^.!?]*\b(?:head|go)\s+to\b"
    r"|join\b[^.!?]*\b(?:whatsapp|telegram)\s+(?:channel|group|community)\b"
    r"|listen\s+(?:back|live)\b|listen\s+to\s+[^.!?]{1,40}?\blive\b"
    r"|view\s+(?:this\s+(?:e-?mail|newsletter|issue|message)\s+)?(?:in\s+(?:your|a|the)\s+"
    r"(?:web\s+)?browser|online)\b|you(?:'re|’re|\s+are)\s+receiving\s+this\b|unsubscribe\b"
    r"|(?:update|manage)\s+(?:your\s+)?(?:e-?mail\s+)?(?:preferences|subscriptions?)\b"
    r"|thanks?\s+(?:you\s+)?for\s+reading\b"
    r"|suscr[íi]bete\b|abonnez-vous\b|inscrivez-vous\b|abonnieren\s+sie\b|iscriviti\b"
    r"|(?:jetzt\s+(?:hier\s+)?(?:kostenlos\s+)?|[^.!?]{0,40}?\bnewsletter\b[^.!?]{0,60}?\b)"
    r"(?:abonnieren|bestellen|registrieren|anmelden)\W*$)",
    re.IGNORECASE,
)
# A question leading into such a plea, which it asks to bring the reader to it: "Want more
# local news? Sign up for ...", "Sie möchten mehr lesen? Jetzt den Newsletter abonnieren."
_LEAD_IN_QUESTION = re.compile(r"[^.!?]+\?")

# A plea set as a heading that ends the story, where a newsletter's plea may sit within it: a
# paywall's ("Subscribe to continue reading", "For subscribers only") or one to comment
# ("Leave a comment", "Share a memory", as funeral homes' pages set their guest books); or the
# heading of a box about the author ("Written by Hana Okafor", "About the author"), over their
# followers and a line about them, as blogging platforms set it.
_CLOSING_PLEA = re.compile(
    r".*\b(?:continue|keep)\s+reading\b|.*\bsubscribers\s+only\b|share\s+(?:a|your)\s+memor"
    r"|leave\s+a\s+(?:comment|reply|condolence)|join\s+the\s+(?:conversation|discussion)"
    r"|sign\s+the\s+guest\s*book|written\s+by\s|about\s+the\s+(?:author|writer)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?:])\s+")
_SENTENCE_ENDS = ".!?\"”»’'"  # what closes a sentence, or a quotation closing one
_CALL_TO_ACTION_WORDS = 25  # "Get the latest updates right in your inbox. Subscribe to ..."
_CALL_TO_ACTION_TAGS = HEADINGS | {"p", "div"}

# What a page sets after a story: a disclaimer that the views are the author's own, a
# copyright notice ("© 2024 The Northern Lamp. All rights reserved."), a link to the
# newsroom's standards ("Our Standards: The Thomson Reuters Trust Principles.") or its
# address ("Contact: news@example.org"). A correction ("This article was amended on ..."), a
# credit ("Additional reporting by ...") or the story's origin ("SOURCE: News agencies",
# "Originally published on ...") is part of the record, and stays.
_CLOSING_NOTICE = re.compile(
    r"(?:the\s+)?(?:views?|opinions?)(?:\s+and\s+opinions?)?\s+expressed\b"
    r"|(?:©|\(c\)|copyright\b)(?=.*(?:\b(?:19|20)\d\d\b|all\s+rights\s+reserved))"
    r"|our\s+(?:editorial\s+)?standards\s*:|(?:contact|e-?mail|tips?)(?:\s+us)?\s*:\s*[\w.+-]+@[\w.-]+\W*$",
    re.IGNORECASE,
)
_CLOSING_NOTICE_WORDS = 40
# The initials of the agency's editors closing its copy as it came from the wire, as a line of
# their own: "SKU SKU", "ANZ RT" (`_is_editors_initials`).
_EDITORS_INITIALS = re.compile(r"[A-Z]{2,4}(?:\s+[A-Z]{2,4}){0,3}")

# The tail of a press release, which the story ends before: its boilerplate ("About
# Brightwater Energy", set as a heading or a bold line), its contacts ("Media contact:") or its
# end mark ("###"). A line of the story does not start so, and this is looked for only in the
# second half of the text, a few blocks from its end.
_RELEASE_TAIL = re.compile(
    r"(?:about\s+\S[^.!?]*|(?:media|press|investor)\s+(?:contacts?|enquiries|inquiries)\b.*"
    r"|contacts?\s*:.*|#{3,}|-30-)",
    re.IGNORECASE,
)
_RELEASE_TAIL_WORDS = 8
_RELEASE_TAIL_BLOCKS = 5  # "About ...", two paragraphs of it, "Media contact: ...", "SOURCE ..."

# Page furniture among the story's blocks: a label over links to other stories standing alone
# ("Related topics", "More on this story", "Share this", "Trending now"), or before another
# story's headline or video, whose link trafilatura drops ("Read more: Parking charges to rise
# in July", "RELATED: ...", "WATCH: Drone video shows the damage", "MORE: ..."), and the line
# an advert or a gallery leaves in the story ("Story continues below advertisement").
_FURNITURE_LABEL = (
    r"(?:read\s+more|read\s+also|also\s+read|see\s+also|more\s+on\s+this(?:\s+story)?"
    r"|more|read\s+next|don[’']?t\s+miss|watch(?:\s+(?:now|live|more))?|video|listen"
    r"|related(?:\s+(?:stories|articles|content|topics|links|coverage|reading))?"
    r"|recommended(?:\s+(?:stories|reading))?|most\s+(?:read|popular)|more\s+stories"
    r"|you\s+(?:may|might)\s+also\s+like|share\s+this(?:\s+(?:article|story))?|advertisement"
    r"|trending(?:\s+(?:now|stories|today|news))?|(?:story|article)\s+continues\s+(?:below|after)"
    r"(?:\s+(?:this|the))?(?:\s+(?:advertisement|advert|ad|gallery|video))?"
    r"|lee\s+tambi[ée]n|leer\s+m[áa]s|te\s+puede\s+interesar|(?:noticias|art[íi]culos)\s+relacionad[oa]s|(?:[àa]\s+)?lire\s+aussi|voir\s+aussi"
    r"|lesen\s+sie\s+auch|mehr\s+zum\s+thema|leggi\s+anche|leia\s+tamb[ée]m)"
)
_FURNITURE = re.compile(rf"{_FURNITURE_LABEL}\W*", re.IGNORECASE)
_FURNITURE_LINK = re.compile(rf"{_FURNITURE_LABEL}\s*(?::|\||»|>>|[-–—]\s)\s*(?=\w)", re.IGNORECASE)
_FURNITURE_LINK_WORDS = 25  # the label and a headline, not a paragraph of the story

# The labels of a page's widgets, which a line of them holds with nothing but numbers and marks
# between them: an audio player's ("Listen to this article · 5 min"), a reading time ("4 min
# read"), sharing buttons ("Share on Facebook Share on Twitter"), a paginated story's links
# ("Page 1 of 3", "1 2 3 Next »"), the count of readers' comments ("Comments (12)"), and a
# print edition's jump line, which an e-edition's text keeps ("See BUDGET, Page A6",
# "Continued on Page 4").
_WIDGET_LABEL = re.compile(
    r"listen(?:\s+now|\s+to\s+(?:this|the)\s+(?:article|story|episode)|(?=\W*\d))"
    r"|\d+\s*(?:min(?:ute)?s?|m)\s+(?:read|listen)|(?:estimated\s+)?reading\s+time"
    r"|share\s+(?:(?:this\s+(?:article|story)\s+)?(?:on|via|to|by)\s+)?(?:facebook|twitter|x"
    r"|linkedin|whatsapp|e-?mail|reddit|pinterest|telegram|bluesky|threads|messenger|flipboard)"
    r"|page\s+\d+\s+of\s+\d+|(?:next|previous|prev)(?:\s+page)?|continue\s+to\s+page\s+\d+"
    r"|\d+\s+comments?\b|comments?(?=\W*\d)"
    r"|(?:see\s+[^\W\d_]+(?:\s*,|\s+on)?|continued\s+(?:on|from))\s+page\s+[a-z]?\d+[a-z]?\b",
    re.IGNORECASE,
)
_WIDGET_LINE_WORDS = 20  # "Share on Facebook Share on Twitter Share on LinkedIn ...", and no longer
# A widget's count standing alone, as a line of the text: its likes, claps or shares ("1.2K",
# "142"), which a sentence of the story never is.
_WIDGET_COUNT = re.compile(r"\d[\d.,]*\s*[KkMm]?")
# What a line of them may hold besides: numbers, a duration, marks between them, but no quotation
# marks ("Next!" in quotation marks is someone's word).
_WIDGET_FILLER = re.compile(r"[\s\d|•·:/»«›‹>()\[\],.-]*(?:min(?:ute)?s?\b[\s\d|•·:/»«›‹>().,-]*)?")

# The story's topics as the page lists them under a label, as links to their pages, which
# trafilatura keeps as a line of the text: "Tags: Buses, County board", "Temas: Piscinas".
_TOPICS_LINE = re.compile(
    r"(?:tags?|topics?|tagged|temas|etiquetas|themen|schlagw[öo]rter|sujets|mots-cl[ée]s"
    r"|argomenti)\s*:\s*(?=\w)",
    re.IGNORECASE,
)
_TOPICS_LINE_WORDS = 15

# A picture's credit or caption set as a line of the text where the picture was: a label and
# the names of who took it or whose it is ("Photo: Jane Roe/Agency", "Pictures: Nate Beswick /
# RNLI", "Foto: dpa", "Photo by Jane Roe on Unsplash"), no sentence, or the labels a broadcaster
# writes for screen readers before a picture's source or caption ("Image source, Getty Images",
# "Media caption, Drone footage shows ..."), which a sentence of the story never opens with.
_PICTURE_CREDIT = re.compile(
    r"(?:photo(?:graph)?s?|pictures?|pics?|images?|fotos?|bild(?:er)?|photo\s+credit)"
    r"(?:\s*:|\s+(?:by|courtesy(?:\s+of)?)\b)\s*(?=\w)",
    re.IGNORECASE,
)
_PICTURE_CREDIT_WORDS = 8  # "Photo: Jane Roe and John Doe / Lanternport Courier", and no longer
_PICTURE_CAPTION = re.compile(r"(?:image|media|video)\s+(?:source|caption),\s*", re.IGNORECASE)
_PICTURE_CAPTION_WORDS = 40

# A note about the story's author closing it, as pages set one after the story: a sentence
# opening with an author's name that says what they do ("Nora Beck is the Courier's health
# reporter.", "Jane Roe covers transport and can be reached at ..."), or one asking the reader to
# reach them ("Contact Nora Beck at ...", "Email the reporter at ..."). A note set in italics
# says so of a writer the byline does not name ("Dr Ruth Amadi is a professor of public health
# at Lakeshore University."), as opinion pages close a guest's column. A sentence of the story
# names its author so rarely that only the last few blocks are read, and only short ones: the
# note may stand before a line that stays ("This article is republished from ...").
_AUTHOR_NOTE_VERB = re.compile(
    r"\s+(?:is|was|has|covers|writes|reports|joined|edits|teaches|lives"
    r"|can\s+be\s+(?:reached|contacted))\b"
)
_AUTHOR_CONTACT = re.compile(
    r"(?:contact|reach|e-?mail|write\s+to)\s+(?:the\s+(?:author|reporter|writer)\b"
    r"|(?P<name>[^.!?]+?)\s+(?:at|on|via)\b)",
    re.IGNORECASE,
)
_GUEST_NOTE = re.compile(
    r"(?:(?:Dr|Prof|Professor|Sir|Dame|Rev)\.?\s+)?[A-Z][\w'’.-]*"
    r"(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|da|del|la|le|bin|al)){1,4}\s+(?:is|was)\s+(?:a|an|the)\s"
)
_AUTHOR_NOTE_MARKS = "-—–* "  # what a note may open with: "— Nora Beck is ...", "*Nora Beck ..."
_AUTHOR_NOTE_WORDS = 60
_AUTHOR_NOTE_BLOCKS = 3
_ITALICS = frozenset({"em", "i"})

# A box summing up the story at its opening, under a label ("Key points", "At a glance",
# "Story highlights"), with the story's points as a list: the story tells them.
_SUMMARY_LABEL = re.compile(
    r"(?:key\s+(?:points|takeaways|facts)|at\s+a\s+glance|in\s+(?:brief|short)|quick\s+read"
    r"|(?:story\s+)?highlights|summary|tl;?\s*dr|the\s+short\s+version"
    r"|what\s+(?:you\s+need|to)\s+know)\W*",
    re.IGNORECASE,
)
_LISTS = {"ul", "ol"}

# A quotation set apart (<blockquote>) that repeats words of a paragraph of the text, as a
# pull quote without its class does: the text would hold the quotation twice. One of fewer
# words may repeat a phrase by chance.
_REPEATED_QUOTE_WORDS = 5
_LETTERS = re.compile(r"[^\W_]+")


def same_words(a: str, b: str) -> bool:
    return a.split() == b.split() and bool(a.strip())


def words(element) -> str:
    return " ".join("".join(element.itertext()).split())


class BlockTexts(dict):
    """The text of each block of the story (`words`), read once, when first asked for: the
    passes over the blocks below read the same ones (the first and last most), and reading
    a block's text walks all of it. The blocks' elements are not changed by these passes,
    only taken off their list, so a text read once stays true."""

    def __missing__(self, block) -> str:
        text = self[block] = words(block)
        return text


class TextByline(NamedTuple):
    """A byline line opening the text: its people, the words stating when the story was
    posted, and its names as the line writes them ("Sam Lee, PA"), which may name the agency
    the story comes from."""

    people: tuple[ParsedPerson, ...] = ()
    dated: str = ""
    names: str = ""


def text_byline(blocks: list, texts: BlockTexts, sitename: str, hostname: str) -> TextByline:
    """The byline line opening the text ("By Jane Roe and John Doe"), with the words closing
    it that state when the story was posted ("Posted: Tuesday, March 5, 2024", after a bar),
    or opening it ("Posted on March 5, 2024 by Jane Roe"), or "": the day for a page that
    states no other. A line naming a news agency alone ("By The Associated Press") is one too.
    The line is taken off `blocks` with the short line under it that says where or for whom
    they wrote ("BBC News, Vienna"): the byline field holds them, and the body is the story."""
    for position, block in enumerate(blocks[:_BYLINE_BLOCKS]):
        line = _byline_line(texts[block]) if block.tag == "p" else None
        if line is None:
            continue
        names, dated = line
        people = byline_people([names], sitename, hostname)
        if not people and not news_agency(names):
            continue
        end = position + 1
        if end < len(blocks) and _is_byline_detail(blocks[end], texts[blocks[end]]):
            end += 1
        del blocks[position:end]
        return TextByline(people, dated, names)
    return TextByline()


def _byline_line(text: str) -> tuple[str, str] | None:
    """The names of a byline line and the words stating its date, or None for a line that is
    no byline: a sentence, or a longer line."""
    if dated_first := _DATED_BYLINE.match(text):
        names, dated = text[dated_first.end() :], dated_first.group(1)
        label = ""
    elif label := _BYLINE_LINE.match(text):
        names, *dated = _BYLINE_DATE.split(text, maxsplit=1)
        if not dated or not _DATED.match(dated[0]):  # "By Jane Roe | Staff Writer": a role
            names, dated = text, [""]
        names, dated, label = names[label.end() :], dated[0], names[: label.end()]
    else:
        return None
    if len(f"{label}{names}".split()) > _BYLINE_WORDS or names[-1] in ".!?":
        return None
    return names, dated


def _is_byline_detail(block, text: str) -> bool:
    """Whether a block is the short line under a byline that says where or for whom they
    wrote ("BBC News, Vienna"): a paragraph, as the byline is; a heading is the story's."""
    return (
        block.tag == "p"
        and 0 < len(text.split()) <= _BYLINE_DETAIL_WORDS
        and text[-1] not in ".!?:;\"”'’"
    )


def text_standfirst(blocks: list, texts: BlockTexts) -> str:
    """The standfirst the page sets under its headline, when the text opens with it: a short
    block whose class says it is one ("standfirst", "dek", "excerpt"). It is taken off
    `blocks`. A meta description that copies it says no more than the page shows its readers,
    and one that differs is often written for search engines."""
    if (
        not blocks
        or blocks[0].tag != "p"
        or not _STANDFIRST_CLASS.search(blocks[0].get("class") or "")
    ):
        return ""
    text = texts[blocks[0]]
    if not text or len(text.split()) > _STANDFIRST_WORDS:
        return ""
    del blocks[0]
    return text


def is_set_as_standfirst(data: bytes, text: str, *, heading: bool) -> bool:
    """Whether the page sets `text`, a heading or else a paragraph, with a class saying it is
    the standfirst (`_STANDFIRST_HEADING`, `_STANDFIRST_PARAGRAPH`)."""
    pattern = _STANDFIRST_HEADING if heading else _STANDFIRST_PARAGRAPH
    return any(
        same_words(_TAG.sub(" ", unescape(match.group(2).decode("utf-8", "replace"))), text)
        for match in pattern.finditer(data)
    )


def _is_date_line(block, text: str) -> bool:
    """Whether a block of the text says no more than when it was published or updated (its
    words and the text after it, as a live blog's meta line writes it), of one year: "March
    3, 1941 – February 12, 2024" on an obituary is the life it tells of."""
    text = " ".join(f"{text} {block.tail or ''}".split()).casefold()
    tokens = _DATE_LINE_TOKEN.findall(text)
    return (
        0 < len(tokens) <= _DATE_LINE_WORD_COUNT
        and any(map(_DATE_LINE_NUMBER.fullmatch, tokens))
        and len(set(_YEAR.findall(text))) <= 1
        and all(_DATE_LINE_NUMBER.fullmatch(token) or token in _DATE_LINE_WORDS for token in tokens)
    )


def without_date_lines(blocks: list, texts: BlockTexts, standfirst: str) -> str:
    """Take off `blocks` the line opening the text that states when it was published
    (`_is_date_line`), and give its text ("" for none): a time of day it states may be the
    only one the page gives. A paragraph above it that copies the meta description goes with
    it: it is the standfirst, set under the headline before the date as live blogs set it,
    where a story's first paragraph would follow the date."""
    for position, block in enumerate(blocks[:_BYLINE_BLOCKS]):
        text = texts[block]
        if _is_date_line(block, text):
            copied = position == 1 and same_words(texts[blocks[0]], standfirst)
            del blocks[0 if copied else position : position + 1]
            return text
    return ""


def _is_call_to_action(block, text: str) -> bool:
    """Whether a block of the text is a short plea to the reader, every sentence of it but
    questions leading into it (`_LEAD_IN_QUESTION`): a paragraph of the story may mention
    subscribers or newsletters, but it says more. An empty
    block or a rule ("___", "* * *") around the text, where pleas stand, separates nothing."""
    if block.tag not in _CALL_TO_ACTION_TAGS or len(text.split()) > _CALL_TO_ACTION_WORDS:
        return False
    if not any(character.isalnum() for character in text):
        return True
    sentences = _SENTENCE_END.split(text)
    while len(sentences) > 1 and _LEAD_IN_QUESTION.fullmatch(sentences[0]):
        sentences.pop(0)
    return all(map(_CALL_TO_ACTION.match, sentences))


def _is_closing_notice(text: str) -> bool:
    return len(text.split()) <= _CLOSING_NOTICE_WORDS and bool(_CLOSING_NOTICE.match(text))


def _is_author_note(block, text: str, author_names: tuple[str, ...]) -> bool:
    """Whether a block of the text is a note about its author (`_AUTHOR_NOTE_VERB`,
    `_AUTHOR_CONTACT`), or about a writer the byline does not name when the note is set in
    italics, all of it (`_GUEST_NOTE`)."""
    if len(text.split()) > _AUTHOR_NOTE_WORDS:
        return False
    text = text.lstrip(_AUTHOR_NOTE_MARKS)
    for name in author_names:
        if text.startswith(name) and _AUTHOR_NOTE_VERB.match(text, len(name)):
            return True
    if contact := _AUTHOR_CONTACT.match(text):
        return contact.group("name") is None or contact.group("name") in author_names
    return _is_in_italics(block) and _GUEST_NOTE.match(text) is not None


def _is_editors_initials(block, text: str) -> bool:
    """Whether a paragraph is a line of editors' initials (`_EDITORS_INITIALS`): an agency's
    copy closes with them, and a site running it from the wire may leave them in."""
    return block.tag == "p" and _EDITORS_INITIALS.fullmatch(text) is not None


def _is_in_italics(block) -> bool:
    """Whether all of a block's text is set in italics: one <em> or <i> holding it."""
    return (
        len(block) == 1
        and block[0].tag in _ITALICS
        and not (block.text or "").strip()
        and not (block[0].tail or "").strip()
    )


def without_calls_to_action(blocks: list, texts: BlockTexts, author_names: tuple[str, ...]) -> None:
    """Take off `blocks` the pleas to subscribe, sign in, comment or support the site that
    open or close the text (`_is_call_to_action`), the notices (`_is_closing_notice`) and
    notes about its author (`_is_author_note`, `author_names` those of the byline) closing it,
    and empty paragraphs and rules there; a note about its author or the wire editors'
    initials (`_is_editors_initials`) among the last few blocks go wherever they stand. A
    paywall's or comments' heading (`_CLOSING_PLEA`) closes the story when nothing after it is
    as long as a paragraph of prose: what follows is the offer's terms or readers' comments."""
    for position, block in enumerate(blocks):
        if block.tag in HEADINGS and _CLOSING_PLEA.match(texts[block]):
            rest = blocks[position + 1 :]
            if all(len(texts[b].split()) <= _CALL_TO_ACTION_WORDS for b in rest):
                del blocks[position:]
                break
    while blocks and (
        _is_call_to_action(blocks[-1], texts[blocks[-1]])
        or _is_closing_notice(texts[blocks[-1]])
        or _is_author_note(blocks[-1], texts[blocks[-1]], author_names)
    ):
        blocks.pop()
    for block in blocks[max(len(blocks) - _AUTHOR_NOTE_BLOCKS, 1) :]:
        if _is_author_note(block, texts[block], author_names) or _is_editors_initials(
            block, texts[block]
        ):
            blocks.remove(block)
    while blocks and _is_call_to_action(blocks[0], texts[blocks[0]]):
        blocks.pop(0)


def without_author_line(blocks: list, texts: BlockTexts, author_names: tuple[str, ...]) -> None:
    """Take off `blocks` a line among the first that opens with an author's name and is no
    sentence: a byline without its "By", with the author's place, date or role after the name
    ("Lucía Fernández Rojo · Valdeluna · 08/07/2026", or run together where the page sets
    them apart by style alone). `author_names` are those the metadata or a byline gives; a
    sentence of the story opening with one ends as a sentence does."""
    for position, block in enumerate(blocks[:_BYLINE_BLOCKS]):
        text = texts[block]
        if (
            block.tag == "p"
            and len(text.split()) <= _BYLINE_WORDS
            and text[-1:] not in _SENTENCE_ENDS
            and any(name and text.startswith(name) for name in author_names)
        ):
            del blocks[position]
            return


def without_release_tail(blocks: list, texts: BlockTexts) -> None:
    """Take off `blocks` a press release's tail (`_RELEASE_TAIL`) in the second half of the
    text: a short line standing alone, as a heading or in bold, and all after it."""
    start = max(len(blocks) // 2, len(blocks) - _RELEASE_TAIL_BLOCKS)
    for position in range(start, len(blocks)):
        block = blocks[position]
        text = texts[block]
        if (
            len(text.split()) <= _RELEASE_TAIL_WORDS
            and _is_set_apart(block, text)
            and _RELEASE_TAIL.fullmatch(text)
        ):
            del blocks[position:]
            return


def _is_set_apart(block, text: str) -> bool:
    """Whether a block is a heading, or a paragraph opening in bold (all of a label, or the
    label before what it labels: "<b>Media contact:</b> Lee Hanna"), or a mark alone."""
    if block.tag in HEADINGS:
        return True
    opens_bold = len(block) and block[0].tag in ("b", "strong") and not (block.text or "").strip()
    return bool(opens_bold) or not any(ch.isalnum() for ch in text)


def _is_furniture_link(text: str) -> bool:
    """Whether a block's text is a label for links to other stories before a headline
    (`_FURNITURE_LINK`), which ends without a full stop where a sentence of the story would
    have one."""
    return (
        _FURNITURE_LINK.match(text) is not None
        and len(text.split()) <= _FURNITURE_LINK_WORDS
        and not text.endswith(".")
    )


def _is_topics_line(text: str) -> bool:
    """Whether a block's text is the story's topics under their label (`_TOPICS_LINE`): a
    few words that end no sentence."""
    return (
        _TOPICS_LINE.match(text) is not None
        and len(text.split()) <= _TOPICS_LINE_WORDS
        and text[-1] not in ".!?"
    )


def _is_widget_line(text: str) -> bool:
    """Whether a block's text is a line of widget labels (`_WIDGET_LABEL`), or a count alone
    (`_WIDGET_COUNT`)."""
    if len(text.split()) > _WIDGET_LINE_WORDS:
        return False
    if _WIDGET_COUNT.fullmatch(text):
        return True
    rest = _WIDGET_LABEL.sub(" ", text)
    return rest != text and _WIDGET_FILLER.fullmatch(rest) is not None


def is_picture_credit(text: str) -> bool:
    """Whether a text is a picture's credit (`_PICTURE_CREDIT`): a few words that end no
    sentence."""
    return (
        _PICTURE_CREDIT.match(text) is not None
        and len(text.split()) <= _PICTURE_CREDIT_WORDS
        and text[-1] not in ".!?"
    )


def _is_picture_line(text: str) -> bool:
    """Whether a block's text is a picture's credit (`is_picture_credit`) or caption
    (`_PICTURE_CAPTION`)."""
    if _PICTURE_CAPTION.match(text):
        return len(text.split()) <= _PICTURE_CAPTION_WORDS
    return is_picture_credit(text)


def _is_list_of_headlines(block) -> bool:
    """Whether a block is a list of other stories' headlines: every item as short as a
    headline, with no full stop closing it as a sentence of the story would have."""
    items = [words(item) for item in block.iter("li")]
    return bool(items) and all(
        len(item.split()) <= _FURNITURE_LINK_WORDS and not item.endswith(".") for item in items
    )


def without_furniture(blocks: list, texts: BlockTexts) -> list:
    """`blocks` without labels for links to other stories, standing alone (`_FURNITURE`) with
    the list of their headlines under one ("ALSO READ:", then the links), or before a
    headline (`_is_furniture_link`), lines of widget labels (`_is_widget_line`), pictures'
    credits and captions (`_is_picture_line`) and the story's topics (`_is_topics_line`)."""
    kept = []
    label = False  # whether the block before is a label standing alone
    for block in blocks:
        text = texts[block]
        if label and block.tag in _LISTS and _is_list_of_headlines(block):
            label = False
            continue
        label = _FURNITURE.fullmatch(text) is not None
        if not (
            label
            or _is_furniture_link(text)
            or _is_widget_line(text)
            or _is_picture_line(text)
            or _is_topics_line(text)
        ):
            kept.append(block)
    return kept


def without_summary_box(blocks: list, texts: BlockTexts) -> None:
    """Take off `blocks` a box summing up the story (`_SUMMARY_LABEL`) among the first blocks
    of the text: its label and the list under it."""
    for position, block in enumerate(blocks[:_BYLINE_BLOCKS]):
        following = blocks[position + 1] if position + 1 < len(blocks) else None
        if (
            following is not None
            and following.tag in _LISTS
            and block.tag in HEADINGS | {"p"}
            and _SUMMARY_LABEL.fullmatch(texts[block])
        ):
            del blocks[position : position + 2]
            return


def _letters(text: str) -> str:
    return " ".join(_LETTERS.findall(text.casefold()))


def without_repeated_quotes(blocks: list, texts: BlockTexts) -> None:
    """Take off `blocks` a quotation set apart that repeats words of another block of the
    text (`_REPEATED_QUOTE_WORDS`): a pull quote. A quoted document or letter stays; the
    story quotes it once."""
    quotes = [block for block in blocks if block.tag == "blockquote"]
    if not quotes:
        return
    letters = {id(block): f" {_letters(texts[block])} " for block in blocks}
    for quote in quotes:
        text = letters[id(quote)]
        if len(text.split()) >= _REPEATED_QUOTE_WORDS and any(
            text in letters[id(block)] for block in blocks if block is not quote
        ):
            blocks.remove(quote)
