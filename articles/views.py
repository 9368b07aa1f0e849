"""Reader-facing pages. Views only read: every write goes through articles.services.

Each page costs a fixed number of queries however many rows it shows: lists use
`with_related()` prefetches and counts come from annotated querysets, never per-row lookups.
"""

import logging
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.views.generic import (
    ArchiveIndexView,
    DayArchiveView,
    DetailView,
    ListView,
    MonthArchiveView,
    YearArchiveView,
)
from haystack.query import SearchQuerySet

from .exports import export_articles, export_quotes, export_search_results, requested_format
from .forms import ArchiveSearchForm
from .models import (
    Affiliation,
    Article,
    Organisation,
    OrganisationMention,
    Person,
    PersonMention,
    Quote,
)
from .text import QuoteMark, mark_quotes, mark_quotes_in_text

logger = logging.getLogger(__name__)

HOME_WINDOW_DAYS = 30
RELATED_LIMIT = 4
SIDEBAR_LIMIT = 8


class HomeView(ListView):
    """The latest articles, and who was most in the news in the archive's last 30 days."""

    template_name = "articles/home.html"
    context_object_name = "articles"
    paginate_by = 12

    def get_queryset(self):
        return Article.objects.published().with_related()

    def get_context_data(self, **kwargs):
        published = Article.objects.published().dated()
        since = published.window_start(days=HOME_WINDOW_DAYS)
        return super().get_context_data(
            window_start=since,
            top_people=Person.objects.most_quoted(since=since)[:SIDEBAR_LIMIT],
            top_organisations=Organisation.objects.most_mentioned(since=since)[:SIDEBAR_LIMIT],
            month_counts=list(published.counts_by("month"))[-12:],
            **kwargs,
        )


class ArticleArchiveMixin:
    """What every date-archive page shares: the field, the page size, the published
    articles in the site's time zone whose date is known (an undated article's is its import
    time, no day it was published), and `?format=csv|json` downloads of the whole period.

    Empty periods 404 (`allow_empty = False`), which also makes Django's previous/next links
    skip straight to the nearest period that has articles.
    """

    date_field = "published_at"
    paginate_by = 20
    allow_empty = False
    context_object_name = "articles"
    count_by = None  # "month" or "day": the breakdown shown beside the list
    period = None  # "year", "month" or "day": what previous/next step through

    def get_queryset(self):
        # Plain: Django also runs this for the previous/next lookups, which need no prefetch.
        return Article.objects.published().dated()

    def get_dated_items(self):
        dates, articles, extra = super().get_dated_items()
        return dates, articles.with_related(), extra

    def get(self, request, *args, **kwargs):
        try:
            fmt = requested_format(request)
            if fmt:
                _dates, articles, _extra = self.get_dated_items()
                return export_articles(articles, request, fmt, self.export_filename())
            return super().get(request, *args, **kwargs)
        except OverflowError as error:
            # Dates at the edge of the calendar (year 9999, day 9999-12-31) overflow while
            # computing the next period: that is a page that cannot exist, not a crash.
            raise Http404("Date out of range") from error

    def export_filename(self):
        parts = [self.kwargs.get(key) for key in ("year", "month", "day")]
        return "-".join(["archive", *(part for part in parts if part)])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.count_by:
            context["period_counts"] = list(self.object_list.counts_by(self.count_by))
        if self.period:
            for direction in ("previous", "next"):
                date = context.get(f"{direction}_{self.period}")
                context[f"{direction}_url"] = self.period_url(date) if date else None
        return context

    def period_url(self, date):
        parts = {"year": f"{date:%Y}", "month": f"{date:%m}", "day": f"{date:%d}"}
        keys = ["year", "month", "day"][: ["year", "month", "day"].index(self.period) + 1]
        return reverse(
            f"articles:article-archive-{self.period}", kwargs={key: parts[key] for key in keys}
        )


class ArticleArchiveView(ArticleArchiveMixin, ArchiveIndexView):
    """/archive/: every year and month with its number of articles, newest articles first."""

    allow_empty = True
    count_by = "month"


class ArticleYearArchiveView(ArticleArchiveMixin, YearArchiveView):
    make_object_list = True
    count_by = "month"
    period = "year"


class ArticleMonthArchiveView(ArticleArchiveMixin, MonthArchiveView):
    month_format = "%m"
    count_by = "day"
    period = "month"


class ArticleDayArchiveView(ArticleArchiveMixin, DayArchiveView):
    month_format = "%m"
    period = "day"


def related_articles(article, limit=RELATED_LIMIT):
    """Published articles the search engine finds most like `article`. A related list is a
    nicety: when the engine fails, log it and show none rather than fail the page."""
    try:
        results = SearchQuerySet().models(Article).more_like_this(article)[:limit]
        pks = [int(result.pk) for result in results]
    except Exception:
        logger.exception("More-like-this search failed for article %s", article.pk)
        return []
    found = Article.objects.published().filter(pk__in=pks).exclude(pk=article.pk).in_bulk()
    return [found[pk] for pk in pks if pk in found]


