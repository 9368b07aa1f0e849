"""How `import_articles` reads an RSS or Atom entry's own fields: its title as a plain
headline, a plain-text description as paragraphs, and the byline from an RSS <author>. Each
test writes a small feed into tmp_path and imports it into the test database."""

import pytest

from articles.models import Article
from tests.importing import run_import, summary

pytestmark = pytest.mark.django_db


def import_feed(path, text):
    """Write `text` as a feed at `path` and import it, failing the test on a non-zero exit;
    returns the output, which names every entry and the reason for each one skipped."""
    path.write_text(text, encoding="utf-8")
    stdout, stderr, error = run_import(path, "--no-extract", "--verbosity", "2")
    assert error is None, stderr
    return stdout


def rss(items):
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Lakeside Gazette</title>
<link>https://gazette.example.org/</link>{items}</channel></rss>"""


def test_atom_html_title_becomes_a_plain_text_headline(tmp_path):
    import_feed(
        tmp_path / "atom.xml",
        """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Lakeside Gazette</title>
<entry><title type="html">Ferry timetable &lt;strong&gt;cut&lt;/strong&gt;
   for   winter &amp;amp; spring</title>
<link href="https://gazette.example.org/ferry"/><id>tag:gazette.example.org,2024:1</id>
<updated>2024-02-01T08:00:00Z</updated>
<content type="html">&lt;p&gt;Two crossings a day will be dropped.&lt;/p&gt;</content></entry>
<entry><title type="text">Why the &amp;lt;blink&amp;gt; tag vanished</title>
<link href="https://gazette.example.org/blink"/><id>tag:gazette.example.org,2024:2</id>
<updated>2024-02-02T08:00:00Z</updated>
<content type="html">&lt;p&gt;A short history of web pages.&lt;/p&gt;</content></entry>
</feed>""",
    )
    ferry = Article.objects.get(source_url="https://gazette.example.org/ferry")
    assert ferry.headline == "Ferry timetable cut for winter & spring"
    # A text title is already plain: its entities were decoded once, by the XML parser.
    blink = Article.objects.get(source_url="https://gazette.example.org/blink")
    assert blink.headline == "Why the &lt;blink&gt; tag vanished"


def test_rss_description_without_tags_is_read_as_plain_text_paragraphs(tmp_path):
    import_feed(
        tmp_path / "rss.xml",
        rss(
            """
<item><title>Lido to reopen in May</title><link>https://gazette.example.org/lido</link>
<description>The outdoor pool has been closed for two summers while its tiles were
replaced &amp; the pumps repaired.

Season tickets go on sale next week.\n   \nSwimmers under five go free.</description></item>"""
        ),
    )
    article = Article.objects.get()
    assert article.body.count("<p>") == 3
    assert article.body_text.split("\n\n") == [
        "The outdoor pool has been closed for two summers while its tiles were replaced & "
        "the pumps repaired.",
        "Season tickets go on sale next week.",
        "Swimmers under five go free.",
    ]


@pytest.mark.parametrize(
    ("author", "byline"),
    [
        ("newsdesk@gazette.london (Priya Natarajan)", ["Priya Natarajan"]),
        ("sport@gazette.example (Owen Pryce)", ["Owen Pryce"]),
        ("Mei Lin &lt;mei@gazette.wales&gt;", ["Mei Lin"]),
        ("newsdesk@gazette.london", []),
        ("editor@gazette.org (Hana Kowalski)", ["Hana Kowalski"]),
        ("Hana Kowalski", ["Hana Kowalski"]),
    ],
)
def test_rss_author_email_and_name_give_the_name_as_byline(tmp_path, author, byline):
    import_feed(
        tmp_path / "rss.xml",
        rss(
            f"""
<item><title>Harbour wall repaired</title><link>https://gazette.example.org/wall</link>
<author>{author}</author>
<description>&lt;p&gt;The wall was rebuilt in six weeks.&lt;/p&gt;</description></item>"""
        ),
    )
    assert [person.name for person in Article.objects.get().byline.all()] == byline


