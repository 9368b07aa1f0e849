"""A page's JSON-LD, parsed once, and only when a rule reading it asks for it.

Rules read a page's JSON-LD apart: the authors it gives as organisations, who are no people, and
the authors of a live blog, which trafilatura does not read (`html.py`), and the agency or
publisher it names as the article's provider (`syndication.py`). The parsed JSON-LD is theirs
to share, and lives here so that neither module imports the other.
"""

import json
import re
from functools import cached_property

# The live blog whose authors trafilatura misses (`JsonLd.live_blog_authors`): it reads the
# updates a live blog holds ("liveBlogUpdate") in place of the live blog, and so the updates'
# authors, or none.
_LIVE_BLOG = "LiveBlogPosting"

# The page's JSON-LD, as its <script type="application/ld+json"> elements hold it.
_JSON_LD = re.compile(
    rb"""<script\b[^>]*?\btype\s*=\s*["']?application/ld\+json[^>]*>(.*?)</script""", re.DOTALL
)


class JsonLd:
    """The page's JSON-LD, parsed when a rule first asks for it, and once: the authors it gives
    as organisations and the article's provider are read from it apart, and parsing it costs
    twice what reading the byline does. Both are organisations, which a page without one
    (`names_organisations`) spares the rules reading it, as a page naming no live blog
    (`names_live_blog`) spares the rule reading its authors."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.names_organisations = b"Organization" in data or b"Corporation" in data
        self.names_live_blog = _LIVE_BLOG.encode() in data

    @cached_property
    def values(self) -> list:
        values = []
        for script in _JSON_LD.findall(self.data):
            try:
                values.append(json.loads(script.decode("utf-8", "replace"), strict=False))
            except ValueError:
                continue
        return values

    def live_blog_authors(self) -> list[str]:
        """The names of the people the page's JSON-LD gives as the authors of a live blog
        (`_LIVE_BLOG`), stated at its top or in its "@graph": not of the updates it holds, who
        are often others. None on a page naming no live blog, whose JSON-LD is left unparsed."""
        if not self.names_live_blog:
            return []
        items = [item for value in self.values for item in _top_items(value)]
        return [
            name
            for item in items
            if _LIVE_BLOG in _types(item)
            for author in _as_list(item.get("author"))
            if (name := _person_name(author))
        ]


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value]


def _types(item: dict) -> set[str]:
    return {kind for kind in _as_list(item.get("@type")) if isinstance(kind, str)}


def _top_items(value) -> list[dict]:
    """The items of a JSON-LD value: itself, or what its list or its "@graph" holds."""
    items = []
    for item in _as_list(value):
        if isinstance(item, dict):
            items.append(item)
            items.extend(graph for graph in _as_list(item.get("@graph")) if isinstance(graph, dict))
    return items


def _person_name(author) -> str:
    """An author's name: a string, or a Person's (or an untyped author's) "name"."""
    if isinstance(author, str):
        return author
    if not isinstance(author, dict) or _types(author) - {"Person"}:
        return ""
    name = author.get("name")
    return name if isinstance(name, str) else ""
