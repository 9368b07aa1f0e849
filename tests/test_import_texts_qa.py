"""Plain-text articles as tools and newsrooms write them: hard-wrapped wire copy and e-mail,
bylines, date lines and datelines, the marks that end wire copy and press releases, what a copy
from a web page brings along, Markdown, and files that are not text at all. Most tests call the
parser on a string; those about what is stored or reported run `import_articles` on files
written into tmp_path."""

import datetime
import io
import textwrap
import zipfile

import pytest

from articles.importers.plaintext import decode_text, parse_text
from articles.importers.records import ParseError
from articles.models import Article
from articles.text import html_to_text, sanitize_html
from tests.importing import run_import, summary

HEADLINE = "Harbour pier to close after rot found"
PARAGRAPHS = [
    "The harbour board voted on Tuesday to close the old pier to traffic from next month, "
    "after engineers found that two of its timber piles had rotted through below the "
    "waterline.",
    "Fishermen who moor at the pier said they had not been consulted and would lose their "
    "only sheltered berth for the winter, when storms make the open quay unsafe.",
    '"We were told nothing until the notices went up," said Tom Herrick, who has fished from '
    'the pier for thirty years. "Now we have four weeks to find somewhere else."',
    "The board said a temporary pontoon would be in place by December and that repairs would "
    "cost about 1.2 million pounds.",
]


def parsed(text):
    return parse_text(text, origin_path="story.txt")


def body_blocks(article):
    """The body's blocks as (tag, text), as a reader sees them."""
    html = sanitize_html(article.body_html)
    return [(block[1 : block.index(">")], html_to_text(block)) for block in html.split("\n")]


def body_paragraphs(article):
    return html_to_text(sanitize_html(article.body_html)).split("\n\n")


def wrapped(paragraph, width=72, indent=""):
    return textwrap.fill(paragraph, width, initial_indent=indent)


# Layouts ----------------------------------------------------------------------------------


@pytest.mark.parametrize("indent", ["   ", "\t"], ids=["spaces", "tab"])
def test_wire_copy_wrapped_with_indented_paragraphs_keeps_its_paragraphs(indent):
    """Wire copy and old newsroom systems wrap lines at 70-odd columns and mark a paragraph by
    indenting its first line, with no blank lines: each wrapped line is no paragraph, and the
    first, indented as every other, is no standfirst."""
    text = HEADLINE + "\n" + "\n".join(wrapped(p, 68, indent) for p in PARAGRAPHS) + "\n"
    article = parsed(text)
    assert article.headline == HEADLINE
    assert article.standfirst == ""
    assert body_paragraphs(article) == PARAGRAPHS


def test_wrapped_text_without_blank_lines_breaks_where_a_line_stops_short_of_the_width():
    """E-mail wraps lines with no blank line or indent between paragraphs: a paragraph ends
    where a sentence ends and the next line's first word would have fitted on the line. A
    short line that ends no sentence stands alone as a sub-heading."""
    lines = [wrapped(PARAGRAPHS[0]), wrapped(PARAGRAPHS[1]), "What happens next"]
    lines += [wrapped(p) for p in PARAGRAPHS[2:]]
    article = parsed(HEADLINE + "\n" + "\n".join(lines) + "\n")
    # As one paragraph per line reads: the line under the headline is the standfirst.
    assert article.standfirst == PARAGRAPHS[0]
    assert body_blocks(article) == [
        ("p", PARAGRAPHS[1]),
        ("h2", "What happens next"),
        ("p", PARAGRAPHS[2]),
        ("p", PARAGRAPHS[3]),
    ]


def test_a_word_the_wrapping_broke_after_its_hyphen_is_joined_without_a_space():
    paragraph = (
        "Engineers said two-thirds of the well-known timber piles had rotted, and that the "
        "long-term repair would take a year-and-a-half."
    )
    lines = textwrap.wrap(paragraph, 20)  # breaks after hyphens, as textwrap and wire tools do
    assert any(line.endswith("-") for line in lines)
    article = parsed(f"{HEADLINE}\n\n" + "\n".join(lines) + "\n\n" + PARAGRAPHS[1])
    assert body_paragraphs(article) == [paragraph, PARAGRAPHS[1]]


def test_paragraphs_pasted_one_per_line_after_a_blank_line_stay_apart():
    """A headline, a blank line, then the story pasted from a page one paragraph per line:
    lines longer than any wrapping are paragraphs, not lines of one paragraph."""
    article = parsed(f"{HEADLINE}\n\n" + "\n".join(PARAGRAPHS) + "\n")
    assert body_paragraphs(article) == PARAGRAPHS


