"""Import speed and memory, with baselines measured in the same run on the same machine.

    .venv/bin/python benchmarks/import.py

Targets (2 cores, extraction on): HTML pages >= 50/s, plain-text articles >= 200/s, and peak
memory flat on a large WARC (5,000 pages against 500). Baselines: trafilatura alone in one
process (the parse cost the import spreads over workers), and plain `Article.objects.create`
loops, in autocommit (one search-index drain per article) and in one transaction (one drain).
Each import runs `manage.py import_articles` in a fresh process against its own database in
a temporary NEWSROOM_VAR_DIR, with debug off (as in production: debug mode keeps every query in
memory); peak RSS is the largest of its processes (the command, its workers and its index
processes), sampled from /proc. Rates count the articles the command reports as imported, never
skipped or failed ones, and include bringing the search index up to date.
"""

import argparse
import html
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from html.entities import codepoint2name
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the page variants are read with the importer's own parser
CORPUS = ROOT.parent / "shared" / "corpus"
PAGES = CORPUS / "article-extraction"
PYTHON = sys.executable
SUMMARY = re.compile(r"(\d+) imported, (\d+) updated, (\d+) skipped, (\d+) failed")


def environment(var_dir):
    return {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", "benchmark-only"),
        "DJANGO_HTTPS": "0",
        "NEWSROOM_VAR_DIR": str(var_dir),
    }


def _process_tree(pid):
    """`pid` and its descendants, from the parent pids in /proc (worker processes started
    through a multiprocessing fork server are grandchildren, not children)."""
    children = defaultdict(list)
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # the process ended meanwhile
        children[int(fields[1])].append(int(stat.parent.name))
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        pending += children.get(current, [])
    return found


def _peak_rss_kb(pid):
    """The process's own peak resident memory (VmHWM), or 0 once it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
    return int(found.group(1)) if found else 0


def manage(var_dir, *args):
    """Run manage.py in a child; returns (seconds, peak RSS in MB of the largest process of
    the command's tree: the command, its parsing workers and its index processes, sampled from
    /proc every half second: each lives the whole import, and VmHWM keeps its peak, its output)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [PYTHON, str(ROOT / "manage.py"), *args],
        env=environment(var_dir), cwd=ROOT, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    peaks = {}
    output = []
    reader = threading.Thread(target=lambda: output.append(process.communicate()))
    reader.start()
    while reader.is_alive():
        for pid in _process_tree(process.pid):
            peaks[pid] = max(peaks.get(pid, 0), _peak_rss_kb(pid))
        reader.join(0.5)
    seconds = time.perf_counter() - started
    stdout, stderr = output[0]
    if process.returncode not in (0, 1):
        sys.exit(f"manage.py {' '.join(args)} failed:\n{stderr}")
    return seconds, max(peaks.values(), default=0) / 1024, stdout.strip()


def fresh_var(base, name):
    var = base / name
    manage(var, "migrate", "--noinput", "-v0")
    return var


_ANY_SPACE = rb"(?:\s|\xc2\xa0|&nbsp;|&#160;)+"


def _headline_forms(headline):
    """The ways a page's markup may spell its headline."""
    forms = {headline, html.escape(headline), html.escape(headline, quote=False)}
    forms |= {form.replace("&#x27;", entity) for form in forms for entity in ("&#39;", "&#039;")}
    named = "".join(
        f"&{codepoint2name[ord(c)]};" if ord(c) > 127 and ord(c) in codepoint2name else c
        for c in headline
    )
    encoded = {form.encode() for form in forms} | {
        named.encode(),
        json.dumps(headline)[1:-1].encode(),
    }
    encoded |= {form.encode("latin-1", "ignore") for form in forms}
    encoded |= {form.encode("ascii", "xmlcharrefreplace") for form in forms}
    return sorted((form for form in encoded if form), key=len, reverse=True)


def page_variants(count):
    """`count` distinct pages from the benchmark set: each copy gets its own URL and its own
    headline ("Edition n: ..."), so it is a new article, not a re-import of the same story.
    Each original is read once to learn the headline and URL the importer sees in it."""
    from articles.importers.html import parse_html

    truth = json.loads((PAGES / "ground-truth.json").read_text())
    originals = []
    for key in sorted(truth):
        data = (PAGES / "html" / f"{key}.html").read_bytes()
        parsed = parse_html(data, origin_path=key)
        url = parsed.source_url or truth[key]["url"]
        headline = parsed.headline
        spaced = _ANY_SPACE.join(re.escape(word.encode()) for word in headline.split())
        originals.append((data, url, bool(parsed.source_url), _headline_forms(headline), spaced))
    for n in range(count):
        data, url, url_found, headlines, spaced = originals[n % len(originals)]
        spaced_forms = re.compile(rb"(?<!Edition %d: )" % n + spaced)
        copy_url = f"{url}{'&' if '?' in url else '?'}copy={n}"
        page = data.replace(url.encode(), copy_url.encode())
        if not url_found:
            page = re.sub(
                rb"(<head[^>]*>)", rb'\1<link rel="canonical" href="%s">' % copy_url.encode(), page
            )
        edition = b"Edition %d: " % n
        for form in headlines:
            page = page.replace(form, edition + form)
        # A heading may space its words with no-break spaces or line breaks where the
        # headline the importer reads has plain spaces ("Column:&nbsp;The ...").
        page = spaced_forms.sub(edition + rb"\g<0>", page)
        yield copy_url, page


