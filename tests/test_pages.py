"""The browse pages over real HTTP: home, date archive, article, person, organisation, A-Z,
error pages, and what each page costs in queries at 10 and at 200 rows."""

import datetime
import json
import re
from html.parser import HTMLParser

import pytest
from django.template import loader
from django.urls import reverse
from django.utils import timezone
from haystack import connections
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from articles.models import Article
from articles.text import QuoteMark, html_to_text, mark_quotes, sanitize_html
from tests.factories import (
    AffiliationFactory,
    ArticleFactory,
    OrganisationFactory,
    OrganisationMentionFactory,
    PersonAliasFactory,
    PersonFactory,
    PersonMentionFactory,
    QuoteFactory,
)
from tests.html_safety import HOSTILE_MARKUP, unsafe_markup

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def at(*args):
    return datetime.datetime(*args, tzinfo=UTC)


class _Outline(HTMLParser):
    """Heading levels and landmark elements of a page, for structure checks."""

    def __init__(self):
        super().__init__()
        self.headings: list[int] = []
        self.tags: set[str] = set()
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        self.ids.extend(value for name, value in attrs if name == "id")


def outline(html):
    parser = _Outline()
    parser.feed(html)
    return parser


def assert_well_structured(html):
    """One h1, no skipped heading levels, the landmarks, unique ids."""
    page = outline(html)
    assert page.headings.count(1) == 1
    for before, after in zip(page.headings, page.headings[1:], strict=False):
        assert after <= before + 1, page.headings
    assert {"header", "main", "footer", "nav"} <= page.tags
    assert len(page.ids) == len(set(page.ids)), page.ids


def article_with_quotes(person, organisation=None, **fields):
    article = ArticleFactory(
        body=(
            "<p>The minister said: “We will <em>not</em> back down.” Critics disagreed.</p>"
            "<p>“Prices will fall,” the company said in a statement.</p>"
        ),
        **fields,
    )
    PersonMentionFactory(article=article, person=person)
    QuoteFactory(article=article, person=person, text="We will not back down.")
    if organisation:
        OrganisationMentionFactory(article=article, organisation=organisation)
        QuoteFactory(
            article=article, person=None, organisation=organisation, text="Prices will fall,"
        )
    return article


# Home


def test_home_lists_latest_articles_and_who_was_in_the_news(client):
    speaker = PersonFactory(name="Ada Quoted")
    org = OrganisationFactory(name="Harbour Council")
    article_with_quotes(speaker, org, headline="Newest story", published_at=at(2022, 3, 1))
    ArticleFactory(headline="Older story", published_at=at(2022, 2, 1))

    response = client.get("/")

    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Newest story") < html.index("Older story")
    assert "Ada Quoted" in html
    assert "Harbour Council" in html
    assert reverse("articles:article-archive-month", kwargs={"year": "2022", "month": "03"}) in html
    assert_well_structured(html)


def test_home_counts_the_thirty_days_up_to_the_newest_article_not_up_to_today(client):
    recent_speaker = PersonFactory(name="Recent Speaker")
    old_speaker = PersonFactory(name="Long Ago Speaker")
    article_with_quotes(recent_speaker, published_at=at(2019, 6, 30))
    article_with_quotes(old_speaker, published_at=at(2019, 5, 1))

    response = client.get("/")

    top = [person.name for person in response.context["top_people"]]
    assert top == ["Recent Speaker"]


# Date archive


def test_archive_index_shows_months_with_counts(client):
    ArticleFactory.create_batch(3, published_at=at(2021, 5, 10))
    ArticleFactory(published_at=at(2022, 1, 4))

    response = client.get(reverse("articles:article-archive"))

    counts = {(row["period"].year, row["period"].month): row["count"]
              for row in response.context["period_counts"]}  # fmt: skip
    assert counts == {(2021, 5): 3, (2022, 1): 1}
    assert reverse("articles:article-archive-year", kwargs={"year": "2021"}) in (
        response.content.decode()
    )


