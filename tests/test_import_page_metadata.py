"""What the importer reads around an article's text: the date a page states beside the day in
its address, whether a page is an article at all or a section page listing others, the people
of a byline, the article's address without tracking parameters, and the casing of Reuters'
all-capitals titles. Pages, feeds and records are small inventions written for each test."""

import datetime
import json

import pytest

from articles.importers.html import parse_html
from articles.importers.records import NotAnArticle, ParsedPerson
from articles.models import Article, Person
from tests.importing import run_import, summary

pytestmark = pytest.mark.django_db

TITLE = "Ferry terminal approved after six-year dispute"
PROSE = [
    "The harbour council in Lanternport approved the new ferry terminal on Tuesday evening, "
    "ending a planning dispute that has divided the town for the better part of six years.",
    "Councillors voted nine to four in favour after a three-hour debate in which residents of "
    "the quayside streets argued that lorries bound for the terminal would clog their roads.",
    "The operator, Northwind Ferries, says the terminal will let it run larger ships to the "
    "outer islands and add a winter sailing that the present slipway cannot take in storms.",
    "Opponents said they would ask the regional planning board to review the decision, "
    "although the council's lawyers believe an appeal has little chance of success.",
    "Building work is expected to start in the spring, once the dredging licence is granted "
    "and the contractor has moved its cranes from the sea wall repairs further along the bay.",
]
TEASERS = [
    ("Ferry strike halts island crossings", "Crews walked out over rotas, stranding commuters."),
    ("Harbour council approves new sea wall", "The barrier will be finished before winter."),
    ("Mountain rail line reopens after landslide", "Engineers spent six weeks clearing rock."),
    ("Fishing quotas cut for a third year", "Skippers warn family boats could close for good."),
    ("Drought forces water limits in Castellan", "Gardens may be watered twice a week."),
    ("Election count delayed by storm damage", "Ballot boxes are stuck behind fallen trees."),
    ("Museum returns carved masks to Orvane elders", "A collector took them a century ago."),
    ("Port workers agree a two-year pay deal", "The agreement ends a dispute begun in spring."),
]


def article_page(head=""):
    """An article page: navigation, the story's prose, a box of related headlines, a footer."""
    related = "".join(f'<li><a href="/news/{n}">{headline}</a></li>' for n, (headline, _) in
                      enumerate(TEASERS[:4]))  # fmt: skip
    paragraphs = "".join(f"<p>{paragraph}</p>" for paragraph in PROSE)
    return (
        f'<!DOCTYPE html><html lang="en"><head><title>{TITLE}</title>{head}</head><body>'
        '<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>'
        f"<main><article><h1>{TITLE}</h1>{paragraphs}</article>"
        f"<aside><h2>Related stories</h2><ul>{related}</ul></aside></main>"
        "<footer>Copyright The Lanternport Courier</footer></body></html>"
    ).encode()


def listing_page():
    """A section front: the section's name, then a card per story with a headline link, a
    one-sentence teaser and a time, as news sites lay them out."""
    cards = "".join(
        f'<li class="card"><article><h3><a href="/news/2024/03/{n + 1:02d}/story-{n}">'
        f"{headline}</a></h3><p>{teaser}</p>"
        f'<time datetime="2024-03-{n + 1:02d}T09:00:00Z">{n + 1} March</time></article></li>'
        for n, (headline, teaser) in enumerate(TEASERS)
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><title>News | The Lanternport Courier</title>'
        '<meta property="og:type" content="website"><meta property="og:title" content="News">'
        '<link rel="canonical" href="https://courier.example.org/news"></head><body>'
        '<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>'
        f'<main><h1>News</h1><ul class="stories">{cards}</ul></main>'
        "<footer>Copyright The Lanternport Courier</footer></body></html>"
    ).encode()


def json_ld(**fields):
    data = {"@context": "https://schema.org", "@type": "NewsArticle", **fields}
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def parse(data, **kwargs):
    return parse_html(data, origin_path="page.html", **kwargs)


# Dates -----------------------------------------------------------------------------------


