"""The editors' admin, over real HTTP against the live test server."""

import http.cookiejar
import json
import re
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, Organisation, Person, PersonAlias, PersonMention, Quote
from tests.factories import ArticleFactory, PersonMentionFactory, QuoteFactory

# serialized_rollback keeps the Editors group that a data migration created.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

EDITOR_PASSWORD = "correct-horse-battery"


class AdminSession:
    """A browser-like HTTP client: keeps cookies and sends the CSRF token back."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def get(self, path):
        try:
            with self.opener.open(self.base_url + path) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def post(self, path, data):
        status, page = self.get(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}, doseq=True)
        request = urllib.request.Request(
            self.base_url + path, data=body.encode(), headers={"Referer": self.base_url + path}
        )
        try:
            with self.opener.open(request) as response:
                return response.status, response.geturl(), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, path, error.read().decode()

    def login(self, username, password):
        return self.post("/admin/login/?next=/admin/", {"username": username, "password": password})


@pytest.fixture
def editor():
    user = User.objects.create_user("ed", password=EDITOR_PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def editor_session(live_server, editor):
    session = AdminSession(live_server.url)
    status, url, _ = session.login("ed", EDITOR_PASSWORD)
    assert status == 200 and url.endswith("/admin/")
    return session


def inline_management(prefix, total):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_editors_group_has_exactly_content_permissions():
    codenames = set(
        Group.objects.get(name="Editors").permissions.values_list("codename", flat=True)
    )
    for model in ["article", "person", "organisation", "quote"]:
        assert {f"add_{model}", f"change_{model}", f"delete_{model}"} <= codenames
    assert not {c for c in codenames if c.endswith(("_user", "_group", "_permission"))}


def test_editor_adds_article_with_two_inline_quotes(editor_session):
    speaker = Person.objects.create(name="Ada Mensah")
    council = Organisation.objects.create(name="Harbour Council")
    body = (
        "<p>“We will rebuild the pier before winter,” Ada Mensah said.</p>"
        "<p>The council said the budget was “fully funded”.</p><script>alert(1)</script>"
    )
    data = {
        "headline": "Pier to be rebuilt",
        "slug": "pier-to-be-rebuilt",
        "standfirst": "Work starts in spring.",
        "body": body,
        "published_at_0": "2024-03-01",
        "published_at_1": "09:30:00",
        "source": "Harbour Ledger",
        "source_url": "https://harbour.example/pier",
        "section": "politics",
        "language": "en",
        **inline_management("quotes", 2),
        "quotes-0-text": "We will rebuild the pier before winter,",
        "quotes-0-person": str(speaker.pk),
        "quotes-0-verb": "said",
        "quotes-1-text": "fully funded",
        "quotes-1-organisation": str(council.pk),
        "quotes-1-is_partial": "on",
        **inline_management("person_mentions", 0),
        **inline_management("organisation_mentions", 0),
    }
    status, url, page = editor_session.post("/admin/articles/article/add/", data)
    assert status == 200
    assert url.endswith("/admin/articles/article/"), page[:2000]
    article = Article.objects.get(slug="pier-to-be-rebuilt")
    assert "<script>" not in article.body
    quotes = {q.text: q for q in article.quotes.all()}
    assert quotes["We will rebuild the pier before winter,"].person == speaker
    assert quotes["fully funded"].organisation == council
    assert quotes["fully funded"].is_partial
    for quote in quotes.values():
        assert article.body_text[quote.start : quote.end] == quote.text
        assert not quote.is_confirmed


def test_editor_speaker_autocomplete_finds_people_by_alias(editor_session):
    person = Person.objects.create(name="Johanna Kirbé")
    PersonAlias.objects.create(person=person, name="Jo K")
    query = urllib.parse.urlencode(
        {"app_label": "articles", "model_name": "quote", "field_name": "person", "term": "Jo K"}
    )
    status, body = editor_session.get(f"/admin/autocomplete/?{query}")
    assert status == 200
    assert [r["text"] for r in json.loads(body)["results"]] == ["Johanna Kirbé"]


@pytest.mark.parametrize(
    "path", ["/admin/auth/user/", "/admin/auth/group/", "/admin/auth/user/add/"]
)
def test_editor_cannot_open_user_admin(editor_session, path):
    status, _ = editor_session.get(path)
    assert status == 403


def test_editor_merges_duplicate_people(editor_session):
    article = Article.objects.create(headline="Talks", body="<p>Text.</p>")
    keep = Person.objects.create(name="Vladimir Putin")
    duplicate = Person.objects.create(name="Vladmir Putin")
    Quote.objects.create(article=article, text="No", person=duplicate)
    PersonMention.objects.create(article=article, person=duplicate, count=2)
    action = {"action": "merge_selected", "_selected_action": [keep.pk, duplicate.pk]}
    status, _, page = editor_session.post("/admin/articles/person/", action)
    assert status == 200 and "Choose the record to keep" in page
    status, _, page = editor_session.post(
        "/admin/articles/person/", {**action, "confirm": "yes", "keep": keep.pk}
    )
    assert status == 200
    assert not Person.objects.filter(pk=duplicate.pk).exists()
    assert Quote.objects.get().person == keep
    assert list(Person.objects.matching_name("Vladmir Putin")) == [keep]


def test_editor_lists_people_whose_names_nearly_match_to_merge_them(editor_session):
    for name in ["Keira Knightley", "Keira Knightly", "Someone Else"]:
        Person.objects.create(name=name)
    status, page = editor_session.get("/admin/articles/person/?duplicates=yes")
    assert status == 200
    assert "Keira Knightley" in page and "Keira Knightly" in page
    assert "Someone Else" not in page


def test_article_admin_offers_view_on_site(editor_session):
    article = Article.objects.create(headline="Talks", body="<p>Text.</p>")
    status, page = editor_session.get(f"/admin/articles/article/{article.pk}/change/")
    assert status == 200
    assert "View on site" in page


def test_login_page_refuses_a_post_without_csrf_token(live_server):
    body = urllib.parse.urlencode({"username": "x", "password": "y"}).encode()
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(live_server.url + "/admin/login/", data=body)
    assert error.value.code == 403


def test_article_admin_loads_the_names_its_inline_rows_print_with_the_rows(client, editor):
    """A mention row prints "Person in Article" and a quote row its speaker: loaded with the
    rows, so each further row costs only the autocomplete widget's own label query."""
    client.force_login(editor)
    article = ArticleFactory()

    def queries_for_the_change_page():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/admin/articles/article/{article.pk}/change/").status_code == 200
        return len(captured)

    PersonMentionFactory(article=article)
    QuoteFactory(article=article)
    with_one_each = queries_for_the_change_page()
    PersonMentionFactory.create_batch(5, article=article)
    QuoteFactory.create_batch(5, article=article)
    added_rows = 10
    assert queries_for_the_change_page() - with_one_each <= added_rows


def test_an_editor_who_sets_an_undated_articles_date_makes_it_known(editor_session):
    """An imported article whose source stated no date carries its import time; the editor
    who finds the date and sets it need not also tick "date known"."""
    article = ArticleFactory(headline="Pier notes", slug="pier-notes", date_known=False)
    data = {
        "headline": article.headline,
        "slug": article.slug,
        "standfirst": "",
        "body": article.body,
        "published_at_0": "2019-06-04",
        "published_at_1": "08:00:00",
        "source": "",
        "source_url": "",
        "section": "",
        "language": "en",
        **inline_management("quotes", 0),
        **inline_management("person_mentions", 0),
        **inline_management("organisation_mentions", 0),
    }
    status, url, page = editor_session.post(f"/admin/articles/article/{article.pk}/change/", data)

    assert status == 200 and url.endswith("/admin/articles/article/"), page[:2000]
    article.refresh_from_db()
    assert article.date_known and f"{article.published_at:%Y-%m-%d}" == "2019-06-04"
