"""What the importer reads from pages laid out as news sites lay them out: the publication
moment a page states beside the day in its address, section fronts that state no page type,
titles that also name the site, the site's name read from a <title>, an <h1> other than the
social title, a canonical link written as a path, a byline set as the text's first line (with
its date), the site, outlet, date or label written beside a name, all-capitals bylines, the
pleas to subscribe around a story and the labels for links to other stories within it, pages
declared in Latin-1, live blogs' entries, standfirsts set under the headline, and React's
<time dateTime>. Every page is a small invention."""

import datetime

import pytest

from articles.importers.html import parse_html
from articles.importers.records import NotAnArticle, ParsedPerson
from tests.test_import_page_metadata import PROSE, TEASERS, TITLE

UTC = datetime.UTC


def page(head="", article="", *, heading=f"<h1>{TITLE}</h1>", title=TITLE, after=""):
    """An article page with `head` in its <head>, `article` before the story's prose and
    `after` after it."""
    paragraphs = "".join(f"<p>{paragraph}</p>" for paragraph in PROSE)
    return (
        f'<!DOCTYPE html><html lang="en"><head><title>{title}</title>{head}</head><body>'
        '<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>'
        f"<main><article>{heading}{article}{paragraphs}{after}</article></main>"
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


# Site names ------------------------------------------------------------------------------

ADDRESS = '<meta property="og:url" content="https://courier.example.org/ferry-terminal">'


@pytest.mark.parametrize(
    ("title", "address", "source"),
    [
        (f"{TITLE} | Lanternport Courier", ADDRESS, "Lanternport Courier"),
        (f"{TITLE} - Lanternport Evening Courier",
         '<meta property="og:url" content="https://www.lec.example.com/ferry">',
         "Lanternport Evening Courier"),
        (f"{TITLE} | Harbour Weekly", ADDRESS, "courier.example.org"),
        (f"{TITLE} | Lanternport Courier", "", ""),
    ],
)  # fmt: skip
def test_a_page_without_a_site_name_takes_its_titles_suffix_when_it_spells_the_address(
    title, address, source
):
    assert parse(page(address, title=title)).source == source


def test_a_stated_site_name_wins_over_the_titles_suffix():
    head = ADDRESS + '<meta property="og:site_name" content="The Courier">'
    assert parse(page(head, title=f"{TITLE} | Lanternport Courier")).source == "The Courier"


@pytest.mark.parametrize(
    "site", ["The Courier | News for the whole coast", "The Courier | Harbour | Sport |"]
)
def test_a_stated_site_name_loses_its_tagline(site):
    head = ADDRESS + f'<meta property="og:site_name" content="{site}">'
    assert parse(page(head)).source == "The Courier"


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


def authors(author, head=ADDRESS):
    parsed = parse(page(f'{head}<meta name="author" content="{author}">'))
    return [person.name for person in parsed.authors]


@pytest.mark.parametrize(
    ("author", "names"),
    [
        ("Jane Roe, Lanternport Courier", ["Jane Roe"]),
        ("Jane Roe and courier.example.org", ["Jane Roe"]),
        ("Jane Roe, Courier Business", ["Jane Roe"]),
        ("Jane Roe and Courier Sport staff", ["Jane Roe"]),
        ("Jane Roe COURIER", ["Jane Roe"]),
        ("Mary Ellen Courier", ["Mary Ellen Courier"]),  # a name the site's name is part of
    ],
)
def test_a_byline_part_naming_the_site_by_its_name_or_address_is_no_person(author, names):
    head = ADDRESS + '<meta property="og:site_name" content="The Lanternport Courier">'
    assert authors(author, head) == names


@pytest.mark.parametrize(
    ("author", "names"),
    [
        ("Maren Holt November 19, 2019", ["Maren Holt"]),
        ("Maren Holt Sept 3", ["Maren Holt"]),
        ("Anna Maria May", ["Anna Maria May"]),  # a name, with no date after it
        ("Anna Maria May 5", ["Anna Maria"]),
        ("Tomasz Wren Associated Press", ["Tomasz Wren"]),
        ("Tomasz Wren The New York Times", ["Tomasz Wren"]),
        ("Tomasz Wren Al Jazeera", ["Tomasz Wren"]),
        ("Tomasz Wren Reuters", ["Tomasz Wren"]),
        ("TOMASZ WREN ASSOCIATED PRESS", ["Tomasz Wren"]),
        ("Tomasz Wren Holt Reuters", ["Tomasz Wren Holt"]),
        ("Tomasz Wren Courier International", ["Tomasz Wren"]),
        ("Mary Ann Holt", ["Mary Ann Holt"]),
    ],
)
def test_a_date_or_outlet_written_after_a_name_is_no_part_of_it(author, names):
    assert authors(author) == names


def test_one_person_named_with_and_without_a_middle_initial_is_one_author():
    assert authors("Maren Holt; Maren J. Holt; Tomasz Wren") == ["Maren Holt", "Tomasz Wren"]


def test_the_site_under_a_longer_name_after_a_name_is_no_part_of_it():
    head = '<meta property="og:url" content="https://harbourpost.example.com/ferry">'
    assert authors("Maren Holt Harbour International", head) == ["Maren Holt"]


@pytest.mark.parametrize(
    ("author", "name"),
    [
        ("TOMASZ WREN", "Tomasz Wren"),
        ("SEAN O'BRIEN", "Sean O'Brien"),
        ("ANGUS MCDONALD", "Angus McDonald"),
        ("ROSA DE LA CRUZ", "Rosa de la Cruz"),
        ("JEAN-PIERRE ROUX", "Jean-Pierre Roux"),
        ("TJ HOLT", "TJ Holt"),
        ("Rosa de la Cruz", "Rosa de la Cruz"),
        ("Jane McRoe", "Jane McRoe"),
    ],
)
def test_an_all_capitals_byline_is_set_in_title_case(author, name):
    assert authors(author) == [name]


# Pleas to the reader ---------------------------------------------------------------------


def test_pleas_to_subscribe_or_sign_in_opening_or_closing_the_text_are_dropped():
    opening = "<p>Already a subscriber? Sign in</p><p>Subscribe to keep reading.</p>"
    closing = (
        "<p>Support our journalism.</p><h2>Sign up for our newsletter</h2>"
        "<p>Get the harbour's top stories delivered to your inbox every morning.</p><p></p>"
    )
    parsed = parse(page(article=opening, after=closing))
    assert parsed.body_html.startswith(f"<p>{PROSE[0]}</p>")
    assert parsed.body_html.endswith(f"<p>{PROSE[-1]}</p>")


@pytest.mark.parametrize(
    "prose",
    [
        "<p>Subscribers to the operator's season pass will get a refund, the council said.</p>",
        "<p>She urged residents to sign up for the council's newsletter before the vote.</p>",
        "<p>Subscribe, the mayor told islanders. The ferry will not wait for anyone, she said, "
        "and neither will the planning board when it meets again in the spring.</p>",
    ],
)
def test_prose_about_subscribers_or_newsletters_stays_in_the_text(prose):
    assert parse(page(after=prose)).body_html.endswith(prose)


# Character sets --------------------------------------------------------------------------


@pytest.mark.parametrize("charset", ["ISO-8859-1", "windows-1252", "us-ascii"])
def test_a_page_declared_in_latin_1_is_read_as_windows_1252_as_browsers_read_it(charset):
    quoted = "\u201cWe won\u2019t be moved,\u201d said Ren\u00e9e Faull \u2014 again."
    head = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
    data = page(head, f"<p>{quoted}</p>").decode().encode("cp1252")
    assert parse(data).body_html.startswith(f"<p>{quoted}</p>")


# Live blogs ------------------------------------------------------------------------------


def test_every_entry_of_a_live_blog_set_as_articles_side_by_side_is_in_the_text():
    ld = '<script type="application/ld+json">{"@type": "LiveBlogPosting"}</script>'
    # Entries of two paragraphs: the first is long enough for trafilatura to stop at it.
    entries = "".join(
        f'<article id="block-{n}" class="block"><header><p><time datetime="2024-04-22T'
        f'{18 - n}:00:00Z">{18 - n}.00 BST</time></p></header>'
        f"<p>{PROSE[n]}</p><p>{PROSE[n + 1]}</p></article>"
        for n in (0, 2)
    )
    data = (
        f'<!DOCTYPE html><html lang="en"><head><title>{TITLE}</title>{ld}</head><body>'
        f"<main><h1>{TITLE}</h1><div>{entries}</div></main></body></html>"
    ).encode()
    body = parse(data).body_html
    assert all(paragraph in body for paragraph in PROSE[:4])


# Standfirsts -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["standfirst", "article-dek", "gh-article-excerpt"])
def test_a_standfirst_set_under_the_headline_is_the_standfirst_not_the_bodys_opening(name):
    standfirst = "The vote ends six years of argument over lorries on the quayside."
    head = f'<meta name="description" content="{standfirst}">'
    parsed = parse(page(head, f'<p class="{name}">{standfirst}</p>'))
    assert parsed.standfirst == standfirst
    assert parsed.body_html.startswith(f"<p>{PROSE[0]}</p>")
    # A meta description written for search engines gives way to the one the page shows.
    parsed = parse(page('<meta name="description" content="Read the latest.">',
                        f'<p class="{name}">{standfirst}</p>'))  # fmt: skip
    assert parsed.standfirst == standfirst


def test_a_first_paragraph_the_meta_description_copies_stays_the_bodys_opening():
    head = f'<meta name="description" content="{PROSE[0]}">'
    parsed = parse(page(head))
    assert (parsed.standfirst, parsed.body_html.startswith(f"<p>{PROSE[0]}</p>")) == ("", True)


# Dates set by React ----------------------------------------------------------------------


def test_a_time_element_written_by_react_gives_its_time_of_day():
    address = canonical("https://courier.example.org/2024/03/07/ferry-terminal")
    stamp = '<time dateTime="2024-03-07T06:00:00.000Z">7 March 2024</time>'
    parsed = parse(page(address, stamp))
    assert parsed.published_at == datetime.datetime(2024, 3, 7, 6, 0, tzinfo=UTC)


# Page furniture --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "furniture",
    [
        '<p><strong>Read more:</strong> <a href="/news/4419022">Parking charges to rise</a></p>',
        '<p>RELATED: <a href="/news/4410001">Pothole repairs fall behind again</a></p>',
        '<p>See also &raquo; <a href="/news/2">Will the night buses ever return?</a></p>',
        "<h2>Related topics</h2>",
        "<h3>More on this story</h3>",
    ],
)
def test_labels_for_links_to_other_stories_leave_the_text(furniture):
    parsed = parse(page(after=f"{furniture}<p>{PROSE[0]}</p>"))
    assert parsed.body_html.count("<p>") == len(PROSE) + 1
    assert "<p>" + PROSE[-1] + "</p>\n<p>" + PROSE[0] in parsed.body_html


