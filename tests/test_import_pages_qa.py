"""What the importer reads from pages laid out as news sites lay them out: the publication
moment a page states beside the day in its address, section fronts that state no page type,
titles that also name the site, the site's name read from a <title>, an <h1> other than the
social title, a canonical link written as a path, a byline set as the text's first line (with
its date), the site, outlet, date or label written beside a name, all-capitals bylines, the
pleas to subscribe around a story and the labels for links to other stories within it, pages
declared in Latin-1, live blogs' entries, standfirsts set under the headline, and React's
<time dateTime>; then organisations given as authors, press releases' subtitles and tails,
the notices closing a story, date lines, pages laid out in tables, stories split by adverts,
photo galleries, pages in Spanish, French and German, paywalls and comments; then pull
quotes, audio players, sharing and pagination lines, summary boxes, old CMSs' text written as
lines between line breaks with the headline in the <title>, bylines stating their date first,
and AMP stories; then pictures' credits and captions set as lines, the lines adverts leave,
comment counts, pleas to follow the site, newsletters' own lines, newsroom standards' notices
and standfirsts whose class trafilatura drops; then notes about the author closing a story,
bylines shown when the metadata names only the site, stories that news agencies wrote (their
source), publishers in microdata, videos' upload dates, posts from social media embedded in
a story, stories a script writes (Next.js), and other stories' teasers set as <article>s
before the story; then bylines a site's reporter shares with an agency, datelines stating
their day and credits in brackets (Indian and African agencies), stories republished from
other publishers, an only <h1> over metadata in another language, a site's name taken for the
title, times shown in date lines, pleas for updates, channels and letters, lists of
headlines under a label, numbered lists, footnotes, rich text a script writes, and Instagram
posts; then bylines shown when the metadata names no author (whole, with several names and
their job titles), and live blogs' authors in their JSON-LD; then galleries' captions set in
paragraphs, a headline set after a label in one container, newsletters' thanks and questions
leading into pleas, widgets' counts, the story's topics, boxes about the author and bylines
without "By". Every page is a small invention."""

import datetime
import json

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
        '<p><strong>Lee también:</strong> <a href="/2">El aparcamiento abrirá en mayo</a></p>',
        '<p><strong>À lire aussi :</strong> <a href="/3">Le parking passe au paiement</a></p>',
        '<p>Lesen Sie auch: <a href="/4">Der Hafen bekommt ein neues Terminal</a></p>',
        '<div class="trending"><h3>Trending now</h3><ol><li><a href="/1">Pier reopens</a></li>'
        "</ol></div>",
        '<div class="ad"><p>Story continues below advertisement</p></div>',
        "<p>Article continues after this advertisement</p>",
        "<h4>Story continues below gallery</h4>",
        '<p><strong>WATCH:</strong> <a href="/video/7">Drone video shows the storm damage</a></p>',
        '<p>MORE: <a href="/news/8">How to report a power cut on the islands</a></p>',
        "<h4>More:</h4>",
        "<p><strong>DON'T MISS</strong></p>",
        '<p>Read next | <a href="/news/9">Lifeboat crew rescue two walkers</a></p>',
        '<div><p class="titulo">Noticias relacionadas</p><ul><li><a href="/5">El puerto amplía '
        "su muelle</a></li></ul></div>",
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
        "<p>Trending: fares, which the mayor called a worry, have risen for three years.</p>",
        "<p>More: the council will vote on the appeal in June.</p>",
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


# Organisations as authors ----------------------------------------------------------------


def json_ld(author):
    ld = f'{{"@type": "NewsArticle", "author": {author}}}'
    return f'<script type="application/ld+json">{ld}</script>'


@pytest.mark.parametrize("kind", ["Organization", "NewsMediaOrganization", "Corporation"])
def test_an_author_the_json_ld_gives_as_an_organisation_is_no_person(kind):
    head = ADDRESS + json_ld(f'{{"@type": "{kind}", "name": "Brightwater Energy"}}')
    assert authors("Brightwater Energy", head) == []
    person = ADDRESS + json_ld('[{"@type": "Person", "name": "Jane Roe"}]')
    assert authors("Jane Roe", person) == ["Jane Roe"]


def test_what_is_left_of_an_email_address_after_a_name_is_no_part_of_it():
    assert authors("Dale Prewitt dprewitt@courier.example.org") == ["Dale Prewitt"]
    assert authors("Rosa de la Cruz") == ["Rosa de la Cruz"]


# Press releases --------------------------------------------------------------------------


def test_a_press_releases_subtitle_is_its_standfirst_and_its_tail_no_part_of_the_story():
    subtitle = "The terminal will take ships of up to 180 metres"
    tail = (
        "<p><b>About Northwind Ferries</b></p><p>Northwind Ferries runs sailings to the outer "
        "islands. For more information, visit www.northwind.example.com.</p>"
        "<p><b>Media contact:</b><br>Lee Hanna<br>press@northwind.example.com</p>"
        "<p>SOURCE Northwind Ferries</p><p>###</p>"
    )
    parsed = parse(page(article=f'<h2 class="subtitle">{subtitle}</h2>', after=tail))
    assert parsed.standfirst == subtitle
    assert parsed.body_html.startswith(f"<p>{PROSE[0]}</p>")
    assert parsed.body_html.endswith(f"<p>{PROSE[-1]}</p>")


def test_a_heading_starting_with_about_early_in_the_story_stays():
    heading = "<h2>About the terminal</h2>"
    body = parse(page(article=f"<p>{PROSE[0]}</p>{heading}", after=f"<p>{PROSE[0]}</p>" * 5))
    assert heading in body.body_html


# Notices closing a story -----------------------------------------------------------------


@pytest.mark.parametrize(
    "notice",
    [
        "The views expressed in this column are the author's own and do not necessarily "
        "reflect those of the Lanternport Courier.",
        "The views and opinions expressed in the article do not necessarily reflect ours.",
        "© 2024 The Northern Lamp. All rights reserved.",
        "Copyright Lanternport Courier 2024",
        "Our Standards: The Thomson Reuters Trust Principles.",
    ],
)
def test_a_disclaimer_or_copyright_notice_closing_the_story_leaves_the_text(notice):
    parsed = parse(page(after=f'<p class="disclaimer">{notice}</p>'))
    assert parsed.body_html.endswith(f"<p>{PROSE[-1]}</p>")


