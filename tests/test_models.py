"""Integrity rules that hold in the database itself, whatever path a row takes."""

import pytest
from django.db import IntegrityError, transaction

from articles.models import (
    Article,
    Organisation,
    OrganisationAlias,
    Person,
    PersonAlias,
    Quote,
    normalize_name,
)

pytestmark = pytest.mark.django_db


def make_article(**fields):
    defaults = {"headline": "Harbour levy approved", "body": "<p>The council voted.</p>"}
    return Article.objects.create(**{**defaults, **fields})


def test_save_sanitises_body_and_derives_fields():
    article = make_article(
        body='<p onclick="x()">Ten words are here in this short body.</p><script>alert(1)</script>'
    )
    assert article.body == "<p>Ten words are here in this short body.</p>"
    assert article.word_count == 8
    assert article.slug == "harbour-levy-approved"
    assert article.content_hash == Article.compute_content_hash(article.headline, article.body_text)


def test_slugs_are_unique_for_repeated_headlines():
    first, second = make_article(), make_article()
    assert first.slug != second.slug


def test_source_url_is_unique_when_present():
    make_article(source_url="https://example.org/a")
    make_article(source_url="")
    make_article(source_url="")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_article(source_url="https://example.org/a")


def test_empty_headline_is_refused_by_the_database():
    article = make_article()
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(headline="")


def test_quote_cannot_be_empty():
    article = make_article()
    with pytest.raises(IntegrityError), transaction.atomic():
        Quote.objects.create(article=article, text="")


def test_quote_cannot_have_a_person_and_an_organisation_as_speaker():
    article = make_article()
    person = Person.objects.create(name="Ada Mensah")
    organisation = Organisation.objects.create(name="Port Authority")
    with pytest.raises(IntegrityError), transaction.atomic():
        Quote.objects.create(
            article=article, text="We will", person=person, organisation=organisation
        )


def test_quote_offsets_must_be_ordered():
    article = make_article()
    with pytest.raises(IntegrityError), transaction.atomic():
        Quote.objects.create(article=article, text="x", start=10, end=2)


def test_quote_typed_by_an_editor_is_placed_in_the_article_text():
    article = make_article(body="<h2>Vote</h2><p>“We will rebuild the pier,” she said.</p>")
    quote = Quote.objects.create(article=article, text="We will rebuild the pier,")
    assert article.body_text[quote.start : quote.end] == quote.text


def test_unnamed_source_keeps_its_description():
    quote = Quote.objects.create(
        article=make_article(), text="It is over", speaker_description="a senior port official"
    )
    assert quote.speaker is None
    assert quote.speaker_name == "a senior port official"


def test_people_match_by_name_and_alias_in_any_case_or_spacing():
    kirby = Person.objects.create(name="Johanna Kirbé")
    PersonAlias.objects.create(person=kirby, name="Kirbé")
    Person.objects.create(name="Someone Else")
    assert list(Person.objects.matching_name("johanna  kirbé")) == [kirby]
    assert list(Person.objects.matching_name("KIRBÉ")) == [kirby]
    assert list(Person.objects.matching_name("Nobody")) == []


def test_possible_duplicates_are_names_a_letter_or_an_initial_apart():
    names = [
        "George W Bush", "George Bush", "Volodymyr Zelensky", "Volodymyr Zelenskyy",
        "J Kirby", "John Kirby", "Jane Kirby", "Hecla Mining", "Dunn", "Dunne",
    ]  # fmt: skip
    for name in names:
        Person.objects.create(name=name)

    flagged = set(Person.objects.possible_duplicates().values_list("name", flat=True))

    assert flagged == {
        "George W Bush", "George Bush", "Volodymyr Zelensky", "Volodymyr Zelenskyy",
        "J Kirby", "John Kirby", "Jane Kirby",
    }  # fmt: skip


def test_an_organisations_first_word_is_no_given_name_to_cut_to_an_initial():
    for name in ["N Bank", "Nevada Bank", "Hecla Mining Co", "Hecla Minging Co"]:
        Organisation.objects.create(name=name)

    flagged = set(Organisation.objects.possible_duplicates().values_list("name", flat=True))

    assert flagged == {"Hecla Mining Co", "Hecla Minging Co"}


def test_organisations_sharing_an_alias_or_named_but_for_and_are_possible_duplicates():
    for name in ["Securities and Exchange Commission", "Securities Exchange Commission"]:
        Organisation.objects.create(name=name)
    for name in ["Nasdaq Stock Market", "Nasdaq Exchange"]:
        OrganisationAlias.objects.create(
            organisation=Organisation.objects.create(name=name), name="NDQ"
        )
    Organisation.objects.create(name="Midwest Exchange")

    flagged = set(Organisation.objects.possible_duplicates().values_list("name", flat=True))

    assert flagged == {
        "Securities and Exchange Commission", "Securities Exchange Commission",
        "Nasdaq Stock Market", "Nasdaq Exchange",
    }  # fmt: skip


def test_alias_is_unique_per_record():
    council = Organisation.objects.create(name="National Security Council")
    OrganisationAlias.objects.create(organisation=council, name="NSC")
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationAlias.objects.create(organisation=council, name="nsc")


def test_normalize_name_ignores_case_punctuation_and_spacing():
    assert normalize_name("  Mark  MILLEY, ") == normalize_name("mark milley")


def test_canonical_urls():
    article = make_article()
    person = Person.objects.create(name="Ada Mensah")
    organisation = Organisation.objects.create(name="Port Authority")
    assert article.get_absolute_url() == f"/articles/{article.slug}/"
    assert person.get_absolute_url() == "/people/ada-mensah/"
    assert organisation.get_absolute_url() == "/organisations/port-authority/"


def test_loaddata_sanitises_article_bodies(tmp_path):
    """Fixtures and restores skip Article.save(); their bodies are cleaned all the same."""
    from django.core.management import call_command

    from tests.html_safety import unsafe_markup

    fixture = tmp_path / "hostile.json"
    fixture.write_text(
        '[{"model": "articles.article", "pk": 9001, "fields": {"headline": "Loaded",'
        ' "slug": "loaded", "body": "<p onclick=\\"x()\\">Hi</p><script>alert(1)</script>",'
        ' "published_at": "2024-01-01T00:00:00Z", "created_at": "2024-01-01T00:00:00Z",'
        ' "updated_at": "2024-01-01T00:00:00Z", "content_hash": "x"}}]'
    )
    call_command("loaddata", str(fixture), verbosity=0)
    body = Article.objects.get(pk=9001).body
    assert body == "<p>Hi</p>"
    assert unsafe_markup(body) == []