class ArticleDetailView(DetailView):
    """An article with its quotes highlighted in place, who it names, and related stories."""

    model = Article

    def get_queryset(self):
        return Article.objects.published().prefetch_related(
            "byline",
            Prefetch(
                "person_mentions",
                queryset=PersonMention.objects.select_related("person").order_by(
                    "-count", "person__name"
                ),
            ),
            Prefetch(
                "organisation_mentions",
                queryset=OrganisationMention.objects.select_related("organisation").order_by(
                    "-count", "organisation__name"
                ),
            ),
            Prefetch("quotes", queryset=Quote.objects.select_related("person", "organisation")),
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            quoted=quoted_article(self.object), related=related_articles(self.object), **kwargs
        )


@dataclass(frozen=True)
class QuotedArticle:
    """An article's standfirst and body as HTML with its quotes marked in place, and the pks
    of the quotes so placed; the page gives the others an anchor in its list of quotes."""

    standfirst: SafeString
    body: SafeString
    placed: frozenset[int]


def quoted_article(article) -> QuotedArticle:
    """Mark each quote where its offsets say it is, the standfirst or the body (see
    `mark_quotes`), so a quote never gets an anchor twice. Every save path sanitises the body
    (Article.save, and raw saves from loaddata), so the stored body is marked up as it is;
    the standfirst is plain text, escaped."""
    quotes, marks = {}, {False: [], True: []}
    for quote in article.quotes.all():
        anchor = f"quote-{quote.pk}"
        quotes[anchor] = quote
        marks[quote.in_standfirst].append(
            QuoteMark(
                anchor=anchor,
                text=quote.text,
                start=quote.start,
                end=quote.end,
                speaker=quote.speaker_name,
                speaker_url=quote.speaker.get_absolute_url() if quote.speaker else "",
            )
        )
    standfirst, in_standfirst = mark_quotes_in_text(article.standfirst, marks[True])
    body, in_body = mark_quotes(article.body, marks[False])
    return QuotedArticle(
        standfirst=mark_safe(standfirst),  # noqa: S308 - escaped, then marked up by us
        body=mark_safe(body),  # noqa: S308 - built from sanitised HTML
        placed=frozenset(quotes[anchor].pk for anchor in in_standfirst | in_body),
    )


class EntityDetailMixin:
    """What a person's and an organisation's pages share: their quotes and the articles naming
    them (each paginated and downloadable), who appears alongside them, and a monthly chart."""

    quotes_per_page = 20
    articles_per_page = 10

    def get_queryset(self):
        return self.model.objects.prefetch_related("aliases")

    def quotes(self):
        return Quote.objects.published().by(self.object).with_related().newest_first()

    def articles(self):
        return Article.objects.published().mentioning(self.object).with_related()

    def get(self, request, *args, **kwargs):
        fmt = requested_format(request)
        if not fmt:
            return super().get(request, *args, **kwargs)
        self.object = self.get_object()
        name = f"{self.object.slug}-{request.GET.get('list', 'quotes')}"
        if request.GET.get("list") == "articles":
            return export_articles(self.articles(), request, fmt, name)
        return export_quotes(self.quotes(), request, fmt, name)

    def get_context_data(self, **kwargs):
        entity = self.object
        get = self.request.GET
        return super().get_context_data(
            quote_page=Paginator(self.quotes(), self.quotes_per_page).get_page(get.get("page")),
            article_page=Paginator(self.articles(), self.articles_per_page).get_page(
                get.get("articles_page")
            ),
            co_people=Person.objects.co_mentioned_with(entity)[:SIDEBAR_LIMIT],
            co_organisations=Organisation.objects.co_mentioned_with(entity)[:SIDEBAR_LIMIT],
            monthly_mentions=list(self.articles().counts_by("month")),
            monthly_quotes=list(self.quotes().counts_by("month")),
            **kwargs,
        )


class PersonDetailView(EntityDetailMixin, DetailView):
    model = Person

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                Prefetch(
                    "affiliations",
                    queryset=Affiliation.objects.select_related("organisation").order_by(
                        "organisation__name"
                    ),
                )
            )
        )


class OrganisationDetailView(EntityDetailMixin, DetailView):
    model = Organisation

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                Prefetch(
                    "affiliations",
                    queryset=Affiliation.objects.select_related("person").order_by("person__name"),
                )
            )
        )


class EntityIndexMixin:
    """An A-Z index with counts, narrowed to one initial with `?letter=`."""

    paginate_by = 100

    def get_queryset(self):
        rows = self.model.objects.alphabetical().with_counts()
        letter = self.request.GET.get("letter", "")
        if letter:
            rows = rows.filter(name__istartswith=letter[:1])
        return rows

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            letters=self.model.objects.initials(),
            letter=self.request.GET.get("letter", "")[:1].upper(),
            **kwargs,
        )


class PersonListView(EntityIndexMixin, ListView):
    model = Person
    context_object_name = "people"


class OrganisationListView(EntityIndexMixin, ListView):
    model = Organisation
    context_object_name = "organisations"


def search_export(request):
    """Every result of a search (the search page's own query string) as CSV or JSON, so
    a reader can take all of them away, not just the page they were looking at."""
    results = ArchiveSearchForm(request.GET).search()
    return export_search_results(results, request, requested_format(request) or "csv", "search")
