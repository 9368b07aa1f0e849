"""`import_articles` on damaged or oddly shaped archives: WARC files cut short at any byte,
pages whose only charset declaration is the HTTP header, data served as a page, and JSON Lines
exports that an editor or a cut copy changed. Every WARC is written into tmp_path by warcio."""

import io
import json
import zlib

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from articles.models import Article
from tests.importing import run_import, summary

pytestmark = pytest.mark.django_db

PARAGRAPHS = [
    "The lock keepers of the upper canal voted on Monday to stop work for two days next week, "
    "saying the night shifts added in spring were never paid at the agreed rate.",
    "Barge operators warned that grain due at the mill would wait at the basin, and the canal "
    "trust said it would publish a revised timetable for boats already under way.",
]
RECORD_END = b"\r\n\r\n"  # after each record's content; a cut inside it loses nothing


def page_html(title, *, head=""):
    paragraphs = "".join(f"<p>{text}</p>" for text in PARAGRAPHS)
    return (
        f"<html><head>{head}<title>{title}</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>{title}</h1>{paragraphs}</article></body></html>"
    )


def imported_urls():
    return set(Article.objects.values_list("source_url", flat=True))


class Archive:
    """A WARC built in memory: its bytes, and for each record where it starts and ends and,
    for an HTML page with status 200, the page's URL."""

    def __init__(self, *, compress):
        self.compress = compress
        self._buffer = io.BytesIO()
        self._writer = WARCWriter(self._buffer, gzip=compress)
        self.records = []  # (start, end, page URL or None)

    def _write(self, record, page_url=None):
        start = self._buffer.tell()
        self._writer.write_record(record)
        self.records.append((start, self._buffer.tell(), page_url))

    def add_info(self):
        self._write(self._writer.create_warcinfo_record("crawl.warc", {"software": "tests"}))

    def add_response(self, url, body, *, content_type="text/html", status="200 OK"):
        asked = StatusAndHeaders(
            f"GET {url} HTTP/1.1", [("Host", "canal.example.org")], is_http_request=True
        )
        request = self._writer.create_warc_record(
            url, "request", payload=io.BytesIO(b""), http_headers=asked
        )
        self._write(request)
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], "HTTP/1.1")
        response = self._writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(body),
            http_headers=headers,
            warc_headers_dict={"WARC-Date": "2024-03-04T09:00:00Z"},
        )
        is_page = content_type.startswith("text/html") and status.startswith("200")
        self._write(response, url if is_page else None)

    @property
    def data(self):
        return self._buffer.getvalue()

    def record_content_present(self, start, end, cut):
        """Whether a cut at `cut` inside the record at start..end leaves all of its content:
        only the blank lines that close a record (and a gzip member's trailer) are lost."""
        member = self.data[start:end]
        if self.compress:
            whole = zlib.decompress(member, wbits=31)
            present = zlib.decompressobj(wbits=31).decompress(member[: cut - start])
            return len(present) >= len(whole) - len(RECORD_END)
        return cut >= end - len(RECORD_END)


def small_archive(*, compress):
    archive = Archive(compress=compress)
    archive.add_info()
    archive.add_response(
        "https://canal.example.org/strike", page_html("Lock keepers strike").encode()
    )
    archive.add_response("https://canal.example.org/map.png", b"PNG", content_type="image/png")
    archive.add_response("https://canal.example.org/old", b"<p>moved</p>", status="301 Moved")
    archive.add_response("https://canal.example.org/grain", page_html("Grain waits").encode())
    return archive


def test_warc_cut_inside_a_record_header_is_reported_and_every_other_file_imported(tmp_path):
    text_article = tmp_path / "before.txt"
    text_article.write_text(f"Canal trust names new chair\n{PARAGRAPHS[1]}\n", encoding="utf-8")
    archive = small_archive(compress=False)
    start, _, _ = archive.records[-1]
    # The last response's header block ends before its WARC-Target-URI (warcio's crash).
    cut_at = archive.data.index(b"WARC-Target-URI", start)
    path = tmp_path / "cut_in_header.warc"
    path.write_bytes(archive.data[:cut_at])

    stdout, stderr, error = run_import(text_article, path, "--no-extract")

    assert error is not None
    assert summary(stdout)["failed"] == 1
    assert str(path) in stderr and "header" in stderr
    assert Article.objects.filter(headline="Canal trust names new chair").exists()
    assert imported_urls() == {"", "https://canal.example.org/strike"}


def test_plain_warc_cut_inside_a_response_http_headers_is_reported_as_truncated(tmp_path):
    archive = small_archive(compress=False)
    start, _, _ = archive.records[-1]
    # Cut after the HTTP status line, before its Content-Type header.
    cut_at = archive.data.index(b"HTTP/1.1 200 OK\r\n", start) + len(b"HTTP/1.1 200 OK\r\n")
    path = tmp_path / "truncated.warc"
    path.write_bytes(archive.data[:cut_at])

    stdout, stderr, error = run_import(path, "--no-extract")

    assert error is not None
    assert summary(stdout)["failed"] == 1
    assert str(path) in stderr and "truncated" in stderr
    assert imported_urls() == {"https://canal.example.org/strike"}


