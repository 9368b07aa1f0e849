"""Our Whoosh backend against a real index: exact facets, counts that match the database,
date order, query facets, sanitised highlights, bounded input and lock-safe deletes."""

import datetime as dt
import threading

import pytest
from haystack import connections
from haystack.query import SearchQuerySet
from whoosh.index import LockError

from articles.models import Article, Quote
from articles.search_backends import safe_highlight
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

pytestmark = pytest.mark.django_db

HOSTILE = "<img src=x onerror=alert(1)>"


def rebuild(backend):
    backend.clear()
    for model_index in _indexes():
        backend.update(model_index, model_index.index_queryset())


def _indexes():
    return list(connections["default"].get_unified_index().get_indexes().values())


@pytest.fixture
def backend(search_index):
    return search_index.get_backend()


@pytest.fixture
def archive(backend):
    """Six articles in two sections over three months, two people with two-word names."""
    kirby, milley = PersonFactory(name="John Kirby"), PersonFactory(name="Mark Milley")
    months = [dt.datetime(2022, m, 10, tzinfo=dt.UTC) for m in (11, 9, 10, 11, 9, 10)]
    articles = []
    for n, published_at in enumerate(months):
        article = ArticleFactory(
            headline=f"Pentagon briefing {n}",
            section="business" if n % 2 else "technology",
            published_at=published_at,
        )
        PersonMentionFactory(article=article, person=kirby)
        if n < 3:
            PersonMentionFactory(article=article, person=milley)
        articles.append(article)
    rebuild(backend)
    return articles


def test_facet_values_are_exact_names_and_sections(archive):
    counts = SearchQuerySet().auto_query("pentagon").facet("people").facet("section")
    fields = counts.facet_counts()["fields"]
    assert dict(fields["people"]) == {"John Kirby": 6, "Mark Milley": 3}
    assert dict(fields["section"]) == {"business": 3, "technology": 3}


def test_facet_counts_equal_database_counts(archive):
    fields = SearchQuerySet().auto_query("briefing").models(Article).facet("people")
    counted = dict(fields.facet_counts()["fields"]["people"])
    for name, count in counted.items():
        assert count == Article.objects.filter(people__name=name).count()


def test_two_facets_narrow_to_the_intersection(archive):
    results = (
        SearchQuerySet()
        .auto_query("pentagon")
        .narrow('people_exact:"Mark Milley"')
        .narrow('section_exact:"business"')
    )
    expected = Article.objects.filter(people__name="Mark Milley", section="business")
    assert sorted(int(r.pk) for r in results) == sorted(a.pk for a in expected)
    assert expected.exists()


def test_date_facets_come_back_in_date_order(archive):
    dates = (
        SearchQuerySet()
        .auto_query("pentagon")
        .date_facet("published_at", dt.date(2022, 1, 1), dt.date(2023, 1, 1), "month")
        .facet_counts()["dates"]["published_at"]
    )
    assert [moment.month for moment, _ in dates] == [9, 10, 11]
    assert [count for _, count in dates] == [2, 2, 2]


def test_query_facet_counts_matches(archive):
    counts = SearchQuerySet().auto_query("pentagon").query_facet("section", "business")
    assert counts.facet_counts()["queries"]["section_exact:business"] == 3


def test_highlight_never_returns_a_live_tag_from_stored_text(backend):
    article = ArticleFactory(
        headline="Scripted story", body=f"<p>{HOSTILE.replace('<', '&lt;')} scripted words</p>"
    )
    QuoteFactory(article=article, text=f"scripted {HOSTILE} quote")
    rebuild(backend)
    results = list(SearchQuerySet().auto_query("scripted").highlight())
    assert len(results) == 2
    for result in results:
        snippets = result.highlighted
        assert snippets and all("<mark>" in snippet for snippet in snippets)
        assert all("<img" not in snippet for snippet in snippets)


def test_safe_highlight_keeps_only_marks_from_server_engines():
    server = f'a <em>match</em> {HOSTILE} <b onclick="x()">bold</b>'
    assert safe_highlight(server) == "a <mark>match</mark>  bold"


