"""The archive's search form: what a reader may ask, checked, turned into a SearchQuerySet.

The form is the one place that reads search input, so the search page, the search feeds and
the CSV/JSON export all accept the same queries and refuse the same nonsense. Everything goes
through Haystack's public API (filter, narrow, facet, order_by, highlight) so the same form
works on Whoosh, Elasticsearch and Solr.

User queries are parsed here into Haystack `SQ` objects rather than handed to the engine as a
raw string: the engine's own parser differs between backends and some of them fail on
unbalanced quotes or lone operators, while the small grammar below never fails and means the
same on every backend.
"""

import re
from dataclasses import dataclass
from datetime import datetime, time

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from haystack.forms import FacetedSearchForm
from haystack.inputs import Exact
from haystack.query import SQ, EmptySearchQuerySet

MAX_QUERY_LENGTH = 500
MAX_QUERY_CLAUSES = 32
MAX_SELECTED_FACETS = 20
MAX_FACET_VALUE_LENGTH = 300
MIN_PREFIX_LENGTH = 2

# Facet fields a reader may narrow by, in sidebar order, with their labels.
FACET_FIELDS = {
    "content_type": "Type",
    "year": "Year",
    "month": "Month",
    "people": "People",
    "organisations": "Organisations",
    "speaker": "Speaker",
    "source": "Source",
    "section": "Section",
}
FACET_SUFFIX = "_exact"

# `field:` prefixes the query syntax accepts, and the index field each searches.
QUERY_FIELDS = {
    "title": "title",
    "headline": "title",
    "speaker": "speaker",
    "source": "source",
    "section": "section",
    "type": "content_type",
}

# Control characters (NUL included) carry no meaning in a search and trip some engines.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_WORD = re.compile(r"\w+(?:['’.]\w+)*")
_TOKEN = re.compile(
    r"""(?P<negated>-)?
        (?:(?P<field>[A-Za-z_]+):(?=[^\s]))?
        (?:"(?P<phrase>[^"]*)"?|(?P<word>[^\s"]+))""",
    re.VERBOSE,
)
_OPERATORS = {"AND", "OR", "NOT"}


def strip_control_characters(value: str) -> str:
    return _CONTROL_CHARACTERS.sub("", value)


@dataclass(frozen=True)
class _Clause:
    field: str
    words: tuple[str, ...]
    prefix: bool = False
    negated: bool = False

    def as_sq(self) -> SQ:
        if self.prefix:
            sq = SQ(**{f"{self.field}__startswith": self.words[0]})
        elif len(self.words) == 1:
            sq = SQ(**{self.field: self.words[0]})
        else:
            sq = SQ(**{self.field: Exact(" ".join(self.words))})
        return ~sq if self.negated else sq


def _clause(field, text, *, negated, quoted):
    """One query clause from a token, keeping only word characters so that nothing the
    reader types can be read as engine syntax. A hyphenated or dotted token ("e-mail") is a
    phrase of its parts, as the indexer split it."""
    words = tuple(word.lower() for word in _WORD.findall(text))
    if not words:
        return None
    prefix = not quoted and text.endswith("*") and len(words) == 1
    if prefix and len(words[0]) < MIN_PREFIX_LENGTH:
        return None
    return _Clause(field=field, words=words, prefix=prefix, negated=negated)


def parse_query(query: str) -> list[list[_Clause]]:
    """Parse the reader's query into OR-groups of AND-ed clauses.

    The grammar (documented on the help page): words, "quoted phrases" (an unclosed quote
    runs to the end), `-word` or `NOT word` to exclude, `AND` (the default) and `OR` (binding
    after AND, no parentheses), a trailing `*` for a prefix, and `field:word` for the fields
    in QUERY_FIELDS. Anything else is read as words; nothing raises.
    """
    groups: list[list[_Clause]] = [[]]
    negate_next = False
    clauses = 0
    for match in _TOKEN.finditer(query):
        word = match["word"]
        if word in _OPERATORS and not match["negated"] and not match["field"]:
            if word == "OR" and groups[-1]:
                groups.append([])
            negate_next = word == "NOT"
            continue
        field = QUERY_FIELDS.get((match["field"] or "").lower())
        text = match["phrase"] if match["phrase"] is not None else word
        if match["field"] and field is None:
            text = f"{match['field']} {text}"  # An unknown field name is just a word.
        clause = _clause(
            field or "content",
            text,
            negated=bool(match["negated"]) or negate_next,
            quoted=match["phrase"] is not None,
        )
        negate_next = False
        if clause is not None:
            groups[-1].append(clause)
            clauses += 1
            if clauses >= MAX_QUERY_CLAUSES:
                break
    return [group for group in groups if group]