@pytest.mark.parametrize(
    ("content_type", "head", "encoding"),
    [
        ("text/html; charset=iso-8859-1", "", "latin-1"),
        ('text/html; charset="ISO-8859-1"', "", "latin-1"),
        ("text/html; charset=iso-8859-1", "", "windows-1252"),
        ("text/html; charset=iso-8859-1", '<meta charset="utf-8">', "utf-8"),
        ("text/html; charset=iso-8859-1", "", "utf-8-sig"),
    ],
    ids=["header-only", "quoted-header", "latin-1-read-as-browsers-do", "meta-wins", "bom-wins"],
)
def test_page_is_decoded_by_the_http_charset_unless_it_declares_its_own(
    tmp_path, content_type, head, encoding
):
    title = "Zürich barges held at the weir"
    if encoding != "latin-1":  # curly quotes: bytes 0x93 and 0x94 in windows-1252
        title += " “until Friday”"
    html = page_html(title, head=head).replace("upper canal", "upper canal at Zürich")
    archive = Archive(compress=True)
    archive.add_response(
        "https://canal.example.org/zurich", html.encode(encoding), content_type=content_type
    )
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(archive.data)

    stdout, stderr, error = run_import(path, "--no-extract")

    assert error is None, stderr
    article = Article.objects.get()
    assert article.headline == title
    assert "upper canal at Zürich" in article.body


@pytest.mark.parametrize("compress", [True, False], ids=["gzip", "plain"])
def test_no_cut_point_of_a_warc_crashes_or_silently_loses_a_complete_record(tmp_path, compress):
    """A cut at a record boundary is a valid shorter WARC; a cut anywhere else is reported, and
    the pages whose records precede the cut are imported either way. `--format warc` because
    the first bytes of a WARC are not yet recognisable as one (format detection is not tested
    here). Every 61st byte (prime, so cuts fall at varied places in each record) keeps it fast."""
    archive = small_archive(compress=compress)
    ends = [end for _, end, _ in archive.records]
    path = tmp_path / "cut.warc"
    for cut in sorted({*range(1, len(archive.data), 61), *ends}):
        Article.objects.all().delete()
        path.write_bytes(archive.data[:cut])

        stdout, stderr, error = run_import(path, "--format", "warc", "--no-extract")

        complete = {url for _, end, url in archive.records if end <= cut and url}
        if cut in ends:
            assert error is None, (cut, stderr)
            assert imported_urls() == complete, (cut, stderr)
            continue
        start, end, url = next(record for record in archive.records if record[0] < cut < record[1])
        intact = archive.record_content_present(start, end, cut)
        assert imported_urls() == complete | ({url} if intact and url else set()), (cut, stderr)
        if not intact:
            assert error is not None and summary(stdout)["failed"] == 1, (cut, stdout)
            assert str(path) in stderr and ("truncated" in stderr or "damaged" in stderr)


@pytest.mark.parametrize(
    "data",
    [b'{"temp": 14, "summary": "Cloudy"}', b' [{"id": 1}, {"id": 2}]'],
    ids=["object", "array"],
)
def test_json_served_as_html_is_skipped_and_the_crawl_imports_cleanly(tmp_path, data):
    archive = small_archive(compress=True)
    archive.add_response("https://canal.example.org/api/weather", data)
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(archive.data)

    stdout, stderr, error = run_import(path, "--no-extract", "--verbosity", "2")

    assert error is None, stderr
    assert "api/weather: JSON data served as text/html" in stdout
    assert summary(stdout)["skipped"] == 2  # the JSON and the 301
    assert imported_urls() == {
        "https://canal.example.org/strike",
        "https://canal.example.org/grain",
    }


def export_line(number, **changes):
    record = {
        "format": "newsroom-article",
        "version": 2,
        "headline": f"Canal news {number}",
        "body": f"<p>{PARAGRAPHS[0]}</p><p>Item {number}.</p>",
        "source_url": f"https://canal.example.org/{number}",
        "quotes": [],
    }
    return json.dumps(record | changes) + "\n"


def test_export_saved_with_a_byte_order_mark_imports_every_line(tmp_path):
    path = tmp_path / "export.jsonl"
    path.write_text(export_line(1) + export_line(2), encoding="utf-8-sig")

    stdout, stderr, error = run_import(path, "--no-extract")

    assert error is None, stderr
    assert imported_urls() == {"https://canal.example.org/1", "https://canal.example.org/2"}


def test_export_cut_short_reports_its_last_line_as_cut_and_keeps_the_rest(tmp_path):
    path = tmp_path / "export.jsonl"
    path.write_text(export_line(1) + export_line(2)[:60], encoding="utf-8")

    stdout, stderr, error = run_import(path, "--no-extract")

    assert error is not None
    assert f"{path}:2: invalid JSON: the line ends inside its record" in stderr
    assert imported_urls() == {"https://canal.example.org/1"}


def test_export_whose_first_line_is_longer_than_the_format_sniff_is_read_as_json_lines(
    tmp_path,
):
    long_body = "".join(f"<p>{PARAGRAPHS[n % 2]}</p>" for n in range(200))
    path = tmp_path / "export.jsonl"
    path.write_text(export_line(1, body=long_body) + export_line(2), encoding="utf-8")

    stdout, stderr, error = run_import(path, "--no-extract")

    assert error is None, stderr
    assert summary(stdout)["imported"] == 2
    assert Article.objects.get(source_url="https://canal.example.org/1").headline == "Canal news 1"


@pytest.mark.parametrize("content", ["", "\n  \n"], ids=["empty", "blank-lines"])
def test_an_empty_file_is_reported_as_empty(tmp_path, content):
    path = tmp_path / "export.jsonl"
    path.write_text(content, encoding="utf-8")

    stdout, stderr, error = run_import(path, "--no-extract")

    assert error is not None
    assert f"{path}: empty file: nothing to import" in stderr