def test_a_100000_character_query_returns(archive):
    results = SearchQuerySet().auto_query("pentagon" * 12_500)
    assert results.count() == 0
    assert list(SearchQuerySet().auto_query("x" * 100_000)) == []


def test_delete_waits_for_a_held_lock_instead_of_dropping(backend, archive):
    article = archive[0]
    holder = backend.index.writer()
    try:
        backend.lock_timeout = 0.2
        with pytest.raises(LockError):
            backend.remove(article)
    finally:
        holder.cancel()
    backend.remove(article)
    ids = {int(r.pk) for r in SearchQuerySet().auto_query("pentagon").models(Article)}
    assert article.pk not in ids
    assert len(ids) == len(archive) - 1


def test_empty_update_leaves_the_index_unlocked(backend, archive):
    backend.update(_indexes()[0], [])
    backend.index.writer().cancel()


def test_searcher_sees_changes_from_another_writer(backend, archive):
    assert SearchQuerySet().auto_query("pentagon").models(Quote).count() == 0
    quote = QuoteFactory(article=archive[0], text="Pentagon words")
    backend.update(_indexes_for(Quote), [Quote.objects.get(pk=quote.pk)])
    assert SearchQuerySet().auto_query("pentagon").models(Quote).count() == 1


def test_a_search_in_a_new_thread_reuses_the_facet_tables_already_read(backend, archive):
    """Haystack gives every thread a backend of its own, and a server may start a thread per
    request: the tables read from the segments' postings must serve them all, not be read
    again for each request."""
    first = SearchQuerySet().auto_query("pentagon").facet("people").facet_counts()
    read = dict(backend.tables._tables)
    seen = {}

    def search():
        seen["backend"] = connections["default"].get_backend()
        seen["counts"] = SearchQuerySet().auto_query("pentagon").facet("people").facet_counts()
        seen["tables"] = dict(seen["backend"].tables._tables)

    thread = threading.Thread(target=search)
    thread.start()
    thread.join()
    assert seen["backend"] is not backend
    assert seen["counts"] == first
    assert read and all(seen["tables"][key] is table for key, table in read.items())


def _indexes_for(model):
    return connections["default"].get_unified_index().get_index(model)


# --- Speed work: each shortcut gives the answer the slow way gave ---------------------------

SAMPLE_TEXTS = [
    "Oil prices rose. The price of oil (OIL) is <b>priced</b> & rising; U.S. oil-fields 3.141",
    "The İstanbul café's ÉLAN, naïve under_score big-time x y the of A",
    "  the the cat  ",
    "",
]


@pytest.mark.parametrize("text", SAMPLE_TEXTS)
def test_stemming_text_analyzer_yields_whoosh_stemming_analyzer_tokens(text):
    from itertools import product

    from whoosh.analysis import StemmingAnalyzer

    from articles.search_backends import StemmingTextAnalyzer

    attributes = ("text", "pos", "startchar", "endchar", "stopped", "original", "boost")
    for flags in product([False, True], repeat=6):
        positions, chars, removestops, keeporiginal, tokenize, no_morph = flags
        options = {
            "positions": positions,
            "chars": chars,
            "removestops": removestops,
            "keeporiginal": keeporiginal,
            "tokenize": tokenize,
            "start_pos": 3,
            "start_char": 5,
            "mode": "index",
        }
        if no_morph:
            options["no_morph"] = True

        def tokens(analyzer, options=options):
            return [tuple(getattr(t, name, None) for name in attributes) for t in analyzer]

        expected = tokens(StemmingAnalyzer()(text, **options))
        assert tokens(StemmingTextAnalyzer()(text, **options)) == expected, options


@pytest.mark.parametrize("text", SAMPLE_TEXTS)
def test_stemmed_positions_postings_equal_whoosh_positions_postings(text):
    from whoosh.analysis import StemmingAnalyzer
    from whoosh.formats import Positions

    from articles.search_backends import StemmedPositions, StemmingTextAnalyzer

    expected = sorted(Positions().word_values(text, StemmingAnalyzer()))
    assert sorted(StemmedPositions().word_values(text, StemmingTextAnalyzer())) == expected