def test_the_pages_own_datetime_wins_over_the_day_in_its_address_unless_days_apart():
    address = '<link rel="canonical" href="https://courier.example.org/2024/03/05/ferry">'
    structured = parse(article_page(address + json_ld(datePublished="2024-03-05T14:30:00+01:00")))
    assert structured.published_at == datetime.datetime.fromisoformat("2024-03-05T14:30+01:00")
    # Late in the evening west of Greenwich: the next day in UTC, the address's day locally.
    meta = '<meta property="article:published_time" content="2024-03-05T23:40:00-05:00">'
    evening = parse(article_page(address + meta))
    assert evening.published_at == datetime.datetime(2024, 3, 6, 4, 40, tzinfo=datetime.UTC)
    # Only a date months after the address's day (a late correction): the address is right.
    modified = '<meta property="article:modified_time" content="2024-06-20T08:00:00+00:00">'
    corrected = parse(article_page(address + modified))
    assert corrected.published_at == datetime.datetime(2024, 3, 5, tzinfo=datetime.UTC)


# Section pages ---------------------------------------------------------------------------


def test_a_section_page_is_not_an_article_but_an_article_marked_website_is():
    with pytest.raises(NotAnArticle, match="listing other articles"):
        parse(listing_page())
    article = parse(article_page('<meta property="og:type" content="website">'))
    assert article.headline == TITLE
    assert article.body_html.count("<p>") == len(PROSE)


def test_a_section_page_among_articles_is_left_out_of_the_import(tmp_path):
    (tmp_path / "news.html").write_bytes(listing_page())
    website = '<meta property="og:type" content="website">'
    (tmp_path / "ferry.html").write_bytes(article_page(website))
    stdout, stderr, error = run_import(tmp_path, "--no-extract", "-v", "2")
    assert error is None, stderr
    assert (summary(stdout)["imported"], summary(stdout)["skipped"]) == (1, 1)
    assert "skipped" in stdout and "news.html: a page listing other articles" in stdout
    assert list(Article.objects.values_list("headline", flat=True)) == [TITLE]


# Bylines ---------------------------------------------------------------------------------


def byline(people):
    return tuple(ParsedPerson(name=name, description=role) for name, role in people)


@pytest.mark.parametrize(
    ("author", "people"),
    [
        ("Jane Roe, Health Correspondent", [("Jane Roe", "Health Correspondent")]),
        ("Jane Roe | Reuters", [("Jane Roe", "")]),
        ("By Jane Roe, The Lanternport Courier", [("Jane Roe", "")]),
        ("Jane Roe, Kyiv", [("Jane Roe", "")]),
        ("Staff reporter", []),
        ("The Associated Press", []),
        ("Senior Reporter Tomasz Wren", [("Tomasz Wren", "Senior Reporter")]),
        (
            "Reporting by Jane Roe and Tomasz Wren; Editing by John Doe",
            [("Jane Roe", ""), ("Tomasz Wren", "")],
        ),
        (
            "Tomasz Wren, Kyiv correspondent, and Jane Roe, Political Editor",
            [("Tomasz Wren", "Kyiv correspondent"), ("Jane Roe", "Political Editor")],
        ),
    ],
)
def test_a_meta_author_byline_gives_people_with_their_job_titles(author, people):
    parsed = parse(article_page(f'<meta name="author" content="{author}">'))
    assert parsed.authors == byline(people)


def test_a_json_ld_author_with_a_job_title_gives_the_person_and_drops_the_agency():
    authors = [{"@type": "Person", "name": "Jane Roe, Health Correspondent"},
               {"@type": "Organization", "name": "Associated Press"}]  # fmt: skip
    parsed = parse(article_page(json_ld(headline="Ferry terminal approved", author=authors)))
    assert parsed.authors == byline([("Jane Roe", "Health Correspondent")])


