"""Our Haystack Whoosh backend: the one place where the stock backend's gaps are fixed.

Haystack 3.4's `WhooshSearchBackend` reopens the index on every search, computes spelling
suggestions for every query, reopens the index for every document it indexes, stems facet
fields ("business" comes back as "busi"), ignores query facets, loses deletes that meet
another writer's lock, clears the index by deleting its files under a running writer, and
highlights by formatting unescaped text. `NewsroomWhooshBackend` keeps the stock query
language and result shape (so `SearchQuerySet` and the forms work unchanged) and fixes those:

- one searcher per thread, kept open and refreshed only when the index's generation changes;
- one Whoosh search per results page: Haystack asks for the count, the page and the facets
  of the same query separately, and the last few searches are kept per thread to answer them;
- facet fields (`<name>_exact`) indexed unanalysed and counted over the matched documents
  from per-segment value tables built once per segment (segments never change once written)
  and shared by every thread of the process, though Haystack gives each thread its own backend;
- date facets bucketed from the date column, returned in date order; query facets;
- every write (update, delete, clear, optimise) through one writer that waits for the lock
  for a bounded time and raises when it cannot get it, so a caller can retry; never a
  background writer, never an open lock left behind; commits merge only small segments;
- text analysed by `StemmingTextAnalyzer` (Whoosh's StemmingAnalyzer in one loop) and field
  lengths read once per segment (`NewsroomCodec`), which more than doubled indexing speed;
  short posting lists written inline in the term table, which Whoosh 2.7 means to do but
  never does (`_InliningPostingsWriter`), and the term and postings files' positions
  counted rather than asked of the operating system (`_CountingFieldWriter`);
- queries capped in length and per word, so parsing time is bounded whatever is typed;
- highlights built from escaped text around the query's own words, with `<mark>` the only
  markup (`safe_highlight`); spelling suggestions only for (almost) empty results.
"""

import datetime as dt
import os
import re
import shutil
import threading
import time
from collections import Counter, OrderedDict
from contextlib import contextmanager
from functools import partial
from html import escape as html_escape
from itertools import chain
from pathlib import Path

import bleach
from django.conf import settings
from django.utils import timezone
from django.utils.encoding import force_str
from haystack.backends import log_query
from haystack.backends.whoosh_backend import (
    WhooshEngine,
    WhooshSearchBackend,
)
from haystack.constants import DJANGO_CT, DJANGO_ID, ID
from haystack.exceptions import SearchBackendError, SkipDocument
from haystack.models import SearchResult
from haystack.utils import get_identifier, get_model_ct
from haystack.utils.app_loading import haystack_get_model
from whoosh import writing
from whoosh.analysis import STOP_WORDS, Analyzer, IDAnalyzer, Token
from whoosh.codec.whoosh3 import (
    LENGTHS_COLUMN,
    W3Codec,
    W3FieldWriter,
    W3PerDocReader,
    W3PostingsWriter,
    _lenfield,
)
from whoosh.collectors import FilterCollector, SortingCollector, TopCollector, UnlimitedCollector
from whoosh.fields import DATETIME, STORED, TEXT, FieldType, Schema
from whoosh.fields import ID as WHOOSH_ID
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import StructFile
from whoosh.formats import Existence, Positions
from whoosh.index import LockError
from whoosh.lang.porter import stem as porter_stem
from whoosh.query import Every, Not, Or, Phrase, Prefix, Term, Wildcard
from whoosh.reading import SegmentReader
from whoosh.searching import ResultsPage
from whoosh.sorting import FieldFacet, TranslateFacet
from whoosh.support.levenshtein import distance as levenshtein_distance
from whoosh.support.relativedelta import relativedelta
from whoosh.util.numeric import byte_to_length
from whoosh.util.times import long_to_datetime
from whoosh.writing import SegmentWriter

# Input limits. Whoosh's parser does work that grows faster than linearly with the length of
# a single word, so a pasted essay or a 100,000-character token must be cut before parsing.
MAX_QUERY_CHARS = 1_000
MAX_TERM_CHARS = 100

# Documents per writer and commit in `update_index` (Haystack's default is 1,000). Each
# commit writes a segment; bigger batches mean fewer segments to search and no merging.
BATCH_SIZE = 5_000

# Commits merge the segments of fewer than SMALL_SEGMENT_DOCS documents (what the index queue
# writes) once there are MAX_SMALL_SEGMENTS of them, and any segment more than half
# deleted. Whoosh's own policy merges everything once there are about 19 segments: with
# 1,000-document batches, a 20-second commit at 19,000 articles, under the lock.
SMALL_SEGMENT_DOCS = 500
MAX_SMALL_SEGMENTS = 4

# Posting lists shorter than this are kept in the term table instead of in a block of their
# own in the postings file, and blocks of fewer than COMPRESS_POSTINGS are not compressed
# (see `_InliningPostingsWriter`).
INLINE_POSTINGS = 4
COMPRESS_POSTINGS = 16

# Searches kept per thread, for the same search asked again (count, page, facets).
RECENT_SEARCHES = 4

# Spelling suggestions are worth their cost only when a query finds (almost) nothing.
SPELLING_MAX_HITS = 3
SPELLING_MAX_EDITS = 2

# How long a write waits for another writer (another process, or an import) to finish.
DEFAULT_LOCK_TIMEOUT = 30.0

# Memory a writer's posting pool may take before Whoosh sorts it out to a temporary file.
WRITER_LIMIT_MB = 256

# Haystack's `FacetedSearchForm` narrows with `field_exact:"value"` after `clean()`, which
# quotes words holding reserved characters and lowercases reserved words.
_EXACT_NARROW = re.compile(r'^\s*\(?\s*(?P<field>\w+_exact):"(?P<value>.*)"\s*\)?\s*$', re.DOTALL)
_LONG_WORD = re.compile(rf"\S{{{MAX_TERM_CHARS + 1},}}")

# Highlights: up to SNIPPETS passages of at most SNIPPET_CHARS characters, with about
# SNIPPET_SURROUND characters of context either side of the matched words.
SNIPPETS = 3
SNIPPET_CHARS = 200
SNIPPET_SURROUND = 60
# Whoosh's default tokenizer pattern: what the index calls a word.
_INDEX_WORD = re.compile(r"\w+(?:\.?\w+)*")

_highlight_cleaner = bleach.Cleaner(tags={"mark"}, attributes={}, strip=True, strip_comments=True)
_SERVER_HIGHLIGHT_TAG = re.compile(r"<(/?)(?:em|b|strong)\s*>", re.IGNORECASE)
_MARK_TAG = re.compile(r"</?mark>")
_ESCAPE_ENTITY = re.compile(r"&(?:amp|lt|gt|quot|#x27|#39);")


def safe_highlight(html_or_text) -> str:
    """A highlight snippet made safe to show with `|safe`: escaped text in which `<mark>` is
    the only markup.

    Whoosh snippets from our backend are already escaped; search servers return `<em>`
    around matches in otherwise raw stored text, which may hold anything an article quoted
    (`<img src=x onerror=...>`). Their match tags become `<mark>` and every other tag goes.
    """
    if not html_or_text:
        return ""
    value = _SERVER_HIGHLIGHT_TAG.sub(r"<\1mark>", force_str(html_or_text))
    if _is_escaped_with_marks(value):
        return value  # Already what the cleaner would return; parsing it costs ~1 ms.
    return _highlight_cleaner.clean(value)