def test_highlight_marks_every_form_of_the_query_words():
    from articles.search_backends import highlight_snippets

    text = "Oil prices rose. Pricing oil is <hard> & slow. " + "filler " * 60 + "Late oil."
    snippets = highlight_snippets(text, {"oil", "price"})
    assert snippets[0].startswith("<mark>Oil</mark> <mark>prices</mark> rose.")
    assert "<mark>Pricing</mark> <mark>oil</mark> is &lt;hard&gt; &amp; slow." in snippets[0]
    assert snippets[-1].endswith("Late <mark>oil</mark>.")
    assert all(safe_highlight(snippet) == snippet for snippet in snippets)
    assert highlight_snippets("negotiated talks", set(), ["negotiat"]) == [
        "<mark>negotiated</mark> talks"
    ]


def test_highlight_keeps_each_passage_within_one_line_of_the_indexed_text():
    """A quote's document is its words, its speaker and its article's headline, one per
    line: the passage around a match in the quote must not run on into the others."""
    from articles.search_backends import highlight_snippets

    text = "It is non-negotiable, she said of the toll\nRuth Calder\nToll talks stall again"
    assert highlight_snippets(text, {"toll"}) == [
        "It is non-negotiable, she said of the <mark>toll</mark>",
        "<mark>Toll</mark> talks stall again",
    ]
    paragraphs = "First paragraph ends on oil.\n\nSecond paragraph has nothing."
    assert highlight_snippets(paragraphs, {"oil"}) == ["First paragraph ends on <mark>oil</mark>."]


@pytest.mark.parametrize(
    "value",
    ["a <mark>b</mark>", "a &amp; b &lt;img&gt;", 'a "q"', "a<mark>b", "a</mark>b", "x &foo; y"],
)
def test_safe_highlight_shortcut_agrees_with_the_cleaner(value):
    from articles.search_backends import _highlight_cleaner

    assert safe_highlight(value) == _highlight_cleaner.clean(value)


def test_highlight_marks_the_query_words_not_its_field_names(backend):
    ArticleFactory(headline="Briefing notes", body="<p>The title of the briefing.</p>")
    rebuild(backend)
    results = list(SearchQuerySet().filter(title="briefing").highlight())
    assert len(results) == 1
    snippets = " ".join(results[0].highlighted)
    assert "<mark>briefing</mark>" in snippets
    assert "<mark>title</mark>" not in snippets


def test_facets_of_a_sorted_search_equal_those_of_a_ranked_one(archive):
    ranked = SearchQuerySet().auto_query("pentagon").facet("people").facet("section")
    newest = ranked.order_by("-published_at")
    assert newest.facet_counts() == ranked.facet_counts()
    dates = [r.published_at for r in newest]
    assert dates == sorted(dates, reverse=True)


def test_a_results_page_runs_one_whoosh_search(client, backend, archive):
    response = client.get(
        "/search/", {"q": "pentagon", "selected_facets": "section_exact:business"}
    )
    assert response.status_code == 200
    # Haystack asked twice (the count, then the page with its facets); Whoosh searched once.
    assert len(backend._local.recent) == 1
    assert "3 results" in response.content.decode()


def test_later_pages_reuse_the_facets_of_the_first(backend, archive):
    results = SearchQuerySet().auto_query("pentagon").facet("people")
    first = results.facet_counts()
    assert [int(r.pk) for r in results[4:6]]
    assert results.facet_counts() == first


def test_spelling_suggests_the_nearest_word_and_keeps_known_words(backend, archive):
    searcher = backend.searcher()
    assert backend._suggest_word(searcher, "pentgaon") == "pentagon"
    assert backend._suggest_word(searcher, "briefing") == "briefing"
    assert backend._suggest_word(searcher, "zzzzzz") is None


