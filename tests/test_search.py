"""The search page, end to end: real Whoosh index in a temp dir (tests/conftest.py), real
database, real HTTP through Django's test client.

Expected counts are computed from the database for the same query, never written down, so a
test fails when the page and the data disagree.
"""

import datetime
import html
import re
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command
from django.db.models import Q
from haystack import connections
from whoosh.analysis import StemmingAnalyzer

from articles.models import Article, Organisation, Person, Quote
from articles.text import text_to_html
from tests.factories import (
    ArticleFactory,
    OrganisationFactory,
    OrganisationMentionFactory,
    PersonFactory,
    PersonMentionFactory,
    QuoteFactory,
)

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
UTC = datetime.UTC


def index_everything():
    """Build the index from the database, as `manage.py rebuild_index` does after a load."""
    call_command("rebuild_index", interactive=False, verbosity=0)


def search(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response.content.decode()


_LINK = re.compile(r'<a href="(?P<href>[^"]*)"(?P<attrs>[^>]*)>(?P<body>.*?)</a>', re.DOTALL)


def facet_links(page: str) -> dict[str, dict[str, int]]:
    """Every link on the page that adds a facet, as {field: {value: count}}: the sidebar's
    counts (in `facet-count`) and the histogram's (in its aria-label)."""
    found: dict[str, dict[str, int]] = {}
    for link in _LINK.finditer(page):
        query = parse_qs(urlsplit(html.unescape(link["href"])).query)
        if "selected_facets" not in query:
            continue
        count = re.search(r'class="facet-count">(\d+)<', link["body"]) or re.search(
            r'aria-label="[^"]*: (\d+) results?"', link["attrs"]
        )
        if not count:
            continue  # a "remove" link
        field, _, value = query["selected_facets"][-1].partition(":")
        found.setdefault(field, {})[value] = int(count.group(1))
    return found


def total_shown(page: str) -> int:
    return int(re.search(r'id="results-heading">([\d,]+) results?<', page)[1].replace(",", ""))


def result_titles(page: str) -> list[str]:
    return [
        html.unescape(re.sub(r"<[^>]+>", "", m[1])).strip()
        for m in re.finditer(r'<h3 class="result__title">(.*?)</h3>', page, re.DOTALL)
    ]


def month(moment) -> str:
    return f"{moment:%Y-%m}"


# --- The seed article -------------------------------------------------------------------


@pytest.fixture
def seed_article():
    """The seed story saved as an editor would paste it: headline, standfirst, body."""
    path = next((CORPUS / "seed").glob("*.txt"))
    headline, standfirst, rest = path.read_text(encoding="utf-8").split("\n", 2)
    return Article.objects.create(
        headline=headline.strip(),
        standfirst=standfirst.strip(),
        body=text_to_html(rest),
        source="Seed Source",
        section="world",
        published_at=datetime.datetime(2022, 11, 17, 9, 0, tzinfo=UTC),
    )


def four_plain_words(article) -> str:
    """Four consecutive plain words from a body paragraph, chosen from the text itself."""
    for paragraph in article.body_text.split("\n\n")[1:]:
        words = paragraph.split()
        for start in range(len(words) - 3):
            window = words[start : start + 4]
            if all(re.fullmatch(r"[A-Za-z]{4,}", word) for word in window):
                return " ".join(window)
    raise AssertionError("no four plain words in the seed article")


def test_seed_article_is_found_by_a_phrase_from_its_body(client, seed_article):
    ArticleFactory(headline="An unrelated story", body="<p>Nothing about that here.</p>")
    index_everything()
    phrase = four_plain_words(seed_article)

    page = search(client, q=f'"{phrase}"')

    assert result_titles(page) == [seed_article.headline]
    assert total_shown(page) == 1
    snippet = re.search(r'<p class="result__snippet">(.*?)</p>', page, re.DOTALL)[1]
    assert "<mark>" in snippet
    assert html.escape(seed_article.get_absolute_url()) in page


def test_seed_quote_is_found_by_its_words_and_shows_its_speaker(client, seed_article):
    sentence = re.search(r"“([^”]{40,300})”", seed_article.body_text)[1]
    speaker = PersonFactory(name="Rowan Example")
    quote = Quote.objects.create(article=seed_article, person=speaker, text=sentence)
    index_everything()
    words = " ".join(re.findall(r"[A-Za-z]{5,}", sentence)[:3])

    page = search(client, q=words, selected_facets="content_type_exact:quote")

    assert total_shown(page) == 1
    assert "Rowan Example" in page
    assert f'href="{seed_article.get_absolute_url()}#quote-{quote.pk}"' in page


# --- Facets against the database --------------------------------------------------------


@pytest.fixture
def demo_archive():
    """Demo-like data: articles over three months of two years, two sources and sections,
    people and organisations mentioned, and quotes, some of which contain the search word
    "ferry" (articles 0, 1, 3, 4, 6, 7 say it in the body; article 8's only in a quote)."""
    people = [PersonFactory(name=name) for name in ("Ada Quill", "Ben Ortiz", "Chen Wu")]
    organisations = [OrganisationFactory(name=name) for name in ("Port Board", "Sea Union")]
    months = [
        datetime.datetime(2022, 10, 5, tzinfo=UTC),
        datetime.datetime(2022, 11, 9, tzinfo=UTC),
        datetime.datetime(2023, 1, 20, tzinfo=UTC),
    ]
    articles = []
    for i in range(9):
        body = "<p>The ferry timetable changed.</p>" if i % 3 != 2 else "<p>Rail news.</p>"
        article = ArticleFactory(
            headline=f"Coastal story {i}",
            body=body + f"<p>Paragraph {i} of local reporting.</p>",
            published_at=months[i % 3] + datetime.timedelta(days=i),
            source=("The Example Times", "Daily Sample")[i % 2],
            section=("world", "business", "world")[i % 3],
        )
        for person in people[: 1 + i % 3]:
            PersonMentionFactory(article=article, person=person)
        OrganisationMentionFactory(article=article, organisation=organisations[i % 2])
        articles.append(article)
    QuoteFactory(article=articles[0], person=people[0], text="The ferry timetable changed")
    QuoteFactory(article=articles[1], person=people[1], text="Paragraph 1 of local reporting")
    QuoteFactory(article=articles[4], person=people[0], text="The ferry timetable changed")
    articles[8].body += "<p>“The ferry will come back,” a spokesperson said.</p>"
    articles[8].save()
    QuoteFactory(article=articles[8], person=people[2], text="The ferry will come back")
    index_everything()
    return articles


def expected_ferry_facets():
    """The facet counts a search for "ferry" must show, counted from the database."""
    articles = Article.objects.filter(
        Q(body__icontains="ferry") | Q(quotes__text__icontains="ferry")
    ).distinct()
    quotes = Quote.objects.filter(
        Q(text__icontains="ferry") | Q(article__headline__icontains="ferry")
    ).select_related("article", "person")
    expected = {
        "content_type_exact": {"article": articles.count(), "quote": quotes.count()},
        "people_exact": {},
        "organisations_exact": {},
        "speaker_exact": Counter(),
        "source_exact": Counter(),
        "section_exact": Counter(),
        "year_exact": Counter(),
        "month_exact": Counter(),
    }
    for person in Person.objects.all():
        n = articles.filter(people=person).count() + quotes.filter(article__people=person).count()
        if n:
            expected["people_exact"][person.name] = n
    for organisation in Organisation.objects.all():
        n = articles.filter(organisations=organisation).count()
        n += quotes.filter(article__organisations=organisation).count()
        if n:
            expected["organisations_exact"][organisation.name] = n
    for article in articles:
        speakers = set(Quote.objects.filter(article=article).values_list("person__name", flat=True))
        expected["speaker_exact"].update(speakers)
    for quote in quotes:
        expected["speaker_exact"][quote.person.name] += 1
    for item in [*articles, *(quote.article for quote in quotes)]:
        expected["source_exact"][item.source] += 1
        expected["section_exact"][item.section] += 1
        expected["year_exact"][f"{item.published_at:%Y}"] += 1
        expected["month_exact"][month(item.published_at)] += 1
    return {field: dict(counts) for field, counts in expected.items()}


def test_facet_counts_equal_database_counts(client, demo_archive):
    page = search(client, q="ferry")
    expected = expected_ferry_facets()

    shown = facet_links(page)

    assert total_shown(page) == sum(expected["content_type_exact"].values())
    for field, counts in expected.items():
        assert shown[field] == counts, field


def test_narrowing_by_two_facets_returns_exactly_their_intersection(client, demo_archive):
    ada = Person.objects.get(name="Ada Quill")
    matching = Article.objects.filter(
        Q(body__icontains="ferry") | Q(quotes__text__icontains="ferry")
    ).distinct()
    expected = sorted(
        matching.filter(people=ada, source="The Example Times").values_list("headline", flat=True)
    )
    expected_quotes = Quote.objects.filter(
        text__icontains="ferry", article__people=ada, article__source="The Example Times"
    )

    page = search(
        client,
        q="ferry",
        selected_facets=["people_exact:Ada Quill", "source_exact:The Example Times"],
    )

    titles = result_titles(page)
    assert sorted(t for t in titles if not t.startswith("“")) == expected
    assert total_shown(page) == len(expected) + expected_quotes.count()
    # Counts update: every remaining facet count is within the narrowed results.
    assert facet_links(page)["content_type_exact"] == {
        key: value
        for key, value in {"article": len(expected), "quote": expected_quotes.count()}.items()
        if value
    }


def test_each_selected_facet_has_a_remove_link_that_removes_only_it(client, demo_archive):
    page = search(
        client,
        q="ferry",
        selected_facets=["people_exact:Ada Quill", "source_exact:Daily Sample"],
    )
    removes = [
        parse_qs(urlsplit(html.unescape(m["href"])).query)
        for m in _LINK.finditer(page)
        if m["body"].strip() == "remove"
    ]

    remaining = [query.get("selected_facets", []) for query in removes]
    assert ["source_exact:Daily Sample"] in remaining
    assert ["people_exact:Ada Quill"] in remaining
    assert all(len(facets) == 1 for facets in remaining)
    assert all(query["q"] == ["ferry"] for query in removes)


def test_facets_alone_browse_the_archive(client, demo_archive):
    page = search(client, selected_facets="section_exact:business")

    expected = Article.objects.filter(section="business").count()
    expected += Quote.objects.filter(article__section="business").count()
    assert total_shown(page) == expected
    assert "section_exact" not in facet_links(page)  # its one section is the selected one


def test_histogram_bars_count_matches_per_month_and_link_to_the_month(client, demo_archive):
    page = search(client, q="ferry")
    bars = facet_links(page)["month_exact"]
    assert bars == expected_ferry_facets()["month_exact"]

    november = search(client, q="ferry", selected_facets="month_exact:2022-11")

    assert total_shown(november) == bars["2022-11"]
    assert 'aria-label="November 2022: ' in page


def test_date_range_keeps_only_results_published_between_the_dates(client, demo_archive):
    page = search(client, q="ferry", start_date="2022-11-01", end_date="2022-12-31")

    assert set(facet_links(page)["month_exact"]) == {"2022-11"}
    assert total_shown(page) == expected_ferry_facets()["month_exact"]["2022-11"]


def test_sort_orders_by_date_both_ways(client, demo_archive):
    articles_only = "content_type_exact:article"
    newest = result_titles(search(client, q="story", sort="newest", selected_facets=articles_only))
    oldest = result_titles(search(client, q="story", sort="oldest", selected_facets=articles_only))

    by_date = list(Article.objects.filter(headline__startswith="Coastal").order_by("published_at"))
    assert newest == [a.headline for a in reversed(by_date)]
    assert oldest == [a.headline for a in by_date]


# --- Query syntax -----------------------------------------------------------------------


@pytest.fixture
def small_archive():
    ferry = ArticleFactory(
        headline="Ferry strike ends",
        body="<p>Harbour workers return.</p>",
        source="Daily Sample",
        section="business",
    )
    ArticleFactory(headline="Rail strike begins", body="<p>Train drivers walk out.</p>")
    ArticleFactory(headline="Harbour dredging", body="<p>Diplomatic talks on dredging.</p>")
    QuoteFactory(
        article=ferry, person=PersonFactory(name="Ada Quill"), text="Harbour workers return."
    )
    index_everything()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("strike", ["Ferry strike ends", "Rail strike begins"]),
        ("strike harbour", ["Ferry strike ends"]),
        ("strike AND harbour", ["Ferry strike ends"]),
        ("ferry OR train", ["Ferry strike ends", "Rail strike begins"]),
        ("strike -rail", ["Ferry strike ends"]),
        ("strike NOT rail", ["Ferry strike ends"]),
        ('"drivers walk out"', ["Rail strike begins"]),
        ('"out walk drivers"', []),
        ("diplom*", ["Harbour dredging"]),
        ("title:harbour", ["Harbour dredging"]),
        ("type:article dredging", ["Harbour dredging"]),
        ("source:sample", ["Ferry strike ends"]),
        ("section:business", ["Ferry strike ends"]),
        ("speaker:quill type:quote", ["“Harbour workers return.”"]),
        ('speaker:"ada quill" type:article', ["Ferry strike ends"]),
    ],
)
def test_query_syntax(client, small_archive, query, expected):
    """Each construct of the help page finds what it says (among articles unless the query
    picks a type, since the quote repeats its article's headline)."""
    articles_only = {} if "type:" in query else {"selected_facets": "content_type_exact:article"}
    assert sorted(result_titles(search(client, q=query, **articles_only))) == expected