def test_archive_index_of_an_empty_archive_is_a_page(client):
    response = client.get(reverse("articles:article-archive"))

    assert response.status_code == 200
    assert "No articles" in response.content.decode()


def test_month_archive_lists_its_articles_and_counts_per_day(client):
    ArticleFactory(headline="March the first", published_at=at(2022, 3, 1, 9))
    ArticleFactory(headline="March the first again", published_at=at(2022, 3, 1, 15))
    ArticleFactory(headline="March the ninth", published_at=at(2022, 3, 9, 9))
    ArticleFactory(headline="April story", published_at=at(2022, 4, 2, 9))

    response = client.get("/archive/2022/03/")

    html = response.content.decode()
    assert "March the ninth" in html and "March the first again" in html
    assert "April story" not in html
    days = {row["period"].day: row["count"] for row in response.context["period_counts"]}
    assert days == {1: 2, 9: 1}


def test_previous_and_next_links_skip_empty_periods(client):
    ArticleFactory(published_at=at(2020, 1, 15))
    ArticleFactory(published_at=at(2020, 6, 15))
    ArticleFactory(published_at=at(2020, 11, 15))

    response = client.get("/archive/2020/06/")
    day = client.get("/archive/2020/06/15/")

    assert response.context["previous_url"] == "/archive/2020/01/"
    assert response.context["next_url"] == "/archive/2020/11/"
    assert day.context["previous_url"] == "/archive/2020/01/15/"
    assert day.context["next_url"] == "/archive/2020/11/15/"
    html = response.content.decode()
    assert 'href="/archive/2020/01/"' in html and 'href="/archive/2020/11/"' in html


def test_year_archive_paginates_and_links_months(client):
    ArticleFactory.create_batch(25, published_at=at(2021, 7, 1))

    first = client.get("/archive/2021/")
    second = client.get("/archive/2021/", {"page": 2})

    assert len(first.context["articles"]) == 20
    assert len(second.context["articles"]) == 5
    assert 'href="/archive/2021/07/"' in first.content.decode()


def test_days_follow_the_site_time_zone(client, settings):
    settings.TIME_ZONE = "Africa/Johannesburg"  # UTC+2
    ArticleFactory(headline="Late night story", published_at=at(2022, 3, 1, 23, 30))

    next_day = client.get("/archive/2022/03/02/")
    utc_day = client.get("/archive/2022/03/01/")

    assert next_day.status_code == 200
    assert "Late night story" in next_day.content.decode()
    assert utc_day.status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/archive/2022/02/30/",
        "/archive/2022/13/",
        "/archive/0000/",
        "/archive/9999/12/31/",
        "/archive/9999/",
        "/archive/abcd/",
        "/archive/2022/ab/01/",
        "/archive/2021/",  # a valid year with no articles
    ],
)
def test_empty_or_impossible_dates_are_not_found(client, path):
    ArticleFactory(published_at=at(2022, 3, 1))

    response = client.get(path)

    assert response.status_code == 404
    assert "couldn’t find that page" in response.content.decode()


def test_future_articles_stay_out_of_the_archive(client):
    ArticleFactory(headline="Embargoed", published_at=at(2999, 1, 1))
    ArticleFactory(headline="Out now", published_at=at(2022, 1, 1))

    response = client.get(reverse("articles:article-archive"))

    assert "Embargoed" not in response.content.decode()
    assert client.get("/archive/2999/").status_code == 404


# Article page


def test_article_page_highlights_each_quote_in_place_and_links_the_speaker(client):
    speaker = PersonFactory(name="Ada Minister")
    org = OrganisationFactory(name="Acme Ltd")
    article = article_with_quotes(speaker, org)
    person_quote = article.quotes.get(person=speaker)

    response = client.get(article.get_absolute_url())

    html = response.content.decode()
    body = html[html.index('class="article__body') :]
    # The quote crosses the <em>: it is marked piece by piece, the first piece has the id.
    assert f'<mark class="quote" id="quote-{person_quote.pk}"' in body
    assert "<em><mark" in body
    assert f'href="{speaker.get_absolute_url()}">Ada Minister</a>' in body
    assert f'href="{org.get_absolute_url()}">Acme Ltd</a>' in body
    assert html.count(f'id="quote-{person_quote.pk}"') == 1
    assert_well_structured(html)


