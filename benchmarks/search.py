"""Search benchmark: index build rate and query latency at 1,000 / 5,000 / 20,000 articles.

Articles come from the shared corpus, read in place (BBC stories, then Reuters-21578 stories
with a body), into a throwaway SQLite database and Whoosh index in a temporary directory.
Every figure has a baseline measured in the same run on the same machine and texts:

- index build rate (articles/s) with our backend, and with Haystack's stock Whoosh backend
  for the first 1,000 articles;
- the search page (`/search/?q=...` through Django's test client), plain and with three facets
  selected: median and p95 over 30 fixed queries;
- the backend query alone (hit count and first page of articles) against SQLite FTS5
  (stdlib sqlite3, porter stemming) answering the same queries (all words required) over the
  same texts: each article's indexed text, read back from the index.

The load average is printed with each size: on a shared machine, compare figures from one run.

    .venv/bin/python benchmarks/search.py                 # 1,000, 5,000 and 20,000
    .venv/bin/python benchmarks/search.py --sizes 1000,5000
"""

import argparse
import html
import os
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
CORPUS = PROJECT.parent / "shared" / "corpus"
QUERIES = [
    "oil prices", "bank", "election", "government", "shares", "profit", "market",
    "trade deficit", "interest rates", "football", "film", "music", "minister", "company",
    "economy", "growth", "china", "japan", "dollar", "coffee", "wheat", "mobile phone",
    "internet", "labour party", "tax", "court", "chelsea", "award", "record", "sales",
]  # fmt: skip
REPEATS = 3


def bbc_stories():
    for path in sorted((CORPUS / "bbc").glob("*/*.txt")):
        lines = path.read_text(encoding="latin-1").strip().splitlines()
        yield {
            "headline": lines[0].strip(),
            "body": "\n".join(lines[1:]),
            "section": path.parent.name,
            "source": "BBC News",
            "published_at": datetime(
                2005, 1 + int(path.stem) % 12, 1 + int(path.stem) % 28, tzinfo=UTC
            ),  # fmt: skip
            "people": [],
            "organisations": [],
        }


def _tags(record, name):
    block = re.search(rf"<{name}>(.*?)</{name}>", record, re.DOTALL)
    return re.findall(r"<D>(.*?)</D>", block.group(1)) if block else []


def reuters_stories():
    for path in sorted((CORPUS / "reuters21578").glob("reut2-*.sgm")):
        text = path.read_text(encoding="latin-1")
        for record in re.findall(r"<REUTERS.*?</REUTERS>", text, re.DOTALL):
            body = re.search(r"<BODY>(.*?)</BODY>", record, re.DOTALL)
            title = re.search(r"<TITLE>(.*?)</TITLE>", record, re.DOTALL)
            date = re.search(r"<DATE>\s*(\d+-\w+-\d{4} \d\d:\d\d:\d\d)", record)
            if not (body and title and date):
                continue
            topics = _tags(record, "TOPICS")
            yield {
                "headline": html.unescape(title.group(1)).strip()[:500] or "Untitled",
                "body": html.unescape(body.group(1)).replace("\x03", "").strip(),
                "section": topics[0] if topics else "",
                "source": "Reuters",
                "published_at": datetime.strptime(date.group(1), "%d-%b-%Y %H:%M:%S").replace(
                    tzinfo=UTC
                ),
                "people": [name.title() for name in _tags(record, "PEOPLE")],
                "organisations": [name.upper() for name in _tags(record, "ORGS")],
            }


def stories():
    yield from bbc_stories()
    yield from reuters_stories()