def test_help_page_explains_the_syntax_and_is_linked_from_search(client):
    page = search(client, q="anything")
    assert 'href="/search/help/"' in page

    response = client.get("/search/help/")
    help_page = response.content.decode()
    assert response.status_code == 200
    for example in ['"national security council"', "OR", "NOT", "-oil", "diplom*"]:
        assert example in help_page
    assert "title:" in help_page


# --- Pages, hints and suggestions -------------------------------------------------------


def test_empty_search_shows_a_hint_not_results(client, small_archive):
    page = search(client)
    assert "Start a search" in page
    assert 'class="results"' not in page


def test_no_results_shows_a_friendly_hint(client, small_archive):
    page = search(client, q="zeppelin")
    assert total_shown(page) == 0
    assert "Nothing in the archive matches that." in page


@pytest.fixture
def spelling(search_index):
    """The test index with Haystack's INCLUDE_SPELLING on, as a deployment turns it on."""
    connections.connections_info["default"]["INCLUDE_SPELLING"] = True
    return connections.reload("default")


def test_did_you_mean_appears_only_when_few_results(client, spelling, small_archive):
    misspelt = search(client, q="harbuor")
    assert "Did you mean" in misspelt
    assert re.search(r'Did you mean <a href="[^"]*q=harbour', misspelt)

    found = search(client, q="strike")
    assert "Did you mean" not in found


