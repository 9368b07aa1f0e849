"""The search page in a real browser: type a query, narrow by a person and by a month bar,
and check the page fits a 390 px phone screen."""

import datetime
import re

import pytest
from django.core.management import call_command

from tests.factories import ArticleFactory, PersonFactory, PersonMentionFactory, QuoteFactory

pytestmark = [
    pytest.mark.browser,
    # serialized_rollback keeps the Editors group (a data migration) for later tests.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def archive():
    """Ferry stories over four months; Ada Quill is named in every other one."""
    ada, ben = PersonFactory(name="Ada Quill"), PersonFactory(name="Ben Ortiz")
    for i in range(12):
        article = ArticleFactory(
            headline=f"Ferry timetable story {i}",
            body=f"<p>The ferry timetable changed again, report {i}.</p>",
            published_at=datetime.datetime(2022, 9 + i % 4, 1 + i, 9, tzinfo=datetime.UTC),
            section=("world", "business")[i % 2],
        )
        PersonMentionFactory(article=article, person=ada if i % 2 == 0 else ben)
        if i % 3 == 0:
            QuoteFactory(article=article, person=ben, text="The ferry timetable changed again")
    call_command("rebuild_index", interactive=False, verbosity=0)


def shown_total(page) -> int:
    return int(re.match(r"[\d,]+", page.locator("#results-heading").inner_text())[0])


def test_search_narrow_by_person_and_month(live_server, page, screenshot_dir, archive):
    page.goto(f"{live_server.url}/")
    page.fill("#site-search-q", "ferry timetable")
    page.press("#site-search-q", "Enter")
    page.wait_for_url(re.compile(r"/search/\?q=ferry"))
    everything = shown_total(page)
    assert everything == 12 + 4  # twelve articles and four quotes
    page.screenshot(path=screenshot_dir / "search-1280.png", full_page=True)

    page.get_by_role("link", name=re.compile(r"^Ada Quill")).click()
    page.wait_for_url(re.compile(r"selected_facets=people_exact"))
    with_ada = shown_total(page)
    assert with_ada == 6 + 2  # Ada's six articles, and the quotes in two of them
    assert page.get_by_role("link", name="Remove filter People: Ada Quill").count() == 2

    bar = page.locator('.histogram__chart a[aria-label^="November 2022"]')
    label = bar.get_attribute("aria-label")
    bar.click()
    page.wait_for_url(re.compile(r"month_exact"))
    narrowed = shown_total(page)
    assert f"{narrowed} result" in label
    assert 0 < narrowed < with_ada
    titles = page.locator(".result__title").all_inner_texts()
    assert titles and all("timetable" in title for title in titles)

    page.set_viewport_size({"width": 390, "height": 844})
    page.go_back()
    page.go_back()
    page.wait_for_load_state()
    page.screenshot(path=screenshot_dir / "search-390.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