def test_field_lengths_read_into_memory_equal_whoosh_reads(backend, archive):
    from whoosh.codec.whoosh3 import W3PerDocReader

    from articles.search_backends import _LengthsInMemory

    for segment in backend.index._segments():
        ours = _LengthsInMemory(backend.index.storage, segment)
        whoosh = W3PerDocReader(backend.index.storage, segment)
        for docnum in range(segment.doc_count_all()):
            for field in ("text", "title", "people_exact"):
                assert ours.doc_field_length(docnum, field) == whoosh.doc_field_length(
                    docnum, field
                )


def test_commits_merge_small_segments_and_keep_bulk_ones(backend, monkeypatch):
    from articles import search_backends

    monkeypatch.setattr(search_backends, "SMALL_SEGMENT_DOCS", 3)
    article_index = _indexes_for(Article)
    backend.update(article_index, [ArticleFactory() for _ in range(4)])
    for _ in range(search_backends.MAX_SMALL_SEGMENTS + 1):
        backend.update(article_index, [ArticleFactory()])
    sizes = sorted(segment.doc_count_all() for segment in backend.index._segments())
    assert sizes == [4, search_backends.MAX_SMALL_SEGMENTS + 1]
    assert SearchQuerySet().models(Article).count() == Article.objects.count()


def _postings_by_document(index):
    """{(field, term): sorted (document id, weight, value)} over every segment of `index`.
    Spelling fields hold words only: Whoosh files them all under document 0, with whatever
    value the last indexed word had, so only their words are compared."""
    found = {}
    with index.searcher() as searcher:
        for reader, _offset in searcher.reader().leaf_readers():
            ids = {docnum: stored["id"] for docnum, stored in reader.iter_docs()}
            for fieldname, text in reader.all_terms():
                matcher = reader.postings(fieldname, text)
                postings = found.setdefault((fieldname, text), [])
                while matcher.is_active() and not fieldname.startswith("spell_"):
                    postings.append((ids[matcher.id()], matcher.weight(), matcher.value() or b""))
                    matcher.next()
    return {key: sorted(postings) for key, postings in found.items()}


def _inlined_fields(index):
    fields = set()
    with index.searcher() as searcher:
        for reader, _offset in searcher.reader().leaf_readers():
            for fieldname, text in reader.all_terms():
                if reader.term_info(fieldname, text).is_inlined():
                    fields.add(fieldname)
    return fields


def test_a_document_is_the_same_whether_its_object_came_from_index_queryset_or_not(backend):
    """Each index's `index_queryset` prefetches related rows into lists the `prepare_*`
    methods read; an object loaded any other way (one at a time, say) must give the same
    document, through queries of its own."""
    kirby = PersonFactory(name="John Kirby")
    PersonAliasFactory(person=kirby, name="Kirby")
    council = OrganisationFactory(name="National Security Council")
    OrganisationAliasFactory(organisation=council, name="NSC")
    AffiliationFactory(person=kirby, organisation=council, role="spokesman")
    article = ArticleFactory(byline=[PersonFactory(name="Ada Reporter")])
    PersonMentionFactory(article=article, person=kirby)
    OrganisationMentionFactory(article=article, organisation=council)
    QuoteFactory(article=article, person=kirby)

    checked = set()
    for index in _indexes():
        model = index.get_model()
        for obj in index.index_queryset():
            alone = model.objects.get(pk=obj.pk)
            document = backend.prepare_document(index, obj)
            assert backend.prepare_document(index, alone) == document
            checked.add(model.__name__)
    assert checked == {"Article", "Quote", "Person", "Organisation"}


