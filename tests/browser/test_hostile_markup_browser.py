"""In a real browser, no hostile sample saved into the archive runs any script."""

import pytest
from django.core.management import call_command

from articles.models import Article, Person, Quote
from tests.html_safety import HOSTILE_MARKUP

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_no_hostile_sample_runs_script_in_the_browser(live_server, page):
    speaker = Person.objects.create(name="Eve Payload")
    body = "".join(f"<p>zanzibarmarker {payload}</p>" for payload in HOSTILE_MARKUP)
    article = Article.objects.create(
        headline=f"zanzibarmarker {HOSTILE_MARKUP[0]}",
        standfirst=HOSTILE_MARKUP[4],
        body=body,
    )
    Quote.objects.create(
        article=article, text=f"zanzibarmarker {HOSTILE_MARKUP[1]}", person=speaker
    )
    call_command("rebuild_index", interactive=False, verbosity=0)

    dialogs, errors = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: errors.append(str(error)))
    for path in [
        article.get_absolute_url(),
        "/search/?q=zanzibarmarker",
        speaker.get_absolute_url(),
    ]:
        response = page.goto(live_server.url + path)
        assert response.status == 200
        page.wait_for_load_state("load")
        assert (
            page.evaluate(
                "document.querySelectorAll('script:not([type=\"application/ld+json\"])').length"
            )
            == 0
        )
        assert page.evaluate("document.querySelectorAll('iframe, object, embed').length") == 0

    assert dialogs == []
    assert errors == []
