"""factory_boy factories for the archive's models.

Tests build exactly the rows they need through these, so each test reads as its own setup and
no test depends on fixture files. Offsets of quotes are computed from the article's real plain
text (as `Quote.save` does for editors), so highlighted quotes land where the words are.
"""

import datetime

import factory

from articles.models import (
    Affiliation,
    Article,
    Organisation,
    OrganisationAlias,
    OrganisationMention,
    Person,
    PersonAlias,
    PersonMention,
    Quote,
)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = Organisation.Kind.OTHER


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person Number{n}")
    description = "Spokesperson"


class PersonAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PersonAlias

    person = factory.SubFactory(PersonFactory)
    name = factory.Sequence(lambda n: f"Alias {n}")


class OrganisationAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationAlias

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"ORG{n}")


class AffiliationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Affiliation

    person = factory.SubFactory(PersonFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = "Spokesperson"


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published article; `published_at` steps back an hour per article from a fixed
    moment, so order and dates are predictable."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    headline = factory.Sequence(lambda n: f"Headline number {n}")
    standfirst = "A short summary of the story."
    body = factory.Sequence(
        lambda n: f"<p>Story {n} begins here.</p><p>It continues with more detail.</p>"
    )
    published_at = factory.Sequence(
        lambda n: (
            datetime.datetime(2022, 3, 1, 12, 0, tzinfo=datetime.UTC) - datetime.timedelta(hours=n)
        )
    )
    source = "The Example Times"
    source_url = factory.Sequence(lambda n: f"https://news.example.com/story-{n}")

    @factory.post_generation
    def byline(self, create, extracted, **kwargs):
        if create and extracted:
            self.byline.set(extracted)


class PersonMentionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PersonMention

    article = factory.SubFactory(ArticleFactory)
    person = factory.SubFactory(PersonFactory)
    count = 1


class OrganisationMentionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationMention

    article = factory.SubFactory(ArticleFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    count = 1


def _quoted_words(quote):
    """The first sentence of the article's text: real words, so offsets can be found."""
    return quote.article.body_text.split("\n\n")[0]


class QuoteFactory(factory.django.DjangoModelFactory):
    """A quote by a person; its words default to the article's first paragraph, and
    `Quote.save` finds their offsets."""

    class Meta:
        model = Quote

    article = factory.SubFactory(ArticleFactory)
    person = factory.SubFactory(PersonFactory)
    text = factory.LazyAttribute(_quoted_words)
    verb = "said"