def test_the_wordpress_feed_footer_is_not_part_of_the_story(tmp_path):
    footer = (
        '&lt;p&gt;The post &lt;a href="https://gazette.example.org/wall"&gt;Harbour wall '
        'repaired&lt;/a&gt; appeared first on &lt;a href="https://gazette.example.org"&gt;'
        "Lakeside Gazette&lt;/a&gt;.&lt;/p&gt;\n"
    )
    import_feed(
        tmp_path / "rss.xml",
        rss(
            f"""
<item><title>Harbour wall repaired</title><link>https://gazette.example.org/wall</link>
<description>&lt;p&gt;The wall was rebuilt in six weeks.&lt;/p&gt;
&lt;p&gt;The post office on the quay reopens on Monday.&lt;/p&gt;
{footer}</description></item>"""
        ),
    )
    assert Article.objects.get().body_text.split("\n\n") == [
        "The wall was rebuilt in six weeks.",
        "The post office on the quay reopens on Monday.",
    ]


def test_the_feeds_title_without_its_section_is_the_source(tmp_path):
    feed = rss(
        "<item><title>Quay reopens</title><link>https://gazette.example.org/quay</link>"
        "<description>The quay reopened on Monday.</description></item>"
    )
    import_feed(
        tmp_path / "rss.xml", feed.replace("Lakeside Gazette", "Lakeside Gazette - Business")
    )
    assert Article.objects.get().source == "Lakeside Gazette"


def test_an_aggregators_entry_names_its_own_source_and_not_in_the_headline(tmp_path):
    import_feed(
        tmp_path / "aggregator.xml",
        """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>"harbour dredging" - Google News</title>
<link>https://news.google.com/search?q=harbour+dredging</link>
<item><title>Dredging of the harbour to start in June - Portwell Post</title>
<link>https://news.google.com/rss/articles/CBMiQWh0dHBz?oc=5</link>
<description>Dredgers arrive at Portwell in June, the port said on Monday.</description>
<source url="https://portwell.example">Portwell Post</source></item></channel></rss>""",
    )
    article = Article.objects.get()
    assert article.headline == "Dredging of the harbour to start in June"
    assert article.source == "Portwell Post"


def test_entries_without_text_of_their_own_are_skipped_and_the_rest_imported(tmp_path):
    """A podcast episode (an enclosure), a title alone and an aggregator's list of links to
    other stories are no articles: skipped with the reason, and the import succeeds."""
    links = (
        '&lt;ol&gt;&lt;li&gt;&lt;a href="https://news.google.com/rss/articles/A"&gt;Dredging '
        "to start in June&lt;/a&gt;&amp;nbsp;&lt;font&gt;Portwell Post&lt;/font&gt;&lt;/li&gt;"
        '&lt;li&gt;&lt;a href="https://news.google.com/rss/articles/B"&gt;Silt plan worries '
        "anglers&lt;/a&gt;&amp;nbsp;&lt;font&gt;Bay Chronicle&lt;/font&gt;&lt;/li&gt;&lt;/ol&gt;"
    )
    teaser = (
        "&lt;p&gt;The quay reopened on Monday. "
        '&lt;a href="https://gazette.example.org/quay"&gt;Read more&lt;/a&gt;&lt;/p&gt;'
    )
    stdout = import_feed(
        tmp_path / "rss.xml",
        rss(
            f"""
<item><title>Episode 12: Tides</title><guid isPermaLink="false">ep-12</guid>
<enclosure url="https://cdn.example.org/ep12.mp3" length="3145728" type="audio/mpeg"/></item>
<item><title>Title alone</title><link>https://gazette.example.org/alone</link></item>
<item><title>Dredging to start in June</title><link>https://news.google.com/rss/articles/A</link>
<description>{links}</description></item>
<item><title>Quay reopens</title><link>https://gazette.example.org/quay</link>
<description>{teaser}</description></item>"""
        ),
    )
    assert (summary(stdout)["imported"], summary(stdout)["skipped"]) == (1, 3)
    assert stdout.count("no text of its own") == 3
    assert Article.objects.get().body_text == "The quay reopened on Monday. Read more"


