"""What the search index holds: one document per article, quote, person and organisation.

Every document type shares one set of field names (the search contract): `text` to search,
`content_type`, `people`, `organisations`, `speaker`, `source`, `section`, `year` and `month`
to facet on, and stored `title`, `url`, `published_at` (and a few more) so a results page is
rendered from the index alone, without a database query per hit.

The text to search is built in Python (`prepare_text`), not with Haystack's text templates:
rendering a template per document cost more than analysing the text it produced, and an
import indexes an article, its quotes and its new people at once. `people`, `organisations`,
`year` and `month` exist only to be faceted on (their `_exact` fields): nobody searches them
as words and no page shows them from the index, so they are neither indexed nor stored.
"""

from django.db.models import Prefetch
from django.utils import dateformat, timezone
from haystack import indexes

from .models import Affiliation, Article, Organisation, Person, Quote


def _year(moment):
    return f"{moment:%Y}" if moment else None


def _month(moment):
    return f"{moment:%Y-%m}" if moment else None


def _known_date(article):
    return article.published_at if article.date_known else None


def _lines(*parts):
    return "\n".join(part for part in parts if part)


def _loaded(name, queryset=None):
    """Prefetch the relation `name` ("article__people") into a plain list (`_related`
    reads it). A prefetch into the relation's manager builds a manager and a queryset per
    object, which cost more than the rows themselves when a batch prepares thousands of
    quotes."""
    return Prefetch(name, queryset=queryset, to_attr=f"indexed_{name.rsplit('__', 1)[-1]}")


def _related(obj, name):
    """The objects of `obj`'s relation `name`: the list `index_queryset` prefetched, or a
    query for an object loaded some other way."""
    loaded = getattr(obj, f"indexed_{name}", None)
    return loaded if loaded is not None else getattr(obj, name).all()


def _facet_only(field_class=indexes.CharField, **options):
    """A field whose values are only counted and narrowed on, through its `_exact` shadow."""
    return field_class(faceted=True, indexed=False, stored=False, **options)


class ArchiveIndex(indexes.SearchIndex):
    """What every document has: its page's address, and when its record last changed, stored
    so `check_index` can tell a stale document from a current one, and so
    `update_index --age` works."""

    url = indexes.CharField(indexed=False)
    updated_at = indexes.DateTimeField(model_attr="updated_at", indexed=False)

    def get_updated_field(self):
        return "updated_at"

    def prepare_url(self, obj):
        return obj.get_absolute_url()


class DatedIndexMixin:
    """The date of the article a document belongs to, and its `year` and `month` facet values
    ("2022", "2022-11") for the sidebar and histogram, as strings so facet counts come back
    keyed by a label a template can print. An article whose source stated no date has none
    (its `published_at` is its import time): date facets, date ranges and results pages leave
    it out."""

    def prepare_published_at(self, obj):
        return self.prepared_published_at(obj)

    def prepare_year(self, obj):
        return _year(self.prepared_published_at(obj))

    def prepare_month(self, obj):
        return _month(self.prepared_published_at(obj))

    def prepared_published_at(self, obj):
        return _known_date(obj)


class ArticleIndex(DatedIndexMixin, ArchiveIndex, indexes.Indexable):
    text = indexes.CharField(document=True)
    content_type = indexes.CharField(default="article", faceted=True)
    title = indexes.CharField(model_attr="headline")
    published_at = indexes.DateTimeField(null=True)
    year = _facet_only(null=True)
    month = _facet_only(null=True)
    people = _facet_only(indexes.MultiValueField)
    organisations = _facet_only(indexes.MultiValueField)
    speaker = indexes.MultiValueField(faceted=True)
    source = indexes.CharField(model_attr="source", faceted=True, null=True)
    section = indexes.CharField(model_attr="section", faceted=True, null=True)

    def get_model(self):
        return Article

    def index_queryset(self, using=None):
        """Published articles only: a search must never link to a page readers cannot see."""
        return Article.objects.published().prefetch_related(
            _loaded("byline"),
            _loaded("people"),
            _loaded("organisations"),
            _loaded("quotes", Quote.objects.select_related("person", "organisation")),
        )

    def prepare_text(self, obj):
        """Headline, standfirst, body, and the names of everyone in it: a search for a
        person finds the articles quoting them under their full name, even where the body
        says only "Kirby". (Quotes are words of the body, so they are not repeated.)"""
        return _lines(
            obj.headline,
            obj.standfirst,
            obj.body_text,
            *(person.name for person in _related(obj, "byline")),
            *(person.name for person in _related(obj, "people")),
            *(organisation.name for organisation in _related(obj, "organisations")),
            *sorted({quote.speaker_name for quote in _related(obj, "quotes")}),
        )

    def prepare_people(self, obj):
        return sorted(person.name for person in _related(obj, "people"))

    def prepare_organisations(self, obj):
        return sorted(organisation.name for organisation in _related(obj, "organisations"))

    def prepare_speaker(self, obj):
        """Everyone quoted in the article, so "articles quoting X" is one facet click."""
        return sorted({quote.speaker_name for quote in _related(obj, "quotes")})