def test_short_posting_lists_are_inlined_and_read_back_as_whoosh_writes_them(
    backend, archive, tmp_path
):
    """Our codec keeps posting lists of fewer than INLINE_POSTINGS documents in the term
    table. Every term reads back the postings (documents, weights, positions) that Whoosh's
    own codec writes for the same documents, before and after a merge, and searches for
    rare words and rare facet values still find their documents."""
    from whoosh.codec.whoosh3 import W3Codec
    from whoosh.filedb.filestore import FileStorage

    documents = [
        backend.prepare_document(index, obj)
        for index in _indexes()
        for obj in index.index_queryset()
    ]
    stock = FileStorage(str(tmp_path)).create_index(backend.schema)
    with stock.writer(codec=W3Codec()) as writer:
        for document in documents:
            writer.add_document(**document)
    expected = _postings_by_document(stock)
    assert _inlined_fields(stock) == set()

    assert _inlined_fields(backend.index.refresh()) >= {"text", "title", "people_exact"}
    assert _postings_by_document(backend.index.refresh()) == expected
    backend.optimize()
    assert _postings_by_document(backend.index.refresh()) == expected

    rare = ArticleFactory(headline="Zeppelin hangar reopens", body="<p>Zeppelin hangar.</p>")
    backend.update(_indexes_for(Article), [rare])
    phrase = SearchQuerySet().models(Article).filter(content='"zeppelin hangar"')
    assert [result.pk for result in phrase] == [str(rare.pk)]
    milley = SearchQuerySet().models(Article).narrow('people_exact:"Mark Milley"')
    assert milley.count() == 3


def _stock_index(backend, path, documents):
    """`documents` written by Whoosh's own writer and pool, with our codec."""
    from whoosh.filedb.filestore import FileStorage

    from articles.search_backends import NewsroomCodec

    stock = FileStorage(str(path)).create_index(backend.schema)
    with stock.writer(codec=NewsroomCodec()) as writer:
        for document in documents:
            writer.add_document(**document)
    return stock


def _all_documents(backend):
    return [
        backend.prepare_document(index, obj)
        for index in _indexes()
        for obj in index.index_queryset()
    ]


@pytest.mark.parametrize("limit_mb", [256, 0.002])
def test_postings_pooled_by_term_read_back_as_whoosh_pools_them(
    backend, archive, tmp_path, monkeypatch, limit_mb
):
    """Our writers pool each term's postings in a list of its own: the segment holds the
    postings Whoosh's own pool gives, also past the pool's memory limit (0.002 MB sorts
    the pool out to temporary files every few postings)."""
    from articles import search_backends

    documents = _all_documents(backend)
    stock = _stock_index(backend, tmp_path, documents)
    monkeypatch.setattr(search_backends, "WRITER_LIMIT_MB", limit_mb)
    backend.clear()
    backend.write(documents=documents)
    assert _postings_by_document(backend.index.refresh()) == _postings_by_document(stock)


def test_a_spelling_word_is_written_once_per_segment(backend, archive, tmp_path):
    """Whoosh's pool writes a spelling word once per document that has it, all under
    document 0; ours once. Suggestions read only the words."""
    documents = _all_documents(backend)
    stock = _stock_index(backend, tmp_path, documents)
    backend.clear()
    backend.write(documents=documents)
    for index, copies in [(stock, len(archive)), (backend.index.refresh(), 1)]:
        with index.searcher() as searcher:
            assert searcher.doc_frequency("spell_title", "pentagon") == copies
    assert backend.create_spelling_suggestion("pentagin") == "pentagon"


def test_short_posting_blocks_are_written_uncompressed_and_long_ones_compressed(backend):
    """A block of fewer than COMPRESS_POSTINGS postings is written as it is (zlib costs more
    than it saves on it), a longer one compressed; both read back and are found."""
    from articles.search_backends import COMPRESS_POSTINGS

    for n in range(COMPRESS_POSTINGS + 2):
        ArticleFactory(body=f"<p>Harbour works, week {n}.</p>")
    for n in range(5):
        ArticleFactory(body=f"<p>Pier repairs, day {n}.</p>")
    rebuild(backend)

    blocks = {}
    with backend.index.refresh().searcher() as searcher:
        for reader, _offset in searcher.reader().leaf_readers():
            for word in ("harbour", "pier"):
                matcher = reader.postings("text", word)
                blocks[word] = (matcher._blocklength, matcher._compression)
    assert blocks == {"harbour": (COMPRESS_POSTINGS + 2, 3), "pier": (5, 0)}
    found = SearchQuerySet().models(Article)
    assert found.filter(content="harbour").count() == COMPRESS_POSTINGS + 2
    assert found.filter(content="pier").count() == 5