def test_did_you_mean_corrects_the_words_of_a_search_by_field(client, spelling, small_archive):
    """The field's name is no word to correct (it made "titleharbour" of "title:harbuor")."""
    misspelt = search(client, q="title:harbuor")
    suggested = re.search(r'Did you mean <a href="[^"]*">([^<]*)</a>', misspelt)
    assert suggested is not None and suggested[1] == "harbour"


def test_pagination_keeps_query_and_facets(client):
    for i in range(25):
        ArticleFactory(headline=f"Ferry story {i}", body="<p>Ferry news.</p>", section="world")
    index_everything()

    page = search(client, q="ferry", selected_facets="section_exact:world")
    nav = re.search(r'<nav class="pagination" aria-label="[^"]+">(.*?)</nav>', page, re.DOTALL)
    next_href = html.unescape(re.search(r'href="([^"]+)" rel="next"', nav[1])[1])
    query = parse_qs(urlsplit(next_href).query)
    assert query == {"q": ["ferry"], "selected_facets": ["section_exact:world"], "page": ["2"]}

    second = client.get("/search/" + next_href).content.decode()
    assert len(result_titles(page)) == 20
    assert len(result_titles(second)) == 5
    assert not set(result_titles(page)) & set(result_titles(second))


@pytest.mark.parametrize("page_number", ["999", "0", "-3", "two", "", "1e9"])
def test_any_page_number_gets_a_page(client, small_archive, page_number):
    first = search(client, q="strike")
    page = search(client, q="strike", page=page_number)
    assert total_shown(page) == total_shown(first) > 0
    assert result_titles(page) == result_titles(first)


