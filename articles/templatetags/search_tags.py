"""Template helpers for the search page: facet links, labels, snippets and the histogram.

Facet links are built from the current query string so a click adds or removes exactly one
filter and keeps everything else (query, dates, sort) while going back to the first page.
"""

from datetime import date

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from articles.forms import FACET_FIELDS, FACET_SUFFIX
from articles.search_backends import safe_highlight

register = template.Library()

CONTENT_TYPE_LABELS = {
    "article": "Article",
    "person": "Person",
    "organisation": "Organisation",
    "quote": "Quote",
}
# Past this many months a month-by-month chart is unreadable on a phone; it counts years.
HISTOGRAM_MAX_MONTHS = 60
SNIPPET_WORDS = 40


def _facet_query(context, field, value, *, add):
    query = context["request"].GET.copy()
    query.pop("page", None)
    facet = f"{field}:{value}"
    selected = [item for item in query.getlist("selected_facets") if item != facet]
    if add:
        selected.append(facet)
    query.setlist("selected_facets", selected)
    return f"?{query.urlencode()}"


@register.simple_tag(takes_context=True)
def add_facet_url(context, field, value):
    """The current search narrowed by one more facet value."""
    return _facet_query(context, field, value, add=True)


@register.simple_tag(takes_context=True)
def remove_facet_url(context, field, value):
    """The current search without this facet value."""
    return _facet_query(context, field, value, add=False)


def _month(value):
    year, _, month = str(value).partition("-")
    try:
        return date(int(year), int(month), 1)
    except ValueError:
        return None


@register.filter
def facet_label(value, field):
    """How a facet value reads to people: "November 2022" for "2022-11", "Quote" for
    "quote"; other values are names already."""
    name = field.removesuffix(FACET_SUFFIX)
    if name == "content_type":
        return CONTENT_TYPE_LABELS.get(value, value)
    if name == "month" and (month := _month(value)):
        return f"{month:%B %Y}"
    return value


@register.filter
def facet_field_label(field):
    return FACET_FIELDS.get(field.removesuffix(FACET_SUFFIX), field)


def _snippets(highlighted):
    """Highlight snippets in either shape Haystack backends return: a list (Whoosh here,
    Elasticsearch) or a dict of lists keyed by field (Solr, stock Whoosh)."""
    if isinstance(highlighted, dict):
        return [snippet for snippets in highlighted.values() for snippet in snippets]
    return highlighted or []


@register.filter
def result_snippet(result):
    """The highlighted passage for a search, sanitised to text plus <mark> whatever the
    engine sent; without one (browsing by facet), the start of the stored text."""
    for snippet in _snippets(getattr(result, "highlighted", None)):
        if snippet and snippet.strip():
            return mark_safe(safe_highlight(snippet))  # noqa: S308 - sanitised just above
    text = getattr(result, "text", "") or ""
    title = getattr(result, "title", "") or ""
    if title and text.startswith(title):
        text = text[len(title) :]
    return escape(Truncator(" ".join(text.split())).words(SNIPPET_WORDS))


@register.simple_tag
def date_histogram(facet_counts):
    """Bars for the matches per month (per year over long spans), from the engine's facet
    counts, with empty periods filled in so the time axis is even.

    Drawn as SVG (the site's Content-Security-Policy forbids inline styles) in a 100-high
    viewBox, 10 units per bar. Each bar: `date`, `count`, `x`, `y` and `height`, and the
    facet `field` and `value` a click on it selects; `by` is "month" or "year".
    """
    fields = (facet_counts or {}).get("fields", {})
    months = {
        month: count
        for value, count in fields.get("month", [])
        if (month := _month(value)) and count
    }
    if not months:
        return {"by": "month", "bars": [], "width": 0}
    first, last = min(months), max(months)
    span = (last.year - first.year) * 12 + last.month - first.month + 1
    if span > HISTOGRAM_MAX_MONTHS:
        counts = {}
        for month, count in months.items():
            year = date(month.year, 1, 1)
            counts[year] = counts.get(year, 0) + count
        periods = [date(year, 1, 1) for year in range(first.year, last.year + 1)]
        by, value_format = "year", "%Y"
    else:
        counts = months
        periods = [
            date(first.year + (first.month - 1 + i) // 12, (first.month - 1 + i) % 12 + 1, 1)
            for i in range(span)
        ]
        by, value_format = "month", "%Y-%m"
    tallest = max(counts.values())
    bars = []
    for index, period in enumerate(periods):
        count = counts.get(period, 0)
        # A bar is at least 2 units high, so a month with one match is still visible.
        height = max(2, round(100 * count / tallest)) if count else 0
        bars.append(
            {
                "date": period,
                "count": count,
                "x": index * 10,
                "y": 100 - height,
                "height": height,
                "field": f"{by}{FACET_SUFFIX}",
                "value": f"{period:{value_format}}",
            }
        )
    return {"by": by, "bars": bars, "width": len(bars) * 10}