@pytest.mark.parametrize(
    "prose",
    [
        "<p>Related: the council says the two votes are unconnected.</p>",
        "<p>Read more about the terminal plan in the council minutes, published on Friday, "
        "where the officers set out why the quayside route was chosen over the bypass.</p>",
    ],
)
def test_prose_opening_with_such_a_label_stays_in_the_text(prose):
    assert prose in parse(page(after=prose + f"<p>{PROSE[0]}</p>")).body_html


@pytest.mark.parametrize(
    ("author", "names"),
    [
        ("Author: Jane Roe", ["Jane Roe"]),
        ("Authors: Jane Roe and Tomasz Wren", ["Jane Roe", "Tomasz Wren"]),
        ("Story by Jane Roe", ["Jane Roe"]),
        ("Text and pictures by Jane Roe", ["Jane Roe"]),
    ],
)
def test_a_label_before_the_names_of_a_byline_is_no_part_of_them(author, names):
    assert authors(author) == names


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("By Jane Roe and Tomasz Wren | Posted: Tuesday, March 5, 2024 9:14 pm", (2024, 3, 5)),
        ("By Jane Roe and Tomasz Wren - Published 16 November 2022", (2022, 11, 16)),
        ("By Jane Roe and Tomasz Wren | Updated 3 hours ago", None),
    ],
)
def test_a_byline_line_closing_with_its_date_gives_the_authors_and_the_day(line, day):
    parsed = parse(page(article=f"<p>{line}</p>"))
    assert parsed.authors == (ParsedPerson(name="Jane Roe"), ParsedPerson(name="Tomasz Wren"))
    assert parsed.body_html.startswith(f"<p>{PROSE[0]}</p>")
    assert parsed.published_at == (datetime.datetime(*day, tzinfo=UTC) if day else None)


def test_a_role_after_a_bar_in_a_byline_line_stays_the_authors_description():
    parsed = parse(page(article="<p>By Jane Roe | Health Correspondent</p>"))
    assert parsed.authors == (ParsedPerson(name="Jane Roe", description="Health Correspondent"),)