@pytest.mark.parametrize("results", [2, 20])
def test_results_page_costs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, results
):
    for i in range(results):
        article = ArticleFactory(headline=f"Ferry story {i}", body="<p>Ferry news.</p>")
        QuoteFactory(article=article, text="Ferry news.")
        PersonMentionFactory(article=article)
    index_everything()

    with django_assert_max_num_queries(0):
        page = search(client, q="ferry")
    assert len(result_titles(page)) == min(20, 2 * results)


def test_highlighted_snippets_cannot_inject_markup(client):
    ArticleFactory(
        headline="Markup story",
        body="<p>The ferry &lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;bold&lt;/b&gt;</p>",
    )
    index_everything()
    page = search(client, q="ferry")
    snippet = re.search(r'<p class="result__snippet">(.*?)</p>', page, re.DOTALL)[1]
    assert "<script" not in snippet
    assert "<b>" not in snippet
    assert "<mark>" in snippet


# --- A few hundred real stories ---------------------------------------------------------


@pytest.fixture
def bbc_archive():
    """60 BBC stories from each of the five sections (section = folder name), dated a week
    apart through 2004-05 so they spread over many months."""
    start = datetime.datetime(2004, 1, 5, 12, 0, tzinfo=UTC)
    paths = [
        path
        for folder in sorted((CORPUS / "bbc").iterdir())
        if folder.is_dir()
        for path in sorted(folder.glob("*.txt"))[:60]
    ]
    articles = []
    for i, path in enumerate(paths):
        headline, _, rest = path.read_text(encoding="latin-1").strip().partition("\n")
        articles.append(
            Article(
                headline=headline.strip(),
                slug=f"bbc-{i}",
                body=text_to_html(rest),
                source="BBC News",
                section=path.parent.name,
                published_at=start + datetime.timedelta(days=(i * 37) % 700),
            )
        )
    for article in articles:
        article.save()
    index_everything()
    return articles


