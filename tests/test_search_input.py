"""Whatever a reader (or a bot) sends to /search/, the answer is a page, never a server error.

Hypothesis throws generated queries, filters, dates, orders and page numbers at the real
view over a real index; explicit examples pin down each case named in the issue.
"""

import datetime
import re

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.forms import parse_query
from tests.factories import ArticleFactory, PersonFactory, PersonMentionFactory, QuoteFactory

pytestmark = pytest.mark.django_db

FACET_FIELDS = ["content_type", "people", "organisations", "speaker", "source", "section"]
SYNTAX = ['"', "AND", "OR", "NOT", "-", "*", ":", "title:", "speaker:", "(", ")", "\\", "'"]


@pytest.fixture
def archive():
    """A small indexed archive, so queries have something to match, narrow and page."""
    person = PersonFactory(name="Ada Quill")
    for i in range(5):
        article = ArticleFactory(
            headline=f"Harbour story {i}",
            body=f"<p>The harbour ferry {i} sailed. Гавань 港口 مرفأ.</p>",
            section="world",
            published_at=datetime.datetime(2022, 10 + i % 3, 3, tzinfo=datetime.UTC),
        )
        PersonMentionFactory(article=article, person=person)
    QuoteFactory(article=article, person=person, text="The harbour ferry 4 sailed.")
    call_command("rebuild_index", interactive=False, verbosity=0)


def assert_page(client, params):
    response = client.get("/search/", params)
    assert response.status_code == 200, params
    assert b"</html>" in response.content


queries = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(st.sampled_from(SYNTAX), st.text(min_size=1, max_size=12)), max_size=12).map(
        " ".join
    ),
    st.lists(st.sampled_from([*SYNTAX, "harbour", "ferry", "harb*", "Ada"]), max_size=10).map(
        "".join
    ),
)
facets = st.lists(
    st.one_of(
        st.builds(
            "{}_exact:{}".format,
            st.sampled_from([*FACET_FIELDS, "year", "month", "unknown"]),
            st.one_of(st.sampled_from(["Ada Quill", "world", "2022", "2022-11"]), st.text()),
        ),
        st.text(max_size=40),
    ),
    max_size=4,
)
pages = st.one_of(st.integers(-(10**20), 10**20).map(str), st.text(max_size=10))
dates = st.one_of(st.dates().map(str), st.text(max_size=12), st.just(""))


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    q=queries,
    selected_facets=facets,
    page=pages,
    start_date=dates,
    end_date=dates,
    sort=st.sampled_from(["", "relevance", "newest", "oldest", "sideways"]),
)
def test_any_input_gets_a_page(
    client, archive, q, selected_facets, page, start_date, end_date, sort
):
    params = {
        "q": q,
        "selected_facets": selected_facets,
        "page": page,
        "start_date": start_date,
        "end_date": end_date,
        "sort": sort,
    }
    assert_page(client, params)


@pytest.mark.parametrize(
    "q",
    [
        '"unbalanced quote',
        'harbour "',
        "AND",
        "OR OR",
        "NOT",
        "harbour AND",
        "- -",
        "*",
        "**",
        "h*",
        "title:",
        "speaker: harbour",
        ":",
        "unknown:field",
        "harbour" * 1250,  # 10,000 characters
        "x " * 5000,
        "harbour\x00ferry",
        "\x00",
        "\x01\x1b[31m\x7f",
        "港口",
        "مرفأ",
        "Гавань",
        "🚢⚓",
        "(harbour",
        "harbour)",
        "{[to]}",
        "title:(harbour OR",
        "\\",
        "'",
    ],
)
def test_awkward_queries_get_a_page(client, archive, q):
    assert_page(client, {"q": q})


@pytest.mark.parametrize(
    "selected_facets",
    [
        ["unknown_exact:value"],
        ["people_exact:Nobody At All"],
        ["people"],
        ["people_exact:"],
        [":"],
        ["section_exact:world\x00"],
        ["month_exact:not-a-month"],
        ["people_exact:" + "x" * 5000],
        ["section_exact:world"] * 50,
    ],
)
def test_unknown_or_odd_facets_get_a_page(client, archive, selected_facets):
    assert_page(client, {"q": "harbour", "selected_facets": selected_facets})


@pytest.mark.parametrize("page", ["999999", "0", "-1", "abc", "1.5", "", "9" * 50])
def test_odd_page_numbers_get_a_page(client, archive, page):
    assert_page(client, {"q": "harbour", "page": page})


@pytest.mark.parametrize(
    ("start_date", "end_date"),
    [
        ("2022-13-01", ""),
        ("yesterday", "tomorrow"),
        ("2023-01-01", "2022-01-01"),
        ("0001-01-01", "9999-12-31"),
    ],
)
def test_odd_dates_get_a_page(client, archive, start_date, end_date):
    assert_page(client, {"q": "harbour", "start_date": start_date, "end_date": end_date})


@pytest.mark.parametrize("field, value", [("sort", "-date"), ("start_date", "2022-13-01")])
def test_a_refused_option_says_why_beside_it(client, archive, field, value):
    page = client.get("/search/", {"q": "harbour", field: value}).content.decode()
    assert f'aria-describedby="id_{field}_error"' in page
    message = re.search(rf'<p class="search-form__error" id="id_{field}_error">([^<]+)</p>', page)
    assert message and message.group(1).strip()


def test_non_latin_words_are_found(client, archive):
    for word in ["港口", "Гавань"]:
        page = client.get("/search/", {"q": word}).content.decode()
        assert "Harbour story" in page, word


def test_too_long_query_is_refused_with_a_message(client, archive):
    page = client.get("/search/", {"q": "harbour " * 1250}).content.decode()
    assert "Please shorten your search" in page


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_parsed_queries_hold_only_words(query):
    """Nothing typed reaches the engine as syntax: every clause is plain words."""
    for group in parse_query(query):
        for clause in group:
            assert clause.words
            assert all(re.fullmatch(r"\w+(?:['’.]\w+)*", word) for word in clause.words)