@pytest.mark.parametrize(
    "record",
    [
        "This article was amended on 3 May 2024 to correct the length of the terminal.",
        "Correction: An earlier version of this article gave the wrong year for the vote.",
        "Additional reporting by Tomasz Wren",
        "SOURCE: News agencies",
        "Originally published on The Northern Lamp.",
        "Provided by The Northern Lamp",
        "Reporting by Jane Roe; Additional reporting by Tomasz Wren; Editing by Ann Pryor",
        "Courier’s Tomasz Wren contributed to this report.",
    ],
)
def test_a_correction_credit_or_origin_closing_the_story_stays(record):
    assert parse(page(after=f"<p>{record}</p>")).body_html.endswith(f"<p>{record}</p>")


# Date lines ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Thursday, March 8, 2012",
        "UPDATED: Tue., Nov. 19, 2019",
        "Actualizado: 5 de marzo de 2024, 10:15",
        "Publié le 12 février 2024 à 07h00",
        "2:14",
    ],
)
def test_a_line_under_the_headline_stating_the_date_leaves_the_text(line):
    parsed = parse(page(article=f'<p class="date">{line}</p>'))
    assert parsed.body_html.startswith(f"<p>{PROSE[0]}</p>")


def test_the_dates_of_a_life_under_an_obituarys_headline_stay():
    line = '<p class="dates">March 3, 1941 – February 12, 2024</p>'
    assert parse(page(article=line)).body_html.startswith(line)


def test_a_live_blogs_standfirst_and_meta_line_leave_the_text():
    standfirst = "Thousands of homes without power; rail lines shut north of Carlisle."
    head = f'<meta name="description" content="{standfirst}">'
    meta = (
        f"<div><p>{standfirst}</p></div><details><summary>Sat 2 Dec 2023 18.05 GMT</summary>"
        "<span>First published on Sat 2 Dec 2023 07.41 GMT</span></details>"
    )
    parsed = parse(page(head, meta))
    assert parsed.standfirst == standfirst
    assert parsed.body_html.startswith(f"<p>{PROSE[0]}</p>")


# Layouts ---------------------------------------------------------------------------------


def test_a_page_laid_out_in_a_table_keeps_neither_its_navigation_nor_its_headline():
    paragraphs = "".join(f"<p>{paragraph}</p>" for paragraph in PROSE)
    data = (
        f'<!DOCTYPE html><html lang="en"><head><title>{TITLE}</title></head><body>'
        '<table width="100%"><tr><td class="nav"><a href="/">Home</a> | <a href="/news/">News'
        f'</a></td></tr><tr><td class="content"><h1>{TITLE}</h1><p class="date">Thursday, '
        f"March 8, 2012</p>{paragraphs}</td></tr><tr><td>© The Lanternport Courier 2012</td>"
        "</tr></table></body></html>"
    ).encode()
    parsed = parse(data)
    assert parsed.body_html.startswith(f"<p>{PROSE[0]}</p>")
    assert parsed.body_html.endswith(f"<p>{PROSE[-1]}</p>")
    figures = "<table><tr><td>Ferries</td><td>12</td></tr></table>"  # a table of data stays
    assert "<table>" in parse(page(after=figures)).body_html


def gallery_page(figures: str) -> bytes:
    """A story of one paragraph with a gallery's `figures` after it."""
    return (
        f'<!DOCTYPE html><html lang="en"><head><title>{TITLE}</title></head><body><main>'
        f"<article><h1>{TITLE}</h1><p>The town's boats sailed round the harbour.</p>{figures}"
        "</article></main></body></html>"
    ).encode()


def test_a_story_split_by_an_advert_is_read_whole():
    halves = [
        '<div class="article-body">' + "".join(f"<p>{p}</p>" for p in part) + "</div>"
        for part in (PROSE[:3], PROSE[3:])
    ]
    advert = '<div class="ad-slot"><span>Advertisement</span></div>'
    data = (
        f'<!DOCTYPE html><html lang="en"><head><title>{TITLE}</title></head><body><main>'
        f"<article><h1>{TITLE}</h1>{halves[0]}{advert}{halves[1]}</article></main></body></html>"
    ).encode()
    assert parse(data).body_html == "\n".join(f"<p>{paragraph}</p>" for paragraph in PROSE)


def test_a_galleries_captions_are_its_text_without_the_pictures_counter_or_credit():
    captions = [
        "The lifeboat led the parade out of the inner harbour, its crew waving from the deck.",
        "Children from the primary school dressed their dinghy as a giant lobster.",
        "A crab boat decked in bunting and flags passed the fish market at noon.",
    ]
    figures = "".join(
        f'<figure><img src="/g/{n}.jpg" alt=""><figcaption><span>{n} of 3</span> {caption}'
        ' <span class="credit">Photograph: Lowen Hart</span></figcaption></figure>'
        for n, caption in enumerate(captions, start=1)
    )
    body = parse(gallery_page(figures)).body_html
    assert all(f"<p>{caption}</p>" in body for caption in captions)
    # A story's own pictures keep their captions out of its text.
    story = parse(page(article=figures)).body_html
    assert not any(caption in story for caption in captions)


# Pages in other languages ----------------------------------------------------------------


@pytest.mark.parametrize("name", ["entradilla", "subtitulo", "chapo", "chapeau", "vorspann"])
def test_a_standfirst_named_in_another_language_is_the_standfirst(name):
    standfirst = "Las obras empezarán en otoño y cerrarán once calles del centro."
    parsed = parse(page(f'<meta name="description" content="{standfirst}">',
                        f'<p class="{name}">{standfirst}</p>'))  # fmt: skip
    assert parsed.standfirst == standfirst
    assert parsed.body_html.startswith(f"<p>{PROSE[0]}</p>")


@pytest.mark.parametrize(
    "plea",
    [
        "Suscríbete a nuestro boletín y recibe las noticias del valle cada mañana.",
        "Abonnez-vous à notre lettre d'information.",
        "Sie möchten mehr aus Ihrer Region lesen? Jetzt den Newsletter „Hafen am Morgen“ "
        "abonnieren.",
        "Thanks for reading The Harbour Letter! Subscribe for free to receive new posts.",
        "Want more stories from the islands? Sign up for our morning briefing.",
    ],
)
def test_pleas_to_subscribe_in_other_languages_and_words_close_no_story(plea):
    """Also a newsletter's thanks, and a question leading into a plea."""
    assert parse(page(after=f"<p>{plea}</p>")).body_html.endswith(f"<p>{PROSE[-1]}</p>")