def _is_escaped_with_marks(value: str) -> bool:
    """Whether `value` is escaped text with balanced, unnested `<mark>` tags and nothing
    else that is markup: no other `<` or `>`, and `&` only in the entities `html.escape`
    writes. Such text is safe as it is (our own Whoosh snippets always are)."""
    pieces = _MARK_TAG.split(value)
    tags = _MARK_TAG.findall(value)
    if tags != ["<mark>", "</mark>"] * (len(tags) // 2):
        return False
    return not any(
        "<" in piece or ">" in piece or "&" in _ESCAPE_ENTITY.sub("", piece) for piece in pieces
    )


def cap_query(query_string: str) -> str:
    """`query_string` cut to MAX_QUERY_CHARS and each word to MAX_TERM_CHARS, so parse time is
    bounded. Cutting may leave a bracket open; Whoosh's parser tolerates that."""
    query_string = query_string[:MAX_QUERY_CHARS]
    return _LONG_WORD.sub(lambda match: match.group(0)[:MAX_TERM_CHARS], query_string)


_stems = {}


def _stem(word):
    """Porter stem of a lowercased word, remembered: a few thousand distinct words make up
    most of any text, and stemming is the slow part of analysing it."""
    stem = _stems.get(word)
    if stem is None:
        if len(_stems) >= 500_000:
            _stems.clear()
        stem = _stems[word] = porter_stem(word)
    return stem


def query_terms(query):
    """The words a parsed Whoosh query looks for, outside any NOT: (stems, prefixes)."""
    stems, prefixes = set(), set()

    def walk(node):
        if isinstance(node, Not):
            return
        if isinstance(node, Prefix):
            prefixes.add(node.text.lower())
        elif isinstance(node, Wildcard):
            prefix = re.split(r"[*?]", node.text, maxsplit=1)[0].lower()
            if len(prefix) >= 2:
                prefixes.add(prefix)
        elif isinstance(node, Term):
            if isinstance(node.text, str):
                stems.add(node.text)
        elif isinstance(node, Phrase):
            stems.update(word for word in node.words if isinstance(word, str))
        else:
            for child in node.children():
                walk(child)

    walk(query)
    return stems, prefixes


def _candidates(stems, prefixes):
    """A pattern finding the starts of words that may match: the first three letters of
    each stem or prefix (stemming only rewrites a word's ending), at the start of a word."""
    starts = sorted({word[:3] for word in (*stems, *prefixes) if word}, key=len, reverse=True)
    alternatives = "|".join(re.escape(start) for start in starts)
    return re.compile(rf"(?<!\w)(?<!\w\.)(?:{alternatives})", re.IGNORECASE)


def highlight_snippets(text, stems, prefixes=(), *, top=SNIPPETS):
    """Up to `top` passages of `text` holding words whose stem is in `stems` or that start
    with one of `prefixes`, in text order, best first chosen: escaped text with the matched
    words in `<mark>`. Only words that could match are looked at, so a long article costs
    little more than a short one.

    A passage never crosses a line break: the indexed text is its fields one per line (a
    quote's words, its speaker, its article's headline) and the body a paragraph per line,
    so a passage running on would read "non-negotiable Green Coast Party Civic Union..."."""
    if not text or not (stems or prefixes):
        return []
    prefixes = tuple(prefixes)
    verdicts = {}
    matches = []
    for candidate in _candidates(stems, prefixes).finditer(text):
        word = _INDEX_WORD.match(text, candidate.start())
        if word is None:
            continue
        lowered = word.group().lower()
        verdict = verdicts.get(lowered)
        if verdict is None:
            verdict = verdicts[lowered] = _stem(lowered) in stems or lowered.startswith(prefixes)
        if verdict:
            matches.append((word.start(), word.end(), lowered))
    fragments = []
    index = previous_end = 0
    while index < len(matches):
        first_start = matches[index][0]
        line_start = text.rfind("\n", 0, first_start) + 1
        line_end = text.find("\n", first_start)
        line_end = len(text) if line_end == -1 else line_end
        begin = max(previous_end, line_start, first_start - SNIPPET_SURROUND)
        if begin > line_start and not text[begin - 1].isspace():
            space = text.find(" ", begin, first_start)
            begin = first_start if space == -1 else space + 1
        limit = min(begin + SNIPPET_CHARS, line_end)
        last = index
        while last + 1 < len(matches) and matches[last + 1][1] <= limit:
            last += 1
        last_end = matches[last][1]
        end = min(line_end, last_end + SNIPPET_SURROUND, max(limit, last_end))
        if end < len(text) and not text[end].isspace():
            space = text.rfind(" ", last_end, end)
            end = last_end if space == -1 else space
        previous_end = end
        words = {match[2] for match in matches[index : last + 1]}
        fragments.append((len(words), last + 1 - index, begin, end, matches[index : last + 1]))
        index = last + 1
    best = sorted(fragments, key=lambda fragment: (-fragment[0], -fragment[1], fragment[2]))
    snippets = []
    for _, _, begin, end, spans in sorted(best[:top], key=lambda fragment: fragment[2]):
        parts, position = [], begin
        for start, stop, _ in spans:
            parts.append(html_escape(text[position:start], quote=False))
            parts.append(f"<mark>{html_escape(text[start:stop], quote=False)}</mark>")
            position = stop
        parts.append(html_escape(text[position:end], quote=False))
        snippets.append("".join(parts).strip())
    return snippets


class StemmingTextAnalyzer(Analyzer):
    """Whoosh's `StemmingAnalyzer()` (its word pattern, lowercase, English stop words and
    words under two letters dropped, the rest renumbered, Porter stems) in one loop with a
    plain dict of stems: the same tokens for every option Whoosh passes, at a fraction of
    the cost of four chained generators and Whoosh's LFU stem cache."""

    is_morph = True

    def __init__(self, stoplist=STOP_WORDS, minsize=2):
        self.stoplist = frozenset(stoplist)
        self.minsize = minsize

    def __call__(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        no_morph=False,
        **kwargs,
    ):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        token.boost = 1.0
        stops, minsize = self.stoplist, self.minsize
        if tokenize:
            words = ((m.group(), m.start(), m.end()) for m in _INDEX_WORD.finditer(value))
        else:
            words = ((value, 0, len(value)),)
            token.original = value
        pos = None
        for index, (original, start, end) in enumerate(words):
            text = original.lower()
            if keeporiginal:
                token.original = original
            if chars:
                token.startchar, token.endchar = start_char + start, start_char + end
            if len(text) < minsize or text in stops:
                if removestops:
                    continue
                token.stopped = True
                token.text = text
                if positions:
                    token.pos = start_pos + index
                yield token
                continue
            token.stopped = False
            if positions:
                pos = start_pos + index if pos is None else pos + 1
                token.pos = pos
            token.text = text if no_morph else _stem(text)
            yield token

    def term_positions(self, value):
        """{stem: [positions]} for indexing `value`: what `__call__(value, positions=True)`
        yields, without a token object per word."""
        stops, minsize = self.stoplist, self.minsize
        stems, stem = _stems, _stem
        found = {}
        pos = None
        for index, word in enumerate(_INDEX_WORD.findall(value)):
            text = word.lower()
            if len(text) < minsize or text in stops:
                continue
            pos = index if pos is None else pos + 1
            term = stems.get(text) or stem(text)
            if term in found:
                found[term].append(pos)
            else:
                found[term] = [pos]
        return found


# Encoded lists of a single position, by position, under this one (`StemmedPositions`).
_SINGLE_POSITIONS = {}
_CACHED_POSITIONS = 10_000


class StemmedPositions(Positions):
    """Whoosh's Positions format (what TEXT fields store, for phrase searches), written the
    same way, with the terms of a `StemmingTextAnalyzer` field counted in one pass. Most words
    occur once in a document, and Whoosh pickles each list of positions anew: the encoding of
    a single position is kept for the next word found there."""

    def word_values(self, value, analyzer, **kwargs):
        if not isinstance(analyzer, StemmingTextAnalyzer):
            yield from super().word_values(value, analyzer, **kwargs)
            return
        boost, encode, singles = self.field_boost, self.encode, _SINGLE_POSITIONS
        for term, positions in analyzer.term_positions(value).items():
            if len(positions) > 1 or positions[0] >= _CACHED_POSITIONS:
                yield (term, len(positions), len(positions) * boost, encode(positions))
                continue
            encoded = singles.get(positions[0])
            if encoded is None:
                encoded = singles[positions[0]] = encode(positions)
            yield (term, 1, boost, encoded)


def text_field(*, analyzer=None, **options):
    """A Whoosh TEXT field analysed by `analyzer`, by default our `StemmingTextAnalyzer`."""
    if analyzer is not None:
        return TEXT(analyzer=analyzer, **options)
    field = TEXT(analyzer=StemmingTextAnalyzer(), **options)
    field.format = StemmedPositions(field_boost=field.format.field_boost)
    return field


class _LengthsInMemory(W3PerDocReader):
    """Whoosh's per-document reader, reading each field's length column once into a list.

    Whoosh looks a document's field length up for every posting it writes (block
    statistics) and for every document it scores (BM25), each time with a seek and a read
    of the column file; a segment never changes, so the column is read once instead."""

    def __init__(self, storage, segment):
        super().__init__(storage, segment)
        self._lengths = {}

    def doc_field_length(self, docnum, fieldname, default=0):
        lengths = self._lengths.get(fieldname)
        if lengths is None:
            column = self._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            lengths = False
            if column is not None:
                lengths = [byte_to_length(byte) if byte else None for byte in column.load()]
            self._lengths[fieldname] = lengths
        if docnum > self._doccount:
            raise IndexError(f"Asked for docnum {docnum!r} of {self._doccount}")
        if lengths is False:
            return default
        return lengths[docnum] if docnum < len(lengths) else None


class _InliningPostingsWriter(W3PostingsWriter):
    """Whoosh's postings writer, keeping short posting lists in the term table ("inlined"),
    and short blocks uncompressed.

    W3 can read inlined postings, but Whoosh 2.7 never writes them: its writer calls a
    method its term info does not have (`set_inline`, not `set_inlined`), so the limit ships
    at 1, off. Most terms of a news archive (names, numbers, rare words) occur in a handful
    of documents, and each posting block costs two pickles, a zlib call and a header: with
    rare terms inlined, commits take a fifth less time and the index is smaller.

    Whoosh also means to leave small blocks uncompressed, but overwrites its own choice and
    compresses every block. Each block says whether it is compressed, so a block of fewer
    than COMPRESS_POSTINGS postings is written as it is: setting zlib up cost more than it
    saved on a few dozen bytes."""

    def __init__(self, postfile, *, compression, **options):
        super().__init__(postfile, compression=compression, **options)
        self._block_compression = compression

    def _write_block(self, last=False):
        short = len(self._ids) < COMPRESS_POSTINGS
        self._compression = 0 if short else self._block_compression
        super()._write_block(last)

    def finish_postings(self):
        if self.written() or len(self) >= self._inlinelimit:
            return super().finish_postings()
        terminfo, self._terminfo = self._terminfo, None
        terminfo.add_block(self)
        ids = tuple(self._ids)
        # Formats without values (facet terms) store none; a reader must still get one
        # (empty) value per posting, as it does from a block.
        values = tuple(self._values) if len(self._values) == len(ids) else (b"",) * len(ids)
        terminfo.set_inlined(ids, tuple(self._weights), values)
        return terminfo


class _CountedPositionFile(StructFile):
    """A new segment file that counts the bytes written to it, so `tell()` costs no system
    call. Whoosh asks a term table or postings file where it is several times per term
    (hundreds of thousands of times per import batch), and Python's buffered files answer
    each time with an `lseek`. A seek, or an array written straight to the file, makes the
    position unknown until the file is asked again."""

    def __init__(self, structfile):
        super().__init__(structfile.file, name=structfile._name, onclose=structfile.onclose)
        self._position = None

    def tell(self):
        if self._position is None:
            self._position = self.file.tell()
        return self._position

    def write(self, data):
        position = self.tell()
        written = self.file.write(data)
        self._position = position + len(data)
        return written

    def seek(self, *args):
        self._position = None
        return self.file.seek(*args)

    def write_array(self, arry):
        self._position = None
        super().write_array(arry)


class _CountingFieldWriter(W3FieldWriter):
    """Whoosh's term and postings writer, on files that count their own position."""

    def _create_file(self, ext):
        return _CountedPositionFile(super()._create_file(ext))


class NewsroomCodec(W3Codec):
    """Whoosh's default codec (W3), with field lengths read into memory per segment and
    short posting lists inlined. Its segments name this class, so an index written with it
    is read with it."""

    def __init__(self, blocklimit=128, compression=3, inlinelimit=INLINE_POSTINGS):
        super().__init__(blocklimit=blocklimit, compression=compression, inlinelimit=inlinelimit)

    def per_document_reader(self, storage, segment):
        return _LengthsInMemory(storage, segment)

    def field_writer(self, storage, segment):
        return _CountingFieldWriter(self, storage, segment)

    def postings_writer(self, dbfile, byteids=False):
        return _InliningPostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )


class FacetValues(FieldType):
    """A facet field: each value (a name, a section, "2022-11") is one term exactly as given,
    never tokenised, lowercased or stemmed, so facet counts come back keyed by real values.
    Takes a string or a list of strings. Not stored: the field it shadows stores the value."""

    def __init__(self, stored=False):
        self.analyzer = IDAnalyzer()
        self.format = Existence()
        self.stored = stored
        self.unique = False
        self.set_sortable(False)


class _SegmentTables:
    """Per-segment lookup tables for faceting, shared by the threads of a process.

    A Whoosh segment never changes once written (deletions only hide documents), so what a
    document holds in a field can be read once per segment, from the postings, and reused by
    every later search; tables of segments merged away are dropped when a searcher refreshes.
    """

    _of_index = {}
    _of_index_lock = threading.Lock()

    def __init__(self):
        self._lock = threading.Lock()
        self._tables = {}

    @classmethod
    def of_index(cls, key):
        """The one set of tables in this process for the index `key`. Haystack gives each
        thread a backend of its own (its connections are thread-local), so tables kept on
        the backend were read again for every thread: a server starting a thread per request
        read every segment's postings for every search."""
        with cls._of_index_lock:
            return cls._of_index.setdefault(key, cls())

    @staticmethod
    def _segment_key(segment_searcher):
        return segment_searcher.reader().segment().segment_id()

    def values(self, segment_searcher, fieldname):
        """A list, indexed by segment docnum, of the tuple of the field's values."""
        key = (self._segment_key(segment_searcher), "values", fieldname)
        table = self._tables.get(key)
        if table is None:
            reader = segment_searcher.reader()
            lists = [[] for _ in range(reader.doc_count_all())]
            if fieldname in reader.indexed_field_names():
                for btext in reader.lexicon(fieldname):
                    value = btext.decode("utf-8")
                    for docnum in reader.postings(fieldname, btext).all_ids():
                        lists[docnum].append(value)
            table = [tuple(values) for values in lists]
            with self._lock:
                self._tables[key] = table
        return table

    def words(self, segment_searcher, fieldname):
        """The field's words in the segment, a tuple of strings."""
        key = (self._segment_key(segment_searcher), "words", fieldname)
        table = self._tables.get(key)
        if table is None:
            reader = segment_searcher.reader()
            table = ()
            if fieldname in reader.indexed_field_names():
                table = tuple(btext.decode("utf-8") for btext in reader.lexicon(fieldname))
            with self._lock:
                self._tables[key] = table
        return table

    def datetimes(self, segment_searcher, fieldname):
        """A list, indexed by segment docnum, of the field's datetime (or None)."""
        key = (self._segment_key(segment_searcher), "dates", fieldname)
        table = self._tables.get(key)
        if table is None:
            reader = segment_searcher.reader()
            table = [None] * reader.doc_count_all()
            if reader.has_column(fieldname):
                column = reader.column_reader(fieldname, translate=False)
                missing = column.default_value() if hasattr(column, "default_value") else None
                for docnum, value in enumerate(column):
                    if value and value != missing:
                        table[docnum] = long_to_datetime(value)
            with self._lock:
                self._tables[key] = table
        return table

    def keep_only(self, segment_ids):
        with self._lock:
            for key in [key for key in self._tables if key[0] not in segment_ids]:
                del self._tables[key]