def test_a_lists_items_in_one_block_make_a_bulleted_list():
    items = [
        "- Increased spending on primary schools ",
        " - Increased spending on health ",
        " - A package for the sugar industry",
    ]
    article = parsed(f"{HEADLINE}\n\n{PARAGRAPHS[0]}\n\n" + "\n".join(items) + "\n")
    # Short and without a full stop as they are, list items are no sub-headings either.
    assert body_blocks(article) == [
        ("p", PARAGRAPHS[0]),
        ("ul", ""),
        *[("li", item.strip().removeprefix("- ")) for item in items],
        ("/ul", ""),
    ]


@pytest.mark.parametrize("separator", ["\n", "\n\n"], ids=["one block", "blank lines"])
def test_items_numbered_from_one_make_a_numbered_list(separator):
    items = ["1. Close the pier to traffic", "2. Build a pontoon", "3) Repair the piles"]
    article = parsed(f"{HEADLINE}\n\n{PARAGRAPHS[0]}\n\n" + separator.join(items))
    assert body_blocks(article)[1:] == [
        ("ol", ""),
        ("li", "Close the pier to traffic"),
        ("li", "Build a pontoon"),
        ("li", "Repair the piles"),
        ("/ol", ""),
    ]


@pytest.mark.parametrize(
    "items",
    [
        ["- Only one line opens with a dash"],
        ["3. Counting down a ranking", "2. The runner-up", "1. The winner"],
        ["– Where were you that night?", "– At home, with the lights off."],
    ],
    ids=["a lone item", "numbers not counting up from one", "dialogue dashes"],
)
def test_items_that_make_no_list_stay_paragraphs_with_their_marks(items):
    article = parsed(f"{HEADLINE}\n\n{PARAGRAPHS[0]}\n\n" + "\n\n".join(items))
    assert body_blocks(article)[1:] == [("p", item) for item in items]


def test_a_long_line_under_the_headline_is_the_first_paragraph_not_a_standfirst():
    long_paragraph = " ".join(PARAGRAPHS)
    article = parsed(f"{HEADLINE}\n{long_paragraph}\n{PARAGRAPHS[1]}\n{PARAGRAPHS[2]}\n")
    assert article.standfirst == ""
    assert body_paragraphs(article) == [long_paragraph, PARAGRAPHS[1], PARAGRAPHS[2]]


def test_windows_line_endings_and_a_byte_order_mark_read_as_any_text():
    text = f"{HEADLINE}\r\n\r\n" + "\r\n\r\n".join(wrapped(p) for p in PARAGRAPHS)
    article = parsed(decode_text(text.encode("utf-8-sig")))
    assert article.headline == HEADLINE
    assert body_paragraphs(article) == PARAGRAPHS


# Bylines, dates and datelines -------------------------------------------------------------


@pytest.mark.parametrize(
    ("under_headline", "moment"),
    [
        ("\n\nBy Jane Roe\nPublished: 5 March 2024\n\n", datetime.datetime(2024, 3, 5)),
        ("\nBy Jane Roe | Posted: March 5, 2024 9:14 pm\n", datetime.datetime(2024, 3, 5, 21, 14)),
        (
            "\n\nBY JANE ROE\n\nTuesday 5 March 2024 10:15 GMT\n\n",
            datetime.datetime(2024, 3, 5, 10, 15),
        ),
        ("\n\nBy Jane Roe, Transport Correspondent\n\n", None),
    ],
    ids=["lines", "one-line", "capitals-and-date-alone", "job-title"],
)
def test_byline_and_date_lines_under_the_headline_give_the_byline_and_date(under_headline, moment):
    separator = "\n\n" if under_headline.endswith("\n\n") else "\n"
    article = parsed(HEADLINE + under_headline + separator.join(PARAGRAPHS))
    assert [person.name for person in article.authors] == ["Jane Roe"]
    expected = moment.replace(tzinfo=datetime.UTC) if moment else None
    assert article.published_at == expected
    assert article.standfirst == ""
    assert body_paragraphs(article) == PARAGRAPHS


def test_a_job_title_after_the_bylines_name_describes_the_person():
    article = parsed(f"{HEADLINE}\n\nBy Jane Roe - Transport Correspondent\n\n{PARAGRAPHS[0]}")
    assert [(p.name, p.description) for p in article.authors] == [
        ("Jane Roe", "Transport Correspondent")
    ]


@pytest.mark.parametrize("line", ["By Tuesday night the pier was shut.", "By Tuesday night"])
def test_a_line_opening_with_by_that_names_nobody_is_text(line):
    article = parsed(f"{HEADLINE}\n\n{line}\n\n" + "\n\n".join(PARAGRAPHS))
    assert article.authors == ()
    assert body_paragraphs(article)[0] == line