# Paywalls and comments -------------------------------------------------------------------


@pytest.mark.parametrize(
    "tail",
    [
        "<h2>Subscribe to continue reading</h2><p>This article is for subscribers only. Get "
        "unlimited access for just £1 for your first three months.</p><ul><li>Unlimited "
        "digital access</li><li>The daily e-paper</li></ul><p>Already a subscriber? Log in</p>",
        "<h2>Share a Memory</h2><p>Mrs Holloway was my teacher in 1979 and I still remember "
        "her kindness.</p><p>Posted by Jeff Marsh – February 14, 2024</p>",
        "<h3>Leave a comment</h3><p>Great news for the island at last.</p>",
        "<h2>Written by Jane Roe</h2><p>2.3K Followers</p><p>Engineer, sailor, occasional "
        "writer. Based in Lanternport.</p>",
    ],
)
def test_a_plea_set_as_a_heading_closes_the_story_with_what_follows_it(tail):
    assert parse(page(after=tail)).body_html.endswith(f"<p>{PROSE[-1]}</p>")


def test_prose_after_a_plea_set_as_a_heading_keeps_it_in_the_text():
    heading = "<h2>Join the conversation</h2>"
    body = parse(page(after=f"{heading}<p>{PROSE[0]}</p>")).body_html
    assert body.endswith(f"{heading}\n<p>{PROSE[0]}</p>")
    # A newsletter's plea sits within stories, whose paragraphs may all be short.
    short = "<h2>Sign up for our newsletter</h2><p>The vote was close.</p><p>Nine to four.</p>"
    assert parse(page(after=short)).body_html.endswith("<p>Nine to four.</p>")


# Pull quotes -----------------------------------------------------------------------------

QUOTE = "Lorries bound for the terminal would clog the quayside streets"
SAID = f'<p>"{QUOTE}," said Ann Pryor, who lives on Quay Lane.</p>'


@pytest.mark.parametrize(
    "pull_quote",
    [
        f'<aside class="pullquote alignright"><p>"{QUOTE}"</p></aside>',
        f'<blockquote class="pull-quote"><p>"{QUOTE}"</p><cite>Ann Pryor</cite></blockquote>',
        f'<div class="article__pull_quote"><p>{QUOTE}</p></div>',
        f"<blockquote><p>{QUOTE}</p></blockquote>",  # no class, but the story's words
    ],
)
def test_a_pull_quote_repeating_the_storys_words_leaves_the_text(pull_quote):
    body = parse(page(after=f"{SAID}{pull_quote}")).body_html
    assert body.count(QUOTE) == 1
    assert body.endswith(SAID)


def test_a_quoted_document_set_apart_stays_in_the_text():
    letter = (
        "<blockquote><p>We are unable to guarantee service on routes 14 and 17 after "
        "November, owing to a shortage of licensed drivers.</p></blockquote>"
    )
    body = parse(page(after=f"<p>The contractor's letter said:</p>{letter}")).body_html
    assert body.endswith(letter)


# Widgets ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "widget",
    [
        '<div class="audio"><p>Listen to this article</p><audio controls src="/a.mp3"></audio>'
        "<p>Powered by NarrateIt</p></div>",
        "<p>Listen to this article · 5 min</p><p>4 min read</p>",
        "<p>Listen 5:42</p>",
        "<p>Share on Facebook Share on Twitter Share via Email</p>",
        "<p>Page 1 of 3</p><p>1 2 3 Next »</p>",
        '<p><a href="#comments">Comments (12)</a></p><p>4 Comments</p>',
    ],
)
def test_a_widgets_labels_leave_the_text(widget):
    parsed = parse(page(article=widget, after=widget))
    assert parsed.body_html == "\n".join(f"<p>{paragraph}</p>" for paragraph in PROSE)


@pytest.mark.parametrize(
    "prose",
    [
        "<p>\u201cNext!\u201d</p>",
        "<p>Listen to the council's debate on our podcast, out on Friday.</p>",
        "<p>Next: the appeal, which the board will hear on 12 March.</p>",
        "<p>Comments closed on 12 March, and 400 had been received.</p>",
    ],
)
def test_prose_naming_a_widgets_labels_stays_in_the_text(prose):
    assert parse(page(after=prose)).body_html.endswith(prose)


# Summary boxes ---------------------------------------------------------------------------

POINTS = (
    "<ul><li>The terminal was approved nine votes to four</li><li>Opponents will appeal</li></ul>"
)


@pytest.mark.parametrize(
    "label", ["<h2>Key points:</h2>", "<h3>At a glance</h3>", "<p><b>In brief</b></p>"]
)
def test_a_summary_box_opening_the_text_leaves_it(label):
    assert parse(page(article=f"{label}{POINTS}")).body_html.startswith(f"<p>{PROSE[0]}</p>")


def test_a_list_under_such_a_label_within_the_story_stays():
    within = f"<h2>Key points</h2>{POINTS}"
    assert parse(page(after=within)).body_html.endswith(POINTS)


# Old CMSs --------------------------------------------------------------------------------


def test_text_written_as_lines_between_line_breaks_is_read_as_paragraphs():
    lines = "<br><br>".join(PROSE)
    data = (
        f"<html><head><title>Valley Herald - {TITLE}</title></head><body><table><tr><td>"
        '<a href="/">Home</a><br><a href="/news.php">News</a></td><td class="storytext">'
        f'<font size="4"><b>{TITLE}</b></font><br><font size="1">Posted: 03/11/2009 - by Glen '
        f"Partridge</font><br><br>{lines}<br><br></td></tr></table></body></html>"
    ).encode()
    parsed = parse(data)
    assert parsed.headline == TITLE
    assert parsed.authors == (ParsedPerson(name="Glen Partridge"),)
    assert parsed.body_html == "\n".join(f"<p>{paragraph}</p>" for paragraph in PROSE)


def test_lines_within_a_paragraph_stay_lines_of_it():
    address = "Harbour Office<br>Quay Lane<br>Lanternport"
    data = (
        f"<html><head><title>{TITLE}</title></head><body><div>{PROSE[0]}<br><br>{address}"
        f"<br><br>{PROSE[1]}<br><br>{PROSE[2]}</div></body></html>"
    ).encode()
    assert "<p>Harbour Office<br>Quay Lane<br>Lanternport</p>" in parse(data).body_html


