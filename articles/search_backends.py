"""Our Haystack Whoosh backend: the one place where the stock backend's gaps are fixed.

Haystack 3.4's `WhooshSearchBackend` reopens the index on every search, computes spelling
suggestions for every query, reopens the index for every document it indexes, stems facet
fields ("business" comes back as "busi"), ignores query facets, loses deletes that meet
another writer's lock, clears the index by deleting its files under a running writer, and
highlights by formatting unescaped text. `NewsroomWhooshBackend` keeps the stock query
language and result shape (so `SearchQuerySet` and the forms work unchanged) and fixes those:

- one searcher per thread, kept open and refreshed only when the index's generation changes;
- facet fields (`<name>_exact`) indexed unanalysed and counted by Whoosh's own faceting, via
  per-segment value tables built once per segment (segments never change once written);
- date facets bucketed from the date column, returned in date order; query facets;
- every write (update, delete, clear, optimise) through one writer that waits for the lock
  for a bounded time and raises when it cannot get it, so a caller can retry; never a
  background writer, never an open lock left behind;
- queries capped in length and per word, so parsing time is bounded whatever is typed;
- highlights built from escaped text, with `<mark>` the only markup (`safe_highlight`).
"""

import datetime as dt
import re
import threading
import time
from contextlib import contextmanager

import bleach
from django.conf import settings
from django.utils import timezone
from django.utils.encoding import force_str
from haystack.backends import log_query
from haystack.backends.whoosh_backend import (
    WhooshEngine,
    WhooshHtmlFormatter,
    WhooshSearchBackend,
)
from haystack.constants import DJANGO_CT, DJANGO_ID, ID
from haystack.exceptions import SearchBackendError, SkipDocument
from haystack.models import SearchResult
from haystack.utils import get_identifier, get_model_ct
from haystack.utils.app_loading import haystack_get_model
from whoosh import writing
from whoosh.analysis import IDAnalyzer, StemmingAnalyzer
from whoosh.fields import DATETIME, STORED, TEXT, FieldType, Schema
from whoosh.fields import ID as WHOOSH_ID
from whoosh.formats import Existence
from whoosh.highlight import (
    FIRST,
    BasicFragmentScorer,
    ContextFragmenter,
    set_matched_filter,
    top_fragments,
)
from whoosh.index import LockError
from whoosh.query import Every, Or, Term
from whoosh.sorting import Categorizer, Count, FacetType, QueryFacet
from whoosh.support.relativedelta import relativedelta
from whoosh.util.times import long_to_datetime

# Input limits. Whoosh's parser does work that grows faster than linearly with the length of
# a single word, so a pasted essay or a 100,000-character token must be cut before parsing.
MAX_QUERY_CHARS = 1_000
MAX_TERM_CHARS = 100

# Spelling suggestions are worth their cost only when a query finds (almost) nothing.
SPELLING_MAX_HITS = 3

# How long a write waits for another writer (another process, or an import) to finish.
DEFAULT_LOCK_TIMEOUT = 30.0

# Haystack's `FacetedSearchForm` narrows with `field_exact:"value"` after `clean()`, which
# quotes words holding reserved characters and lowercases reserved words.
_EXACT_NARROW = re.compile(r'^\s*\(?\s*(?P<field>\w+_exact):"(?P<value>.*)"\s*\)?\s*$', re.DOTALL)
_LONG_WORD = re.compile(rf"\S{{{MAX_TERM_CHARS + 1},}}")

_highlight_cleaner = bleach.Cleaner(tags={"mark"}, attributes={}, strip=True, strip_comments=True)
_SERVER_HIGHLIGHT_TAG = re.compile(r"<(/?)(?:em|b|strong)\s*>", re.IGNORECASE)


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
    return _highlight_cleaner.clean(value)


def cap_query(query_string: str) -> str:
    """`query_string` cut to MAX_QUERY_CHARS and each word to MAX_TERM_CHARS, so parse time is
    bounded. Cutting may leave a bracket open; Whoosh's parser tolerates that."""
    query_string = query_string[:MAX_QUERY_CHARS]
    return _LONG_WORD.sub(lambda match: match.group(0)[:MAX_TERM_CHARS], query_string)


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

    def __init__(self):
        self._lock = threading.Lock()
        self._tables = {}

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