def create_articles(batch, offset):
    """Bulk-create `batch` as Articles with people and organisations (no signals: the
    benchmark indexes explicitly)."""
    from articles.models import (
        Article,
        Organisation,
        OrganisationMention,
        Person,
        PersonMention,
        normalize_name,
    )
    from articles.text import count_words, html_to_text, text_to_html

    articles = []
    for n, story in enumerate(batch, start=offset):
        body = text_to_html(story["body"])
        article = Article(
            headline=story["headline"],
            slug=f"story-{n}",
            body=body,
            published_at=story["published_at"],
            source=story["source"],
            section=story["section"],
            source_url=f"https://bench.example/{n}",
        )
        text = html_to_text(body)
        article.word_count = count_words(text)
        article.content_hash = Article.compute_content_hash(article.headline, text)
        articles.append(article)
    Article.objects.bulk_create(articles)
    people, organisations = {}, {}
    kinds = ((Person, people, "people"), (Organisation, organisations, "organisations"))
    for model, cache, key in kinds:
        cache.update({row.name: row for row in model.objects.all()})
        new = {name for story in batch for name in story[key]} - cache.keys()
        model.objects.bulk_create(
            model(name=name, name_key=normalize_name(name), slug=f"{key}-{len(cache) + i}")
            for i, name in enumerate(sorted(new))
        )
        cache.update({row.name: row for row in model.objects.filter(name__in=new)})
    PersonMention.objects.bulk_create(
        PersonMention(article=article, person=people[name])
        for article, story in zip(articles, batch, strict=True)
        for name in set(story["people"])
    )
    OrganisationMention.objects.bulk_create(
        OrganisationMention(article=article, organisation=organisations[name])
        for article, story in zip(articles, batch, strict=True)
        for name in set(story["organisations"])
    )


def timed(function, *args, **kwargs):
    started = time.perf_counter()
    function(*args, **kwargs)
    return time.perf_counter() - started


def build_rate(backend_class, path, limit):
    """Articles indexed per second through `backend_class.update()` in batches of the
    backend's batch size, as `update_index` does."""
    from haystack import connections

    from articles.models import Article

    index = connections["default"].get_unified_index().get_index(Article)
    backend = backend_class("default", PATH=str(path))
    queryset = index.index_queryset().order_by("pk")
    pks = list(queryset.values_list("pk", flat=True)[:limit])
    started = time.perf_counter()
    size = backend.batch_size
    for start in range(0, len(pks), size):
        backend.update(index, list(queryset.filter(pk__in=pks[start : start + size])))
    return len(pks) / (time.perf_counter() - started)


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def latencies(function, inputs):
    function(inputs[0])  # warm caches and the searcher once
    samples = []
    for _ in range(REPEATS):
        for value in inputs:
            samples.append(timed(function, value) * 1000)
    return statistics.median(samples), percentile(samples, 0.95)


def fts5_database():
    """The articles' documents as the index holds them (its stored `text`), in FTS5."""
    from haystack import connections

    backend = connections["default"].get_backend()
    if not backend.setup_complete:
        backend.setup()
    database = sqlite3.connect(":memory:")
    database.execute("CREATE VIRTUAL TABLE docs USING fts5(text, tokenize='porter unicode61')")
    with backend.index.searcher() as searcher:
        documents = searcher.documents(django_ct="articles.article")
        database.executemany(
            "INSERT INTO docs(text) VALUES (?)", ((document["text"],) for document in documents)
        )
    database.commit()
    return database


def fts5_query(database, words):
    """The hit count and the 20 best articles, every word required."""
    match = " AND ".join(f'"{word}"' for word in words.split())
    (count,) = database.execute("SELECT count(*) FROM docs WHERE docs MATCH ?", (match,)).fetchone()
    database.execute(
        "SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT 20", (match,)
    ).fetchall()
    return count


def backend_query(words):
    """What a results page needs from the backend: the first 20 articles and the hit count
    (every word required, as in FTS5)."""
    from haystack.query import SearchQuerySet

    from articles.models import Article

    results = SearchQuerySet().models(Article).auto_query(words)
    results[:20]  # noqa: B018 - runs the query
    return results.count()