def matches(article, word) -> bool:
    """Whether the index's analyser finds `word` in the article's indexed text."""
    analyser = StemmingAnalyzer()
    wanted = {token.text for token in analyser(word)}
    text = f"{article.headline}\n{article.standfirst}\n{article.body_text}"
    return wanted <= {token.text for token in analyser(text)}


def test_bbc_facet_counts_equal_database_counts(client, bbc_archive):
    expected_pks = [a.pk for a in Article.objects.all() if matches(a, "government")]
    expected = Article.objects.filter(pk__in=expected_pks)

    page = search(client, q="government")
    shown = facet_links(page)

    assert total_shown(page) == expected.count()
    sections = Counter(expected.values_list("section", flat=True))
    assert shown["section_exact"] == dict(sections)
    years = Counter(f"{a.published_at:%Y}" for a in expected)
    assert shown["year_exact"] == dict(years)
    assert shown["month_exact"] == dict(Counter(month(a.published_at) for a in expected))


def test_bbc_two_facets_narrow_to_the_intersection(client, bbc_archive):
    expected = [
        a.headline
        for a in Article.objects.filter(section="politics", published_at__year=2005)
        if matches(a, "election")
    ]

    page = search(
        client,
        q="election",
        selected_facets=["section_exact:politics", "year_exact:2005"],
        sort="newest",
    )

    assert total_shown(page) == len(expected)
    assert set(result_titles(page)) == set(expected[:20])


def test_an_undated_article_and_its_quotes_have_no_date_in_search(client, search_index):
    """An article whose source stated no date carries its import time, which is no date:
    its documents count in no year or month, fall outside every date range and show none."""
    today = datetime.datetime.now(UTC)
    undated = ArticleFactory(headline="Lighthouse keepers undated", date_known=False)
    QuoteFactory(article=undated, text="The lighthouse stays lit", person=PersonFactory())
    ArticleFactory(headline="Lighthouse keepers dated", published_at=today)
    index_everything()

    page = search(client, q="lighthouse")
    assert total_shown(page) == 3
    assert facet_links(page)["year_exact"] == {f"{today:%Y}": 1}
    in_range = search(client, q="lighthouse", start_date=f"{today:%Y-%m-%d}")
    assert result_titles(in_range) == ["Lighthouse keepers dated"]
    assert page.count('<p class="result__meta"><time') == 1  # the dated article's


def test_undated_results_come_after_the_dated_ones_in_both_date_orders(client, search_index):
    """Whoosh reads a missing date as the largest there is, which put undated results first
    when sorted newest first."""
    ArticleFactory(headline="Breakwater repairs undated", date_known=False)
    ArticleFactory(
        headline="Breakwater repairs 2021", published_at=datetime.datetime(2021, 5, 1, tzinfo=UTC)
    )
    ArticleFactory(
        headline="Breakwater repairs 2020", published_at=datetime.datetime(2020, 5, 1, tzinfo=UTC)
    )
    index_everything()

    newest = result_titles(search(client, q="breakwater", sort="newest"))
    oldest = result_titles(search(client, q="breakwater", sort="oldest"))
    assert newest == [
        "Breakwater repairs 2021",
        "Breakwater repairs 2020",
        "Breakwater repairs undated",
    ]
    assert oldest == [
        "Breakwater repairs 2020",
        "Breakwater repairs 2021",
        "Breakwater repairs undated",
    ]