@pytest.mark.parametrize(
    "line",
    ["Posted on March 5, 2024 by Jane Roe", "Published 5 March 2024 | by Jane Roe"],
)
def test_a_byline_line_stating_its_date_first_gives_the_author_and_the_day(line):
    parsed = parse(page(article=f"<p>{line}</p>"))
    assert parsed.authors == (ParsedPerson(name="Jane Roe"),)
    assert parsed.published_at == datetime.datetime(2024, 3, 5, tzinfo=UTC)
    assert parsed.body_html.startswith(f"<p>{PROSE[0]}</p>")


# AMP stories -----------------------------------------------------------------------------


def test_an_amp_storys_pages_keep_their_headings():
    pages = "".join(
        f'<amp-story-page id="p{n}"><amp-story-grid-layer template="vertical"><h2>{n}. '
        f"{heading}</h2><p>{paragraph}</p></amp-story-grid-layer></amp-story-page>"
        for n, (heading, paragraph) in enumerate(TEASERS[:3], start=1)
    )
    data = (
        '<!doctype html><html amp lang="en"><head><script async custom-element="amp-story" '
        f'src="https://cdn.ampproject.org/v0/amp-story-1.0.js"></script><title>{TITLE}</title>'
        f'</head><body><amp-story standalone title="{TITLE}"><amp-story-page id="cover">'
        f'<amp-story-grid-layer template="vertical"><h1>{TITLE}</h1><p>By Jane Roe</p>'
        f"</amp-story-grid-layer></amp-story-page>{pages}</amp-story></body></html>"
    ).encode()
    parsed = parse(data)
    assert parsed.authors == (ParsedPerson(name="Jane Roe"),)
    assert parsed.body_html.startswith(f"<h2>1. {TEASERS[0][0]}</h2>\n<p>{TEASERS[0][1]}</p>")
    assert parsed.body_html.count("<h2>") == 3


# Pictures' credits and captions ----------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "<p>Photo: Jane Roe/Lanternport Courier</p>",
        "<p>Pictures: Tomasz Wren / RNLI</p>",
        "<p>Foto: Stadtverwaltung/dpa</p>",
        "<p>Photo by Jane Roe on Unsplash</p>",
        '<p><span class="visually-hidden">Image source, </span>Getty Images</p>',
        "<p>Media caption, Drone footage shows the terminal site from the air</p>",
    ],
)
def test_a_pictures_credit_or_caption_set_as_a_line_leaves_the_text(line):
    parsed = parse(page(after=f"{line}<p>{PROSE[0]}</p>"))
    assert parsed.body_html == "\n".join(f"<p>{paragraph}</p>" for paragraph in [*PROSE, PROSE[0]])


@pytest.mark.parametrize(
    "prose",
    [
        "<p>Picture: a town without its ferry. That is what islanders fear, said Ann Pryor.</p>",
        "<p>Photos by the dozen were handed to the inquiry on Monday.</p>",
    ],
)
def test_prose_opening_with_a_pictures_label_stays_in_the_text(prose):
    assert prose in parse(page(after=prose + f"<p>{PROSE[0]}</p>")).body_html


# Pleas to follow the site and newsletters' own lines --------------------------------------


@pytest.mark.parametrize(
    "tail",
    [
        "<p>Follow us on X and Facebook for the latest news from the harbour.</p>",
        "<p><i>Follow Courier Sport on Instagram, Facebook and YouTube. Send your story ideas "
        "to sport@courier.example.org.</i></p><p><i>Listen to Courier Radio live at 12:45 "
        "weekdays - or listen back here.</i></p>",
        "<p>___</p><p>Follow the Courier's full coverage of the terminal at "
        "https://courier.example.org/terminal</p>",
        "<p>You are receiving this because you signed up at courier.example.org. Unsubscribe · "
        "Update your preferences</p>",
    ],
)
def test_pleas_to_follow_the_site_and_a_newsletters_own_lines_close_no_story(tail):
    opening = '<p><a href="/issue/112">View this email in your browser</a></p>'
    parsed = parse(page(article=opening, after=tail))
    assert parsed.body_html == "\n".join(f"<p>{paragraph}</p>" for paragraph in PROSE)


def test_a_sentence_of_the_story_beside_such_a_plea_and_a_rule_within_it_stay():
    said = "<p>Follow us on Facebook, the mayor told the meeting. Nobody laughed at all.</p>"
    assert parse(page(after=said)).body_html.endswith(said)
    rule = f"<p>* * *</p><p>{PROSE[0]}</p>"
    assert "<p>* * *</p>" in parse(page(after=rule)).body_html


# Standfirsts trafilatura takes for paragraphs ---------------------------------------------


def test_a_standfirst_whose_class_trafilatura_drops_leaves_the_body_for_its_field():
    standfirst = "The vote ends six years of argument over lorries on the quayside."
    head = f'<meta name="description" content="{standfirst}">'
    parsed = parse(page(head, f'<p class="article__subhead"><em>{standfirst}</em></p>'))
    assert parsed.standfirst == standfirst
    assert parsed.body_html.startswith(f"<p>{PROSE[0]}</p>")


# Notes about the author closing a story --------------------------------------------------

AUTHOR = '<meta name="author" content="Nora Beck">'


@pytest.mark.parametrize(
    "note",
    [
        "<p><em>Nora Beck is the Courier's harbour reporter. Follow her on X @norabeck.</em></p>",
        "<p>Contact Nora Beck at nbeck@courier.example.org or 555-0142.</p>",
        "<p>\u2014 Nora Beck covers the harbour and can be reached at nbeck@courier.example.org</p>"
        "<p>Email the reporter at news@courier.example.org</p>",
        "<p><i>Dr Ruth Amadi is a professor of planning at Lanternport University.</i></p>",
        "<p><em>Nora Beck is a lecturer in planning. She has no interests to declare.</em></p>"
        "<p><em>This article is republished from Harbour Review under a Creative Commons "
        "license.</em></p>",
    ],
)
def test_a_note_about_the_author_closing_the_story_leaves_the_text(note):
    body = parse(page(AUTHOR, after=note)).body_html
    assert "Beck" not in body and "Amadi" not in body
    assert PROSE[-1] in body


