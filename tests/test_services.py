"""The import and extraction services: matching people across articles and keeping editors'
confirmed quotes through re-extraction."""

from dataclasses import replace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from haystack.query import SearchQuerySet

from articles import search_queue, services
from articles.extraction import extract
from articles.importers.records import (
    ParsedArticle,
    ParsedOrganisation,
    ParsedPerson,
    ParsedQuote,
)
from articles.importers.runner import Job, prepare
from articles.models import (
    Article,
    Organisation,
    OrganisationAlias,
    OrganisationMention,
    Person,
    PersonMention,
    Quote,
)
from articles.text import CleanHTML, html_to_text, sanitize_html
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def parsed(headline, *paragraphs, url=""):
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return ParsedArticle(headline=headline, body_html=body, origin_path="test", source_url=url)


FULL = parsed(
    "Pier to close",
    "Maria Lindqvist, director of operations at the Harbour Authority, said the pier would close.",
    '"We cannot let ferries tie up there," Lindqvist said on Tuesday.',
)
SHORT = parsed(
    "Ferries move berths",
    "Ferry timetables change next month.",
    '"Passengers will notice longer walks," Lindqvist said.',
)


def speakers(article):
    return {quote.person for quote in article.quotes.all()}


def test_a_surname_in_a_later_article_finds_the_person_named_in_full_before():
    first = services.article_import(parsed=FULL).article
    second = services.article_import(parsed=SHORT).article
    person = Person.objects.get(name="Maria Lindqvist")
    assert Person.objects.matching_name("Lindqvist").get() == person
    assert speakers(first) == speakers(second) == {person}


def test_a_person_first_seen_by_surname_takes_the_full_name_when_it_turns_up():
    services.article_import(parsed=SHORT)
    short_record = Person.objects.get()
    services.article_import(parsed=FULL)
    person = Person.objects.get()
    assert person.pk == short_record.pk
    assert person.name == "Maria Lindqvist"
    assert "lindqvist" in person.aliases.values_list("name_key", flat=True)


def test_two_people_sharing_a_surname_stay_two_people():
    services.article_import(parsed=FULL)
    services.article_import(
        parsed=parsed(
            "Budget agreed",
            "Erik Lindqvist, the city treasurer, presented the budget.",
            '"It balances," Erik Lindqvist said.',
        )
    )
    assert set(Person.objects.values_list("name", flat=True)) >= {
        "Maria Lindqvist",
        "Erik Lindqvist",
    }


def _with_people(headline, *people):
    return ParsedArticle(
        headline=headline,
        body_html=f"<p>{headline} was the talk of the harbour.</p>",
        origin_path="test",
        people=people,
    )


def test_a_given_name_in_a_later_article_is_not_the_person_it_once_stood_for():
    """A feature may call Maria Lindqvist "Maria", but another article's "Maria" is anybody;
    her surname still finds her."""
    services.article_import(
        parsed=_with_people(
            "Pier closes", ParsedPerson("Maria Lindqvist", aliases=("Maria", "Lindqvist"))
        ),
        extract=False,
    )
    services.article_import(
        parsed=_with_people("Choir sings", ParsedPerson("Maria")), extract=False
    )
    services.article_import(
        parsed=_with_people("Ferries move", ParsedPerson("Lindqvist")), extract=False
    )

    assert sorted(Person.objects.values_list("name", flat=True)) == ["Maria", "Maria Lindqvist"]
    assert Person.objects.get(name="Maria Lindqvist").articles.count() == 2


def test_a_surname_two_known_people_share_finds_neither():
    for full in ["Serena Williams", "Rowan Williams"]:
        services.article_import(
            parsed=_with_people(f"{full} speaks", ParsedPerson(full, aliases=("Williams",))),
            extract=False,
        )
    services.article_import(
        parsed=_with_people("Title defended", ParsedPerson("Williams")), extract=False
    )

    article = Article.objects.get(headline="Title defended")
    assert [person.name for person in article.people.all()] == ["Williams"]