class DateBuckets:
    """Date intervals (`gap_amount` `gap_by`s from `start`, up to `end`) for a date facet,
    found by arithmetic on each matched document's date, not one range query per bucket."""

    def __init__(self, *, start, end, gap_by, gap_amount=1):
        self.start, self.end = start, end
        self.gap_by, self.gap_amount = gap_by, gap_amount

    def __repr__(self):
        return f"DateBuckets({self.start!r}, {self.end!r}, {self.gap_by!r}, {self.gap_amount!r})"

    def bucket(self, moment):
        """The start of the interval holding `moment`, or None if outside start..end."""
        if moment is None or not self.start <= moment < self.end:
            return None
        start = self.start
        if self.gap_by in ("year", "month"):
            step = self.gap_amount * (12 if self.gap_by == "year" else 1)
            months = (moment.year - start.year) * 12 + moment.month - start.month
            n = months // step
            if start + relativedelta(months=n * step) > moment:
                n -= 1
            return start + relativedelta(months=n * step)
        width = dt.timedelta(**{f"{self.gap_by}s": self.gap_amount})
        return start + width * ((moment - start) // width)


class _TopCollector(TopCollector):
    """Whoosh's TopCollector (the best `limit` hits by score), also keeping the set of all
    matched documents, which facet counts are made from."""

    def _collect(self, global_docnum, score):
        self.docset.add(global_docnum)
        return super()._collect(global_docnum, score)


class _TermGroupedPool(writing.PostingPool):
    """Whoosh's posting pool, holding each term's postings in a list of their own instead of
    all postings in one list of tuples sorted when the segment is written.

    Postings arrive in document order (documents are numbered as they are added, and the
    documents of merged segments after them), so only the terms need sorting: a batch of
    news documents has about six postings per term, and sorting a million five-field tuples
    was a tenth of the cost of writing them. A spelling word comes once per document that
    has it, always as document 0 (Whoosh keeps the word, not where it occurs): it is kept
    once. Past the memory limit, the postings held so far are sorted out to a temporary
    file as Whoosh's pool does, and merged with the rest when the segment is written."""

    def __init__(self, tempstore, segment, limitmb=128, **kwargs):
        super().__init__(tempstore, segment, limitmb=limitmb, **kwargs)
        self._terms = {}

    def add(self, item):
        fieldname, text, docnum, weight, value = item
        postings = self._terms.get((fieldname, text))
        if postings is None:
            self._terms[fieldname, text] = [(docnum, weight, value)]
        elif docnum != postings[-1][0]:
            postings.append((docnum, weight, value))
        else:
            return  # a spelling word seen again
        self.currentsize += 120 + len(text) + len(value or b"")
        if self.currentsize > self.limit:
            self.save()

    def _grouped(self):
        """(fieldname, text, [(docnum, weight, value), ...]) in term order."""
        terms = self._terms
        for key in sorted(terms):
            yield key[0], key[1], terms[key]

    def _items(self):
        for fieldname, text, postings in self._grouped():
            for docnum, weight, value in postings:
                yield fieldname, text, docnum, weight, value

    def save(self):
        self.current = list(self._items())
        self._terms = {}
        super().save()

    def items(self, maxfiles=128):
        if not self.runs:
            return self._items()
        return super().items(maxfiles)

    def write_to(self, fieldwriter, schema, lengths):
        """Write the postings with `fieldwriter`, as its `add_postings` would, straight from
        the term lists (`lengths`: the segment's per-document reader, or None)."""
        if self.runs:
            fieldwriter.add_postings(schema, lengths, self.items())
            return
        field_length = lengths.doc_field_length if lengths else (lambda docnum, fieldname: 0)
        add, empty = fieldwriter.add, b""
        current_field = None
        for fieldname, text, postings in self._grouped():
            if fieldname != current_field:
                if current_field is not None:
                    fieldwriter.finish_field()
                fieldwriter.start_field(fieldname, schema[fieldname])
                current_field = fieldname
            fieldwriter.start_term(text)
            for docnum, weight, value in postings:
                add(docnum, weight, value or empty, field_length(docnum, fieldname))
            fieldwriter.finish_term()
        if current_field is not None:
            fieldwriter.finish_field()


class _SegmentWriter(SegmentWriter):
    """Whoosh's segment writer with postings pooled by term (`_TermGroupedPool`)."""

    def __init__(self, ix, limitmb=128, **options):
        super().__init__(ix, limitmb=limitmb, **options)
        self.pool = _TermGroupedPool(self._tempstorage, self.newsegment, limitmb=limitmb)

    def _flush_segment(self):
        self.perdocwriter.close()
        lengths = self.per_document_reader() if self.codec.length_stats else None
        self.pool.write_to(self.fieldwriter, self.schema, lengths)
        self.fieldwriter.close()
        if lengths:
            lengths.close()


class _AdoptingWriter(_SegmentWriter):
    """Our segment writer, committing with its own segment any segments another process
    built for it (`NewsroomWhooshBackend.adopt`)."""

    def __init__(self, ix, **options):
        super().__init__(ix, **options)
        self.adopted = []

    def _commit_toc(self, segments):
        super()._commit_toc([*segments, *self.adopted])


def merge_small_segments(writer, segments):
    """Whoosh merge policy: merge small and mostly deleted segments into the new one, leave
    the rest. Returns the segments kept as they are."""
    merged = [
        segment
        for segment in segments
        if segment.doc_count_all() < SMALL_SEGMENT_DOCS
        or segment.deleted_count() * 2 > segment.doc_count_all()
    ]
    if len(merged) < MAX_SMALL_SEGMENTS and not any(
        segment.doc_count_all() >= SMALL_SEGMENT_DOCS for segment in merged
    ):
        return segments
    for segment in merged:
        reader = SegmentReader(writer.storage, writer.schema, segment)
        writer.add_reader(reader)
        reader.close()
    return [segment for segment in segments if segment not in merged]


# A field's name before a query's word or group: "speaker:(kirby)". A colon inside a value is
# escaped ("\:"), so it never follows a name's letters.
_FIELD_PREFIX = re.compile(r"\b[A-Za-z_]+:")


def _missing_first(missing, key):
    """A sort key with `missing` (a column's value for a document without one) below every
    other."""
    return -1 if key == missing else key


def _naive_utc(moment):
    """Whoosh compares naive datetimes; the index holds UTC."""
    if isinstance(moment, dt.datetime):
        return timezone.make_naive(moment, dt.UTC) if timezone.is_aware(moment) else moment
    if isinstance(moment, dt.date):
        return dt.datetime(moment.year, moment.month, moment.day)
    raise ValueError(f"{moment!r} is not a date")


class NewsroomWhooshBackend(WhooshSearchBackend):
    def __init__(self, connection_alias, **connection_options):
        super().__init__(connection_alias, **connection_options)
        self.lock_timeout = float(connection_options.get("LOCK_TIMEOUT", DEFAULT_LOCK_TIMEOUT))
        self.batch_size = int(connection_options.get("BATCH_SIZE", BATCH_SIZE))
        self.spelling_max_hits = int(connection_options.get("SPELLING_MAX_HITS", SPELLING_MAX_HITS))
        self._local = threading.local()
        self.results_per_page = int(getattr(settings, "HAYSTACK_SEARCH_RESULTS_PER_PAGE", 20))
        self.tables = _SegmentTables.of_index((connection_alias, self.path))
        # Called with the number of objects after each `update()` batch (progress display).
        self.on_batch = None

    # Schema ---------------------------------------------------------------------------

    def build_schema(self, fields):
        """Like the stock schema, but facet fields unanalysed, stored-only fields not indexed,
        fields that only feed a facet (neither indexed nor stored) left out, a sort column only
        on dates (results are sorted by relevance or date, and a column costs a compressed
        value per document), and spelling words taken from titles (short, unstemmed
        in their spelling field) rather than from every word of every article, which doubled
        indexing time."""
        schema_fields = {
            ID: WHOOSH_ID(stored=True, unique=True),
            DJANGO_CT: WHOOSH_ID(stored=True),
            DJANGO_ID: WHOOSH_ID(stored=True),
        }
        content_field_name = ""
        self.facet_fieldnames = set()
        self.joined_fieldnames = set()
        self.date_fieldnames = set()
        for field in fields.values():
            name = field.index_fieldname
            if hasattr(field, "facet_for"):
                schema_fields[name] = FacetValues()
                self.facet_fieldnames.add(name)
            elif not field.indexed and not field.stored:
                continue  # only the source of its `_exact` facet field's values
            elif not field.indexed:
                schema_fields[name] = STORED()
            elif field.field_type in ("date", "datetime"):
                schema_fields[name] = DATETIME(stored=field.stored, sortable=True)
                self.date_fieldnames.add(name)
            elif field.document:
                content_field_name = name
                schema_fields[name] = text_field(stored=True, analyzer=field.analyzer)
            else:
                schema_fields[name] = text_field(
                    stored=True,
                    analyzer=field.analyzer,
                    field_boost=field.boost,
                    spelling=name == "title",
                )
                if field.is_multivalued:
                    self.joined_fieldnames.add(name)
        if not content_field_name:
            raise SearchBackendError("No document=True field was found in any search index.")
        self.spelling_field_name = "title" if "title" in schema_fields else content_field_name
        return content_field_name, Schema(**schema_fields)

    # Reading --------------------------------------------------------------------------

    def searcher(self):
        """This thread's searcher, refreshed only when the index has changed since.

        Searchers are per thread because Whoosh's file readers are not safe to share
        between threads; the per-segment facet tables are shared.
        """
        if not self.setup_complete:
            self.setup()
        current = getattr(self._local, "searcher", None)
        if current is None:
            current = self.index.searcher()
        elif not current.up_to_date():
            current = current.refresh()
        else:
            return current
        self._local.searcher = current
        self._local.filters = {}
        self._local.recent = OrderedDict()
        self._local.tables = {}
        self._local.suggestions = {}
        self._local.vocabulary = None
        segments = (reader.segment() for reader, _ in current.reader().leaf_readers())
        self.tables.keep_only({segment.segment_id() for segment in segments if segment})
        return current

    def _remember(self, key, searched):
        """Keep this thread's last few searches (Whoosh results and facet counts, for this
        searcher): a results page asks for the same search two or three times. Only a few, so
        that a page costs what a new query costs, not what a repeated one does."""
        remembered = self._local.recent
        remembered[key] = searched
        while len(remembered) > RECENT_SEARCHES:
            remembered.popitem(last=False)

    def _cached_filter(self, searcher, key, build):
        filters = self._local.filters
        if key not in filters:
            filters[key] = build(searcher)
        return filters[key]

    def _narrow_query(self, narrow_query):
        """A Whoosh query for one narrow query; `field_exact:"value"` becomes a term
        lookup on the exact value (undoing Haystack's `clean()`), not a parse."""
        match = _EXACT_NARROW.match(narrow_query)
        if match and match["field"] in self.facet_fieldnames:
            value = match["value"].replace('\\"', '"')
            unquoted = " ".join(
                word[1:-1] if len(word) > 2 and word[0] == word[-1] == "'" else word
                for word in value.split(" ")
            )
            reserved = " ".join(
                word.upper() if word.upper() in self.RESERVED_WORDS else word
                for word in unquoted.split(" ")
            )
            values = {value, unquoted, reserved}
            return Or([Term(match["field"], candidate) for candidate in sorted(values)])
        return self.parser.parse(cap_query(force_str(narrow_query)))

    def _filter(self, searcher, narrow_queries, model_choices):
        """The set of docnums every narrow query and the model list allow, or None for all.

        Each part's docnums are cached for the life of the searcher: the same facet values
        and model lists are selected again and again."""
        parts = []
        present = self._cached_filter(
            searcher, ("content types",), lambda s: set(s.reader().lexicon(DJANGO_CT))
        )
        wanted = {ct.encode("utf-8") for ct in model_choices}
        if model_choices and not present <= wanted:
            query = Or([Term(DJANGO_CT, ct) for ct in sorted(model_choices)])
            parts.append(("models", query))
        for narrow_query in sorted(narrow_queries or ()):
            parts.append(("narrow", self._narrow_query(narrow_query)))
        allowed = None
        for part in parts:
            docs = self._cached_filter(
                searcher, (part[0], repr(part[1])), lambda s, q=part[1]: set(q.docs(s))
            )
            allowed = docs if allowed is None else allowed & docs
            if not allowed:
                break
        return allowed

    def _facet_specs(self, facets, date_facets, query_facets):
        """What to count: ("fields", name, None), ("dates", name, DateBuckets) and
        ("queries", name, parsed query) for each facet Haystack asks for."""
        specs = [("fields", name, None) for name in facets or () if name in self.facet_fieldnames]
        for name, options in (date_facets or {}).items():
            buckets = DateBuckets(
                start=_naive_utc(options["start_date"]),
                end=_naive_utc(options["end_date"]),
                gap_by=options["gap_by"],
                gap_amount=options.get("gap_amount", 1),
            )
            specs.append(("dates", name, buckets))
        for field, query in query_facets or ():
            name = f"{field}:{query}"
            specs.append(("queries", name, self.parser.parse(cap_query(name))))
        return specs

    def _count_facets(self, searcher, docs, specs):
        """Facet counts over the matched documents `docs` (global docnums), in the shapes
        Haystack's other backends use, values by count then name, dates in date order.

        Each field's values are read from a table indexed by docnum (built once per
        segment), so counting is a pass of C loops over the matches, not a call per
        document and facet as in Whoosh's own faceting."""
        if not specs:
            return {}
        facets = {"fields": {}, "dates": {}, "queries": {}}
        for kind, name, spec in specs:
            if kind == "fields":
                table = self._searcher_table(searcher, "values", name)
                counts = Counter(chain.from_iterable(map(table.__getitem__, docs)))
                facets["fields"][name] = sorted(
                    counts.items(), key=lambda item: (-item[1], item[0])
                )
            elif kind == "dates":
                table = self._searcher_table(searcher, "dates", name)
                counts = Counter(map(spec.bucket, map(table.__getitem__, docs)))
                counts.pop(None, None)
                facets["dates"][name] = sorted(
                    (self._aware(moment), count) for moment, count in counts.items()
                )
            else:
                matching = self._cached_filter(
                    searcher, ("facet query", repr(spec)), lambda s, q=spec: set(q.docs(s))
                )
                facets["queries"][name] = len(matching.intersection(docs))
        return facets

    def _searcher_table(self, searcher, kind, fieldname):
        """A per-segment table (`_SegmentTables.values` or `.datetimes`) for the whole
        searcher, indexed by global docnum; kept for the life of the searcher."""
        tables = self._local.tables
        key = (kind, fieldname)
        if key not in tables:
            build = self.tables.values if kind == "values" else self.tables.datetimes
            table = []
            for segment_searcher, _offset in searcher.leaf_searchers():
                table.extend(build(segment_searcher, fieldname))
            tables[key] = table
        return tables[key]

    def _sort(self, sort_by):
        """Haystack's sort list as Whoosh's (keys, reverse); Whoosh reverses all or none.

        A document without a date (an undated article and its quotes) has none in the
        date's sort column, which Whoosh reads as the largest date there is: newest first
        would list undated results ahead of every dated one. Reversed, a date field's key
        counts a missing date as the smallest, so undated results come last either way, as
        in the archive's lists."""
        if not sort_by:
            return None, False
        reverse = {order.startswith("-") for order in sort_by}
        if len(reverse) > 1:
            raise SearchBackendError(
                "Whoosh requires all order_by fields to use the same sort direction"
            )
        reverse = reverse.pop()
        keys = []
        for name in (order.lstrip("-") for order in sort_by):
            if reverse and name in self.date_fieldnames:
                missing = self.schema[name].default
                keys.append(TranslateFacet(partial(_missing_first, missing), FieldFacet(name)))
            else:
                keys.append(name)
        return keys, reverse

    @log_query
    def search(
        self,
        query_string,
        sort_by=None,
        start_offset=0,
        end_offset=None,
        fields="",
        highlight=False,
        facets=None,
        date_facets=None,
        query_facets=None,
        narrow_queries=None,
        spelling_query=None,
        within=None,
        dwithin=None,
        distance_point=None,
        models=None,
        limit_to_registered_models=None,
        result_class=None,
        **kwargs,
    ):
        if not self.setup_complete:
            self.setup()
        query_string = cap_query(force_str(query_string or "")).strip()
        if not query_string or (len(query_string) <= 1 and query_string != "*"):
            return {"results": [], "hits": 0, "facets": {}, "spelling_suggestion": None}

        if limit_to_registered_models is None:
            limit_to_registered_models = getattr(
                settings, "HAYSTACK_LIMIT_TO_REGISTERED_MODELS", True
            )
        if models:
            model_choices = sorted(get_model_ct(model) for model in models)
        elif limit_to_registered_models:
            model_choices = self.build_models_list()
        else:
            model_choices = []

        searcher = self.searcher()
        try:
            parsed = Every() if query_string == "*" else self.parser.parse(query_string)
            allowed = self._filter(searcher, narrow_queries, model_choices)
        except Exception:
            # A date Whoosh cannot represent (year 1, day 0) or a field it does not know:
            # the query matches nothing rather than failing the page.
            if not self.silently_fail:
                raise
            self.log.warning("Whoosh could not parse %r", query_string, exc_info=True)
            return self._empty(query_string, spelling_query)
        if parsed is None or searcher.doc_count() == 0:
            return self._empty(query_string, spelling_query)
        if allowed is not None and not allowed:
            return self._empty(query_string, spelling_query)

        specs = self._facet_specs(facets, date_facets, query_facets)
        sorted_by, reverse = self._sort(sort_by)
        page_num, page_length = self.calculate_page(start_offset, end_offset)
        # Haystack asks for the count (one hit), then for the page with its facets, and a
        # did-you-mean asks again: answer them all from one Whoosh search.
        key = (
            query_string,
            tuple(sorted(narrow_queries or ())),
            tuple(model_choices),
            tuple(sort_by or ()),
            repr(sorted(facets or ())),
            repr(sorted((date_facets or {}).items())),
            repr(sorted(query_facets or ())),
        )
        recent = self._local.recent.get(key)
        if recent is None or not self._covers(recent[0], page_num * page_length):
            limit = max(page_num * page_length, self.results_per_page)
            if sorted_by:
                collector = SortingCollector(sorted_by, limit=limit, reverse=reverse)
            elif reverse:
                collector = UnlimitedCollector(reverse=True)
            else:
                collector = _TopCollector(limit, usequality=False)
            try:
                searcher.search_with_collector(
                    parsed, collector if allowed is None else FilterCollector(collector, allowed)
                )
            except ValueError:
                if not self.silently_fail:
                    raise
                return self._empty(query_string, spelling_query)
            results = collector.results()
            if recent is None:
                found_facets = self._count_facets(searcher, collector.docset, specs)
            else:
                found_facets = recent[1]
            recent = (results, found_facets)
            self._remember(key, recent)
        results, found_facets = recent
        page = ResultsPage(results, page_num, page_length)
        # Whoosh answers a page past the end with the last page; that page is empty.
        raw_page = page if page.pagenum == page_num else None
        return self._process_results(
            raw_page,
            hits=len(results),
            facets=found_facets if raw_page is not None else {},
            highlight=highlight,
            query_string=query_string,
            spelling_query=spelling_query,
            result_class=result_class,
            parsed=parsed,
        )

    @staticmethod
    def _covers(results, wanted):
        """Whether `results` scored enough hits to show the first `wanted`."""
        return results.scored_length() >= min(wanted, len(results))

    def _empty(self, query_string, spelling_query):
        return {
            "results": [],
            "hits": 0,
            "facets": {},
            "spelling_suggestion": self._suggestion(0, query_string, spelling_query),
        }

    def _suggestion(self, hits, query_string, spelling_query):
        """A spelling suggestion only when spelling is on and the query found (almost)
        nothing: computing one costs more than the search itself."""
        if not self.include_spelling or hits > self.spelling_max_hits:
            return None
        return self.create_spelling_suggestion(spelling_query or query_string) or None

    def create_spelling_suggestion(self, query_string):
        """The query's words, each replaced by the nearest spelling word (`_suggest_word`).
        A field's name ("speaker:" of a search by speaker) is no word to correct: losing only
        its colon with the other syntax, it made "speakerkirby" of "speaker:kirbi"."""
        cleaned = _FIELD_PREFIX.sub(" ", force_str(query_string or ""))
        for word in self.RESERVED_WORDS:
            cleaned = cleaned.replace(word, "")
        for char in self.RESERVED_CHARACTERS:
            cleaned = cleaned.replace(char, "")
        searcher = self.searcher()
        suggested = []
        for word in cap_query(cleaned).split()[:20]:
            suggested.append(self._suggest_word(searcher, word.lower()) or word)
        return " ".join(suggested)

    def _suggest_word(self, searcher, word):
        """The spelling word nearest `word` (at most SPELLING_MAX_EDITS edits, sharing its
        first letter), the most frequent among equally near ones; `word` itself if it is one.

        Whoosh's corrector computes the edit distance to every word of the field, in Python,
        and ranks by frequency alone ("tax" became "talk"); it took ~60 ms a word at 5,000
        articles. Here words are grouped by first letter and skipped when their length
        alone rules them out, and the answer is kept for the life of the searcher."""
        memo = self._local.suggestions
        if word in memo:
            return memo[word]
        if self._local.vocabulary is None:
            self._local.vocabulary = self._spelling_vocabulary(searcher)
        fieldname, by_initial = self._local.vocabulary
        best = None
        if word in by_initial.get(word[:1], ()):
            best = word
        elif word:
            candidates = []
            for other in by_initial.get(word[0], ()):
                if abs(len(other) - len(word)) > SPELLING_MAX_EDITS:
                    continue
                edits = levenshtein_distance(word, other, limit=SPELLING_MAX_EDITS)
                if edits <= SPELLING_MAX_EDITS:
                    candidates.append((edits, other))
            if candidates:
                nearest = min(edits for edits, _ in candidates)
                reader = searcher.reader()
                best = min(
                    (-reader.doc_frequency(fieldname, other), other)
                    for edits, other in candidates
                    if edits == nearest
                )[1]
        if len(memo) >= 10_000:
            memo.clear()
        memo[word] = best
        return best

    def _spelling_vocabulary(self, searcher):
        """The spelling field's name and its words, as sets by first letter."""
        field = searcher.schema[self.spelling_field_name]
        fieldname = field.spelling_fieldname(self.spelling_field_name)
        by_initial = {}
        if fieldname in searcher.schema:
            for segment_searcher, _ in searcher.leaf_searchers():
                for word in self.tables.words(segment_searcher, fieldname):
                    by_initial.setdefault(word[:1], set()).add(word)
        return fieldname, by_initial

    def _process_results(
        self,
        raw_page,
        highlight=False,
        query_string="",
        spelling_query=None,
        result_class=None,
        hits=None,
        parsed=None,
        facets=None,
    ):
        """Results built from stored fields only (lists stay lists, dates come back aware),
        facets in the shapes Haystack's other backends use, dates in date order."""
        from haystack import connections

        unified_index = connections[self.connection_alias].get_unified_index()
        indexed_models = unified_index.get_indexed_models()
        result_class = result_class or SearchResult
        if hits is None:
            hits = len(raw_page)

        facets = facets or {}

        terms = None
        if highlight and parsed is not None:
            terms = query_terms(parsed)
            if not any(terms):
                terms = None
        results = []
        for offset, hit in enumerate(raw_page or ()):
            app_label, model_name = hit[DJANGO_CT].split(".")
            model = haystack_get_model(app_label, model_name)
            if not model or model not in indexed_models:
                hits -= 1
                continue
            index_fields = unified_index.get_index(model).fields
            stored = {}
            for key, value in hit.items():
                field = index_fields.get(key)
                if isinstance(value, dt.datetime):
                    stored[key] = self._aware(value)
                elif field is None or isinstance(value, list):
                    stored[key] = value
                else:
                    stored[key] = field.convert(value)
            del stored[DJANGO_CT]
            del stored[DJANGO_ID]
            if terms is not None:
                stored["highlighted"] = highlight_snippets(
                    stored.get(self.content_field_name) or "", *terms
                )
            results.append(
                result_class(
                    app_label,
                    model_name,
                    hit[DJANGO_ID],
                    raw_page.score(offset) or 0,
                    **stored,
                )
            )
        return {
            "results": results,
            "hits": hits,
            "facets": facets,
            "spelling_suggestion": self._suggestion(hits, query_string, spelling_query),
        }

    @staticmethod
    def _aware(moment):
        if settings.USE_TZ and timezone.is_naive(moment):
            return timezone.make_aware(moment, dt.UTC)
        return moment

    # Writing --------------------------------------------------------------------------

    @contextmanager
    def writer(self, timeout=None, **commit_options):
        """The index's single writer, waiting up to `timeout` seconds for another writer
        (another process, an import) to finish; raises LockError if it does not. Inside
        `holding_lock` this thread has the lock already, and the writer takes none.

        The writer commits (with `commit_options`) when the block ends and is cancelled if
        the block raises, so the lock is always released. It writes with this code's schema,
        so documents never mix an old on-disk schema with new field types."""
        if not self.setup_complete:
            self.setup()
        target = self._write_index()
        if getattr(self._local, "held_lock", None) is not None:
            writer = _AdoptingWriter(target, _lk=False, **self._writer_options())
        else:
            writer = self._wait_for_lock(
                lambda: _AdoptingWriter(target, **self._writer_options()), timeout
            )
        writer.schema = self.schema
        try:
            yield writer
        except BaseException:
            writer.cancel()
            raise
        else:
            if not commit_options.get("optimize"):
                commit_options.setdefault("mergetype", merge_small_segments)
            writer.commit(**commit_options)

    @staticmethod
    def _writer_options():
        return {"limitmb": WRITER_LIMIT_MB, "codec": NewsroomCodec()}

    def _wait_for_lock(self, take, timeout):
        """`take()`, retried while it raises LockError, for up to `timeout` seconds."""
        timeout = self.lock_timeout if timeout is None else timeout
        deadline = time.monotonic() + timeout
        while True:
            try:
                return take()
            except LockError:
                if time.monotonic() >= deadline:
                    raise
                time.sleep(0.05)

    @contextmanager
    def holding_lock(self, timeout=None):
        """Keep the index's write lock for the whole block, in this thread: its writers
        take no lock of their own, and no other process writes meanwhile. For the process
        that commits the segments other processes build (`build_segment`, `adopt`): a
        segment read from the database at one moment must not replace documents another
        writer wrote from a later moment."""
        if not self.setup_complete:
            self.setup()
        lock = self._write_index().lock("WRITELOCK")

        def take():
            if not lock.acquire():
                raise LockError
            return lock

        self._local.held_lock = self._wait_for_lock(take, timeout)
        try:
            yield
        finally:
            self._local.held_lock = None
            lock.release()

    def build_segment(self, documents, directory):
        """Write `documents` (prepared, one per identifier) as a new segment in `directory`,
        a folder of this process's own in the index's folder, without the index's lock; returns
        the segment (None without documents), for the lock holder to `adopt`. Several
        processes can build segments at once: analysing and writing the documents is most of
        the cost of indexing."""
        if not self.setup_complete:
            self.setup()
        storage = FileStorage(str(directory), supports_mmap=False)
        if not storage.index_exists():
            storage.create_index(self.schema)
        writer = _SegmentWriter(storage.open_index(schema=self.schema), **self._writer_options())
        writer.schema = self.schema
        try:
            for document in documents:
                writer.add_document(**document)
            if not writer._added:
                writer.cancel()
                return None
            segment = writer._finalize_segment()
        except BaseException:
            writer.cancel()
            raise
        writer._finish()
        return segment

    def adopt(self, writer, segment, directory, *, replaces):
        """Commit with `writer` a segment another process built (`build_segment`) in
        `directory`: its file moves into the index, and the documents of `replaces` (older
        versions of the segment's documents, documents to delete) are deleted."""
        self.apply(writer, delete_ids=replaces)
        if segment is not None:
            for name in segment.list_files(FileStorage(str(directory))):
                os.replace(Path(directory) / name, Path(self.path) / name)
            writer.adopted.append(segment)

    def _write_index(self):
        """The index as writers open it: on disk, read with plain file reads, not mmap.

        A writer reads every segment it replaces documents in; through mmap those pages
        count in the process's resident memory and stay there, so a long import's peak
        memory grew with the size of the index. Searchers keep the mmap'd `self.index`."""
        if not isinstance(self.storage, FileStorage) or not self.storage.supports_mmap:
            return self.index
        if getattr(self, "_unmapped_storage", None) is None:
            self._unmapped_storage = FileStorage(self.path, supports_mmap=False)
        return self._unmapped_storage.open_index(schema=self.schema)

    def prepare_document(self, index, obj):
        """The Whoosh fields for `obj`, or None when its index skips it."""
        if not self.setup_complete:
            self.setup()
        try:
            prepared = index.full_prepare(obj)
        except SkipDocument:
            self.log.debug("Indexing for object `%s` skipped", obj)
            return None
        document = {}
        for key, value in prepared.items():
            if value is None or key not in self.schema:
                continue
            if key in self.facet_fieldnames:
                values = value if isinstance(value, (list, tuple)) else [value]
                values = [force_str(v).strip() for v in values if v not in (None, "")]
                if values:
                    document[key] = values
            elif key in self.joined_fieldnames:
                values = [value] if isinstance(value, str) else [force_str(v) for v in value]
                document[key] = "\n".join(values)
                document[f"_stored_{key}"] = value if isinstance(value, str) else values
            elif key in self.date_fieldnames:
                document[key] = _naive_utc(value)
                document[f"_stored_{key}"] = value
            else:
                document[key] = self._from_python(value)
        return document

    def write(self, *, documents=(), delete_ids=(), timeout=None):
        """Apply prepared documents and deletions (Haystack identifiers) through one writer
        and one commit. Raises LockError when the lock stays busy for `timeout` seconds."""
        documents, delete_ids = list(documents), list(delete_ids)
        if not documents and not delete_ids:
            return
        with self.writer(timeout) as writer:
            self.apply(writer, documents=documents, delete_ids=delete_ids)

    @staticmethod
    def apply(writer, *, documents=(), delete_ids=()):
        """Replace and delete documents in an open writer, finding the old versions with one
        searcher for the whole batch: Whoosh's `update_document` opens a new searcher (every
        segment file) per document, which made indexing slower the bigger the index got."""
        latest = {document[ID]: document for document in documents}
        with writer.searcher() as searcher:
            reader = searcher.reader()
            for identifier in {*delete_ids, *latest}:
                term = identifier.encode("utf-8")
                if (ID, term) in reader:
                    for docnum in reader.postings(ID, term).all_ids():
                        writer.delete_document(docnum)
        for document in latest.values():
            writer.add_document(**document)

    def update(self, index, iterable, commit=True):
        """Index a batch of objects through one writer. Documents are prepared before the
        lock is taken, so the lock is held only while writing."""
        if not self.setup_complete:
            self.setup()
        documents, seen = [], 0
        for obj in iterable:
            seen += 1
            try:
                document = self.prepare_document(index, obj)
            except Exception:
                if not self.silently_fail:
                    raise
                self.log.exception(
                    "Preparing object for update",
                    extra={"data": {"index": index, "object": get_identifier(obj)}},
                )
                continue
            if document is not None:
                documents.append(document)
        self.write(documents=documents)
        if self.on_batch is not None:
            self.on_batch(seen)

    def remove(self, obj_or_string, commit=True):
        """Delete one document, waiting for the lock; raises rather than logs when the lock
        stays busy, because a delete that only logs leaves the document findable."""
        self.write(delete_ids=[get_identifier(obj_or_string)])

    def clear(self, models=None, commit=True):
        """Remove all documents (or those of `models`) under the writer lock. Clearing
        everything commits an empty index with the current schema, so a running update
        either finishes first or waits, and a rebuild picks up schema changes."""
        if models is None:
            try:
                with self.writer(mergetype=writing.CLEAR):
                    pass
            except LockError:
                raise
            except Exception:
                # The index cannot be opened at all (a lost or garbled table of contents,
                # missing segment files, a broken lock file): clearing it means starting
                # it afresh, so `rebuild_index` restores even a corrupt index.
                self.log.warning("Search index unreadable; recreating it", exc_info=True)
                self.recreate()
            return
        with self.writer() as writer:
            for model in models:
                writer.delete_by_term(DJANGO_CT, get_model_ct(model))

    def delete_index(self):
        self.clear()

    def recreate(self):
        """Delete every file of the on-disk index and create an empty one in its place."""
        if not self.use_file_storage:
            self.setup_complete = False
            self.setup()
            return
        index_dir = Path(self.path)
        if index_dir.exists():
            for entry in index_dir.iterdir():
                if entry.is_dir() and not entry.is_symlink():
                    shutil.rmtree(entry)
                else:
                    entry.unlink()
        self._unmapped_storage = None
        self._local = threading.local()
        self.setup_complete = False
        self.setup()

    def optimize(self):
        with self.writer(optimize=True):
            pass


class NewsroomWhooshEngine(WhooshEngine):
    backend = NewsroomWhooshBackend
