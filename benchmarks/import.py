"""Import speed and memory, with baselines measured in the same run on the same machine.

    .venv/bin/python benchmarks/import.py

Targets (2 cores, extraction on): HTML pages >= 50/s, plain-text articles >= 200/s, and peak
memory flat on a large WARC (5,000 pages against 500). Baselines: trafilatura alone in one
process (the parse cost the import spreads over workers), and plain `Article.objects.create`
loops, in autocommit (one search-index drain per article) and in one transaction (one drain).
Each import runs `manage.py import_articles` in a fresh process against its own database in
a temporary NEWSROOM_VAR_DIR; peak RSS is the largest of that process and its workers.
"""

import argparse
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
PAGES = CORPUS / "article-extraction"
PYTHON = sys.executable


def manage(var_dir, *args):
    """Run manage.py in a child; returns (seconds, peak RSS in MB of it and its workers)."""
    env = {**os.environ, "DJANGO_DEBUG": "1", "NEWSROOM_VAR_DIR": str(var_dir)}
    script = (
        "import resource, subprocess, sys;"
        "r = subprocess.run(sys.argv[1:]);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss);"
        "sys.exit(r.returncode)"
    )
    started = time.perf_counter()
    done = subprocess.run(
        [PYTHON, "-c", script, PYTHON, str(ROOT / "manage.py"), *args],
        env=env, capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        sys.exit(f"manage.py {' '.join(args)} failed:\n{done.stderr}")
    lines = done.stdout.strip().splitlines()
    return seconds, int(lines[-1]) / 1024, "\n".join(lines[:-1])


def fresh_var(base, name):
    var = base / name
    manage(var, "migrate", "--noinput", "-v0")
    return var


def page_variants(count):
    """`count` distinct pages from the benchmark set: each copy gets its own URL and an
    edition line, so it is a new article (not a re-import of the same story)."""
    truth = json.loads((PAGES / "ground-truth.json").read_text())
    originals = [(PAGES / "html" / f"{k}.html").read_bytes() for k in sorted(truth)]
    urls = [truth[k]["url"].encode() for k in sorted(truth)]
    for n in range(count):
        index = n % len(originals)
        html = originals[index].replace(urls[index], urls[index] + b"?copy=%d" % n)
        # A new headline makes a new story (the content hash covers the headline).
        html = re.sub(rb"(<title[^>]*>)", b"\\1Edition %d: " % n, html, count=1)
        html = re.sub(rb'(property="og:title" content=")', b"\\1Edition %d: " % n, html)
        yield urls[index].decode() + f"?copy={n}", html


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

    data = [html for _, html in page_variants(pages)]
    started = time.perf_counter()
    for html in data:
        trafilatura.bare_extraction(html, fast=True, with_metadata=True)
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
    env = {**os.environ, "DJANGO_DEBUG": "1", "NEWSROOM_VAR_DIR": str(var)}
    out = subprocess.run([PYTHON, "-c", code], env=env, capture_output=True, text=True, cwd=ROOT)
    autocommit, one_transaction = map(float, out.stdout.split())
    return autocommit, one_transaction


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
            seconds, rss, out = manage(var, "import_articles", str(pages), "--quiet", *extra)
            print(f"import    455 HTML pages, {label}: {455 / seconds:7.1f} pages/s  ({out})")

        bbc = CORPUS / "bbc"
        count = sum(1 for _ in bbc.glob("*/*.txt"))
        var = fresh_var(base, "bbc")
        seconds, rss, out = manage(var, "import_articles", str(bbc), "--quiet")
        print(
            f"import    {count} BBC text files, extraction on: {count / seconds:7.1f} /s  ({out})"
        )

        for size in warc_sizes:
            warc = base / f"crawl-{size}.warc.gz"
            write_warc(warc, size)
            var = fresh_var(base, f"warc{size}")
            seconds, rss, out = manage(var, "import_articles", str(warc), "--quiet")
            print(
                f"import    WARC of {size} pages ({warc.stat().st_size / 2**20:.0f} MB), "
                f"extraction on: {size / seconds:6.1f} pages/s, peak RSS {rss:6.1f} MB  ({out})"
            )
        print("(rates include process and worker start-up; migrations are excluded)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--warc-sizes", default="500,5000", help="Pages in the small and large WARC."
    )
    main([int(size) for size in parser.parse_args().warc_sizes.split(",")])