def test_a_record_of_a_given_name_alone_keeps_it_when_a_full_name_turns_up():
    services.article_import(
        parsed=_with_people("Choir sings", ParsedPerson("Maria")), extract=False
    )
    services.article_import(
        parsed=_with_people("Pier closes", ParsedPerson("Maria Lindqvist", aliases=("Maria",))),
        extract=False,
    )

    assert sorted(Person.objects.values_list("name", flat=True)) == ["Maria", "Maria Lindqvist"]


def test_a_word_for_a_kind_of_body_joins_no_two_organisations():
    """A story's "the Commission" is its own commission: kept as an alias, it made every
    later commission one record with the first."""
    for headline, name in [
        ("Filing reviewed", "Securities and Exchange Commission"),
        ("Rail rates cut", "Texas Railroad Commission"),
    ]:
        services.article_import(
            parsed=replace(
                _with_people(headline),
                organisations=(ParsedOrganisation(name, aliases=("Commission",)),),
            ),
            extract=False,
        )

    assert sorted(Organisation.objects.values_list("name", flat=True)) == [
        "Securities and Exchange Commission",
        "Texas Railroad Commission",
    ]
    assert not OrganisationAlias.objects.filter(name="Commission").exists()


def test_re_extraction_replaces_machine_quotes_and_never_touches_confirmed_ones():
    article = services.article_import(parsed=FULL).article
    confirmed = article.quotes.order_by("start").first()
    confirmed.is_confirmed = True
    confirmed.verb = "insisted"  # an editor's correction
    confirmed.save()
    machine = set(article.quotes.filter(is_confirmed=False).values_list("pk", flat=True))

    services.article_extract(article=article)
    confirmed.refresh_from_db()
    assert confirmed.verb == "insisted"
    unconfirmed = article.quotes.filter(is_confirmed=False)
    assert not machine & set(unconfirmed.values_list("pk", flat=True))
    # The confirmed quote is not found a second time as a machine quote.
    assert not unconfirmed.filter(start=confirmed.start).exists()
    assert article.quotes.filter(is_confirmed=True).count() == 1


def test_reimport_of_changed_text_keeps_confirmed_quotes():
    url = "https://news.example.org/pier"
    article = services.article_import(parsed=parsed(*[FULL.headline], "Intro.", url=url)).article
    services.article_import(parsed=ParsedArticle(**{**FULL.__dict__, "source_url": url}))
    quote = article.quotes.get()
    Quote.objects.filter(pk=quote.pk).update(is_confirmed=True)
    outcome = services.article_import(
        parsed=parsed(FULL.headline, *FULL.body_html[3:-4].split("</p><p>"), "More.", url=url)
    )
    assert outcome.action == "updated"
    assert Quote.objects.filter(pk=quote.pk, is_confirmed=True).exists()
    assert Article.objects.count() == 1


def test_dry_run_reports_the_outcome_without_writing():
    outcome = services.article_import(parsed=FULL, dry_run=True)
    assert (outcome.action, outcome.article) == ("imported", None)
    assert outcome.quotes_found >= 1
    assert not Article.objects.exists() and not Person.objects.exists()