def test_a_relative_entry_link_is_read_against_the_feeds_own_address(tmp_path):
    import_feed(
        tmp_path / "rss.xml",
        """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>
<title>Lakeside Gazette</title><link>https://gazette.example.org/</link>
<atom:link href="https://gazette.example.org/feeds/news.rss" rel="self"/>
<item><title>Bins move to Tuesdays</title><link>/2024/05/bins</link>
<description>Bins will be emptied on Tuesdays.</description></item>
<item><title>Lido opens</title><link>lido</link>
<description>The lido opens in May.</description></item>
<item><title>Radio hour</title><description>Our weekly programme.</description></item>
</channel></rss>""",
    )
    assert dict(Article.objects.values_list("headline", "source_url")) == {
        "Bins move to Tuesdays": "https://gazette.example.org/2024/05/bins",
        "Lido opens": "https://gazette.example.org/feeds/lido",
        "Radio hour": "",  # no link: not the feed's address
    }


def test_an_atom_category_gives_its_label_as_the_section(tmp_path):
    import_feed(
        tmp_path / "atom.xml",
        """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Eastmoor Herald</title>
<entry><title>Pay deal agreed</title><link href="https://eastmoor.example/pay"/>
<id>tag:eastmoor.example,2024:78</id><updated>2024-05-06T08:00:00Z</updated>
<category term="local-government" label="Local government"/>
<summary>Council workers get four per cent more.</summary></entry></feed>""",
    )
    assert Article.objects.get().section == "Local government"


def test_a_feed_cut_short_is_reported_with_the_entry_it_stops_in_and_the_rest_imported(tmp_path):
    """A download that stopped mid-feed: the entries read whole are imported, the one the cut
    falls in is not (its text may stop mid-sentence), and the file is reported as cut short."""
    items = "".join(
        f"<item><title>Story {n}</title><link>https://gazette.example.org/s{n}</link>"
        f"<description>Story {n} is about the harbour.</description></item>\n"
        for n in range(1, 6)
    )
    whole = rss(items)
    path = tmp_path / "rss.xml"
    path.write_text(whole[: whole.index("Story 4 is about") + 8], encoding="utf-8")
    stdout, stderr, error = run_import(path, "--no-extract")
    assert error is not None and summary(stdout)["failed"] == 1
    assert "cut short" in stderr and "entry 4" in stderr and "'Story 4'" in stderr
    assert sorted(Article.objects.values_list("headline", flat=True)) == [
        "Story 1",
        "Story 2",
        "Story 3",
    ]
    # Cut after an entry's end: every entry read is whole, and the file is still reported.
    Article.objects.all().delete()
    path.write_text(whole[: whole.index("<item><title>Story 4")], encoding="utf-8")
    stdout, stderr, error = run_import(path, "--no-extract")
    assert error is not None and "cut short after its entry 3" in stderr
    assert Article.objects.count() == 3


def test_an_untidy_but_complete_feed_is_imported_without_a_complaint(tmp_path):
    """feedparser reads past a stray "&" or an unknown entity; such a feed is whole."""
    stdout = import_feed(
        tmp_path / "rss.xml",
        rss(
            "<item><title>Fish & chips</title><link>https://gazette.example.org/fish</link>"
            "<description>Prices rose&nbsp;again.</description></item>"
        ),
    )
    assert (summary(stdout)["imported"], summary(stdout)["failed"]) == (1, 0)


def test_relative_links_in_an_entrys_text_point_at_its_site(tmp_path):
    description = (
        '&lt;p&gt;See &lt;a href="/about"&gt;who we are&lt;/a&gt; and &lt;a href="fares"&gt;'
        'the fares&lt;/a&gt; or &lt;a href="https://other.example/x"&gt;elsewhere&lt;/a&gt;.'
        "&lt;/p&gt;"
    )
    import_feed(
        tmp_path / "rss.xml",
        rss(
            "<item><title>Ferry fares frozen</title>"
            "<link>https://gazette.example.org/news/ferry</link>"
            f"<description>{description}</description></item>"
        ),
    )
    body = Article.objects.get().body
    assert 'href="https://gazette.example.org/about"' in body
    assert 'href="https://gazette.example.org/news/fares"' in body
    assert 'href="https://other.example/x"' in body


