"""RSS and Atom feeds, so readers can follow the archive, a person, an organisation or a
search from their feed reader instead of coming back to look.

Each feed is an RSS class with an Atom subclass (as Django's syndication docs suggest), and
each costs a fixed number of queries: items come with their related rows prefetched.
"""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.text import Truncator

from .forms import ArchiveSearchForm
from .models import Article, Organisation, Person, Quote

FEED_ITEMS = 30
# Feed readers render an item's description as HTML, so our plain text is escaped for it.


class ArticleFeedMixin:
    """Items are articles: headline, standfirst, date, byline and the people it names."""

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        return escape(item.standfirst or Truncator(item.body_text).words(60))

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return ", ".join(person.name for person in item.byline.all()) or None

    def item_categories(self, item):
        return [person.name for person in item.people.all()]


class QuoteFeedMixin:
    """Items are quotes: the words, who said them and the article they link into."""

    def item_title(self, item):
        return f"{item.speaker_name}: “{Truncator(item.text).words(16)}”"

    def item_description(self, item):
        return escape(f"“{item.text}” — {item.speaker_name}, in “{item.article.headline}”")

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.article.published_at

    def item_updateddate(self, item):
        return item.updated_at


class LatestArticlesFeed(ArticleFeedMixin, Feed):
    title = "Newsroom archive: latest articles"
    description = "The newest articles in the newsroom archive."

    def link(self):
        return reverse("articles:home")

    def items(self):
        return Article.objects.published().with_related()[:FEED_ITEMS]


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description


class EntityArticlesFeed(ArticleFeedMixin, Feed):
    """The newest articles naming one person or organisation (`model`)."""

    model = None

    def get_object(self, request, slug):
        return get_object_or_404(self.model, slug=slug)

    def title(self, obj):
        return f"Newsroom archive: articles naming {obj.name}"

    def description(self, obj):
        return f"The newest articles in the newsroom archive that name {obj.name}."

    subtitle = description

    def link(self, obj):
        return obj.get_absolute_url()

    def items(self, obj):
        return Article.objects.published().mentioning(obj).with_related()[:FEED_ITEMS]


class EntityQuotesFeed(QuoteFeedMixin, Feed):
    """The newest quotes by one person or organisation (`model`)."""

    model = None

    def get_object(self, request, slug):
        return get_object_or_404(self.model, slug=slug)

    def title(self, obj):
        return f"Newsroom archive: quotes by {obj.name}"

    def description(self, obj):
        return f"The newest quotes by {obj.name} in the newsroom archive."

    subtitle = description

    def link(self, obj):
        return obj.get_absolute_url()

    def items(self, obj):
        return Quote.objects.published().by(obj).with_related().newest_first()[:FEED_ITEMS]


class PersonArticlesFeed(EntityArticlesFeed):
    model = Person


class PersonArticlesAtomFeed(PersonArticlesFeed):
    feed_type = Atom1Feed


class PersonQuotesFeed(EntityQuotesFeed):
    model = Person


class PersonQuotesAtomFeed(PersonQuotesFeed):
    feed_type = Atom1Feed


class OrganisationArticlesFeed(EntityArticlesFeed):
    model = Organisation


class OrganisationArticlesAtomFeed(OrganisationArticlesFeed):
    feed_type = Atom1Feed


class OrganisationQuotesFeed(EntityQuotesFeed):
    model = Organisation


class OrganisationQuotesAtomFeed(OrganisationQuotesFeed):
    feed_type = Atom1Feed


class SearchFeed(Feed):
    """The newest results of any search (the search page's own query string), read from the
    index's stored fields so a feed costs no database query per item."""

    def get_object(self, request):
        return request

    def title(self, request):
        query = request.GET.get("q", "").strip()
        return f"Newsroom archive: search for “{query}”" if query else "Newsroom archive: search"

    def description(self, request):
        return "The newest articles, quotes, people and organisations matching a search."

    subtitle = description

    def link(self, request):
        query = request.GET.copy()
        query.pop("page", None)
        return f"{reverse('articles:search')}?{query.urlencode()}"

    def items(self, request):
        # A followed search is read newest first, whatever order the page was sorted in.
        params = request.GET.copy()
        params["sort"] = "newest"
        results = ArchiveSearchForm(params).search()
        return list(results[:FEED_ITEMS])

    def item_title(self, result):
        return result.title or ""

    def item_description(self, result):
        speaker = getattr(result, "speaker", None)
        text = f"{result.title} — {speaker}" if result.content_type == "quote" else result.title
        return escape(text)

    def item_link(self, result):
        return result.url

    def item_pubdate(self, result):
        return result.published_at


class SearchAtomFeed(SearchFeed):
    feed_type = Atom1Feed
