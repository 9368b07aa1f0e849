"""`import_articles` and `export_articles` on real files: the corpus in ../shared/corpus read
in place, and small feeds, pages and WARC archives written into tmp_path for each test."""

import datetime
import gzip
import io
import json
import os
import re
import signal
import sqlite3
import statistics
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from articles.extraction import extract
from articles.importers.html import parse_html_file
from articles.importers.plaintext import parse_text_file
from articles.importers.records import ParseError
from articles.importers.runner import extraction_text
from articles.importers.sources import plan
from articles.management.commands import import_articles
from articles.models import (
    Affiliation,
    Article,
    Organisation,
    OrganisationMention,
    Person,
    PersonMention,
    Quote,
    SearchIndexTask,
)
from articles.text import CleanHTML, html_to_text, sanitize_html
from tests.factories import (
    AffiliationFactory,
    ArticleFactory,
    OrganisationAliasFactory,
    OrganisationFactory,
    OrganisationMentionFactory,
    PersonAliasFactory,
    PersonFactory,
    PersonMentionFactory,
    QuoteFactory,
)
from tests.importing import run_import, summary

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
SEED = CORPUS / "seed"
BBC = CORPUS / "bbc"
REUTERS = CORPUS / "reuters21578"
PAGES = CORPUS / "article-extraction"


def page(title, paragraphs, *, canonical="", published="", author=""):
    """A small news page with navigation around the article, as sites serve them."""
    meta = []
    if canonical:
        meta.append(f'<link rel="canonical" href="{canonical}">')
    if published:
        meta.append(f'<meta property="article:published_time" content="{published}">')
    if author:
        meta.append(f'<meta name="author" content="{author}">')
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="en"><head><title>{title}</title>{"".join(meta)}</head>'
        f'<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>'
        f"<article><h1>{title}</h1>{body}</article>"
        f"<footer>Copyright Example News. All rights reserved.</footer></body></html>"
    )


STORY = [
    "The harbour authority said on Tuesday that the northern pier would close for repairs "
    "after winter storms cracked its concrete supports in several places.",
    '"We cannot let ferries tie up there until the engineers are satisfied," said Maria '
    "Lindqvist, the authority's director of operations, at a briefing in the port office.",
    "Ferry operators said timetables would change from next month, with sailings moved to "
    "the southern berths while the work goes on through the spring and early summer.",
    '"Passengers will notice longer walks, but no cancelled crossings," Lindqvist added.',
]


def token_f1(found, expected):
    """Token-bag F1 of two texts: how much of the expected article text was found, and how
    little else came with it."""
    a = Counter(re.findall(r"\w+", found.casefold()))
    b = Counter(re.findall(r"\w+", expected.casefold()))
    common = sum((a & b).values())
    if not common:
        return 0.0
    precision, recall = common / sum(a.values()), common / sum(b.values())
    return 2 * precision * recall / (precision + recall)


# Plain text ------------------------------------------------------------------------------


def test_seed_text_gives_headline_standfirst_subheadings_and_full_name_speakers():
    seed_file = next(SEED.glob("*.txt"))
    lines = [line.strip() for line in seed_file.read_text().splitlines() if line.strip()]
    stdout, stderr, error = run_import(SEED)
    assert error is None, stderr
    article = Article.objects.get()
    assert article.headline == lines[0]
    assert article.standfirst == lines[1]
    assert "<h2>" in article.body
    assert lines[2] in article.body_text

    quotes = list(article.quotes.select_related("person"))
    assert summary(stdout)["quotes"] == len(quotes) > 10
    speakers = {quote.person for quote in quotes if quote.person}
    assert len(speakers) >= 3
    assert all(len(person.name.split()) >= 2 for person in speakers)
    for quote in quotes:  # placed in the body, or in the standfirst when only it has them
        text = article.standfirst if quote.in_standfirst else article.body_text
        assert text[quote.start : quote.end] == quote.text
    assert any(quote.in_standfirst for quote in quotes)
    # A speaker named in full once and by surname afterwards is one person, with an alias.
    assert any(person.aliases.exists() for person in speakers)
    for person in speakers:
        assert Person.objects.matching_name(person.name.split()[-1]).count() <= 1


