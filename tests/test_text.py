"""Sanitising article HTML: hostile markup neutralised, news markup kept."""

import pytest

from articles.text import (
    ALLOWED_TAGS,
    CleanHTML,
    QuoteMark,
    html_to_text,
    mark_quotes_in_text,
    sanitize_html,
    text_blocks_html,
    text_to_html,
)
from tests.html_safety import HOSTILE_MARKUP, unsafe_markup


def test_hostile_sample_list_is_long():
    assert len(HOSTILE_MARKUP) >= 100


@pytest.mark.parametrize("payload", HOSTILE_MARKUP)
def test_sanitize_neutralises_hostile_markup(payload):
    cleaned = sanitize_html(f"<p>Before</p>{payload}<p>After</p>")
    assert unsafe_markup(cleaned, ALLOWED_TAGS) == []
    assert "<script" not in cleaned.lower()
    assert "Before" in cleaned


@pytest.mark.parametrize("payload", HOSTILE_MARKUP)
def test_sanitize_is_stable(payload):
    """Sanitising twice changes nothing: saving an article again never alters its body."""
    once = sanitize_html(payload)
    assert sanitize_html(once) == once


def test_sanitize_keeps_news_markup():
    html = (
        "<h2>Sub-heading</h2><p>A <em>stressed</em> and <strong>strong</strong> word, a "
        '<a href="https://example.org/report">link</a>.</p>'
        "<ul><li>one</li><li>two</li></ul><ol><li>first</li></ol>"
        '<blockquote cite="https://example.org/speech"><p>Quoted at length.</p></blockquote>'
        '<figure><img src="https://example.org/a.jpg" alt="A harbour"><figcaption>The harbour'
        "</figcaption></figure>"
    )
    cleaned = sanitize_html(html)
    for fragment in [
        "<h2>Sub-heading</h2>",
        "<em>stressed</em>",
        "<strong>strong</strong>",
        "<ul><li>one</li><li>two</li></ul>",
        '<blockquote cite="https://example.org/speech">',
        '<img src="https://example.org/a.jpg" alt="A harbour">',
        "<figcaption>The harbour</figcaption>",
    ]:
        assert fragment in cleaned


def test_links_get_nofollow_noopener():
    cleaned = sanitize_html('<a href="https://example.org" rel="opener" target="_blank">x</a>')
    assert cleaned == '<a href="https://example.org" rel="nofollow noopener">x</a>'


def test_script_content_does_not_leak_as_text():
    assert "alert" not in sanitize_html("<p>Hi</p><script>alert(1)</script>")


def test_html_to_text_separates_blocks_and_collapses_whitespace():
    html = "<h2>Sub</h2><p>Hello &amp; <b>world</b>\n   again</p><ul><li>a</li><li>b</li></ul>"
    assert html_to_text(html) == "Sub\n\nHello & world again\n\na\n\nb"


def test_text_to_html_round_trips_paragraphs():
    text = "First paragraph, with <angle> brackets.\n\nSecond paragraph."
    assert html_to_text(text_to_html(text)) == text
    assert "<angle>" not in text_to_html(text)


@pytest.mark.parametrize(
    "text",
    [
        "Fish & chips <b>not bold</b> &amp; &copy; \"quoted\" 'single'",
        "Controls \x01 \x0b \x0c \x1f kept or replaced as bleach does",
        "\x0c\t leading spaces, then a form feed \x0c inside",
        "Line\r\nbreaks\rand NUL\x00 characters",
        "<script>alert(1)</script> ]]> <!-- comment -->",
        "",
    ],
)
def test_text_blocks_html_is_what_sanitize_html_returns(text):
    html = text_blocks_html(
        [("h2", "Sub-heading"), ("p", text), ("ul", text), ("ul", text), ("ol", text), ("p", text)]
    )
    assert isinstance(html, CleanHTML)
    assert sanitize_html(str(html)) == html
    assert sanitize_html(html) is html


def test_list_items_in_a_row_make_one_list_of_their_kind():
    html = text_blocks_html(
        [("p", "Points:"), ("ul", "one"), ("ul", "two"), ("ol", "first"), ("p", "After.")]
    )
    assert html == (
        "<p>Points:</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"
        "<ol>\n<li>first</li>\n</ol>\n<p>After.</p>"
    )
    assert html_to_text(html).split("\n\n") == ["Points:", "one", "two", "first", "After."]


def test_editing_clean_html_gives_a_string_that_is_cleaned_again():
    clean = sanitize_html("<p>Safe</p>")
    edited = clean + "<script>alert(1)</script>"
    assert not isinstance(edited, CleanHTML)
    assert "<script" not in sanitize_html(edited)


def test_mark_quotes_in_text_escapes_the_text_and_marks_by_its_own_offsets():
    text = "Fares <b>rise</b> & “buses will run late,” the council said."
    start = text.index("buses")
    marks = [QuoteMark("quote-1", "buses will run late,", start, start + 20, "Council", "/c/")]

    marked, placed = mark_quotes_in_text(text, marks)

    assert placed == {"quote-1"}
    assert marked.startswith("Fares &lt;b&gt;rise&lt;/b&gt; &amp; “")
    assert (
        '<mark class="quote" id="quote-1" title="Quote: Council">buses will run late,</mark>'
        in marked
    )
    assert marked.endswith('” <a class="quote-speaker" href="/c/">Council</a> the council said.')