@pytest.mark.parametrize(
    "prose",
    [
        "<p>Ann Pryor is a retired ferry captain who has lived on Quay Lane since 1981.</p>",
        "<p><em>Ann Pryor has campaigned against the terminal for six years.</em></p>",
        "<p>Contact the council at planning@lanternport.example.org to comment.</p>",
    ],
)
def test_a_closing_sentence_about_someone_else_stays(prose):
    closing = parse(page(AUTHOR, after=prose)).body_html.rsplit("\n", 1)[-1]
    assert closing == prose.replace("em>", "i>")  # trafilatura writes emphasis as <i>


# Bylines the page shows ------------------------------------------------------------------


@pytest.mark.parametrize(
    "shown",
    [
        '<div class="story-meta"><a class="author-name" href="/staff/mei-lin-chen">Mei-Lin Chen'
        "</a></div>",
        '<span class="article-info__author"><a rel="author" href="/authors/1">Mei-Lin Chen</a>'
        "</span>",
    ],
)
def test_the_byline_the_page_shows_is_read_when_the_metadata_names_only_the_site(shown):
    head = ADDRESS + '<meta name="author" content="Courier Staff">'
    head += json_ld('{"@type": "Organization", "name": "The Lanternport Courier"}')
    parsed = parse(page(head, heading=f"{shown}<h1>{TITLE}</h1>"))
    assert parsed.authors == (ParsedPerson(name="Mei-Lin Chen"),)


def test_a_comments_or_another_storys_author_is_not_the_bylines():
    head = ADDRESS + '<meta name="author" content="Courier Staff">'
    others = (
        '<ul><li><span class="comment-author-link">Tomasz Wren</span> on <a href="/2">Pier</a>'
        '</li></ul><div class="related-links-author">Jane Roe</div>'
    )
    assert parse(page(head, after=others)).authors == ()


@pytest.mark.parametrize(
    ("shown", "authors"),
    [
        (
            "<address>Mei-Lin Chen, Transport correspondent</address>",
            [("Mei-Lin Chen", "Transport correspondent")],
        ),
        (
            '<div class="byline">By <a href="/staff/mei-lin-chen">Mei-Lin Chen</a>, Transport '
            'Correspondent, <a href="/staff/tomasz-wren">Tomasz Wren</a>, Harbour Reporter, and '
            '<a href="/staff/ann-pryor">Ann Pryor</a>, Lanternport Bureau Chief</div>',
            [
                ("Mei-Lin Chen", "Transport Correspondent"),
                ("Tomasz Wren", "Harbour Reporter"),
                ("Ann Pryor", "Lanternport Bureau Chief"),
            ],
        ),
    ],
)
def test_the_whole_byline_the_page_shows_is_read_when_the_metadata_names_no_author(shown, authors):
    parsed = parse(page(ADDRESS, shown))
    assert parsed.authors == tuple(ParsedPerson(name=n, description=d) for n, d in authors)
    assert "Correspondent" not in parsed.body_html


def test_an_address_after_the_story_is_no_byline():
    after = "<address>Ann Pryor, Harbour Road, Lanternport</address>"
    assert parse(page(ADDRESS, after=after)).authors == ()


def test_a_live_blogs_author_is_read_from_its_json_ld_beside_its_updates():
    ld = (
        '{"@context": "https://schema.org", "@type": "LiveBlogPosting", "author": [{"@type": '
        '"Person", "name": "Mei-Lin Chen"}], "liveBlogUpdate": [{"@type": "BlogPosting", '
        '"headline": "Council votes"}]}'
    )
    head = f'{ADDRESS}<script type="application/ld+json">{ld}</script>'
    assert parse(page(head)).authors == (ParsedPerson(name="Mei-Lin Chen"),)


# Stories news agencies wrote -------------------------------------------------------------

DATELINE = "ZAGREB, Croatia (AP) \u2014 Rescue crews evacuated hundreds of people on Thursday."


def agency_page(head="", article="", after=""):
    return page(ADDRESS + '<meta property="og:site_name" content="The Courier">' + head,
                article, after=after)  # fmt: skip


@pytest.mark.parametrize(
    ("head", "article", "after", "source"),
    [
        ("", f"<p>{DATELINE}</p>", "", "Associated Press"),
        ("", "<p>OSLO (Reuters) - Nordhav Energi will cut 600 jobs, it said on Wednesday.</p>",
         "", "Reuters"),
        ('<meta name="author" content="Sam Lee, PA">', "", "", "PA Media"),
        ('<meta name="author" content="MARTA KOVAC Associated Press">', "", "",
         "Associated Press"),
        (json_ld('{"@type": "Organization", "name": "AFP"}'), "", "", "AFP"),
        ("", "", "<p>\u2014 AFP</p>", "AFP"),
        ("", "<p>By The Associated Press</p>", "", "Associated Press"),
        ('<script type="application/ld+json">{"@type": "NewsArticle", "provider": {"@type": '
         '"Organization", "name": "Harbour Wire"}}</script>', "", "", "Harbour Wire"),
    ],
)  # fmt: skip
def test_a_story_a_news_agency_wrote_has_the_agency_as_its_source(head, article, after, source):
    parsed = parse(agency_page(head, article, after))
    assert parsed.source == source
    assert "By The" not in parsed.body_html


@pytest.mark.parametrize(
    ("head", "article"),
    [
        ('<meta property="og:url" content="https://apnews.com/article/floods-0f3a">'
         '<meta property="og:site_name" content="AP News">', f"<p>{DATELINE}</p>"),
        (ADDRESS + '<meta name="author" content="Jane Roe, Harrisburg, PA">', ""),
        (ADDRESS + '<meta name="author" content="Jane Roe">',
         "<p>The ferry (PA) \u2014 a name islanders gave it in 1962 \u2014 sails again.</p>"),
    ],
)  # fmt: skip
def test_the_agencys_own_site_and_a_state_after_a_byline_keep_the_sites_name(head, article):
    assert parse(page(head, article)).source in ("AP News", "courier.example.org")


# Publishers in microdata, videos' upload dates -------------------------------------------


def test_a_publisher_named_in_microdata_is_the_site():
    publisher = (
        '<div itemprop="publisher" itemscope itemtype="https://schema.org/Organization">'
        '<meta itemprop="name" content="Valley Post"></div>'
    )
    head = canonical("https://valleypost.example.wales/news/choir-8812")
    assert parse(page(head, publisher)).source == "Valley Post"


def test_a_videos_upload_date_gives_its_time_of_day():
    address = canonical("https://courier.example.org/news/2024-11-12/ferry-meeting")
    video = '<script type="application/ld+json">{"@type": "VideoObject", '
    video += '"uploadDate": "2024-11-12T08:15:00+00:00"}</script>'
    parsed = parse(page(address + video))
    assert parsed.published_at == datetime.datetime(2024, 11, 12, 8, 15, tzinfo=UTC)