def test_admin_action_extracts_quotes_for_the_selected_articles(admin_client):
    article = services.article_import(parsed=FULL, extract=False).article
    assert not article.quotes.exists()
    response = admin_client.post(
        "/admin/articles/article/",
        {"action": "extract_selected", "_selected_action": [article.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert speakers(article) == {Person.objects.get(name="Maria Lindqvist")}


def test_a_preloaded_batch_writes_an_article_naming_known_people_in_few_queries(
    django_assert_max_num_queries,
):
    """Names, aliases and existing articles are looked up once per batch, not per name."""
    services.article_import(parsed=FULL)
    later = parsed(
        "Pier reopens",
        "Maria Lindqvist, director of operations at the Harbour Authority, said it reopened.",
        '"Ferries are back," Lindqvist said. "Thank you for waiting," she added.',
    )
    body = sanitize_html(later.body_html)
    body_text = html_to_text(body)
    result = extract(body_text)  # as the importer's workers do
    batch = services.ImportBatch()
    batch.preload([(later, result, body_text)])
    # Savepoint and release, article, two mention inserts, quotes, affiliations lookup,
    # index queue: none of them per name.
    with django_assert_max_num_queries(8):
        outcome = services.article_import(
            parsed=later,
            extraction=result,
            extracted_from=body_text,
            body=body,
            body_text=body_text,
            batch=batch,
        )
    assert outcome.action == "imported"
    assert speakers(outcome.article) == {Person.objects.get(name="Maria Lindqvist")}
    assert len(result.quotes) == outcome.quotes_found == 2


def _import_batch(articles):
    """Import `articles` as the importer does: one batch, preloaded, each article's text
    cleaned and extracted beforehand. Returns the SQL run while writing them."""
    prepared = []
    for article in articles:
        body = sanitize_html(article.body_html)
        body_text = html_to_text(body)
        prepared.append((article, extract(body_text), body, body_text))
    batch = services.ImportBatch()
    batch.preload((article, result, text) for article, result, _body, text in prepared)
    with CaptureQueriesContext(connection) as queries:
        for article, result, body, body_text in prepared:
            services.article_import(
                parsed=article,
                extraction=result,
                extracted_from=body_text,
                body=body,
                body_text=body_text,
                batch=batch,
            )
    return [query["sql"] for query in queries.captured_queries]


def test_a_preloaded_batch_picks_free_slugs_without_a_query_per_new_record():
    sql = _import_batch(
        [
            parsed(f"Harbour reopens on {day}", f'"We are open," {name} said on {day}.')
            for day, name in (("Monday", "Anna Berg"), ("Friday", "Tomas Holm"))
        ]
        + [parsed("Harbour closes", '"Not yet," Elin Sjoberg said.')]
    )
    slug_lookups = [query for query in sql if query.startswith("SELECT") and '"slug"' in query]
    assert slug_lookups == []
    assert sorted(Article.objects.values_list("slug", flat=True)) == [
        "harbour-closes",
        "harbour-reopens-on-friday",
        "harbour-reopens-on-monday",
    ]
    assert sorted(Person.objects.values_list("slug", flat=True)) == [
        "anna-berg",
        "elin-sjoberg",
        "tomas-holm",
    ]


def test_new_records_whose_slug_another_row_has_get_the_next_free_one():
    """A different name can make the same slug ("Zoë" and "Zoe"), in the database already or
    earlier in the same batch."""
    PersonFactory(name="Zoë Lund", slug="zoe-lund")
    services.article_import(parsed=parsed("Quay works", "The quay works began."))
    _import_batch(
        [
            parsed("Quay works", '"It is loud," Zoe Lund said.'),
            parsed("Quay  works", '"It is very loud," Zoe-Lund Jr said.', url="https://x.test/q"),
        ]
    )
    assert sorted(Article.objects.values_list("slug", flat=True)) == [
        "quay-works",
        "quay-works-2",
        "quay-works-3",
    ]
    assert set(Person.objects.values_list("name", "slug")) >= {
        ("Zoë Lund", "zoe-lund"),
        ("Zoe Lund", "zoe-lund-2"),
    }


# Re-extraction and the mentions it found before

CRANE = (
    "Teodora Vasquez, chief engineer at the Northfield Port Trust, inspected the crane on Monday.",
    '"The crane will be replaced before winter," Henrik Dalby said.',
)
CRANE_EDITED = ("The crane was inspected on Monday.", CRANE[1])


def named(article):
    return {
        *article.people.values_list("name", flat=True),
        *article.organisations.values_list("name", flat=True),
    }


def indexed_people():
    """The people facet of the article documents, once the queued index work is applied."""
    search_queue.process_pending()
    facets = SearchQuerySet().models(Article).facet("people").facet_counts()
    return {name for name, count in facets["fields"]["people"] if count}


def test_re_extraction_of_edited_text_drops_the_mentions_it_no_longer_finds(client):
    article = services.article_import(parsed=parsed("Crane to go", *CRANE)).article
    assert named(article) == {"Teodora Vasquez", "Henrik Dalby", "Northfield Port Trust"}
    engineer = Person.objects.get(name="Teodora Vasquez")
    assert "Teodora Vasquez" in indexed_people()

    article.body = "".join(f"<p>{paragraph}</p>" for paragraph in CRANE_EDITED)
    article.save()
    services.article_extract(article=article)

    assert named(article) == {"Henrik Dalby"}
    assert "Teodora Vasquez" not in indexed_people()
    assert article.headline not in client.get(engineer.get_absolute_url()).content.decode()
    # The person stays: other articles may name them, and merges and pages need the record.
    assert Person.objects.filter(pk=engineer.pk).exists()


def test_re_extraction_keeps_mentions_an_editor_added(admin_client):
    article = services.article_import(parsed=parsed("Crane to go", *CRANE)).article
    inspector = PersonFactory(name="Olive Brandt")  # named in a photo caption, say
    PersonMention.objects.create(article=article, person=inspector)
    # An editor keeps the engineer too, by unticking "found by extraction".
    article.person_mentions.filter(person__name="Teodora Vasquez").update(is_extracted=False)

    article.body = "".join(f"<p>{paragraph}</p>" for paragraph in CRANE_EDITED)
    article.save()
    response = admin_client.post(
        "/admin/articles/article/",
        {"action": "extract_selected", "_selected_action": [article.pk]},
        follow=True,
    )

    assert response.status_code == 200
    assert named(article) == {"Olive Brandt", "Teodora Vasquez", "Henrik Dalby"}
    assert indexed_people() == {"Olive Brandt", "Teodora Vasquez", "Henrik Dalby"}


def test_reimport_of_changed_text_drops_stale_extracted_mentions_but_keeps_tagged_ones():
    """Reuters-style tags name people and organisations the text may not: they stay, even
    when extraction found them first or stops finding them."""
    url = "https://news.example.org/crane"
    services.article_import(parsed=parsed("Crane to go", *CRANE, url=url))
    tags = {
        "people": (ParsedPerson(name="Teodora Vasquez"), ParsedPerson(name="Ines Moravec")),
        "organisations": (ParsedOrganisation(name="Harbour Workers Union"),),
    }
    edited = parsed("Crane to go", *CRANE_EDITED, url=url)

    outcome = services.article_import(parsed=ParsedArticle(**{**edited.__dict__, **tags}))

    assert outcome.action == "updated"
    assert named(outcome.article) == {
        "Teodora Vasquez",
        "Ines Moravec",
        "Henrik Dalby",
        "Harbour Workers Union",
    }
    assert not outcome.article.person_mentions.filter(
        person__name="Teodora Vasquez", is_extracted=True
    ).exists()
    assert not OrganisationMention.objects.filter(organisation__name="Northfield Port Trust")
    # Extracting the same text again keeps what the source named.
    services.article_extract(article=outcome.article)
    assert "Ines Moravec" in named(outcome.article)


def test_merging_keeps_an_editors_mention_when_an_extracted_one_joins_it():
    article = services.article_import(parsed=parsed("Crane to go", *CRANE)).article
    dalby = Person.objects.get(name="Henrik Dalby")
    duplicate = PersonFactory(name="H. Dalby")
    PersonMention.objects.create(article=article, person=duplicate)

    services.person_merge(keep=dalby, duplicates=[duplicate])

    mention = article.person_mentions.get(person=dalby)
    assert (mention.count, mention.is_extracted) == (2, False)


# Quotes in the standfirst

STANDFIRST_QUOTE = "The crane has reached the end of its working life,"
CRANE_WITH_STANDFIRST = ParsedArticle(
    headline="Crane to go",
    standfirst=f'"{STANDFIRST_QUOTE}" Henrik Dalby said on Monday.',
    body_html="<p>Engineers inspected the crane on Monday.</p><p>It goes before winter.</p>",
    origin_path="test",
)


def test_a_quote_only_the_standfirst_has_is_placed_in_the_standfirst():
    article = services.article_import(parsed=CRANE_WITH_STANDFIRST).article
    quote = article.quotes.get()
    assert quote.in_standfirst
    assert article.standfirst[quote.start : quote.end] == STANDFIRST_QUOTE
    assert quote.person == Person.objects.get(name="Henrik Dalby")


def test_a_standfirst_quote_the_body_repeats_is_stored_once_in_the_body():
    repeated = f'<p>"{STANDFIRST_QUOTE}" Dalby told the board.</p>'
    article = services.article_import(
        parsed=ParsedArticle(**{**CRANE_WITH_STANDFIRST.__dict__, "body_html": repeated})
    ).article
    quote = article.quotes.get()
    assert not quote.in_standfirst
    assert article.body_text[quote.start : quote.end] == STANDFIRST_QUOTE


def test_re_extraction_keeps_a_confirmed_standfirst_quote_and_does_not_find_it_again():
    article = services.article_import(parsed=CRANE_WITH_STANDFIRST).article
    article.quotes.update(is_confirmed=True)

    services.article_extract(article=article)

    quote = article.quotes.get()
    assert (quote.is_confirmed, quote.in_standfirst) == (True, True)


def test_a_body_quote_at_the_offsets_of_a_standfirst_quote_is_a_different_quote():
    """Offsets into the standfirst and into the body are compared only with their own kind."""
    article = services.article_import(parsed=CRANE_WITH_STANDFIRST).article
    article.quotes.update(is_confirmed=True)
    article.body = "<p>“We will miss the old crane,” Dalby added.</p>"
    article.save()

    services.article_extract(article=article)

    assert set(article.quotes.values_list("in_standfirst", "is_confirmed", "start")) == {
        (True, True, 1),
        (False, False, 1),
    }


def test_a_source_quote_without_offsets_is_placed_where_its_words_are():
    quotes = (ParsedQuote(text="end of its working life"), ParsedQuote(text="before winter"))
    article = services.article_import(
        parsed=ParsedArticle(**{**CRANE_WITH_STANDFIRST.__dict__, "quotes": quotes})
    ).article
    placed = {q.text: (q.in_standfirst, q.start) for q in article.quotes.all()}
    assert placed == {
        "end of its working life": (True, article.standfirst.index("end of its")),
        "before winter": (False, article.body_text.index("before winter")),
    }


HOSTILE_BODY = (
    '<p onclick="steal()">Pier to close</p><script>alert(1)</script>'
    '<a href="javascript:alert(2)">link</a><img src=x onerror="alert(3)">'
)


def test_a_plain_save_cleans_hostile_markup_and_an_edited_clean_body():
    article = Article(headline="Pier to close", body=HOSTILE_BODY)
    article.save()
    article.refresh_from_db()
    assert article.body == sanitize_html(HOSTILE_BODY)
    assert "<script" not in article.body and "onclick" not in article.body
    assert "javascript:" not in article.body and "onerror" not in article.body

    # A body sanitize_html returned, then edited, is an ordinary string again.
    article.body = sanitize_html("<p>Safe</p>") + '<script>alert("edited")</script>'
    assert not isinstance(article.body, CleanHTML)
    article.save()
    article.refresh_from_db()
    assert "<script" not in article.body


def test_the_importer_stores_the_body_its_worker_cleaned_without_cleaning_it_again():
    """The worker's `prepare` cleans the body off the writer; saving hands that very string
    on (bleach would return a new one), and it is what `sanitize_html` makes of the page."""
    story = parsed("Harbour works", "The pier <b>closes</b> on Tuesday.", HOSTILE_BODY)
    prepared = prepare(Job(lambda: story, (), "test"), extract_quotes=True)
    assert isinstance(prepared.body, CleanHTML)
    outcome = services.article_import(
        parsed=story,
        extraction=prepared.extraction,
        extracted_from=prepared.body_text,
        body=prepared.body,
        body_text=prepared.body_text,
    )
    assert outcome.article.body is prepared.body
    stored = Article.objects.get(pk=outcome.article.pk).body
    assert stored == sanitize_html(str(story.body_html))
    assert "<script" not in stored and "onclick" not in stored and "onerror" not in stored
