"""A reader browsing in a real browser: home → a day → an article → a quoted person → one of
their quotes, on a wide screen and on a phone, with screenshots of every step."""

import datetime

import pytest

from tests.factories import (
    ArticleFactory,
    OrganisationFactory,
    OrganisationMentionFactory,
    PersonFactory,
    PersonMentionFactory,
    QuoteFactory,
)

# serialized_rollback: restore the migrations' data afterwards (and skip the post_migrate
# signal on flush) so later tests that rely on it, such as the admin's, still find it.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

BODY = (
    "<p>The harbour tunnel will open next spring, the city said on Tuesday.</p>"
    "<p>“We have waited <em>thirty years</em> for this tunnel and we will not wait any "
    "longer,” said Mayor Ada Lovelace, speaking at the harbour wall.</p>"
    "<p>Critics said the toll was too high. “A toll of this size shuts out the people who "
    "need the tunnel most,” said Grace Hopper of the Harbour Residents Association.</p>"
)


@pytest.fixture
def archive():
    mayor = PersonFactory(name="Ada Lovelace", description="Mayor of Port Maren")
    critic = PersonFactory(name="Grace Hopper", description="Residents' spokesperson")
    org = OrganisationFactory(name="Harbour Residents Association")
    article = ArticleFactory(
        headline="Harbour tunnel to open next spring after thirty-year wait",
        standfirst="The city confirmed the date; residents say the toll is too high.",
        body=BODY,
        published_at=datetime.datetime(2022, 3, 1, 9, 30, tzinfo=datetime.UTC),
        byline=[PersonFactory(name="Tobias Renn", description="Reporter")],
    )
    for person in (mayor, critic):
        PersonMentionFactory(article=article, person=person)
    OrganisationMentionFactory(article=article, organisation=org)
    quote = QuoteFactory(
        article=article,
        person=mayor,
        text="We have waited thirty years for this tunnel and we will not wait any longer,",
    )
    QuoteFactory(
        article=article,
        person=critic,
        text="A toll of this size shuts out the people who need the tunnel most,",
    )
    for day in range(2, 8):
        ArticleFactory(published_at=datetime.datetime(2022, 3, day, 12, tzinfo=datetime.UTC))
    return {"article": article, "mayor": mayor, "quote": quote}


def no_horizontal_scroll(page):
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("width", [1280, 390])
def test_walk_from_home_to_a_quote(page, live_server, screenshot_dir, archive, width):
    page.set_viewport_size({"width": width, "height": 900})
    steps = []

    def step(name):
        page.wait_for_load_state()
        path = screenshot_dir / f"browse-{width}-{len(steps) + 1}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        steps.append(name)
        assert no_horizontal_scroll(page), f"{name} scrolls sideways at {width}px"

    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("search").get_by_label("Search the archive").is_visible()
    step("home")

    page.get_by_role("link", name="1 March 2022, 09:30").click()
    assert page.url.endswith("/archive/2022/03/01/")
    assert page.get_by_role("heading", level=1).inner_text() == "Tuesday 1 March 2022"
    step("day")

    page.get_by_role("link", name=archive["article"].headline).click()
    assert page.get_by_role("heading", level=1).inner_text() == archive["article"].headline
    highlighted = page.locator(f"mark#quote-{archive['quote'].pk}")
    assert highlighted.is_visible()
    step("article")

    page.locator("a.quote-speaker", has_text="Ada Lovelace").click()
    assert page.url.endswith(archive["mayor"].get_absolute_url())
    assert page.locator("svg[role=img]").is_visible()
    step("person")

    page.locator(".quote-card").first.get_by_role("link", name=archive["article"].headline).click()
    assert page.url.endswith(archive["quote"].get_absolute_url())
    assert page.evaluate("document.querySelector(':target').id") == f"quote-{archive['quote'].pk}"
    assert page.locator(":target").is_visible()
    step("quote")

    assert steps == ["home", "day", "article", "person", "quote"]


def test_skip_link_is_the_first_keyboard_stop_and_jumps_to_the_content(page, live_server, archive):
    page.goto(live_server.url + "/")

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")