# Posts from social media embedded in a story ---------------------------------------------

POST = (
    '<blockquote class="twitter-tweet"><p lang="en" dir="ltr">Standing room only on the 8:10 '
    'ferry. Good problem to have! <a href="https://t.co/abc">pic.twitter.com/abc</a></p>'
    '&mdash; Mayor Lise Andersen (@MayorLise) <a href="https://x.example/1">April 18, 2024</a>'
    "</blockquote>"
)


@pytest.mark.parametrize(
    "wrapper", ['<figure class="kg-card kg-embed-card">{}</figure>',
                '<div class="social-media-embed">{}</div>']
)  # fmt: skip
def test_a_post_from_social_media_embedded_in_the_story_stays_in_the_text(wrapper):
    embedded = "<p>The mayor posted a picture of a packed ferry:</p>" + wrapper.format(POST)
    body = parse(page(article=embedded)).body_html
    assert "Standing room only on the 8:10 ferry" in body
    assert "(@MayorLise)" in body


# Stories a script writes -----------------------------------------------------------------


def scripted_page(data):
    """A page whose story a script writes in the browser: its menu and footer, and its data."""
    return (
        f'<!DOCTYPE html><html lang="en"><head><title>{TITLE}</title>{ADDRESS}</head><body>'
        '<div id="__next"><header><a href="/">The Courier</a><nav><a href="/news">News</a>'
        '</nav></header><main><div class="skeleton"></div></main></div>'
        f"{data}</body></html>"
    ).encode()


def next_data(story):
    """A Next.js page's data, the story's HTML among its properties."""
    props = {"props": {"pageProps": {"article": {"headline": TITLE, "body": story}}}}
    return f'<script id="__NEXT_DATA__" type="application/json">{json.dumps(props)}</script>'


def test_a_story_a_script_writes_is_read_from_the_pages_data():
    story = "".join(f"<p>{paragraph}</p>" for paragraph in PROSE)
    assert parse(scripted_page(next_data(story))).body_html == "\n".join(
        f"<p>{paragraph}</p>" for paragraph in PROSE
    )


def test_a_page_showing_its_story_keeps_its_text_over_a_teaser_in_its_data():
    data = page(after=next_data(f"<p>{PROSE[0]}</p>"))
    assert parse(data).body_html == "\n".join(f"<p>{paragraph}</p>" for paragraph in PROSE)


# Other stories' teasers before the story -------------------------------------------------


def test_other_stories_teasers_set_as_articles_before_the_story_are_not_its_text():
    teaser = (
        '<article class="top-story"><h2><a href="/news/4470">Parking charges to double</a></h2>'
        "<p>Drivers will pay four pounds an hour to park in the town centre from April under "
        "plans approved by the council on Tuesday night after a long and heated debate.</p>"
        "<p>Traders said the rise would drive shoppers to retail parks, where parking is free, "
        "and warned that more shops on the high street would close by the end of the year.</p>"
        "</article>"
    )
    data = page().replace(b"<main>", f"{teaser}<main>".encode())
    assert parse(data).body_html == "\n".join(f"<p>{paragraph}</p>" for paragraph in PROSE)


# Bylines an agency shares, datelines with a day, credits, republished stories ------------


@pytest.mark.parametrize(
    "author", ["Emma Kowalski and AAP", "MARIA DELGADO and THE ASSOCIATED PRESS"]
)
def test_a_byline_the_site_shares_with_an_agency_keeps_the_sites_name(author):
    head = ADDRESS + f'<meta name="author" content="{author}">'
    parsed = parse(agency_page(head))
    assert parsed.source == "The Courier"
    assert len(parsed.authors) == 1


@pytest.mark.parametrize(
    ("article", "after", "source"),
    [
        ("<p>Mumbai, Mar 14 (PTI) The Reserve Bank on Thursday allowed small lenders to hedge "
         "their loans.</p>", "", "Press Trust of India"),
        ("<p>Abuja, March 14, 2024 (NAN) The emergency agency says it has sent relief to 12,000 "
         "households.</p>", "", "News Agency of Nigeria"),
        ("", "<p>(NAN)</p><p>Edited by Ismail Abdulaziz</p>", "News Agency of Nigeria"),
        ("", "<p>Source: AFP</p>", "AFP"),
        ("", "<p>SKU SKU</p>", "The Courier"),
        ("", "<p>(With inputs from PTI)</p>", "The Courier"),
    ],
)  # fmt: skip
def test_a_dateline_stating_its_day_or_a_credit_in_brackets_names_the_agency(
    article, after, source
):
    parsed = parse(agency_page(article=article, after=after))
    assert parsed.source == source
    assert "SKU" not in parsed.body_html  # the wire editors' initials


@pytest.mark.parametrize(
    ("line", "source"),
    [
        ("<p><em>This article originally appeared in The Washington Post.</em></p>",
         "The Washington Post"),
        ("<p>This article is republished from The Conversation under a Creative Commons "
         "license. Read the original article.</p>", "The Conversation"),
        ("<p>Republished with permission from CalMatters.</p>", "CalMatters"),
        ("<p>This story was originally published by ProPublica, a nonprofit newsroom.</p>",
         "ProPublica"),
        ("<p><i>This article was reprinted on Wired.com.</i></p>", "The Courier"),
        ("<p>This article originally appeared in the print edition.</p>", "The Courier"),
        ("<p>Originally published on The Courier.</p>", "The Courier"),
    ],
)  # fmt: skip
def test_a_story_republished_from_another_publisher_has_it_as_its_source(line, source):
    parsed = parse(agency_page(after=line))
    assert parsed.source == source
    assert parsed.body_html.endswith(line.replace("em>", "i>"))  # the line stays


# Headlines the page shows ----------------------------------------------------------------


def test_the_pages_only_h1_is_the_headline_over_metadata_in_another_language():
    headline = "افتتاح خط الحافلات السريعة إلى المطار"
    head = ADDRESS + '<meta property="og:title" content="Rapid bus line to the airport opens">'
    data = page(head, heading="", title="Rapid bus line to the airport opens").replace(
        b"<main>", f'<div class="story-head"><h1>{headline}</h1></div><main>'.encode()
    )
    assert parse(data).headline == headline
    # The site's name and tagline set as its <h1> is no headline.
    tagline = agency_page(f'<meta property="og:title" content="{TITLE}">').replace(
        f"<h1>{TITLE}</h1>".encode(), b""
    )
    tagline = tagline.replace(
        b"<main>", b"<header><h1>The Courier: news for the coast</h1></header><main>"
    )
    assert parse(tagline).headline == TITLE