def write_warc(path, count):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for url, html in page_variants(count):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], "HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=io.BytesIO(html), http_headers=headers
                )
            )


def baseline_parse_rate(pages=91):
    import trafilatura

    data = [page for _, page in page_variants(pages)]
    started = time.perf_counter()
    for page in data:
        trafilatura.bare_extraction(page, fast=True, with_metadata=True)
    return pages / (time.perf_counter() - started)


def baseline_create_rates(base, count=300):
    var = fresh_var(base, "create-loop")
    code = f"""
import time, django, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
django.setup()
from django.db import transaction
from articles.models import Article
body = "<p>" + "A sentence of plain news text. " * 60 + "</p>"
t = time.perf_counter()
for n in range({count}):
    Article.objects.create(headline=f"Autocommit {{n}}", body=body + str(n))
a = {count} / (time.perf_counter() - t)
t = time.perf_counter()
with transaction.atomic():
    for n in range({count}):
        Article.objects.create(headline=f"One transaction {{n}}", body=body + str(n))
b = {count} / (time.perf_counter() - t)
print(a, b)
"""
    env = environment(var)
    out = subprocess.run([PYTHON, "-c", code], env=env, capture_output=True, text=True, cwd=ROOT)
    autocommit, one_transaction = map(float, out.stdout.split())
    return autocommit, one_transaction


def timed_import(var, path, *extra):
    """Import `path`; returns (imported per second, seconds, peak RSS, the summary counts)."""
    seconds, rss, out = manage(var, "import_articles", str(path), "--quiet", *extra)
    found = SUMMARY.search(out)
    if found is None:
        sys.exit(f"import_articles {path} printed no summary:\n{out}")
    imported, updated, skipped, failed = map(int, found.groups())
    counts = f"{imported} imported, {updated} updated, {skipped} skipped, {failed} failed"
    return imported / seconds, seconds, rss, counts


def report(label, unit, rate, seconds, rss, counts):
    print(
        f"import    {label}: {rate:7.1f} {unit}/s imported  "
        f"({seconds:.1f} s, peak RSS {rss:.0f} MB; {counts})"
    )


def main(warc_sizes):
    with tempfile.TemporaryDirectory(prefix="newsroom-bench-") as tmp:
        base = Path(tmp)
        print(f"CPUs: {len(os.sched_getaffinity(0))}")
        print(f"baseline  trafilatura parse only, 1 process: {baseline_parse_rate():7.1f} pages/s")
        autocommit, one_transaction = baseline_create_rates(base)
        print(f"baseline  Article.objects.create, autocommit: {autocommit:7.1f} articles/s")
        print(f"baseline  Article.objects.create, one transaction: {one_transaction:7.1f} /s")

        pages = base / "pages"
        pages.mkdir()
        for n, (_, html) in enumerate(page_variants(455)):
            (pages / f"{n:04d}.html").write_bytes(html)
        for label, extra in [("extraction on", []), ("--no-extract", ["--no-extract"])]:
            var = fresh_var(base, f"html{len(extra)}")
            report(f"455 HTML pages, {label}", "pages", *timed_import(var, pages, *extra))

        bbc = CORPUS / "bbc"
        count = sum(1 for _ in bbc.glob("*/*.txt"))
        var = fresh_var(base, "bbc")
        report(f"{count} BBC text files, extraction on", "articles", *timed_import(var, bbc))

        for size in warc_sizes:
            warc = base / f"crawl-{size}.warc.gz"
            write_warc(warc, size)
            var = fresh_var(base, f"warc{size}")
            megabytes = warc.stat().st_size / 2**20
            report(
                f"WARC of {size} pages ({megabytes:.0f} MB), extraction on",
                "pages",
                *timed_import(var, warc),
            )
        print("(rates include process and worker start-up; migrations are excluded)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--warc-sizes", default="500,5000", help="Pages in the small and large WARC."
    )
    main([int(size) for size in parser.parse_args().warc_sizes.split(",")])