def test_a_byline_job_title_becomes_the_persons_description(tmp_path):
    path = tmp_path / "ferry.html"
    path.write_bytes(article_page('<meta name="author" content="Jane Roe, Health Correspondent">'))
    stdout, stderr, error = run_import(path, "--no-extract")
    assert error is None, stderr
    assert [(p.name, p.description) for p in Article.objects.get().byline.all()] == [
        ("Jane Roe", "Health Correspondent")
    ]
    assert not Person.objects.filter(name__icontains="correspondent").exists()


@pytest.mark.parametrize(
    "creator",
    [
        "Jane Roe, Health Correspondent | The Lanternport Courier",
        "JANE ROE and Courier Sport",  # the site by its address, a name in capitals
    ],
)
def test_a_feed_creator_gives_the_person_alone(tmp_path, creator):
    feed = tmp_path / "feed.xml"
    feed.write_text(
        f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
<title>The Lanternport Courier</title><link>https://courier.example.org/</link>
<item><title>Sea wall finished early</title><link>https://courier.example.org/wall</link>
<dc:creator>{creator}</dc:creator>
<description>The sea wall was finished a month early.</description></item>
</channel></rss>""",
        encoding="utf-8",
    )
    stdout, stderr, error = run_import(feed, "--no-extract")
    assert error is None, stderr
    assert [p.name for p in Article.objects.get().byline.all()] == ["Jane Roe"]


# Addresses -------------------------------------------------------------------------------


def test_the_article_address_drops_tracking_parameters_and_fragment_but_keeps_the_rest():
    parsed = parse(
        article_page(),
        url="https://courier.example.org/story?id=4411&utm_source=rss&utm_medium=feed"
        "&fbclid=IwAR0x&page=2&mc_cid=77ab&gclid=Cj0K#comments",
    )
    assert parsed.source_url == "https://courier.example.org/story?id=4411&page=2"


def test_a_story_from_a_feed_and_from_its_page_is_one_article(tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_text(
        f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>The Lanternport Courier</title>
<link>https://courier.example.org/</link>
<item><title>{TITLE}</title>
<link>https://courier.example.org/ferry?utm_source=rss&amp;utm_campaign=daily#top</link>
<description>Councillors approved the ferry terminal on Tuesday.</description></item>
</channel></rss>""",
        encoding="utf-8",
    )
    page = tmp_path / "ferry.html"
    page.write_bytes(
        article_page('<link rel="canonical" href="https://courier.example.org/ferry">')
    )
    for path in (feed, page):
        stdout, stderr, error = run_import(path, "--no-extract")
        assert error is None, stderr
    article = Article.objects.get()
    assert article.source_url == "https://courier.example.org/ferry"


# Reuters titles --------------------------------------------------------------------------


def test_reuters_capital_titles_keep_abbreviations_acronyms_and_stock_symbols(tmp_path):
    records = [
        ("U.S. AND U.K. SEE OPEC OUTPUT TALKS IN MAY",
         "Officials in Washington and London said OPEC ministers would meet in May."),
        ("GLOBEX INDUSTRIES <GLBX> 3RD QTR NET",
         "Globex Industries Inc said third quarter profit rose."),
        ("ORVANE'S O'NEILL SAYS BUDGET ON TRACK",
         "Finance minister Patrick O'Neill said the budget was on track."),
    ]  # fmt: skip
    (tmp_path / "reut2-950.sgm").write_text(
        "".join(
            f'<REUTERS NEWID="{95000 + n}">\n<DATE>6-APR-1987 10:00:00.00</DATE>\n<TEXT>\n'
            f"<TITLE>{title.replace('<', '&lt;')}</TITLE>\n<BODY>{body}\n Reuter\n</BODY>"
            "</TEXT>\n</REUTERS>\n"
            for n, (title, body) in enumerate(records)
        ),
        encoding="latin-1",
    )
    stdout, stderr, error = run_import(tmp_path, "--no-extract")
    assert error is None, stderr
    assert sorted(Article.objects.values_list("headline", flat=True)) == [
        "Globex Industries <GLBX> 3rd Qtr Net",
        "Orvane's O'Neill Says Budget On Track",
        "U.S. And U.K. See OPEC Output Talks In May",
    ]
