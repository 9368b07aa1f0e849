"""What the importer reads from pages laid out as news sites lay them out: the publication
moment a page states beside the day in its address, section fronts that state no page type,
titles that also name the site, an <h1> other than the social title, a canonical link written
as a path, and a byline set as the text's first line. Every page is a small invention."""

import datetime

import pytest

from articles.importers.html import parse_html
from articles.importers.records import NotAnArticle, ParsedPerson
from tests.test_import_page_metadata import PROSE, TEASERS, TITLE

UTC = datetime.UTC


def page(head="", article="", *, heading=f"<h1>{TITLE}</h1>", title=TITLE):
    """An article page with `head` in its <head> and `article` before the story's prose."""
    paragraphs = "".join(f"<p>{paragraph}</p>" for paragraph in PROSE)
    return (
        f'<!DOCTYPE html><html lang="en"><head><title>{title}</title>{head}</head><body>'
        '<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>'
        f"<main><article>{heading}{article}{paragraphs}</article></main>"
        "<footer>Copyright The Lanternport Courier</footer></body></html>"
    ).encode()


def parse(data, **kwargs):
    return parse_html(data, origin_path="page.html", **kwargs)


def canonical(address):
    return f'<link rel="canonical" href="{address}">'


# Dates -----------------------------------------------------------------------------------


def test_a_time_element_gives_its_time_to_the_day_in_the_address_but_not_another_day():
    address = canonical("https://courier.example.org/2024/04/22/night-buses")
    same_day = '<p><time datetime="2024-04-22T18:40:00+01:00">22 April, 6.40pm</time></p>'
    parsed = parse(page(address, same_day))
    assert parsed.published_at == datetime.datetime(2024, 4, 22, 17, 40, tzinfo=UTC)
    # Days after the address's day: an update, or another story's time; the address wins.
    later = '<p><time datetime="2024-04-25T09:00:00+01:00">25 April</time></p>'
    assert parse(page(address, later)).published_at == datetime.datetime(2024, 4, 22, tzinfo=UTC)


def test_a_published_time_with_fractional_seconds_is_read_beside_the_address():
    address = canonical("https://courier.example.org/news/2019/11/18/harbour-vote")
    meta = '<meta property="article:published_time" content="2019-11-18T18:54:53.000Z">'
    parsed = parse(page(address + meta))
    assert parsed.published_at == datetime.datetime(2019, 11, 18, 18, 54, 53, tzinfo=UTC)


def test_a_json_ld_date_written_as_in_email_gives_the_time_of_day():
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", '
    ld += '"datePublished": "19 Nov 2019 07:09 GMT"}</script>'
    parsed = parse(page(canonical("https://courier.example.org/2019/11/19/ferry") + ld))
    assert parsed.published_at == datetime.datetime(2019, 11, 19, 7, 9, tzinfo=UTC)


def test_a_month_name_in_the_address_gives_the_day_over_a_date_in_the_text():
    address = canonical("https://courier.example.org/world/2019/nov/18/ferry-terminal")
    statement = "<p>The plan was first put to the council on Oct. 13, 2019.</p>"
    parsed = parse(page(address, statement))
    assert parsed.published_at == datetime.datetime(2019, 11, 18, tzinfo=UTC)


# Section pages ---------------------------------------------------------------------------


def test_a_section_page_that_states_no_page_type_is_not_an_article():
    cards = "".join(
        f'<div class="card"><h3><a href="/news/story-{n}">{headline}</a></h3><p>{teaser}</p>'
        f"<span>{n + 1} May 2024</span></div>"
        for n, (headline, teaser) in enumerate(TEASERS * 2)
    )
    front = (
        '<!DOCTYPE html><html lang="en"><head><title>Local news | The Lanternport Courier'
        f"</title></head><body><main><h1>Local news</h1>{cards}</main></body></html>"
    ).encode()
    with pytest.raises(NotAnArticle, match="page type unstated"):
        parse(front)
    assert parse(page()).headline == TITLE  # an article stating no type stays one


# Headlines -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("og_title", "site", "headline"),
    [
        (f"{TITLE} - The Lanternport Courier", "The Lanternport Courier", TITLE),
        (f"{TITLE} | Lanternport Courier", "The Lanternport Courier", TITLE),
        (f"{TITLE} – courier.example.org", "", TITLE),
        (f"The Lanternport Courier: {TITLE}", "The Lanternport Courier", TITLE),
        (f"{TITLE} | Harbour | The Lanternport Courier", "The Lanternport Courier",
         f"{TITLE} | Harbour"),
        ("Ferries | The Lanternport Courier", "The Lanternport Courier",
         "Ferries | The Lanternport Courier"),
    ],
)  # fmt: skip
def test_the_site_name_is_taken_off_a_title_that_carries_it(og_title, site, headline):
    head = f'<meta property="og:title" content="{og_title}">'
    head += '<meta property="og:url" content="https://courier.example.org/ferry-terminal">'
    head += f'<meta property="og:site_name" content="{site}">' if site else ""
    parsed = parse(page(head, heading="", title=og_title))
    assert parsed.headline == headline


def test_the_pages_h1_is_the_headline_over_a_social_title_and_leaves_the_body():
    social = "You won't believe what the harbour council did next"
    head = f'<meta property="og:title" content="{social}">'
    kicker_and_heading = f'<p class="kicker">Harbour</p><h1>{TITLE}</h1>'
    parsed = parse(page(head, heading=kicker_and_heading, title=social))
    assert parsed.headline == TITLE
    assert parsed.body_html.startswith(f"<p>{PROSE[0]}</p>")


# Addresses -------------------------------------------------------------------------------


def test_a_canonical_path_is_read_against_the_pages_base_not_an_images_host():
    head = canonical("/news/2024/02/27/ferry-terminal")
    head += '<meta property="og:image" content="https://cdn.images.example.net/ferry.jpg">'
    based = parse(page('<base href="https://courier.example.org/">' + head))
    assert based.source_url == "https://courier.example.org/news/2024/02/27/ferry-terminal"
    assert based.source == "courier.example.org"
    unknown = parse(page(head))
    assert (unknown.source_url, unknown.source) == ("", "")


# Bylines ---------------------------------------------------------------------------------


def test_a_byline_opening_the_text_gives_the_authors_and_leaves_the_body():
    lines = "<p>By Jane Roe and Tomasz Wren</p><p>Lanternport Courier, Orvane</p>"
    parsed = parse(page(article=lines))
    assert parsed.authors == (ParsedPerson(name="Jane Roe"), ParsedPerson(name="Tomasz Wren"))
    assert parsed.body_html.startswith(f"<p>{PROSE[0]}</p>")
    # A sentence opening with "By" is the story's own.
    sentence = "<p>By Tuesday the harbour was quiet again.</p>"
    assert parse(page(article=sentence)).body_html.startswith(sentence)