def test_stale_quote_offsets_fall_back_to_finding_the_words(client):
    speaker = PersonFactory()
    article = article_with_quotes(speaker)
    quote = article.quotes.get()
    type(quote).objects.filter(pk=quote.pk).update(start=0, end=5)

    html = client.get(article.get_absolute_url()).content.decode()

    marked = re.search(rf'<mark class="quote" id="quote-{quote.pk}"[^>]*>([^<]*)<', html)
    assert marked.group(1) == "We will "


def test_a_quote_not_in_the_text_still_gets_an_anchor(client):
    speaker = PersonFactory()
    article = ArticleFactory(body="<p>Nothing quoted here.</p>")
    quote = QuoteFactory(article=article, person=speaker, text="Words from elsewhere")

    html = client.get(article.get_absolute_url()).content.decode()

    assert f'<li id="quote-{quote.pk}">' in html
    assert "<mark" not in html


def test_a_standfirst_quote_is_marked_in_the_standfirst_only(client):
    speaker = PersonFactory(name="Ada Minister")
    words = "We will not back down."
    article = ArticleFactory(
        standfirst=f"The minister said: “{words}” & left.",
        body=f"<p>Reporters asked whether “{words}” was a promise.</p>",
    )
    quote = QuoteFactory(
        article=article, person=speaker, text=words, in_standfirst=True, start=20, end=42
    )

    html = client.get(article.get_absolute_url()).content.decode()

    standfirst = re.search(r'<p class="article__standfirst">(.*?)</p>', html, re.S).group(1)
    assert f'<mark class="quote" id="quote-{quote.pk}"' in standfirst
    assert f'href="{speaker.get_absolute_url()}">Ada Minister</a>' in standfirst
    assert standfirst.endswith("</a> &amp; left.")
    body = html[html.index('class="article__body') : html.index('id="who-said-what"')]
    assert "<mark" not in body
    assert f'<li id="quote-{quote.pk}">' not in html
    assert f'<a href="#quote-{quote.pk}">in the standfirst</a>' in html
    assert_well_structured(html)


def test_a_quote_an_editor_types_in_is_found_in_the_standfirst(client):
    article = ArticleFactory(standfirst="Harbour closes as “storms worsen”, council says.")
    quote = QuoteFactory(article=article, person=None, text="storms worsen")
    assert (quote.in_standfirst, quote.start) == (True, article.standfirst.index("storms"))

    html = client.get(article.get_absolute_url()).content.decode()

    assert re.search(rf'<mark class="quote" id="quote-{quote.pk}"[^>]*>storms worsen<', html)


def test_mark_quotes_keeps_the_text_and_the_markup_safe():
    html = sanitize_html("\n".join(HOSTILE_MARKUP) + "<p>He said “stay calm” twice.</p>")
    text = html_to_text(html)
    start = text.index("stay calm")
    marks = [
        QuoteMark("quote-1", "stay calm", start, start + 9, "Ann <b>Lee</b>", "/people/ann/"),
        QuoteMark("quote-2", "<script>alert(1)</script>", None, None, "X", "javascript:x"),
    ]

    marked, placed = mark_quotes(html, marks)

    assert placed == {"quote-1"}
    assert unsafe_markup(marked) == []
    assert "Ann &lt;b&gt;Lee&lt;/b&gt;" in marked
    without_speaker = re.sub(r' <a class="quote-speaker"[^>]*>.*?</a>', "", marked)
    assert html_to_text(without_speaker) == text