def test_an_updated_date_is_the_date_only_when_no_publication_date_is_stated():
    first = parsed(f"{HEADLINE}\n\nUpdated 6 March 2024\nPublished 5 March 2024\n\n{PARAGRAPHS[0]}")
    assert first.published_at == datetime.datetime(2024, 3, 5, tzinfo=datetime.UTC)
    only = parsed(f"{HEADLINE}\n\nLast updated: 6 March 2024\n\n{PARAGRAPHS[0]}")
    assert only.published_at == datetime.datetime(2024, 3, 6, tzinfo=datetime.UTC)


def test_a_datelines_agency_is_the_source_and_the_dateline_opens_the_first_paragraph():
    """ "LONDON, March 5 (Reuters) -" opens the story's first paragraph (so it is no standfirst
    in the one-per-line layout either), and names the agency whose story it is."""
    lede = "LONDON, March 5 (Reuters) - " + PARAGRAPHS[0]
    for text in (
        f"{HEADLINE}\n{lede}\n{PARAGRAPHS[1]}\n{PARAGRAPHS[2]}",
        f"{HEADLINE}\n\nBy Jane Roe\n\n{lede}\n\n{PARAGRAPHS[1]}",
    ):
        article = parsed(text)
        assert article.source == "Reuters"
        assert article.standfirst == ""
        assert body_paragraphs(article)[0] == lede
    # A source the import names (a corpus's outlet) is kept.
    named = parse_text(f"{HEADLINE}\n\n{lede}", origin_path="x.txt", source="BBC News")
    assert named.source == "BBC News"


# What ends a story ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "ending",
    [
        "ENDS",
        "-30-",
        "- 0 -",
        "###",
        "# # #",
        "(c) 2024 Lakeside Gazette. All rights reserved.",
        "© 2024 Reuters",
        "Copyright 2024 The Associated Press. All rights reserved. This material may not be "
        "published, broadcast, rewritten or redistributed.",
    ],
)
def test_end_marks_and_copyright_lines_closing_the_text_are_dropped(ending):
    article = parsed(f"{HEADLINE}\n\n" + "\n\n".join(PARAGRAPHS) + f"\n\n{ending}\n")
    assert body_paragraphs(article) == PARAGRAPHS


def test_a_press_releases_notes_and_contacts_after_its_end_mark_are_dropped():
    text = (
        "FOR IMMEDIATE RELEASE\n\n"
        f"{HEADLINE}\n\n" + "\n\n".join(PARAGRAPHS) + "\n\n###\n\nNotes to editors\n\n"
        "1. The harbour board is a trust port established in 1862.\n\n"
        "Media contact: Jo Bloggs, 01234 567890\n"
    )
    article = parsed(text)
    assert article.headline == HEADLINE
    assert body_paragraphs(article) == PARAGRAPHS


def test_an_embargo_line_over_the_headline_gives_the_publication_moment():
    article = parsed(f"EMBARGOED UNTIL 00:01 GMT 5 MARCH 2024\n{HEADLINE}\n\n{PARAGRAPHS[0]}")
    assert article.headline == HEADLINE
    assert article.published_at == datetime.datetime(2024, 3, 5, 0, 1, tzinfo=datetime.UTC)


def test_an_end_mark_early_in_the_text_is_no_end():
    text = f"{HEADLINE}\n\nENDS\n\n" + "\n\n".join(PARAGRAPHS)
    assert body_paragraphs(parsed(text)) == ["ENDS", *PARAGRAPHS]


# Copies from web pages, Markdown, e-mail ----------------------------------------------------


def test_a_copy_of_a_web_page_loses_its_buttons_labels_and_other_stories_headlines():
    text = (
        f"{HEADLINE}\n\nShare this article\n\nFacebook\nTwitter\nEmail\n\n{PARAGRAPHS[0]}\n\n"
        "Advertisement\n\nStory continues below advertisement\n\n"
        f"{PARAGRAPHS[1]}\n\nRead more: Lido to reopen in May\n\n{PARAGRAPHS[2]}\n\n"
        f"{PARAGRAPHS[3]}\n\nShare this article\n\nRelated articles\n\n"
        "Ferry fares frozen for winter\n\nLido to reopen in May\n\nMore from News\n"
    )
    assert body_paragraphs(parsed(text)) == PARAGRAPHS