def three_facets(words):
    """Three facet values a reader would click in turn on this query's results: articles,
    then the top section among them, then the top year among those, so the narrowed page
    still has results."""
    from haystack.query import SearchQuerySet

    selected = ["content_type_exact:article"]
    for field in ("section", "year"):
        results = SearchQuerySet().auto_query(words)
        for item in selected:
            name, _, value = item.partition(":")
            results = results.narrow(f'{name}:"{results.query.clean(value)}"')
        counts = results.facet(field).facet_counts().get("fields", {}).get(field, [])
        values = [value for value, count in counts if value and count]
        if values:
            selected.append(f"{field}_exact:{values[0]}")
    return selected


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,5000,20000")
    sizes = sorted(int(size) for size in parser.parse_args().sizes.split(","))

    workdir = Path(tempfile.mkdtemp(prefix="newsroom-bench-"))
    os.environ.update(
        DJANGO_DEBUG="1",
        DJANGO_SECRET_KEY="benchmark-only",
        DJANGO_ALLOWED_HOSTS="testserver",
        NEWSROOM_VAR_DIR=str(workdir),
        DATABASE_URL=f"sqlite:///{workdir / 'bench.sqlite3'}",
        SEARCH_URL=f"whoosh:///{workdir / 'index'}",
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    sys.path.insert(0, str(PROJECT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import NoReverseMatch, reverse
    from haystack.backends.whoosh_backend import WhooshSearchBackend

    from articles.search_backends import NewsroomWhooshBackend

    setup_test_environment()
    call_command("migrate", verbosity=0)
    corpus = stories()
    created = 0
    print(f"corpus: {CORPUS}  work dir: {workdir}")
    for size in sizes:
        while created < size:
            batch = [
                story for _, story in zip(range(min(2000, size - created)), corpus, strict=False)
            ]
            if not batch:
                break
            create_articles(batch, created)
            created += len(batch)
        load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
        print(f"\n== {created:,} articles ==  (load average {load})")
        if size == sizes[0]:
            stock = build_rate(WhooshSearchBackend, workdir / f"stock-{size}", min(size, 1000))
            print(f"index build, stock WhooshSearchBackend (first 1,000): {stock:,.0f} articles/s")
        ours = build_rate(NewsroomWhooshBackend, workdir / f"ours-{size}", size)
        print(
            f"index build, NewsroomWhooshBackend:                 {ours:,.0f} articles/s"
            f"  ({ours / stock:.1f}x stock)"
        )

        started = time.perf_counter()
        call_command("rebuild_index", interactive=False, verbosity=0)
        print(f"rebuild_index (all four models): {time.perf_counter() - started:,.1f} s")

        client = Client()
        try:
            url = reverse("articles:search")
        except NoReverseMatch:
            url = None
        if url:
            facets = {words: three_facets(words) for words in QUERIES}
            plain = latencies(lambda w, c=client, u=url: c.get(u, {"q": w}), QUERIES)
            narrowed = latencies(
                lambda w, c=client, u=url, f=facets: c.get(u, {"q": w, "selected_facets": f[w]}),
                QUERIES,
            )
            print(f"search page, plain:          median {plain[0]:6.1f} ms  p95 {plain[1]:6.1f} ms")
            print(f"search page, 3 facets: median {narrowed[0]:6.1f} ms  p95 {narrowed[1]:6.1f} ms")
        else:
            print("search page: articles:search does not exist yet; not measured")

        backend = latencies(backend_query, QUERIES)
        database = fts5_database()
        fts5 = latencies(lambda w, d=database: fts5_query(d, w), QUERIES)
        ours_hits = sum(backend_query(words) for words in QUERIES)
        fts5_hits = sum(fts5_query(database, words) for words in QUERIES)
        print(f"hits over the {len(QUERIES)} queries: backend {ours_hits:,}, FTS5 {fts5_hits:,}")
        print(
            f"backend query (count + page): median {backend[0]:6.1f} ms  p95 {backend[1]:6.1f} ms"
        )
        print(f"SQLite FTS5 (count + page):   median {fts5[0]:6.1f} ms  p95 {fts5[1]:6.1f} ms")
        print(
            f"backend / FTS5: median {backend[0] / fts5[0]:.1f}x  p95 {backend[1] / fts5[1]:.1f}x"
        )
        sys.stdout.flush()


if __name__ == "__main__":
    main()