def test_text_file_in_blank_line_layout_has_no_standfirst_and_keeps_paragraphs(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("Harbour pier to close\n\n" + "\n\n".join(STORY) + "\n")
    run_import(story, "--no-extract")
    article = Article.objects.get()
    assert article.headline == "Harbour pier to close"
    assert article.standfirst == ""
    assert article.body_text.split("\n\n") == STORY


def test_bbc_layout_is_recognised_and_each_story_takes_its_folder_as_section():
    files = plan([BBC])
    sections = {item.section for item in files}
    assert {item.format for item in files} == {"bbc"}
    assert sections == {p.name for p in BBC.iterdir() if p.is_dir()}
    assert len(files) == sum(1 for _ in BBC.glob("*/*.txt"))

    chosen = [sorted((BBC / section).glob("*.txt"))[0] for section in sorted(sections)[:2]]
    stdout, stderr, error = run_import(*chosen, "--format", "bbc")
    assert error is None, stderr
    for path in chosen:
        headline = path.read_text(encoding="utf-8").splitlines()[0].strip()
        article = Article.objects.get(headline=headline)
        assert article.section == path.parent.name
        assert article.source == "BBC News"


# HTML pages -------------------------------------------------------------------------------


def test_article_extraction_pages_give_text_close_to_the_ground_truth():
    truth = json.loads((PAGES / "ground-truth.json").read_text())
    sample = sorted(truth)[::5]  # 19 of the 91 pages, spread over the set
    scores = []
    for page_id in sample:
        parsed = parse_html_file(str(PAGES / "html" / f"{page_id}.html"))
        scores.append(token_f1(html_to_text(parsed.body_html), truth[page_id]["articleBody"]))
    assert len(scores) >= 15
    assert statistics.mean(scores) >= 0.8, scores


def test_html_page_import_reads_title_date_author_and_canonical_url(tmp_path):
    path = tmp_path / "pier.html"
    path.write_text(
        page(
            "Harbour pier to close for repairs",
            STORY,
            canonical="https://news.example.org/2023/03/pier",
            published="2023-03-14T09:30:00+00:00",
            author="Sam Ortega",
        )
    )
    stdout, stderr, error = run_import(path)
    assert error is None, stderr
    article = Article.objects.get()
    assert article.headline == "Harbour pier to close for repairs"
    assert article.source_url == "https://news.example.org/2023/03/pier"
    assert article.published_at == datetime.datetime(2023, 3, 14, 9, 30, tzinfo=datetime.UTC)
    assert [p.name for p in article.byline.all()] == ["Sam Ortega"]
    assert "Home" not in article.body_text and "Copyright" not in article.body_text
    assert article.body_text.split("\n\n") == STORY
    assert article.quotes.filter(person__name="Maria Lindqvist").count() == 2


def test_a_page_without_a_date_gets_none_from_the_years_its_text_mentions(tmp_path):
    path = tmp_path / "fines.html"
    paragraphs = [
        "The regulator fined the bank for weak checks on transfers made between 2016 and "
        "2020, when staff missed warnings about thousands of suspicious payments.",
        "The bank said it had since hired more investigators and replaced the software "
        "that failed to flag the payments during those years.",
    ]
    path.write_text(page("Bank fined over payment checks", paragraphs))
    stdout, stderr, error = run_import(path, "--no-extract")
    assert error is None, stderr
    article = Article.objects.get()
    assert article.published_at.year not in (2016, 2020)


def test_a_utf16_page_is_read_as_html(tmp_path):
    path = tmp_path / "pier.html"
    path.write_text(page("Harbour pier to close for repairs", STORY), encoding="utf-16")
    stdout, stderr, error = run_import(path, "--no-extract")
    assert error is None, stderr
    article = Article.objects.get()
    assert article.headline == "Harbour pier to close for repairs"
    assert article.body_text.split("\n\n") == STORY


def test_a_gzip_file_cut_inside_its_first_member_is_reported(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(gzip.compress(b"WARC/1.0\r\nWARC-Type: warcinfo\r\n" * 50)[:20])
    stdout, stderr, error = run_import(path)
    assert error is not None
    assert str(path) in stderr and "damaged gzip file" in stderr
    assert summary(stdout)["failed"] == 1


# Feeds -----------------------------------------------------------------------------------


def test_rss_feed_entries_use_their_content_or_the_local_page_they_link_to(tmp_path):
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "pier.html").write_text(page("Pier page title", STORY))
    outside = tmp_path.parent / f"{tmp_path.name}-outside.html"
    outside.write_text(page("Outside the feed folder", STORY[:2]))
    feed = tmp_path / "feed.xml"
    feed.write_text(
        f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Example Harbour News</title><link>https://news.example.org/</link>
<language>en-gb</language>
<item><title>Council approves new library</title>
<link>https://news.example.org/library</link>
<pubDate>Tue, 14 Mar 2023 09:30:00 GMT</pubDate><category>Local</category>
<content:encoded><![CDATA[<p>The council voted to build a library on the old market site.</p>
<p>Work starts in the autumn.</p>]]></content:encoded></item>
<item><title>Harbour pier to close</title><link>pages/pier.html</link>
<description>Teaser only.</description></item>
<item><title>Not followed</title><link>file://{outside}</link>
<description>Only the teaser of a page outside the feed folder.</description></item>
</channel></rss>"""
    )
    stdout, stderr, error = run_import(feed, "--no-extract")
    assert error is None, stderr
    assert summary(stdout)["imported"] == 3
    library = Article.objects.get(headline="Council approves new library")
    assert library.source == "Example Harbour News"
    assert library.source_url == "https://news.example.org/library"
    assert library.section == "Local"
    assert library.published_at == datetime.datetime(2023, 3, 14, 9, 30, tzinfo=datetime.UTC)
    assert library.body_text.startswith("The council voted")
    pier = Article.objects.get(headline="Harbour pier to close")
    assert pier.body_text.split("\n\n") == STORY
    assert Article.objects.get(headline="Not followed").body_text.startswith("Only the teaser")


def test_atom_feed_is_detected_and_imported(tmp_path):
    feed = tmp_path / "atom.feed"
    feed.write_text(
        """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example Atom</title>
<entry><title>Bridge reopens</title><link href="https://news.example.org/bridge"/>
<id>tag:example.org,2023:bridge</id><updated>2023-04-01T08:00:00Z</updated>
<author><name>Ana Ruiz</name></author>
<content type="html">&lt;p&gt;The bridge reopened to traffic on Saturday.&lt;/p&gt;</content>
</entry></feed>"""
    )
    stdout, stderr, error = run_import(feed, "--no-extract")
    assert error is None, stderr
    article = Article.objects.get()
    assert article.headline == "Bridge reopens"
    assert [p.name for p in article.byline.all()] == ["Ana Ruiz"]
    assert article.published_at == datetime.datetime(2023, 4, 1, 8, 0, tzinfo=datetime.UTC)


# WARC ------------------------------------------------------------------------------------


def write_warc(path, pages, *, compress):
    """A WARC with one response per (url, status, content type, html) and a request record
    before each, as crawlers write them."""
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=compress)
        for url, status, content_type, body in pages:
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], "HTTP/1.1")
            asked = StatusAndHeaders(
                f"GET {url} HTTP/1.1", [("Host", "news.example.org")], is_http_request=True
            )
            request = writer.create_warc_record(
                url, "request", payload=io.BytesIO(b""), http_headers=asked
            )
            writer.write_record(request)
            record = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body.encode()),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2023-05-02T10:00:00Z"},
            )
            writer.write_record(record)


def warc_pages(count):
    pages = []
    for n in range(count):
        html = page(f"Story {n} about the harbour", [f"Item {n}.", *STORY])
        pages.append((f"https://news.example.org/{n}", "200 OK", "text/html", html))
    pages.append(("https://news.example.org/logo.png", "200 OK", "image/png", "PNG"))
    pages.append(("https://news.example.org/gone", "404 Not Found", "text/html", "<p>x</p>"))
    return pages


@pytest.mark.parametrize("compress", [True, False], ids=["gzip", "plain"])
def test_warc_html_responses_become_articles_with_original_url_and_capture_date(tmp_path, compress):
    path = tmp_path / ("crawl.warc.gz" if compress else "crawl.warc")
    write_warc(path, warc_pages(3), compress=compress)
    stdout, stderr, error = run_import(path, "--no-extract", jobs=2)
    assert error is None, stderr
    counts = summary(stdout)
    assert (counts["imported"], counts["skipped"]) == (3, 1)  # the 404; the image is no page
    for n in range(3):
        article = Article.objects.get(source_url=f"https://news.example.org/{n}")
        assert article.headline == f"Story {n} about the harbour"
        assert article.published_at == datetime.datetime(2023, 5, 2, 10, 0, tzinfo=datetime.UTC)


@pytest.mark.parametrize("compress", [True, False], ids=["gzip", "plain"])
def test_truncated_warc_is_reported_and_the_records_before_the_cut_are_kept(tmp_path, compress):
    whole = tmp_path / "whole.warc"
    write_warc(whole, warc_pages(4)[:4], compress=compress)
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[: len(data) - 300])
    stdout, stderr, error = run_import(cut, "--no-extract")
    assert error is not None
    assert str(cut) in stderr and "truncated" in stderr
    assert summary(stdout)["failed"] == 1
    assert Article.objects.count() == 3


# Reuters ---------------------------------------------------------------------------------


def test_reuters_records_become_articles_with_tagged_people_and_organisations(tmp_path):
    source = (REUTERS / "reut2-000.sgm").read_text(encoding="latin-1")
    records = re.findall(r"<REUTERS.*?</REUTERS>", source, re.DOTALL)
    tagged = [r for r in records if "<BODY>" in r and ("<PEOPLE><D>" in r or "<ORGS><D>" in r)]
    chosen = tagged[:4] + [next(r for r in records if "<BODY>" not in r)]
    (tmp_path / "reut2-900.sgm").write_text("\n".join(chosen), encoding="latin-1")
    codes = next(REUTERS.glob("cat-descriptions*.txt"))
    (tmp_path / codes.name).symlink_to(codes)

    stdout, stderr, error = run_import(tmp_path, "--no-extract")
    assert error is None, stderr
    counts = summary(stdout)
    assert (counts["imported"], counts["skipped"]) == (4, 1)
    for record in chosen[:4]:
        title = re.search(r"<TITLE>(.*?)</TITLE>", record, re.DOTALL).group(1)
        article = Article.objects.get(headline__iexact=title.replace("&lt;", "<"))
        assert article.source == "Reuters"
        date = re.search(r"<DATE>\s*(\d+-\w+-\d+ \d+:\d+:\d+)", record).group(1)
        expected = datetime.datetime.strptime(date, "%d-%b-%Y %H:%M:%S")
        assert article.published_at == expected.replace(tzinfo=datetime.UTC)
        people = re.findall(r"<D>(.*?)</D>", re.search(r"<PEOPLE>(.*?)</PEOPLE>", record).group(1))
        for code in people:
            person = Person.objects.matching_name(code.replace("-", " ")).get()
            assert PersonMention.objects.filter(article=article, person=person).exists()
            assert len(person.name.split()) >= 2  # the code's full name from the descriptions
        orgs = re.findall(r"<D>(.*?)</D>", re.search(r"<ORGS>(.*?)</ORGS>", record).group(1))
        for code in orgs:
            organisation = Organisation.objects.matching_name(code).get()
            assert OrganisationMention.objects.filter(article=article, organisation=organisation)


def test_reuters_organisation_tagged_and_named_in_the_text_is_one_mention(tmp_path):
    record = (
        '<REUTERS NEWID="91001">\n<DATE>3-APR-1987 09:15:00.00</DATE>\n'
        "<PEOPLE></PEOPLE>\n<ORGS><D>opec</D></ORGS>\n<TEXT>\n"
        "<TITLE>GULF TANKER RATES EASE</TITLE>\n<BODY>Tanker rates eased this week, "
        "brokers said.\n    Traders said the market now waited on OPEC and its next "
        "meeting.\n Reuter\n</BODY></TEXT>\n</REUTERS>\n"
    )
    (tmp_path / "reut2-901.sgm").write_text(record, encoding="latin-1")

    stdout, stderr, error = run_import(tmp_path)
    assert error is None, stderr
    assert summary(stdout)["imported"] == 1
    (mention,) = OrganisationMention.objects.filter(article=Article.objects.get())
    assert mention.organisation == Organisation.objects.matching_name("opec").get()


def test_reuters_file_cut_inside_a_record_reports_the_record(tmp_path):
    whole = (
        '<REUTERS NEWID="91002">\n<DATE>4-APR-1987 10:00:00.00</DATE>\n<TEXT>\n'
        "<TITLE>WHEAT STOCKS RISE</TITLE>\n<BODY>Wheat stocks rose in March, the ministry "
        "said.\n Reuter\n</BODY></TEXT>\n</REUTERS>\n"
    )
    cut = '<REUTERS NEWID="91003">\n<DATE>4-APR-1987 11:00:00.00</DATE>\n<TEXT>\n<TITLE>CORN'
    (tmp_path / "reut2-902.sgm").write_text(whole + cut, encoding="latin-1")

    stdout, stderr, error = run_import(tmp_path, "--no-extract")
    assert error is not None
    assert "NEWID=91003" in stderr and "truncated" in stderr
    assert (summary(stdout)["imported"], summary(stdout)["failed"]) == (1, 1)


# Idempotency and failures ----------------------------------------------------------------


def test_same_url_imported_again_updates_the_article_instead_of_adding_one(tmp_path):
    path = tmp_path / "pier.html"
    url = "https://news.example.org/pier"
    path.write_text(page("Harbour pier to close", STORY, canonical=url))
    run_import(path)
    first = Article.objects.get()
    quotes = first.quotes.count()

    stdout, _, _ = run_import(path)
    assert summary(stdout)["skipped"] == 1
    path.write_text(
        page("Harbour pier to close", [*STORY, "Repairs will cost more."], canonical=url)
    )
    stdout, _, _ = run_import(path)
    assert summary(stdout)["updated"] == 1
    article = Article.objects.get()
    assert article.pk == first.pk
    assert article.body_text.endswith("Repairs will cost more.")
    assert article.quotes.count() == quotes


def test_same_text_from_another_file_updates_instead_of_duplicating(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for folder in ("a", "b"):
        (tmp_path / folder / "story.txt").write_text("Harbour pier to close\n" + "\n".join(STORY))
    stdout, stderr, error = run_import(tmp_path / "a", tmp_path / "b")
    assert error is None, stderr
    counts = summary(stdout)
    assert (counts["imported"], counts["skipped"]) == (1, 1)
    assert Article.objects.count() == 1


def test_another_outlets_copy_of_the_same_text_keeps_the_first_outlets_record(tmp_path):
    first_url, copy_url = "https://harbour.example.org/pier", "https://ferries.example.net/pier"
    (tmp_path / "first.html").write_text(
        page("Harbour pier to close", STORY, canonical=first_url, author="Ana Ruiz")
    )
    (tmp_path / "copy.html").write_text(
        page("Harbour pier to close", STORY, canonical=copy_url, author="Desk Editor")
    )
    run_import(tmp_path / "first.html")
    first = Article.objects.get()

    stdout, stderr, error = run_import(tmp_path / "copy.html")
    assert error is None, stderr
    assert summary(stdout)["skipped"] == 1
    article = Article.objects.get()
    assert (article.source_url, article.source) == (first_url, first.source)
    assert first.source != "ferries.example.net"
    assert [person.name for person in article.byline.all()] == ["Ana Ruiz"]


def test_headlines_and_names_in_other_scripts_get_slugs_in_their_own_letters(tmp_path, client):
    (tmp_path / "most.txt").write_text(
        "Мэр открыл новый мост\n\n"
        '"Мост готов," said Olena Kravets, the city engineer.\n\n'
        "Traffic returned to the river crossing on Monday."
    )
    stdout, stderr, error = run_import(tmp_path / "most.txt")
    assert error is None, stderr
    article = Article.objects.get()
    assert article.slug == "мэр-открыл-новый-мост"
    page = client.get(article.get_absolute_url())
    assert page.status_code == 200
    assert "Мэр открыл новый мост" in page.content.decode()
    person = Person.objects.create(name="Ольга Петренко")
    assert person.slug == "ольга-петренко"
    assert client.get(person.get_absolute_url()).status_code == 200


def test_broken_files_are_reported_and_the_rest_of_the_batch_is_imported(tmp_path):
    (tmp_path / "good.txt").write_text("Harbour pier to close\n\n" + "\n\n".join(STORY))
    (tmp_path / "empty.txt").write_text("   \n")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 opens\n\nThe caf\xe9 opened.".encode("latin-1"))
    (tmp_path / "broken.html").write_text("<html><body><div><script>var x=1;</script>")
    # A record that fails half-way through its write (its quote has no text): nothing of it
    # may remain, not even the person created before the quote failed.
    record = {
        "headline": "Half written",
        "body": "<p>Some text here.</p>",
        "people": [{"name": "Zed Half-Written"}],
        "quotes": [{"text": "", "person": "Zed Half-Written"}],
    }
    (tmp_path / "export.jsonl").write_text(json.dumps(record) + "\n")

    stdout, stderr, error = run_import(tmp_path)
    assert error is not None
    assert summary(stdout)["failed"] == 4
    for name in ("empty.txt", "latin1.txt", "broken.html", "export.jsonl"):
        assert str(tmp_path / name) in stderr
    assert "UTF-8" in stderr
    assert list(Article.objects.values_list("headline", flat=True)) == ["Harbour pier to close"]
    assert not Person.objects.filter(name="Zed Half-Written").exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("section", 12, "'section' must be text, not a number"),
        ("people", [{"name": None}], "'name' must be text, not null"),
        ("quotes", "not a list", "'quotes' must be a list"),
        ("byline", [{"name": "Ada Quill", "aliases": "Quill"}], "'aliases' must be a list"),
    ],
)
def test_export_line_with_a_wrongly_typed_value_is_reported_and_the_rest_kept(
    tmp_path, field, value, message
):
    good = {"headline": "Pier reopens", "body": "<p>The pier reopened on Monday.</p>"}
    bad = {"headline": "Pier closes", "body": "<p>The pier closed again.</p>", field: value}
    path = tmp_path / "export.jsonl"
    path.write_text(f"{json.dumps(good)}\n{json.dumps(bad)}\n")

    stdout, stderr, error = run_import(path)
    assert error is not None
    assert f"{path}:2" in stderr and message in stderr
    assert (summary(stdout)["imported"], summary(stdout)["failed"]) == (1, 1)
    assert list(Article.objects.values_list("headline", flat=True)) == ["Pier reopens"]


def test_dry_run_parses_and_extracts_but_writes_nothing():
    stdout, stderr, error = run_import(SEED, "--dry-run")
    assert error is None, stderr
    counts = summary(stdout)
    assert counts["imported"] == 1 and counts["quotes"] > 10
    assert "Dry run" in stdout
    assert not Article.objects.exists() and not Person.objects.exists()


def test_missing_path_is_a_usable_error(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_articles", str(tmp_path / "nope.txt"))


# JSON Lines round trip -------------------------------------------------------------------


def snapshot():
    """Everything the round trip must keep, by natural values (no primary keys)."""
    return {
        "articles": sorted(
            Article.objects.values_list(
                "headline", "slug", "standfirst", "body", "published_at", "source",
                "source_url", "section", "language",
            )
        ),
        "people": sorted(
            (p.name, p.slug, p.description, tuple(sorted(a.name for a in p.aliases.all())))
            for p in Person.objects.all()
        ),
        "organisations": sorted(
            (o.name, o.slug, o.kind, o.description, tuple(sorted(a.name for a in o.aliases.all())))
            for o in Organisation.objects.all()
        ),
        "affiliations": sorted(
            Affiliation.objects.values_list("person__slug", "organisation__slug", "role")
        ),
        "mentions": sorted(
            PersonMention.objects.values_list(
                "article__slug", "person__slug", "count", "is_extracted"
            )
        )
        + sorted(
            OrganisationMention.objects.values_list(
                "article__slug", "organisation__slug", "count", "is_extracted"
            )
        ),
        "bylines": sorted(
            Article.byline.through.objects.values_list("article__slug", "person__slug")
        ),
        "quotes": sorted(
            Quote.objects.values_list(
                "article__slug", "text", "person__slug", "organisation__slug",
                "speaker_description", "in_standfirst", "start", "end", "is_partial", "verb",
                "is_confirmed",
            ),
            key=repr,
        ),
    }  # fmt: skip


def test_export_then_import_gives_the_same_archive(tmp_path):
    author = PersonFactory(name="Sam Ortega")
    first = ArticleFactory(byline=[author], section="World", standfirst="Pier closes.")
    second = ArticleFactory(body="<p>Second story, with <em>markup</em>.</p>", source_url="")
    speaker = PersonFactory(name="Maria Lindqvist", description="Director of operations")
    PersonAliasFactory(person=speaker, name="Lindqvist")
    authority = OrganisationFactory(name="Harbour Authority", kind="government")
    OrganisationAliasFactory(organisation=authority, name="HA")
    AffiliationFactory(person=speaker, organisation=authority, role="Director")
    PersonMentionFactory(article=first, person=speaker, count=3)
    OrganisationMentionFactory(article=first, organisation=authority, count=2)
    QuoteFactory(article=first, person=speaker, is_confirmed=True, verb="said")
    QuoteFactory(article=second, person=PersonFactory(name="Unmentioned Speaker"), verb="told")
    QuoteFactory(
        article=second, person=None, organisation=authority, text="Second story", is_partial=True
    )
    QuoteFactory(article=first, person=None, speaker_description="a ferry captain", text="Story")
    # Organisations the articles reach only through someone's affiliation: the author's
    # paper, and the speaker's second employer.
    gazette = OrganisationFactory(name="Harbour Gazette", kind="media", description="Weekly.")
    OrganisationAliasFactory(organisation=gazette, name="The Gazette")
    AffiliationFactory(person=author, organisation=gazette, role="Reporter")
    ferries = OrganisationFactory(name="Coastal Ferries", kind="company", description="Ferries.")
    OrganisationAliasFactory(organisation=ferries, name="CF")
    AffiliationFactory(person=speaker, organisation=ferries, role="Adviser")
    # Where mentions and quotes were found travels too.
    extracted = PersonMentionFactory(article=second, person=PersonFactory(), is_extracted=True)
    OrganisationMentionFactory(article=second, organisation=ferries, is_extracted=True)
    in_standfirst = QuoteFactory(article=first, person=extracted.person, text="Pier closes")
    assert (in_standfirst.in_standfirst, in_standfirst.start) == (True, 0)
    before = snapshot()

    export = tmp_path / "archive.jsonl"
    call_command("export_articles", str(export), stderr=io.StringIO())
    assert len(export.read_text().splitlines()) == 2
    for model in (Quote, Article, Person, Organisation):
        model.objects.all().delete()

    stdout, stderr, error = run_import(export)
    assert error is None, stderr
    assert summary(stdout)["imported"] == 2
    assert snapshot() == before

    # Importing the export over the live archive changes nothing.
    stdout, stderr, error = run_import(export)
    assert summary(stdout)["skipped"] == 2
    assert snapshot() == before


def test_a_quote_an_editor_confirmed_in_the_export_is_confirmed_on_import(tmp_path):
    """The story is unchanged, so the line would be skipped; its quote is not, and an editor's
    edit in the file must not be lost."""
    article = ArticleFactory()
    QuoteFactory(article=article, person=PersonFactory(name="Maria Lindqvist"))
    export = tmp_path / "archive.jsonl"
    call_command("export_articles", str(export), stderr=io.StringIO())
    record = json.loads(export.read_text())
    record["quotes"][0]["confirmed"] = True
    export.write_text(json.dumps(record) + "\n")

    stdout, stderr, error = run_import(export)

    assert error is None, stderr
    assert summary(stdout)["updated"] == 1
    quote = Quote.objects.get()
    assert quote.is_confirmed and quote.person.name == "Maria Lindqvist"


def _export_one(tmp_path, article, edit):
    """Export the archive (one article), let `edit` change its record, write it back."""
    export = tmp_path / "archive.jsonl"
    call_command("export_articles", str(export), stderr=io.StringIO())
    record = json.loads(export.read_text())
    edit(record)
    export.write_text(json.dumps(record) + "\n")
    return export


def test_a_person_an_editor_added_to_the_export_is_mentioned_on_import(tmp_path):
    """The story is unchanged, so the line would be skipped; the person added to it is an
    edit that must not be lost, and the mention the file keeps is not doubled."""
    article = ArticleFactory()
    PersonMentionFactory(article=article, person=PersonFactory(name="Maria Lindqvist"))

    def add_person(record):
        record["people"].append({"name": "Tomas Berglund", "mentions": 2})

    stdout, stderr, error = run_import(_export_one(tmp_path, article, add_person))

    assert error is None, stderr
    assert summary(stdout)["updated"] == 1
    mentions = {m.person.name: m.count for m in article.person_mentions.all()}
    assert mentions == {"Maria Lindqvist": 1, "Tomas Berglund": 2}


def test_an_organisation_count_and_byline_corrected_in_the_export_are_kept(tmp_path):
    article = ArticleFactory(byline=[PersonFactory(name="Ada Reporter")])
    OrganisationMentionFactory(article=article, organisation=OrganisationFactory(name="NATO"))

    def correct(record):
        record["organisations"][0]["mentions"] = 3
        record["byline"] = [{"name": "Ada Reporter"}, {"name": "Ben Stringer"}]

    stdout, stderr, error = run_import(_export_one(tmp_path, article, correct))

    assert error is None, stderr
    assert summary(stdout)["updated"] == 1
    assert article.organisation_mentions.get().count == 3
    assert sorted(person.name for person in article.byline.all()) == [
        "Ada Reporter",
        "Ben Stringer",
    ]


def test_gzip_that_is_not_a_warc_is_reported(tmp_path):
    path = tmp_path / "notes.gz"
    path.write_bytes(gzip.compress(b"just some notes"))
    stdout, stderr, error = run_import(path)
    assert error is not None and "not a WARC" in stderr


# Batches, the index and interruptions ----------------------------------------------------


def test_after_an_import_every_article_person_organisation_and_quote_is_in_the_index(
    tmp_path, search_index
):
    (tmp_path / "pier.txt").write_text("Harbour pier to close\n\n" + "\n\n".join(STORY))
    stdout, stderr, error = run_import(SEED, tmp_path / "pier.txt")
    assert error is None, stderr
    assert summary(stdout)["imported"] == 2
    expected = {
        f"articles.{model._meta.model_name}.{pk}"
        for model in (Article, Person, Organisation, Quote)
        for pk in model.objects.values_list("pk", flat=True)
    }
    assert Quote.objects.count() > 10 and Organisation.objects.exists()
    with search_index.get_backend().index.searcher() as searcher:
        indexed = {fields["id"] for fields in searcher.all_stored_fields()}
    assert indexed == expected
    assert not SearchIndexTask.objects.exists()


def test_a_failed_article_leaves_nothing_for_later_articles_of_its_batch_to_point_at(tmp_path):
    """The batch's name lookups hold the person the failed article created; its savepoint
    rolled back, so the next article must create the person again, not link to a lost row."""
    half = {
        "headline": "Half written",
        "body": "<p>Some text here.</p>",
        "people": [{"name": "Zed Half-Written"}],
        "quotes": [{"text": "", "person": "Zed Half-Written"}],
    }
    whole = {
        "headline": "Whole",
        "body": "<p>Zed Half-Written spoke.</p>",
        "people": [{"name": "Zed Half-Written"}],
        "quotes": [{"text": "spoke", "person": "Zed Half-Written"}],
    }
    (tmp_path / "export.jsonl").write_text(f"{json.dumps(half)}\n{json.dumps(whole)}\n")
    stdout, stderr, error = run_import(tmp_path / "export.jsonl")
    counts = summary(stdout)
    assert (counts["imported"], counts["failed"]) == (1, 1)
    person = Person.objects.get(name="Zed Half-Written")
    article = Article.objects.get()
    assert article.headline == "Whole"
    assert list(article.people.all()) == [person]
    assert article.quotes.get().person == person


SPEAKERS = ["Maria Lindqvist", "Erik Solberg", "Ana Ruiz", "Tom Okafor"]


def numbered_story(n):
    speaker = SPEAKERS[n % len(SPEAKERS)]
    surname = speaker.split()[-1]
    return "\n\n".join(
        [
            f"Pier {n} to close for repairs",
            f"The harbour authority said on Tuesday that pier {n} would close after winter "
            "storms cracked its concrete supports.",
            f'"We cannot let ferries tie up at pier {n} until the engineers are satisfied," '
            f"said {speaker}, the authority's director of operations.",
            f'"Passengers will notice longer walks, but no cancelled crossings," {surname} added.',
        ]
    )


def _database_rows(database, query):
    with sqlite3.connect(database, timeout=30) as connection:
        return connection.execute(query).fetchall()


def _import_in_a_process(tmp_path, *, stories):
    """A migrated SQLite database of its own and `stories` numbered story files: returns
    (database path, environment, the `import_articles` command with two workers)."""
    folder = tmp_path / "stories"
    folder.mkdir()
    for n in range(stories):
        (folder / f"{n:04d}.txt").write_text(numbered_story(n))
    var = tmp_path / "var"
    database = var / "newsroom.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "test-only",
        "DJANGO_HTTPS": "0",
        "NEWSROOM_VAR_DIR": str(var),
        "DATABASE_URL": f"sqlite:///{database}",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    return database, env, [*manage, "import_articles", str(folder), "--quiet", "--jobs", "2"]


def test_a_killed_import_leaves_only_whole_articles_and_a_rerun_completes_it(tmp_path):
    """SIGKILL after the first commit: every article in the database has all its quotes and
    mentions (what a fresh extraction of its text finds), and running the same import again
    adds the rest, one article per file, and leaves the index queue empty."""
    database, env, command = _import_in_a_process(tmp_path, stories=300)
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
    try:
        count = 0
        while process.poll() is None and count == 0:
            count = _database_rows(database, "SELECT count(*) FROM articles_article")[0][0]
        assert process.poll() is None, "the import finished before it could be interrupted"
        process.send_signal(signal.SIGKILL)
    finally:
        process.kill()
        process.wait()

    articles = _database_rows(
        database, "SELECT id, headline, standfirst, body FROM articles_article"
    )
    assert 0 < len(articles) < 300
    quotes = Counter(
        article for (article,) in _database_rows(database, "SELECT article_id FROM articles_quote")
    )
    mentioned = {
        article
        for (article,) in _database_rows(database, "SELECT article_id FROM articles_personmention")
    }
    for pk, _headline, standfirst, body in articles:
        body_text = html_to_text(body)
        text, _offset = extraction_text(standfirst=standfirst, body_text=body_text)
        assert quotes[pk] == len(extract(text).quotes) == 2
        assert pk in mentioned

    subprocess.run(command, env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    headlines = [h for (h,) in _database_rows(database, "SELECT headline FROM articles_article")]
    assert sorted(headlines) == sorted(f"Pier {n} to close for repairs" for n in range(300))
    assert _database_rows(database, "SELECT count(*) FROM articles_quote") == [(600,)]
    assert _database_rows(database, "SELECT count(*) FROM articles_searchindextask") == [(0,)]
    # The index, written by the import's own index processes alongside the writes, holds
    # every article and quote once, none stale, and the folders they built segments in are
    # gone, the killed import's too.
    assert list((database.parent / "whoosh_index").glob(".building-*")) == []
    checked = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "check_index"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "articles.article: 300 in the database, 300 indexed; 0 missing" in checked.stdout
    assert "articles.quote: 600 in the database, 600 indexed; 0 missing" in checked.stdout


def test_other_writers_get_their_turn_while_an_import_writes_to_sqlite(tmp_path):
    """SQLite has one writer at a time and no queue of waiting writers. While an import runs,
    another connection (an editor's save, here a direct write) must get the lock every time
    and many times over, not fail with "database is locked" nor wait out transaction after
    transaction. It waits out one import transaction at most (BATCH_SECONDS and the chunk
    that ends it, longer on a loaded machine; Django's own connections wait 20 seconds)."""
    stories = 1500
    database, env, command = _import_in_a_process(tmp_path, stories=stories)
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
    count_articles = "SELECT count(*) FROM articles_article"
    wait = 2.5 * import_articles.BATCH_SECONDS
    writes, refused = 0, []
    try:
        while not _database_rows(database, count_articles)[0][0]:
            assert process.poll() is None, "the import ended before any article was committed"
        # Write while the import is still writing articles (not once only its index is left).
        while _database_rows(database, count_articles)[0][0] < stories:
            connection = sqlite3.connect(database, timeout=wait, isolation_level=None)
            try:
                connection.execute("BEGIN IMMEDIATE")
                connection.execute("UPDATE articles_article SET updated_at = updated_at WHERE 0")
                connection.execute("COMMIT")
                writes += 1
            except sqlite3.OperationalError as error:
                refused.append(str(error))
            finally:
                connection.close()
    finally:
        process.wait(timeout=300)
    assert process.returncode == 0
    assert refused == []
    assert writes >= 3, "the import wrote its articles before three writes were tried"


def test_plain_text_bodies_are_built_exactly_as_the_sanitiser_would_return_them():
    """Plain-text importers build bodies that skip bleach (CleanHTML), so each must be what
    `sanitize_html` returns for it: checked on a sample of the BBC files, read as the import
    reads them."""
    files = sorted(BBC.glob("*/*.txt"))[::10]
    assert len(files) > 200
    for path in files:
        try:
            body = parse_text_file(str(path), path.parent.name, "BBC News").body_html
        except ParseError:
            continue  # the one file that is not UTF-8
        assert isinstance(body, CleanHTML)
        assert sanitize_html(str(body)) == body, path


def test_an_article_its_source_gave_no_date_stays_undated_through_an_export(tmp_path):
    """A plain-text file states no date: the article carries its import time and says the
    date is unknown, and so does its copy rebuilt from our export, with the time it was
    rebuilt. An editor who dates the story in the file dates the record."""
    text = tmp_path / "story.txt"
    text.write_text("Harbour reopens\n\nThe harbour reopened on Tuesday after a year of repairs.\n")
    stdout, stderr, error = run_import(text)
    assert error is None, stderr
    assert not Article.objects.get().date_known

    export = tmp_path / "archive.jsonl"
    call_command("export_articles", str(export), stderr=io.StringIO())
    Article.objects.all().delete()
    run_import(export)
    assert not Article.objects.get().date_known

    def dated(record):
        record["published_at"], record["date_known"] = "2019-06-04T08:00:00+00:00", True

    stdout, stderr, error = run_import(_export_one(tmp_path, Article.objects.get(), dated))
    assert summary(stdout)["updated"] == 1
    article = Article.objects.get()
    assert article.date_known
    assert article.published_at == datetime.datetime(2019, 6, 4, 8, tzinfo=datetime.UTC)


def test_another_outlets_dated_copy_gives_an_undated_record_its_date(tmp_path):
    first_url, copy_url = "https://harbour.example.org/pier", "https://ferries.example.net/pier"
    (tmp_path / "first.html").write_text(page("Harbour pier to close", STORY, canonical=first_url))
    (tmp_path / "copy.html").write_text(
        page("Harbour pier to close", STORY, canonical=copy_url, published="2023-02-07T10:30:00Z")
    )
    run_import(tmp_path / "first.html")
    assert not Article.objects.get().date_known

    stdout, stderr, error = run_import(tmp_path / "copy.html")

    assert error is None, stderr
    article = Article.objects.get()
    assert article.source_url == first_url
    assert article.date_known
    assert article.published_at == datetime.datetime(2023, 2, 7, 10, 30, tzinfo=datetime.UTC)
