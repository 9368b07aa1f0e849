"""CSV and JSON downloads of any list the site shows: every matching row, streamed.

A page shows 20 rows; a download must hold all of them, however many, without building the
whole file in memory or timing out. So rows come from the database with `.iterator()` (in
chunks, prefetches included) and go out through a `StreamingHttpResponse` as they are made.
"""

import csv
import itertools
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import StreamingHttpResponse

FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json"}
CHUNK_SIZE = 500


def requested_format(request) -> str | None:
    """The export format asked for with `?format=csv|json`, or None for the HTML page."""
    fmt = request.GET.get("format")
    return fmt if fmt in FORMATS else None


ARTICLE_FIELDS = [
    "headline", "published_at", "url", "source", "source_url", "section", "word_count",
    "byline", "people", "organisations",
]  # fmt: skip
QUOTE_FIELDS = ["text", "speaker", "speaker_url", "verb", "published_at", "article", "url"]


def _published(article):
    """An article's date, or "" for one its source gave none (its time is the import's)."""
    return article.published_at.isoformat() if article.date_known else ""


def article_rows(articles, request):
    """One dict per article: what a reader needs to cite it or analyse the archive."""
    for article in articles.iterator(chunk_size=CHUNK_SIZE):
        yield {
            "headline": article.headline,
            "published_at": _published(article),
            "url": request.build_absolute_uri(article.get_absolute_url()),
            "source": article.source,
            "source_url": article.source_url,
            "section": article.section,
            "word_count": article.word_count,
            "byline": "; ".join(person.name for person in article.byline.all()),
            "people": "; ".join(person.name for person in article.people.all()),
            "organisations": "; ".join(org.name for org in article.organisations.all()),
        }


def quote_rows(quotes, request):
    """One dict per quote: the words, the speaker and where they were said."""
    for quote in quotes.iterator(chunk_size=CHUNK_SIZE):
        speaker = quote.speaker
        yield {
            "text": quote.text,
            "speaker": quote.speaker_name,
            "speaker_url": (
                request.build_absolute_uri(speaker.get_absolute_url()) if speaker else ""
            ),
            "verb": quote.verb,
            "published_at": _published(quote.article),
            "article": quote.article.headline,
            "url": request.build_absolute_uri(quote.get_absolute_url()),
        }


class _Echo:
    """A file-like object whose write() hands the line back, for csv.writer to stream."""

    def write(self, value):
        return value


def _csv_lines(rows, fieldnames):
    writer = csv.DictWriter(_Echo(), fieldnames=fieldnames)
    yield writer.writeheader()
    for row in rows:
        yield writer.writerow(row)


def _json_lines(rows):
    yield "["
    separator = "\n"
    for row in rows:
        yield separator + json.dumps(row, cls=DjangoJSONEncoder, ensure_ascii=False)
        separator = ",\n"
    yield "\n]\n"


def export_response(rows, fmt: str, filename: str, fieldnames) -> StreamingHttpResponse:
    """Stream `rows` (dicts keyed by `fieldnames`) as `filename`.csv or `filename`.json."""
    lines = _csv_lines(rows, fieldnames) if fmt == "csv" else _json_lines(rows)
    response = StreamingHttpResponse(lines, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def export_articles(articles, request, fmt: str, filename: str) -> StreamingHttpResponse:
    """Every article of the queryset `articles` as a download."""
    return export_response(article_rows(articles, request), fmt, filename, ARTICLE_FIELDS)


def export_quotes(quotes, request, fmt: str, filename: str) -> StreamingHttpResponse:
    """Every quote of the queryset `quotes` as a download."""
    return export_response(quote_rows(quotes, request), fmt, filename, QUOTE_FIELDS)


SEARCH_FIELDS = ["content_type", "title", "speaker", "published_at", "url"]
SEARCH_SLICE = 1000  # hits asked of the search engine at a time (`search_rows`)


def search_rows(results, request):
    """One dict per search hit, from the index's stored fields (no database query per hit).
    Hits are asked of the engine a thousand at a time: iterating a SearchQuerySet asks for
    ten at a time, and every ask ranks all the matches again, so a download of 17,000 hits
    took 80 seconds."""
    for start in itertools.count(0, SEARCH_SLICE):
        hits = results[start : start + SEARCH_SLICE]
        for result in hits:
            speaker = getattr(result, "speaker", "")
            published_at = getattr(result, "published_at", None)
            yield {
                "content_type": getattr(result, "content_type", result.model_name),
                "title": getattr(result, "title", ""),
                "speaker": ", ".join(speaker) if isinstance(speaker, list) else speaker or "",
                "published_at": published_at.isoformat() if published_at else "",
                "url": request.build_absolute_uri(getattr(result, "url", "") or ""),
            }
        if len(hits) < SEARCH_SLICE:
            return


def export_search_results(results, request, fmt: str, filename: str) -> StreamingHttpResponse:
    """Every hit of the SearchQuerySet `results` as a download."""
    return export_response(search_rows(results, request), fmt, filename, SEARCH_FIELDS)