class ValuesFacet(FacetType):
    """Counts a FacetValues field through Whoosh's faceting, reading each matched document's
    values from the cached per-segment table instead of decoding them per search."""

    def __init__(self, fieldname, tables):
        self.fieldname = fieldname
        self.tables = tables
        self.maptype = Count

    def default_name(self):
        return self.fieldname

    def categorizer(self, global_searcher):
        return self.Categorizer(self.fieldname, self.tables)

    class Categorizer(Categorizer):
        allow_overlap = True

        def __init__(self, fieldname, tables):
            self.fieldname = fieldname
            self.tables = tables
            self.table = None

        def set_searcher(self, segment_searcher, docoffset):
            self.table = self.tables.values(segment_searcher, self.fieldname)

        def keys_for(self, matcher, segment_docnum):
            return self.table[segment_docnum]


class DateBucketFacet(FacetType):
    """Counts documents per date interval (`gap_amount` `gap_by`s from `start`, up to `end`)
    by arithmetic on each matched document's date, instead of one range query per bucket."""

    def __init__(self, fieldname, tables, *, start, end, gap_by, gap_amount=1):
        self.fieldname = fieldname
        self.tables = tables
        self.start, self.end = start, end
        self.gap_by, self.gap_amount = gap_by, gap_amount
        self.maptype = Count

    def default_name(self):
        return self.fieldname

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

    def categorizer(self, global_searcher):
        return self.Categorizer(self)

    class Categorizer(Categorizer):
        def __init__(self, facet):
            self.facet = facet
            self.table = None

        def set_searcher(self, segment_searcher, docoffset):
            self.table = self.facet.tables.datetimes(segment_searcher, self.facet.fieldname)

        def key_for(self, matcher, segment_docnum):
            return self.facet.bucket(self.table[segment_docnum])


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
        self.spelling_max_hits = int(connection_options.get("SPELLING_MAX_HITS", SPELLING_MAX_HITS))
        self._local = threading.local()
        self.tables = _SegmentTables()
        # Called with the number of objects after each `update()` batch (progress display).
        self.on_batch = None

    # Schema ---------------------------------------------------------------------------

    def build_schema(self, fields):
        """Like the stock schema, but facet fields unanalysed, stored-only fields not indexed,
        no sort columns on long text, and spelling words taken from titles (short, unstemmed
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
            elif not field.indexed:
                schema_fields[name] = STORED()
            elif field.field_type in ("date", "datetime"):
                schema_fields[name] = DATETIME(stored=field.stored, sortable=True)
                self.date_fieldnames.add(name)
            elif field.document:
                content_field_name = name
                schema_fields[name] = TEXT(
                    stored=True, analyzer=field.analyzer or StemmingAnalyzer()
                )
            else:
                schema_fields[name] = TEXT(
                    stored=True,
                    analyzer=field.analyzer or StemmingAnalyzer(),
                    field_boost=field.boost,
                    sortable=not field.is_multivalued,
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
        segments = (reader.segment() for reader, _ in current.reader().leaf_readers())
        self.tables.keep_only({segment.segment_id() for segment in segments if segment})
        return current

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

    def _group_by(self, facets, date_facets, query_facets):
        group_by, facet_types = {}, {}
        for name in facets or ():
            if name in self.facet_fieldnames:
                group_by[name] = ValuesFacet(name, self.tables)
                facet_types[name] = "fields"
        for name, options in (date_facets or {}).items():
            group_by[name] = DateBucketFacet(
                name,
                self.tables,
                start=_naive_utc(options["start_date"]),
                end=_naive_utc(options["end_date"]),
                gap_by=options["gap_by"],
                gap_amount=options.get("gap_amount", 1),
            )
            facet_types[name] = "dates"
        for field, query in query_facets or ():
            name = f"{field}:{query}"
            parsed = self.parser.parse(cap_query(f"{field}:{query}"))
            group_by[name] = QueryFacet({name: parsed}, maptype=Count)
            facet_types[name] = "queries"
        return group_by, facet_types

    @staticmethod
    def _sort(sort_by):
        """Haystack's sort list as Whoosh's (fields, reverse); Whoosh reverses all or none."""
        if not sort_by:
            return None, False
        reverse = {order.startswith("-") for order in sort_by}
        if len(reverse) > 1:
            raise SearchBackendError(
                "Whoosh requires all order_by fields to use the same sort direction"
            )
        return [order.lstrip("-") for order in sort_by], reverse.pop()

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

        group_by, facet_types = self._group_by(facets, date_facets, query_facets)
        sorted_by, reverse = self._sort(sort_by)
        page_num, page_length = self.calculate_page(start_offset, end_offset)
        try:
            page = searcher.search_page(
                parsed,
                page_num,
                pagelen=page_length,
                sortedby=sorted_by,
                reverse=reverse,
                groupedby=group_by or None,
                filter=allowed,
            )
        except ValueError:
            if not self.silently_fail:
                raise
            return self._empty(query_string, spelling_query)
        hits = len(page)
        # Whoosh answers a page past the end with the last page; that page is empty.
        return self._process_results(
            page if page.pagenum == page_num else None,
            hits=hits,
            highlight=highlight,
            query_string=query_string,
            spelling_query=spelling_query,
            result_class=result_class,
            facet_types=facet_types,
        )

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
        cleaned = force_str(query_string or "")
        for word in self.RESERVED_WORDS:
            cleaned = cleaned.replace(word, "")
        for char in self.RESERVED_CHARACTERS:
            cleaned = cleaned.replace(char, "")
        corrector = self.searcher().corrector(self.spelling_field_name)
        suggested = []
        for word in cap_query(cleaned).split()[:20]:
            suggestions = corrector.suggest(word.lower(), limit=1)
            suggested.append(suggestions[0] if suggestions else word)
        return " ".join(suggested)

    def _process_results(
        self,
        raw_page,
        highlight=False,
        query_string="",
        spelling_query=None,
        result_class=None,
        facet_types=None,
        hits=None,
    ):
        """Results built from stored fields only (lists stay lists, dates come back aware),
        facets in the shapes Haystack's other backends use, dates in date order."""
        from haystack import connections

        unified_index = connections[self.connection_alias].get_unified_index()
        indexed_models = unified_index.get_indexed_models()
        result_class = result_class or SearchResult
        if hits is None:
            hits = len(raw_page)

        facets = {}
        if facet_types and raw_page is not None:
            facets = {"fields": {}, "dates": {}, "queries": {}}
            for name, facet_type in facet_types.items():
                groups = raw_page.results.groups(name)
                groups.pop(None, None)
                if facet_type == "dates":
                    facets["dates"][name] = sorted(
                        (self._aware(moment), count) for moment, count in groups.items()
                    )
                elif facet_type == "queries":
                    facets["queries"][name] = groups.get(name, 0)
                else:
                    facets["fields"][name] = sorted(
                        groups.items(), key=lambda item: (-item[1], item[0])
                    )

        terms = None
        if highlight and query_string:
            terms = {token.text for token in StemmingAnalyzer()(query_string)}
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
                stored["highlighted"] = self.highlight_snippets(
                    stored.get(self.content_field_name) or "", terms
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

    @staticmethod
    def highlight_snippets(text, terms, top=3):
        """Up to `top` snippets of `text` around the query's terms: escaped text with the
        matches in `<mark>`, each made safe again by `safe_highlight`."""
        tokens = StemmingAnalyzer()(text, chars=True, mode="query", removestops=False)
        tokens = set_matched_filter(tokens, frozenset(terms))
        fragments = ContextFragmenter(maxchars=200, surround=60).fragment_tokens(text, tokens)
        fragments = top_fragments(fragments, top, BasicFragmentScorer(), FIRST)
        formatter = WhooshHtmlFormatter("mark")
        return [safe_highlight(formatter.format_fragment(fragment)) for fragment in fragments]

    # Writing --------------------------------------------------------------------------

    @contextmanager
    def writer(self, timeout=None, **commit_options):
        """The index's single writer, waiting up to `timeout` seconds for another writer
        (another process, an import) to finish; raises LockError if it does not.

        The writer commits (with `commit_options`) when the block ends and is cancelled if
        the block raises, so the lock is always released. It writes with this code's schema,
        so documents never mix an old on-disk schema with new field types."""
        if not self.setup_complete:
            self.setup()
        timeout = self.lock_timeout if timeout is None else timeout
        deadline = time.monotonic() + timeout
        while True:
            try:
                writer = self.index.writer(limitmb=256)
                break
            except LockError:
                if time.monotonic() >= deadline:
                    raise
                time.sleep(0.05)
        writer.schema = self.schema
        try:
            yield writer
        except BaseException:
            writer.cancel()
            raise
        else:
            writer.commit(**commit_options)

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
            if key == "boost" or value is None:
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
            with self.writer(mergetype=writing.CLEAR):
                pass
            return
        with self.writer() as writer:
            for model in models:
                writer.delete_by_term(DJANGO_CT, get_model_ct(model))

    def delete_index(self):
        self.clear()

    def optimize(self):
        with self.writer(optimize=True):
            pass


class NewsroomWhooshEngine(WhooshEngine):
    backend = NewsroomWhooshBackend