def query_to_sq(groups: list[list[_Clause]]) -> SQ | None:
    """The parsed query as one Haystack SQ, or None when it has nothing to search for."""
    combined = None
    for group in groups:
        if all(clause.negated for clause in group) and len(groups) > 1:
            continue  # "a OR -b" would match nearly everything: drop the lone exclusion.
        sq = SQ()
        for clause in group:
            sq &= clause.as_sq()
        combined = sq if combined is None else combined | sq
    return combined


def query_words(groups: list[list[_Clause]]) -> str:
    """The words a reader searched for (no operators, no exclusions): what spelling
    suggestions are asked for."""
    return " ".join(
        word for group in groups for clause in group if not clause.negated for word in clause.words
    )


class QueryField(forms.CharField):
    """Search text with control characters removed before it is validated, so a stray NUL
    byte is ignored rather than rejected."""

    def to_python(self, value):
        return super().to_python(strip_control_characters(value or ""))


class FacetChoicesField(forms.Field):
    """Selected facets in Haystack's convention, `people_exact:John Kirby`, one per GET
    parameter; cleaned to a list of (index field, value) pairs."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        return [strip_control_characters(str(item)).strip() for item in value]

    def validate(self, value):
        super().validate(value)
        if len(value) > MAX_SELECTED_FACETS:
            raise ValidationError(
                "Choose at most %(max)d filters.",
                code="too_many",
                params={"max": MAX_SELECTED_FACETS},
            )
        for item in value:
            field, _, facet_value = item.partition(":")
            name = field.removesuffix(FACET_SUFFIX)
            if not field.endswith(FACET_SUFFIX) or name not in FACET_FIELDS or not facet_value:
                raise ValidationError(
                    "“%(item)s” is not a filter this archive knows.",
                    code="unknown_facet",
                    params={"item": item[:80]},
                )
            if len(facet_value) > MAX_FACET_VALUE_LENGTH:
                raise ValidationError("That filter value is too long.", code="too_long")

    def clean(self, value):
        value = super().clean(value)
        pairs = [tuple(item.partition(":")[::2]) for item in value]
        return list(dict.fromkeys(pairs))  # The same filter twice counts once.


@dataclass(frozen=True)
class FacetItem:
    field: str
    value: str
    count: int
    selected: bool


@dataclass(frozen=True)
class FacetGroup:
    name: str
    label: str
    items: list[FacetItem]
    hidden_count: int = 0


class ArchiveSearchForm(FacetedSearchForm):
    """Query, filters, date range and order of an archive search.

    `search()` returns the narrowed SearchQuerySet with facets requested and nothing about
    pages or requests, so list views, feeds and exports share it. Filters are read, and
    checked, from the bound data's `selected_facets` values (`people_exact:John Kirby`),
    not from FacetedSearchForm's unchecked `selected_facets=` keyword.
    """

    SORT_CHOICES = [
        ("relevance", "Relevance"),
        ("newest", "Newest first"),
        ("oldest", "Oldest first"),
    ]
    SORT_ORDER = {"relevance": None, "newest": "-published_at", "oldest": "published_at"}
    FACET_DISPLAY_LIMIT = 10

    q = QueryField(
        required=False,
        label="Search",
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(attrs={"type": "search"}),
        error_messages={
            "max_length": "Please shorten your search to at most %(limit_value)d characters."
        },
    )
    selected_facets = FacetChoicesField(required=False)
    start_date = forms.DateField(
        required=False, label="From", widget=forms.DateInput(attrs={"type": "date"})
    )
    end_date = forms.DateField(
        required=False, label="To", widget=forms.DateInput(attrs={"type": "date"})
    )
    sort = forms.ChoiceField(choices=SORT_CHOICES, required=False, label="Sort by")

    def clean(self):
        cleaned_data = super().clean()
        start, end = cleaned_data.get("start_date"), cleaned_data.get("end_date")
        if start and end and start > end:
            self.add_error("end_date", "The end date is before the start date.")
        return cleaned_data

    @property
    def parsed_query(self) -> list[list[_Clause]]:
        if not self.is_valid():
            return []
        return parse_query(self.cleaned_data["q"])

    def has_filters(self) -> bool:
        data = self.cleaned_data
        return bool(data["selected_facets"] or data["start_date"] or data["end_date"])

    def is_searching(self) -> bool:
        """Whether there is anything to look for: words, filters or dates."""
        return self.is_valid() and bool(self.parsed_query or self.has_filters())

    def active_facets(self) -> list[tuple[str, str]]:
        """The filters as sent, valid or not, so each one can be shown and removed."""
        if not self.is_bound:
            return []
        return [item.partition(":")[::2] for item in self.data.getlist("selected_facets")]

    def no_query_found(self):
        """Filters without words browse the archive; nothing at all lists nothing."""
        if self.is_valid() and self.has_filters():
            return self.searchqueryset.all()
        return EmptySearchQuerySet()

    def search(self):
        if not self.is_valid():
            return EmptySearchQuerySet()
        sq = query_to_sq(self.parsed_query)
        sqs = self.no_query_found() if sq is None else self.searchqueryset.filter(sq).highlight()
        for field, value in self.cleaned_data["selected_facets"]:
            sqs = sqs.narrow(f'{field}:"{sqs.query.clean(value)}"')
        sqs = self._filter_dates(sqs)
        order = self.SORT_ORDER[self.cleaned_data["sort"] or "relevance"]
        if order:
            sqs = sqs.order_by(order)
        for field in FACET_FIELDS:
            sqs = sqs.facet(field)
        return sqs

    def _filter_dates(self, sqs):
        tz = timezone.get_current_timezone()
        if start := self.cleaned_data["start_date"]:
            sqs = sqs.filter(published_at__gte=datetime.combine(start, time.min, tzinfo=tz))
        if end := self.cleaned_data["end_date"]:
            sqs = sqs.filter(published_at__lte=datetime.combine(end, time.max, tzinfo=tz))
        return sqs

    def get_suggestion(self, results=None):
        """A "did you mean" for the words searched, or None when it would say nothing new.

        Asked of the search's own results (`results`, else a fresh `search()`), because
        engines suggest only when that search finds little."""
        words = query_words(self.parsed_query)
        if not words:
            return None
        if results is None:
            results = self.search()
        suggestion = results.spelling_suggestion(words)
        if not suggestion or suggestion.casefold() == words.casefold():
            return None
        return suggestion

    def facet_groups(self, facet_counts) -> list[FacetGroup]:
        """The sidebar: each facet's values with the engine's counts, selected values kept
        even when past the display limit so each can be seen and removed. (Haystack keys
        `facet_counts()` by the field's own name, "people"; links select "people_exact".)"""
        selected = set(self.cleaned_data["selected_facets"]) if self.is_valid() else set()
        fields = (facet_counts or {}).get("fields", {})
        groups = []
        for name, label in FACET_FIELDS.items():
            field = f"{name}{FACET_SUFFIX}"
            counts = [(value, count) for value, count in fields.get(name, []) if value]
            if name in {"year", "month"}:
                counts.sort(key=lambda pair: pair[0], reverse=True)
            if name == "month":
                counts = self._months_of_chosen_year(counts, fields, selected)
            shown = counts[: self.FACET_DISPLAY_LIMIT]
            shown += [
                pair for pair in counts[self.FACET_DISPLAY_LIMIT :] if (field, pair[0]) in selected
            ]
            items = [
                FacetItem(field, value, count, (field, value) in selected) for value, count in shown
            ]
            if items:
                groups.append(FacetGroup(name, label, items, len(counts) - len(shown)))
        return groups

    @staticmethod
    def _months_of_chosen_year(month_counts, fields, selected):
        """Dates narrow by year, then month: months are listed once the matches fall in one
        year or a year has been chosen (the histogram shows every month meanwhile)."""
        years = {value for field, value in selected if field == f"year{FACET_SUFFIX}"}
        if not years:
            found = [value for value, count in fields.get("year", []) if count]
            if len(found) > 1:
                return []
            years = set(found)
        return [(value, count) for value, count in month_counts if value[:4] in years]