def test_a_newsletters_subscribe_form_and_share_buttons_are_not_part_of_the_story(tmp_path):
    """Substack puts a subscribe form with its plea and "Share" buttons into every post's
    content; the story's own links, figures and headings stay."""
    content = (
        "<p>Container rates fell for a fifth week.</p>"
        '<div class="subscription-widget-wrap"><div class="subscription-widget">'
        '<div class="preamble"><p class="cta-caption">Thanks for reading The Harbour Letter! '
        "Subscribe for free to receive new posts and support my work.</p></div>"
        '<form class="subscription-widget-subscribe"><input type="email" name="email">'
        '<input type="submit" value="Subscribe"></form></div></div>'
        "<h3>More ships</h3><p>Yards delivered a record number of "
        '<a href="https://yards.example/report">new vessels</a>.</p>'
        '<p class="button-wrapper"><a class="button primary" '
        'href="https://letter.example/p/rates?action=share"><span>Share</span></a></p>'
    )
    import_feed(
        tmp_path / "rss.xml",
        f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>The Harbour Letter</title><link>https://letter.example</link>
<item><title>Why container rates fell again</title><link>https://letter.example/p/rates</link>
<content:encoded><![CDATA[{content}]]></content:encoded></item></channel></rss>""",
    )
    article = Article.objects.get()
    assert article.body_text.split("\n\n") == [
        "Container rates fell for a fifth week.",
        "More ships",
        "Yards delivered a record number of new vessels.",
    ]


def test_the_medium_feed_footer_is_not_part_of_the_story(tmp_path):
    content = (
        "<p>The quay reopened on Monday.</p><hr><p><a href='https://medium.example/p/quay'>"
        "Quay reopens</a> was originally published in <a href='https://medium.example/harbour'>"
        "Harbour Notes</a> on Medium, where people are continuing the conversation by "
        "highlighting and responding to this story.</p>"
    )
    import_feed(
        tmp_path / "rss.xml",
        f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Harbour Notes - Medium</title><link>https://medium.example/harbour</link>
<item><title>Quay reopens</title><link>https://medium.example/p/quay</link>
<content:encoded><![CDATA[{content}]]></content:encoded></item></channel></rss>""",
    )
    assert Article.objects.get().body_text == "The quay reopened on Monday."


def test_a_podcast_episode_with_show_notes_is_skipped_and_a_transcript_imported(tmp_path):
    transcript = " ".join(["The harbour master talked us through the winter storms."] * 20)
    enclosure = '<enclosure url="https://cdn.example.org/ep.mp3" length="1" type="audio/mpeg"/>'
    stdout = import_feed(
        tmp_path / "rss.xml",
        rss(
            f"""
<item><title>Episode 11: Libraries</title><guid>ep11</guid>{enclosure}
<description>We talk to the librarians. Links: https://library.example</description></item>
<item><title>Episode 12: Storms (transcript)</title><guid>ep12</guid>{enclosure}
<description>{transcript}</description></item>"""
        ),
    )
    assert (summary(stdout)["imported"], summary(stdout)["skipped"]) == (1, 1)
    assert "show notes" in stdout
    assert Article.objects.get().headline == "Episode 12: Storms (transcript)"


def test_an_entry_without_a_title_is_skipped_with_the_reason(tmp_path):
    """A micro-blog's status posts have no titles: no article, and no failure of the feed."""
    stdout = import_feed(
        tmp_path / "rss.xml",
        rss(
            "<item><link>https://social.example/@port/1</link>"
            "<description>Ferry running late this morning.</description></item>"
            "<item><title>Ferry fares frozen</title><link>https://gazette.example.org/f</link>"
            "<description>Fares will not rise.</description></item>"
        ),
    )
    assert (summary(stdout)["imported"], summary(stdout)["skipped"]) == (1, 1)
    assert "no title" in stdout


def test_an_entry_whose_html_holds_page_tags_and_a_form_is_read(tmp_path):
    """Broken feeds carry whole pages' tags in an entry; reading its widgets must not fail
    on them (the main process reads entries, so an error there would stop the import)."""
    content = (
        "<html><body><p>The quay reopened on Monday.</p></body><body>"
        "<form><input type='email'></form><p>Boats returned at noon.</p></body></html>"
    )
    import_feed(
        tmp_path / "rss.xml",
        rss(
            "<item><title>Quay reopens</title><link>https://gazette.example.org/quay</link>"
            f"<description><![CDATA[{content}]]></description></item>"
        ),
    )
    assert Article.objects.get().body_text.split("\n\n") == [
        "The quay reopened on Monday.",
        "Boats returned at noon.",
    ]