class QuoteIndex(DatedIndexMixin, ArchiveIndex, indexes.Indexable):
    """A quote is its own search result: the words, who said them and where."""

    text = indexes.CharField(document=True)
    content_type = indexes.CharField(default="quote", faceted=True)
    title = indexes.CharField(model_attr="text")
    published_at = indexes.DateTimeField(null=True)
    year = _facet_only(null=True)
    month = _facet_only(null=True)
    people = _facet_only(indexes.MultiValueField)
    organisations = _facet_only(indexes.MultiValueField)
    speaker = indexes.CharField(model_attr="speaker_name", faceted=True)
    source = indexes.CharField(model_attr="article__source", faceted=True, null=True)
    section = indexes.CharField(model_attr="article__section", faceted=True, null=True)
    article_headline = indexes.CharField(model_attr="article__headline", indexed=False)
    article_url = indexes.CharField(indexed=False)

    def get_model(self):
        return Quote

    def index_queryset(self, using=None):
        """Quotes in published articles, as ArticleIndex indexes only those (a join, not a
        subquery over every published article, which SQLite re-walks for each batch)."""
        return (
            Quote.objects.published()
            .select_related("article", "person", "organisation")
            .defer("article__body", "article__standfirst")
            .prefetch_related(_loaded("article__people"), _loaded("article__organisations"))
        )

    def prepare_text(self, obj):
        """The words, who said them, and the article's headline and date in words, so
        "Kirby negotiations November" finds what Kirby said about negotiations in
        November."""
        published_at = self.prepared_published_at(obj)
        return _lines(
            obj.text,
            obj.speaker_name,
            obj.article.headline,
            dateformat.format(timezone.localtime(published_at), "j F Y") if published_at else "",
        )

    def prepared_published_at(self, obj):
        return _known_date(obj.article)

    def prepare_article_url(self, obj):
        return obj.article.get_absolute_url()

    def prepare_people(self, obj):
        return sorted(person.name for person in _related(obj.article, "people"))

    def prepare_organisations(self, obj):
        return sorted(organisation.name for organisation in _related(obj.article, "organisations"))


class NamedEntityIndex(ArchiveIndex):
    """People and organisations: found by name, aliases and description, and not dated."""

    text = indexes.CharField(document=True)
    content_type = indexes.CharField(faceted=True)
    title = indexes.CharField(model_attr="name")
    published_at = indexes.DateTimeField(null=True)
    description = indexes.CharField(model_attr="description", indexed=False, null=True)

    def prepare_text(self, obj):
        return _lines(
            obj.name,
            *(alias.name for alias in _related(obj, "aliases")),
            obj.description,
            *self.extra_text(obj),
        )

    def extra_text(self, obj):
        """Further lines to search by, besides the name, aliases and description."""
        return ()

    def prepare_content_type(self, obj):
        return obj._meta.model_name


class PersonIndex(NamedEntityIndex, indexes.Indexable):
    def get_model(self):
        return Person

    def extra_text(self, obj):
        """Where the person works and as what: "Kirby NSC" finds John Kirby."""
        return (
            f"{affiliation.organisation.name} {affiliation.role}".strip()
            for affiliation in _related(obj, "affiliations")
        )

    def index_queryset(self, using=None):
        return Person.objects.prefetch_related(
            _loaded("aliases"),
            _loaded("affiliations", Affiliation.objects.select_related("organisation")),
        )


class OrganisationIndex(NamedEntityIndex, indexes.Indexable):
    def get_model(self):
        return Organisation

    def index_queryset(self, using=None):
        return Organisation.objects.prefetch_related(_loaded("aliases"))
