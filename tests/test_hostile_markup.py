"""Hostile markup saved through the admin never survives into a rendered page or feed.

Every sample in tests/data/hostile_markup.txt goes into article bodies, headlines,
standfirsts, quotes and a person's name through the real admin; then the article pages,
search results, person page and feeds are parsed as a browser or feed reader would.
"""

import json
import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from articles.models import Article, Person
from tests.html_safety import HOSTILE_MARKUP, unsafe_markup, unsafe_page_markup

MARKER = "zanzibarmarker"
PER_ARTICLE = 10


def chunks(items, size):
    return [items[start : start + size] for start in range(0, len(items), size)]


@pytest.fixture
def hostile_archive(db, client):
    editor = User.objects.create_user("ed", password="pw-for-tests", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    speaker = Person.objects.create(name=f"Eve {HOSTILE_MARKUP[4]}")
    for number, payloads in enumerate(chunks(HOSTILE_MARKUP, PER_ARTICLE)):
        data = {
            "headline": f"{MARKER} {payloads[0]}",
            "slug": f"hostile-{number}",
            "standfirst": f"{MARKER} {payloads[-1]}",
            "body": "".join(f"<p>{MARKER} paragraph {payload}</p>" for payload in payloads),
            "published_at_0": "2024-05-01",
            "published_at_1": f"{number:02d}:00:00",
            "language": "en",
            "quotes-TOTAL_FORMS": "1",
            "quotes-INITIAL_FORMS": "0",
            "quotes-0-text": f"{MARKER} {payloads[1]}",
            "quotes-0-person": str(speaker.pk),
        }
        for prefix in ["person_mentions", "organisation_mentions"]:
            data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
        response = client.post("/admin/articles/article/add/", data)
        assert response.status_code == 302, response.content[:3000]
    client.logout()
    call_command("rebuild_index", interactive=False, verbosity=0)
    return {"articles": list(Article.objects.all()), "speaker": speaker}


def test_every_sample_reached_the_archive(hostile_archive):
    assert len(hostile_archive["articles"]) == len(chunks(HOSTILE_MARKUP, PER_ARTICLE))


def test_article_pages_carry_no_hostile_markup(hostile_archive, client):
    for article in hostile_archive["articles"]:
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200
        assert unsafe_page_markup(response.text) == [], article.slug


def test_search_results_carry_no_hostile_markup(hostile_archive, client):
    response = client.get("/search/", {"q": MARKER})
    assert response.status_code == 200
    assert MARKER in response.text
    assert unsafe_page_markup(response.text) == []


def test_person_page_carries_no_hostile_markup(hostile_archive, client):
    response = client.get(hostile_archive["speaker"].get_absolute_url())
    assert response.status_code == 200
    assert unsafe_page_markup(response.text) == []


@pytest.mark.parametrize("path", ["/feed/", "/feed/atom/", f"/search/feed/?q={MARKER}"])
def test_feeds_carry_no_hostile_markup(hostile_archive, client, path):
    """A feed reader renders entry descriptions as HTML: check them as HTML after XML
    unescaping. (Titles are plain text in RSS and in Atom's default type.)"""
    response = client.get(path)
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    descriptions = [
        element.text or ""
        for element in root.iter()
        if element.tag.rsplit("}", 1)[-1] in {"description", "summary", "content"}
    ]
    assert sum(MARKER in text for text in descriptions) >= len(HOSTILE_MARKUP) // PER_ARTICLE
    for text in descriptions:
        assert unsafe_markup(text) == [], text


@pytest.fixture
def imported_hostile_archive(db, tmp_path):
    """The same samples arriving through the importer: our JSON Lines (body HTML kept as
    given, people and quotes included) and saved web pages (through trafilatura)."""
    lines = []
    for number, payloads in enumerate(chunks(HOSTILE_MARKUP, PER_ARTICLE)):
        lines.append(
            json.dumps(
                {
                    "headline": f"{MARKER} {payloads[0]}",
                    "standfirst": f"{MARKER} {payloads[-1]}",
                    "body": "".join(f"<p>{MARKER} paragraph {p}</p>" for p in payloads),
                    "source_url": f"https://hostile.example/{number}",
                    "people": [{"name": "Eve Payload", "description": payloads[2]}],
                    "quotes": [{"text": f"{MARKER} {payloads[1]}", "person": "Eve Payload"}],
                }
            )
        )
    (tmp_path / "hostile.jsonl").write_text("\n".join(lines))
    pages = tmp_path / "pages"
    pages.mkdir()
    for number, payloads in enumerate(chunks(HOSTILE_MARKUP, PER_ARTICLE)):
        paragraphs = "".join(
            f"<p>{MARKER} reported that the harbour council met again today. {p}</p>"
            for p in payloads
        )
        (pages / f"page-{number}.html").write_text(
            f"<html><head><title>{MARKER} page {number}</title></head><body><article>"
            f"<h1>{MARKER} page {number}</h1>{paragraphs}</article></body></html>"
        )
    call_command("import_articles", str(tmp_path), "--quiet", "--jobs", "1", verbosity=0)
    call_command("rebuild_index", interactive=False, verbosity=0)
    return list(Article.objects.all())


def test_imported_hostile_markup_never_reaches_a_page(imported_hostile_archive, client):
    assert len(imported_hostile_archive) == 2 * len(chunks(HOSTILE_MARKUP, PER_ARTICLE))
    paths = [article.get_absolute_url() for article in imported_hostile_archive]
    paths += [Person.objects.get(name="Eve Payload").get_absolute_url(), f"/search/?q={MARKER}"]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert unsafe_page_markup(response.text) == [], path