def test_a_links_label_goes_but_the_story_after_it_stays():
    """A "Related" label is dropped with what follows it only when that is headlines alone."""
    text = f"{HEADLINE}\n\n{PARAGRAPHS[0]}\n\nRelated\n\n{PARAGRAPHS[1]}\n\n{PARAGRAPHS[2]}"
    assert body_paragraphs(parsed(text)) == PARAGRAPHS[:3]


def test_markdown_marks_are_read_as_headline_standfirst_and_sub_headings():
    text = (
        f"# {HEADLINE}\n\n**Engineers found two piles rotted through.**\n\n{PARAGRAPHS[0]}\n\n"
        "## What happens next\n\n"
        "The board's [statement](https://harbour.example/statement) sets out a "
        "**temporary** pontoon. ![The pier](pier.jpg)\n\n---\n"
    )
    article = parsed(text)
    assert article.headline == HEADLINE
    assert article.standfirst == "Engineers found two piles rotted through."
    assert body_blocks(article) == [
        ("p", PARAGRAPHS[0]),
        ("h2", "What happens next"),
        ("p", "The board's statement sets out a temporary pontoon."),
    ]


def test_an_all_capitals_headline_is_set_in_title_case_keeping_the_storys_acronyms():
    text = "NATO SHIPS TO USE HARBOUR PIER\n\n" + "NATO said the pier would do. " + PARAGRAPHS[0]
    assert parsed(text).headline == "NATO Ships To Use Harbour Pier"


def test_an_email_saved_as_text_takes_its_subject_as_headline_and_its_date():
    text = (
        "From: Harbour Board <press@harbour.example>\nTo: newsdesk@gazette.example\n"
        f"Subject: Fwd: {HEADLINE}\nDate: Tue, 5 Mar 2024 09:12:00 +0000\n\n"
        + "\n\n".join(wrapped(p) for p in PARAGRAPHS)
    )
    article = parsed(text)
    assert article.headline == HEADLINE
    assert article.published_at == datetime.datetime(2024, 3, 5, 9, 12, tzinfo=datetime.UTC)
    assert body_paragraphs(article) == PARAGRAPHS


def test_text_opening_with_a_label_and_a_colon_is_no_email():
    text = f"Date: for your diary\n{PARAGRAPHS[0]}\n{PARAGRAPHS[1]}"
    assert parsed(text).headline == "Date: for your diary"


@pytest.mark.parametrize("text", ["", " \t\n \n", "\x0c \n\t", "***\n\n---\n"])
def test_text_without_words_is_refused_with_the_reason(text):
    with pytest.raises(ParseError, match="no article text"):
        parsed(text)


# Files that are not UTF-8 text --------------------------------------------------------------


def test_windows_1252_text_is_refused_naming_its_line_and_the_likely_encoding():
    data = f"{HEADLINE}\n\nThe caf\u00e9 \u2013 on the quay \u2013 will close.".encode("cp1252")
    with pytest.raises(ParseError) as refused:
        decode_text(data)
    message = str(refused.value)
    assert "UTF-8" in message and "line 3" in message and "Windows-1252" in message


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("scan.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document"),
        ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "a JPEG picture"),
        ("blob.bin", b"\x00\x01\x02\x03" * 64, "binary data, not text"),
        ("story.docx", "docx", "a Word document"),
        ("notes.zip", "zip", "not a WACZ web archive"),
    ],
)
def test_a_file_that_is_no_article_is_reported_by_what_it_is(tmp_path, name, data, reason):
    if data in ("docx", "zip"):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            inner = "word/document.xml" if data == "docx" else "notes.txt"
            archive.writestr(inner, "<w:document/>")
        data = buffer.getvalue()
    (tmp_path / name).write_bytes(data)
    stdout, stderr, error = run_import(tmp_path / name)
    assert error is not None and summary(stdout)["failed"] == 1
    assert str(tmp_path / name) in stderr and reason in stderr


@pytest.mark.django_db
def test_an_imported_text_keeps_its_byline_date_and_agency(tmp_path):
    (tmp_path / "wire.txt").write_text(
        f"{HEADLINE}\n\nBy Jane Roe\nPublished: 5 March 2024\n\n"
        f"LONDON, March 5 (Reuters) - {PARAGRAPHS[0]}\n\n"
        + "\n\n".join(PARAGRAPHS[1:])
        + "\n\nENDS\n"
    )
    stdout, stderr, error = run_import(tmp_path / "wire.txt", "--no-extract")
    assert error is None, stderr
    article = Article.objects.get()
    assert [person.name for person in article.byline.all()] == ["Jane Roe"]
    assert article.published_at == datetime.datetime(2024, 3, 5, tzinfo=datetime.UTC)
    assert article.source == "Reuters"
    assert article.body_text.split("\n\n")[1:] == PARAGRAPHS[1:]