def test_a_title_that_is_the_sites_name_gives_way_to_the_headline_in_the_title_element():
    head = canonical("https://www.hallamadvertiser.example.co.uk/news/clinic-3310")
    data = page(head, heading="", title=f"{TITLE} - Hallam Advertiser").replace(
        b"</footer>", b"<h1>Hallam Advertiser</h1></footer>"
    )
    parsed = parse(data)
    assert (parsed.headline, parsed.source) == (TITLE, "Hallam Advertiser")


# Times shown with their day --------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("14 March 2024, 09:12 GMT", datetime.datetime(2024, 3, 14, 9, 12, tzinfo=UTC)),
        ("Mar 14, 2024 09:12 AM IST", datetime.datetime(2024, 3, 14, 3, 42, tzinfo=UTC)),
        ("Thursday 14 March 2024 9.12pm EDT", datetime.datetime(2024, 3, 15, 1, 12, tzinfo=UTC)),
        ("14 March 2024, 09:12", datetime.datetime(2024, 3, 14, tzinfo=UTC)),
        ("Updated 14 March 2024, 18:02 GMT", datetime.datetime(2024, 3, 14, tzinfo=UTC)),
    ],
)
def test_a_date_line_gives_its_time_of_day_when_it_names_the_time_zone(line, published):
    head = canonical("https://courier.example.org/2024/03/14/council-merger")
    assert parse(page(head, f'<p class="date">{line}</p>')).published_at == published


# Pleas around the story, lists of other stories' headlines -------------------------------


@pytest.mark.parametrize(
    "tail",
    [
        '<p>Get Current Updates on <a href="/india">India News</a> along with Latest News and '
        "Top Headlines from India and around the world.</p>",
        "<p>Get all the latest Courier updates by downloading our app and turning on breaking "
        "news alerts.</p>",
        "<p><strong>Join The Courier's WhatsApp channel to get the latest news first.</strong></p>",
        "<p><em>The views expressed are the author's own.</em></p><p>Do you have an opinion on "
        "this? Send us your letters at letters@courier.example.org</p>",
        '<p>Contact: <a href="mailto:news@courier.example.org">news@courier.example.org</a></p>',
    ],
)
def test_pleas_for_updates_channels_and_letters_close_no_story(tail):
    parsed = parse(page(after=tail))
    assert parsed.body_html == "\n".join(f"<p>{paragraph}</p>" for paragraph in PROSE)


def test_a_list_of_headlines_under_a_label_leaves_the_text_but_a_list_of_the_storys_stays():
    links = "".join(
        f'<li><a href="/{n}">{headline}</a></li>' for n, (headline, _) in enumerate(TEASERS[:3])
    )
    links = f"<p><strong>ALSO READ:</strong></p><ul>{links}</ul>"
    assert TEASERS[0][0] not in parse(page(after=links + f"<p>{PROSE[0]}</p>")).body_html
    points = (
        "<p>What happens next:</p><ul><li>The board reviews the appeal</li>"
        "<li>Dredging starts in the spring</li></ul>"
    )
    assert "The board reviews the appeal" in parse(page(after=points)).body_html


# Numbered lists, footnotes ---------------------------------------------------------------


def test_a_numbered_list_stays_numbered():
    method = "<ol><li>Melt the butter.</li><li>Add the potatoes and stock.</li></ol>"
    assert method in parse(page(after=f"<h2>Method</h2>{method}")).body_html


@pytest.mark.parametrize(
    "backlink",
    ['<a href="#r{n}">\u21a9</a>', '<a href="#r{n}" role="doc-backlink">Back</a>'],
)
def test_footnotes_linking_back_to_their_marks_stay_in_the_text(backlink):
    notes = "".join(
        f'<li id="fn{n}">{note} {backlink.format(n=n)}</li>'
        for n, note in enumerate(["Council minutes, 12 March.", "Harbour board report."], 1)
    )
    body = parse(page(after=f'<h2>Notes</h2><ol class="footnotes">{notes}</ol>')).body_html
    assert "<li>Council minutes, 12 March.</li><li>Harbour board report.</li>" in body


# Stories a script writes as blocks, Instagram posts --------------------------------------


@pytest.mark.parametrize(
    ("block", "heading"),
    [
        (lambda text: {"_type": "block", "style": "normal",
                       "children": [{"_type": "span", "text": text, "marks": []}]},
         {"_type": "block", "style": "h2", "children": [{"_type": "span", "text": "Appeal"}]}),
        (lambda text: {"nodeType": "paragraph",
                       "content": [{"nodeType": "text", "value": text, "marks": []}]},
         {"nodeType": "heading-2", "content": [{"nodeType": "text", "value": "Appeal"}]}),
        (lambda text: {"type": "paragraph", "children": [{"text": text}]},
         {"type": "heading", "tag": "h2", "children": [{"text": "Appeal"}]}),
    ],
)  # fmt: skip
def test_a_story_a_script_writes_as_rich_text_blocks_is_read_from_the_pages_data(block, heading):
    blocks = [block(paragraph) for paragraph in PROSE]
    blocks.insert(3, heading)
    props = {"props": {"pageProps": {"post": {"title": TITLE, "body": blocks}}}}
    data = f'<script id="__NEXT_DATA__" type="application/json">{json.dumps(props)}</script>'
    paragraphs = [f"<p>{paragraph}</p>" for paragraph in PROSE]
    paragraphs.insert(3, "<h2>Appeal</h2>")
    assert parse(scripted_page(data)).body_html == "\n".join(paragraphs)


def instagram_post(caption=""):
    """Instagram's embed code: a link labelled to view the post, its caption, who shared it."""
    link = '<a href="https://www.instagram.com/p/C4kLm/" target="_blank">{}</a>'
    return (
        '<div class="embed embed--instagram"><blockquote class="instagram-media" '
        'data-instgrm-permalink="https://www.instagram.com/p/C4kLm/"><div style="padding:8px">'
        f'<p style="margin:0">{link.format("View this post on Instagram")}</p>'
        + (f'<p style="margin:0">{link.format(caption)}</p>' if caption else "")
        + '<p style="margin:0">A post shared by <a href="https://www.instagram.com/ferries/">'
        'Northwind Ferries</a> (@northwindferries) on <time datetime="2024-03-12T19:02:11+00:00">'
        "Mar 12, 2024</time></p></div></blockquote></div>"
    )


