"""Merging duplicate people and organisations: nothing pointing at a duplicate is lost."""

import pytest

from articles.models import (
    Affiliation,
    Article,
    Organisation,
    OrganisationMention,
    Person,
    PersonAlias,
    PersonMention,
    Quote,
)
from articles.services import organisation_merge, person_merge

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles():
    return [Article.objects.create(headline=f"Story {n}", body="<p>Text.</p>") for n in range(3)]


def test_person_merge_moves_quotes_mentions_bylines_affiliations_and_aliases(articles):
    first, second, third = articles
    keep = Person.objects.create(name="Vladimir Putin")
    duplicate = Person.objects.create(name="Vladmir Putin", description="Russian president")
    PersonAlias.objects.create(person=duplicate, name="Putin")
    kremlin = Organisation.objects.create(name="Kremlin")
    Affiliation.objects.create(person=duplicate, organisation=kremlin, role="President")
    Quote.objects.create(article=first, text="We are ready", person=duplicate)
    PersonMention.objects.create(article=first, person=keep, count=2)
    PersonMention.objects.create(article=first, person=duplicate, count=3)
    PersonMention.objects.create(article=second, person=duplicate, count=1)
    third.byline.add(duplicate)

    person_merge(keep=keep, duplicates=[duplicate])

    assert not Person.objects.filter(pk=duplicate.pk).exists()
    assert Quote.objects.get().person == keep
    counts = dict(PersonMention.objects.filter(person=keep).values_list("article_id", "count"))
    assert counts == {first.pk: 5, second.pk: 1}
    assert list(third.byline.all()) == [keep]
    assert Affiliation.objects.get().person == keep
    assert set(keep.aliases.values_list("name", flat=True)) == {"Vladmir Putin", "Putin"}
    keep.refresh_from_db()
    assert keep.description == "Russian president"


def test_merge_does_not_add_an_alias_equal_to_the_kept_name(articles):
    keep = Person.objects.create(name="John Kirby")
    duplicate = Person.objects.create(name="john  KIRBY")
    person_merge(keep=keep, duplicates=[duplicate])
    assert keep.aliases.count() == 0


def test_merging_a_record_into_itself_changes_nothing(articles):
    keep = Person.objects.create(name="John Kirby")
    person_merge(keep=keep, duplicates=[keep])
    assert Person.objects.filter(pk=keep.pk).exists()


def test_organisation_merge_moves_quotes_mentions_and_acronym(articles):
    first, *_ = articles
    keep = Organisation.objects.create(name="National Security Council")
    duplicate = Organisation.objects.create(name="NSC")
    Quote.objects.create(article=first, text="No comment", organisation=duplicate)
    OrganisationMention.objects.create(article=first, organisation=duplicate, count=4)

    organisation_merge(keep=keep, duplicates=[duplicate])

    assert Quote.objects.get().organisation == keep
    assert OrganisationMention.objects.get().organisation == keep
    assert list(Organisation.objects.matching_name("nsc")) == [keep]
