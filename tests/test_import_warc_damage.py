"""`import_articles` on damaged or oddly shaped archives: WARC files cut short at any byte,
gzipped whole or packed in a WACZ, pages whose only charset declaration is the HTTP header or
that state no Content-Type, data served as a page, revisit records and captures the crawler cut
short, and JSON Lines exports that an editor or a cut copy changed. Every WARC is written into
tmp_path by warcio."""

import gzip
import io
import json
import zipfile
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

    def add_response(
        self, url, body, *, content_type="text/html", status="200 OK", warc_headers=None
    ):
        """A request and its response; a content_type of None sends no Content-Type."""
        asked = StatusAndHeaders(
            f"GET {url} HTTP/1.1", [("Host", "canal.example.org")], is_http_request=True
        )
        request = self._writer.create_warc_record(
            url, "request", payload=io.BytesIO(b""), http_headers=asked
        )
        self._write(request)
        fields = [("Content-Type", content_type)] if content_type else []
        headers = StatusAndHeaders(status, fields, "HTTP/1.1")
        response = self._writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(body),
            http_headers=headers,
            warc_headers_dict={"WARC-Date": "2024-03-04T09:00:00Z", **(warc_headers or {})},
        )
        is_page = (content_type or "text/html").startswith("text/html") and status.startswith("200")
        self._write(response, url if is_page else None)
        return response

    def add_revisit(self, url, *, digest, captured_on):
        """A revisit record, as deduplicating crawlers write one for a page unchanged since
        the capture of `captured_on` whose payload digest is `digest`."""
        revisit = self._writer.create_revisit_record(
            url,
            digest=digest,
            refers_to_uri=url,
            refers_to_date=captured_on,
            http_headers=StatusAndHeaders("200 OK", [("Content-Type", "text/html")], "HTTP/1.1"),
        )
        self._write(revisit)

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


def test_a_revisit_of_a_page_in_another_warc_is_reported_and_one_in_this_warc_is_not(tmp_path):
    """A deduplicating crawl writes a revisit record instead of a page it captured before:
    nothing to add when that capture is in the same file, but a page to look for in another
    WARC when it is not, which the import reports rather than losing it unseen."""
    archive = Archive(compress=True)
    first = archive.add_response("https://canal.example.org/strike", page_html("Strike").encode())
    archive.add_revisit(
        "https://canal.example.org/strike",
        digest=first.rec_headers.get_header("WARC-Payload-Digest"),
        captured_on="2024-03-04T09:00:00Z",
    )
    archive.add_revisit(
        "https://canal.example.org/grain",
        digest="sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        captured_on="2024-01-02T08:00:00Z",
    )
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(archive.data)

    stdout, stderr, error = run_import(path, "--no-extract", "--verbosity", "2")

    assert error is None, stderr
    assert summary(stdout)["skipped"] == 1
    assert "canal.example.org/grain: a revisit record" in stdout
    assert "2024-01-02T08:00:00Z, which is not in this file" in stdout
    assert imported_urls() == {"https://canal.example.org/strike"}


def test_a_page_served_without_a_content_type_is_imported_and_other_data_is_not(tmp_path):
    archive = small_archive(compress=False)
    page = b"\xef\xbb\xbf\n<!DOCTYPE html>" + page_html("Towpath reopens").encode()
    archive.add_response("https://canal.example.org/towpath", page, content_type=None)
    archive.add_response("https://canal.example.org/data.bin", b"\x00\x01", content_type=None)
    path = tmp_path / "crawl.warc"
    path.write_bytes(archive.data)

    stdout, stderr, error = run_import(path, "--no-extract")

    assert error is None, stderr
    assert "https://canal.example.org/towpath" in imported_urls()
    assert Article.objects.get(source_url="https://canal.example.org/towpath").headline == (
        "Towpath reopens"
    )


def test_a_capture_the_crawler_cut_short_is_skipped_with_the_reason(tmp_path):
    archive = small_archive(compress=True)
    archive.add_response(
        "https://canal.example.org/long",
        page_html("Long read").encode()[:200],
        warc_headers={"WARC-Truncated": "length"},
    )
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(archive.data)

    stdout, stderr, error = run_import(path, "--no-extract", "--verbosity", "2")

    assert error is None, stderr
    assert "long: the crawler cut this capture short (WARC-Truncated: length)" in stdout
    assert "https://canal.example.org/long" not in imported_urls()


def test_a_warc_gzipped_whole_is_read_as_one_gzipped_record_by_record(tmp_path):
    """`gzip crawl.warc` makes one gzip member of all records, which warcio refuses; it is
    read through one decompressing stream. Cut short, it is reported as damaged, after the
    pages before the cut."""
    archive = small_archive(compress=False)
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(gzip.compress(archive.data))

    stdout, stderr, error = run_import(path, "--no-extract")

    assert error is None, stderr
    assert imported_urls() == {
        "https://canal.example.org/strike",
        "https://canal.example.org/grain",
    }

    Article.objects.all().delete()
    whole = gzip.compress(archive.data)
    path.write_bytes(whole[: len(whole) - 40])
    stdout, stderr, error = run_import(path, "--no-extract")
    assert error is not None and summary(stdout)["failed"] == 1
    assert str(path) in stderr and "damaged WARC" in stderr
    assert "https://canal.example.org/strike" in imported_urls()


def wacz(members):
    """A WACZ file's bytes: a ZIP holding `members`, {name: bytes}, stored uncompressed as
    Browsertrix stores its WARCs."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_wacz_file_is_read_as_the_warcs_in_its_archive_folder(tmp_path):
    first, second = Archive(compress=True), Archive(compress=True)
    first.add_response("https://canal.example.org/strike", page_html("Strike").encode())
    second.add_response("https://canal.example.org/grain", page_html("Grain waits").encode())
    folder = tmp_path / "crawls"
    folder.mkdir()
    (folder / "canal.wacz").write_bytes(
        wacz(
            {
                "archive/data-1.warc.gz": first.data,
                "archive/data-2.warc.gz": second.data,
                "pages/pages.jsonl": b'{"format": "json-pages-1.0"}\n',
                "datapackage.json": b'{"profile": "data-package"}',
            }
        )
    )

    stdout, stderr, error = run_import(folder, "--no-extract")

    assert error is None, stderr
    assert imported_urls() == {
        "https://canal.example.org/strike",
        "https://canal.example.org/grain",
    }


def test_a_wacz_with_a_damaged_warc_names_it(tmp_path):
    archive = small_archive(compress=True)
    path = tmp_path / "canal.wacz"
    path.write_bytes(wacz({"archive/data.warc.gz": archive.data[:-30]}))

    stdout, stderr, error = run_import(path, "--no-extract")

    assert error is not None
    assert f"{path}: archive/data.warc.gz: truncated WARC" in stderr
    assert "https://canal.example.org/strike" in imported_urls()


def test_an_unpacked_wacz_folder_imports_its_warcs_and_not_its_page_list(tmp_path):
    archive = Archive(compress=True)
    archive.add_response("https://canal.example.org/strike", page_html("Strike").encode())
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "data.warc.gz").write_bytes(archive.data)
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "pages.jsonl").write_text('{"format": "json-pages-1.0"}\n')
    (tmp_path / "datapackage.json").write_text('{"profile": "data-package"}')

    stdout, stderr, error = run_import(tmp_path, "--no-extract")

    assert error is None, stderr
    assert imported_urls() == {"https://canal.example.org/strike"}