def test_an_instagram_posts_caption_stays_in_the_text_without_its_label():
    caption = "First sailing from the new terminal! Thank you Lanternport."
    body = parse(page(after=instagram_post(caption) + f"<p>{PROSE[0]}</p>")).body_html
    assert caption in body
    assert "Northwind Ferries (@northwindferries) on Mar 12, 2024" in body
    assert "View this post" not in body
    assert "shared by" not in parse(page(after=instagram_post())).body_html


def test_a_day_the_page_writes_only_in_a_time_in_its_footer_is_no_publication_date():
    shown = '<p class="published">Published 4 hours ago</p>'
    footer = '<footer>&copy; <time datetime="2024-01-01">2024</time> The Lanternport Courier'
    data = page(article=shown).replace(b"<footer>Copyright", footer.encode())
    captured = datetime.datetime(2024, 3, 5, 18, 0, tzinfo=UTC)
    assert parse(data).published_at is None
    assert parse(data, captured_at=captured).published_at == captured
    stated = page('<meta property="article:published_time" content="2024-01-01T09:30:00Z">')
    stated = stated.replace(b"<footer>Copyright", footer.encode())
    assert parse(stated).published_at == datetime.datetime(2024, 1, 1, 9, 30, tzinfo=UTC)


def test_a_print_editions_jump_line_leaves_an_e_editions_text():
    for jump in ("See BUDGET, Page A6", "Continued on Page 4"):
        data = page(after=f'<p class="jump">{jump}</p><p>{PROSE[0]}</p>')
        assert jump not in parse(data).body_html


def test_a_local_tv_stations_closing_line_and_copyright_notice_leave_the_text():
    closing = (
        "<p>Copyright 2024 Nexstar Media Inc. All rights reserved. This material may not be "
        "published, broadcast, rewritten, or redistributed.</p><p><strong>For the latest news, "
        "weather, sports, and streaming video, head to WKRN News 2.</strong></p>"
    )
    body = parse(page(after=closing)).body_html
    assert "Nexstar" not in body
    assert "For the latest news" not in body
    assert PROSE[-1] in body


def test_a_byline_set_on_two_lines_gives_the_name_with_the_job_title_after_it():
    shown = '<div class="ee-byline">By RYAN COLE<br>Staff Writer</div>'
    assert parse(page(article=shown)).authors == (
        ParsedPerson(name="Ryan Cole", description="Staff Writer"),
    )


# Galleries' captions in paragraphs, headlines in a paragraph, counts, closing pleas, topics,
# bylines without "By" --------------------------------------------------------------------


def test_a_gallerys_captions_set_in_paragraphs_are_its_text_without_counters_or_credits():
    captions = [
        "The lifeboat led the parade out of the inner harbour, its crew waving from the deck.",
        "Children from the primary school dressed their dinghy as a giant lobster.",
        "A crab boat decked in bunting and flags passed the fish market at noon.",
    ]
    figures = "".join(
        f'<figure><div class="counter">{n} of 3</div><img src="/g/{n}.jpg" alt=""><figcaption>'
        f'<p class="caption">{caption}</p><p class="credit">Lowen Hart / Courier</p>'
        "</figcaption></figure>"
        for n, caption in enumerate(captions, start=1)
    )
    body = parse(gallery_page(figures)).body_html
    assert all(f"<p>{caption} </p>" in body or f"<p>{caption}</p>" in body for caption in captions)
    assert "of 3" not in body and "Lowen Hart" not in body


def test_a_headline_set_after_a_label_in_one_container_is_the_headline_not_the_text():
    # Trafilatura makes the container one paragraph when the text after it is short.
    opening = "The harbour council approved the ferry terminal on Tuesday evening."
    data = (
        "<html><head><title>Live: the harbour vote</title></head><body><main><article>"
        f'<div class="live-header"><span class="badge">LIVE</span><h1>{TITLE}</h1></div>'
        f"<p>{opening}</p><p>Councillors voted nine to four after a three-hour debate in "
        "which quayside residents argued about lorries.</p></article></main></body></html>"
    ).encode()
    parsed = parse(data)
    assert parsed.headline == TITLE
    assert parsed.body_html.startswith(f"<p>{opening}</p>")


def test_a_question_of_the_story_before_a_sentence_stays():
    prose = "Will the ferry run in winter? The operator says it will decide in May."
    assert parse(page(after=f"<p>{prose}</p>")).body_html.endswith(f"<p>{prose}</p>")


@pytest.mark.parametrize("count", ["1.2K", "3,4K"])
def test_a_widgets_count_standing_alone_leaves_the_text(count):
    parsed = parse(page(article=f'<div class="claps"><p>{count}</p></div>'))
    assert parsed.body_html.startswith(f"<p>{PROSE[0]}</p>")


@pytest.mark.parametrize(
    "topics", ["Tags: Ferries, Harbour council", "Temas: Puerto Ayuntamiento", "Themen: Hafen"]
)
def test_the_storys_topics_under_their_label_leave_the_text(topics):
    assert parse(page(after=f"<p>{topics}</p>")).body_html.endswith(f"<p>{PROSE[-1]}</p>")


def test_a_sentence_opening_with_such_a_label_stays():
    prose = "<p>Topics: ferries, fares and the winter timetable were all raised.</p>"
    assert prose in parse(page(after=prose)).body_html


@pytest.mark.parametrize(
    "line",
    ["Jane Roe · Lanternport · 5 March 2024", "Jane RoeLanternportUpdated: 05/03/2024 12:05"],
)
def test_a_line_opening_with_the_authors_name_is_the_byline_not_the_text(line):
    parsed = parse(page('<meta name="author" content="Jane Roe">', f"<p>{line}</p>"))
    assert parsed.body_html.startswith(f"<p>{PROSE[0]}</p>")


def test_a_sentence_opening_with_the_authors_name_stays():
    prose = "Jane Roe, who chairs the harbour council, voted for the terminal."
    parsed = parse(page('<meta name="author" content="Jane Roe">', f"<p>{prose}</p>"))
    assert parsed.body_html.startswith(f"<p>{prose}</p>")