_words = st.text(alphabet="ab &<>“”", min_size=1, max_size=12)
_inline = st.sampled_from(["{}", "<em>{}</em>", "<a href='https://x.org/'>{}</a>", "{}<br>"])
_paragraph = st.lists(st.tuples(_inline, _words), min_size=1, max_size=4).map(
    lambda parts: "<p>" + "".join(wrap.format(escape_text(w)) for wrap, w in parts) + "</p>"
)


def escape_text(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@hypothesis_settings(max_examples=150, deadline=None)
@given(paragraphs=st.lists(_paragraph, min_size=1, max_size=3), data=st.data())
def test_mark_quotes_marks_exactly_the_quoted_words_anywhere(paragraphs, data):
    html = sanitize_html("\n".join(paragraphs))
    text = html_to_text(html)
    if not text.strip():
        return
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    words = text[start:end]
    if not words.strip():
        return

    marked, placed = mark_quotes(html, [QuoteMark("quote-1", words, start, end, "S", "/s/")])

    assert placed == {"quote-1"}
    assert unsafe_markup(marked) == []
    without_speaker = re.sub(r' <a class="quote-speaker"[^>]*>S</a>', "", marked)
    assert html_to_text(without_speaker) == text
    pieces = re.findall(r'<mark class="quote"[^>]*>(.*?)</mark>', marked, re.S)
    inside = "".join(pieces).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    assert "".join(inside.split()) == "".join(words.split())


def test_article_page_has_json_ld_open_graph_and_canonical(client):
    article = ArticleFactory(headline="</script><script>alert(1)</script> & more")

    html = client.get(article.get_absolute_url()).content.decode()

    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(block.group(1))
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == article.headline
    assert "</script><script>" not in block.group(1)
    assert f'<link rel="canonical" href="http://testserver{article.get_absolute_url()}">' in html
    assert '<meta property="og:title"' in html
    assert article.source_url in html


def test_article_page_shows_related_articles_from_the_search_index(client, search_index):
    first = ArticleFactory(headline="Harbour tunnel toll rises", body="<p>harbour tunnel toll</p>")
    second = ArticleFactory(headline="Tunnel toll debate", body="<p>harbour tunnel toll vote</p>")
    ArticleFactory(headline="Cricket", body="<p>bat and ball</p>")
    connections["default"].get_unified_index().get_index(Article).update()

    response = client.get(first.get_absolute_url())

    assert second in response.context["related"]
    assert first not in response.context["related"]


def test_article_page_survives_a_broken_search_engine(client, settings, caplog):
    article = ArticleFactory(body="<p>harbour tunnel toll</p>")
    ArticleFactory(body="<p>harbour tunnel toll vote</p>")
    connections["default"].get_unified_index().get_index(Article).update()
    connections.connections_info["default"] = {
        "ENGINE": settings.WHOOSH_ENGINE,
        "PATH": "/proc/no-such-index-here",
    }
    connections.reload("default")

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert response.context["related"] == []
    assert "More-like-this search failed" in caplog.text


def test_unpublished_article_is_not_found(client):
    article = ArticleFactory(published_at=at(2999, 1, 1))

    assert client.get(article.get_absolute_url()).status_code == 404


# People and organisations


def test_person_page_shows_quotes_newest_first_with_links_into_articles(client):
    person = PersonFactory(name="Ada Speaker", description="Mayor")
    org = OrganisationFactory(name="City Council")
    AffiliationFactory(person=person, organisation=org, role="Leader")
    PersonAliasFactory(person=person, name="A. Speaker")
    old = article_with_quotes(person, published_at=at(2021, 1, 1), headline="Old story")
    new = article_with_quotes(person, published_at=at(2022, 1, 1), headline="New story")

    response = client.get(person.get_absolute_url())

    html = response.content.decode()
    quotes = list(response.context["quote_page"])
    assert [quote.article for quote in quotes] == [new, old]
    assert quotes[0].get_absolute_url() in html
    assert "City Council" in html and "Leader" in html and "A. Speaker" in html
    assert_well_structured(html)


def test_person_page_lists_who_appears_alongside(client):
    person = PersonFactory()
    friend, stranger = PersonFactory(name="Often Together"), PersonFactory(name="Never Together")
    org = OrganisationFactory(name="Shared Org")
    for _ in range(2):
        article = ArticleFactory()
        PersonMentionFactory(article=article, person=person)
        PersonMentionFactory(article=article, person=friend)
        OrganisationMentionFactory(article=article, organisation=org)
    PersonMentionFactory(person=stranger)

    response = client.get(person.get_absolute_url())

    co_people = list(response.context["co_people"])
    assert co_people == [friend]
    assert co_people[0].shared_count == 2
    assert [o.name for o in response.context["co_organisations"]] == ["Shared Org"]


def test_person_page_charts_mentions_and_quotes_per_month(client):
    person = PersonFactory()
    article_with_quotes(person, published_at=at(2022, 1, 10))
    article_with_quotes(person, published_at=at(2022, 3, 10))

    html = client.get(person.get_absolute_url()).content.decode()

    svg = re.search(r"<svg.*?</svg>", html, re.S).group()
    assert 'role="img"' in svg and "aria-labelledby" in svg
    # A year up to March, empty months shown too: twelve months, two bars each.
    assert svg.count("<rect") == 24
    assert "4/2021: 0 articles, 0 quotes" in svg
    assert "2/2022: 0 articles, 0 quotes" in svg
    assert "1/2022: 1 article, 1 quote" in svg


def test_person_chart_labels_each_year_once_without_overlap(client):
    """A chart starting in December would print its year beside the next January's."""
    person = PersonFactory()
    article_with_quotes(person, published_at=at(2022, 11, 10))
    article_with_quotes(person, published_at=at(2021, 12, 10))

    svg = re.search(r"<svg.*?</svg>", client.get(person.get_absolute_url()).content.decode(), re.S)

    assert re.findall(r'class="chart__label"[^>]*>(\d+)<', svg.group()) == ["2022"]


def test_person_quotes_are_paginated(client):
    person = PersonFactory()
    for day in range(1, 24):
        article_with_quotes(person, published_at=at(2022, 1, day))

    first = client.get(person.get_absolute_url())
    second = client.get(person.get_absolute_url(), {"page": 2})

    assert len(first.context["quote_page"]) == 20
    assert len(second.context["quote_page"]) == 3
    assert "?page=2" in first.content.decode()


def test_organisation_page_shows_members_and_attributed_quotes(client):
    org = OrganisationFactory(name="Acme Ltd")
    member = PersonFactory(name="Acme Boss")
    AffiliationFactory(person=member, organisation=org, role="Chief executive")
    article_with_quotes(PersonFactory(), org)

    response = client.get(org.get_absolute_url())

    html = response.content.decode()
    assert "Acme Boss" in html and "Chief executive" in html
    assert [q.text for q in response.context["quote_page"]] == ["Prices will fall,"]
    assert_well_structured(html)


def test_people_index_is_alphabetical_with_counts_and_letters(client):
    zed, ann = PersonFactory(name="Zed Zulu"), PersonFactory(name="Ann Alpha")
    article_with_quotes(ann)
    PersonMentionFactory(person=zed)
    PersonMentionFactory(person=zed)

    response = client.get(reverse("articles:person-list"))
    only_z = client.get(reverse("articles:person-list"), {"letter": "z"})

    people = list(response.context["people"])
    assert people == [ann, zed]
    assert (people[0].article_count, people[0].quote_count) == (1, 1)
    assert (people[1].article_count, people[1].quote_count) == (2, 0)
    assert response.context["letters"] == ["A", "Z"]
    assert list(only_z.context["people"]) == [zed]
    assert_well_structured(response.content.decode())


def test_organisations_index_lists_every_organisation(client):
    OrganisationFactory(name="Beta Org")
    OrganisationFactory(name="Alpha Org")

    response = client.get(reverse("articles:organisation-list"))

    assert [o.name for o in response.context["organisations"]] == ["Alpha Org", "Beta Org"]


# Errors, discovery


def test_404_page_uses_the_site_layout(client):
    response = client.get("/no/such/page/")

    assert response.status_code == 404
    assert 'role="search"' in response.content.decode()


def test_500_page_renders_without_a_request():
    html = loader.get_template("500.html").render()

    assert "Something went wrong" in html
    assert 'role="search"' in html


def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()


def test_pages_link_their_feeds_in_the_head(client):
    person = PersonFactory()

    html = client.get(person.get_absolute_url()).content.decode()

    head = html[: html.index("</head>")]
    assert f'href="{reverse("articles:article-feed")}"' in head
    assert f'href="{reverse("articles:person-quotes-feed", args=[person.slug])}"' in head


# Query budgets: the same at 10 rows as at 200.


def populate(n):
    """n articles over two months, each naming and quoting people and organisations."""
    people = PersonFactory.create_batch(5)
    orgs = OrganisationFactory.create_batch(3)
    for person, org in zip(people, orgs, strict=False):
        AffiliationFactory(person=person, organisation=org)
        PersonAliasFactory(person=person)
    articles = []
    for i in range(n):
        article = ArticleFactory(
            published_at=at(2022, 3, 1 + i % 2, 12) - datetime.timedelta(days=31 * (i % 2)),
            byline=[people[i % 5]],
        )
        PersonMentionFactory(article=article, person=people[i % 5])
        PersonMentionFactory(article=article, person=people[(i + 1) % 5])
        OrganisationMentionFactory(article=article, organisation=orgs[i % 3])
        QuoteFactory(article=article, person=people[i % 5])
        articles.append(article)
    return articles, people, orgs


BUDGETS = {
    "home": 9,
    "archive": 7,
    "year": 10,
    "month": 10,
    "day": 10,
    "article": 6,  # one more when the search engine finds related articles
    "person": 14,
    "organisation": 13,
    "people": 3,
    "organisations": 3,
}


def page_urls(articles, people, orgs):
    return {
        "home": "/",
        "archive": "/archive/",
        "year": "/archive/2022/",
        "month": "/archive/2022/03/",
        "day": "/archive/2022/03/01/",
        "article": articles[0].get_absolute_url(),
        "person": people[0].get_absolute_url(),
        "organisation": orgs[0].get_absolute_url(),
        "people": "/people/",
        "organisations": "/organisations/",
    }


@pytest.mark.parametrize("size", [10, 200])
def test_each_page_costs_a_bounded_number_of_queries(client, django_assert_max_num_queries, size):
    urls = page_urls(*populate(size))
    for name, url in urls.items():
        with django_assert_max_num_queries(BUDGETS[name]):
            response = client.get(url)
        assert response.status_code == 200, name


def test_an_undated_article_says_so_and_stays_out_of_the_date_pages(client):
    """Its date is its import time: no day's page lists it, its own page and its card say
    the date is unknown instead of showing that time as when it was published, and the latest
    articles list it after the dated ones, however much newer its import time is."""
    undated = ArticleFactory(headline="Harbour notes", date_known=False)
    ArticleFactory(headline="Ferry timetable", published_at=at(2022, 1, 1))
    day = timezone.localtime(undated.published_at)

    parts = {"year": f"{day:%Y}", "month": f"{day:%m}", "day": f"{day:%d}"}
    assert client.get(reverse("articles:article-archive-day", kwargs=parts)).status_code == 404
    assert "Harbour notes" not in client.get(reverse("articles:article-archive")).content.decode()
    page = client.get(undated.get_absolute_url()).content.decode()
    assert "Date unknown" in page and "article:published_time" not in page
    home = client.get("/").content.decode()
    assert "Harbour notes" in home and home.count("Date unknown") == 1
    assert home.index("Ferry timetable") < home.index("Harbour notes")
