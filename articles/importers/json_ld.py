"""A page's JSON-LD, parsed once, and only when a rule reading it asks for it.

Two rules read a page's JSON-LD apart: the authors it gives as organisations, who are no people
(`html.py`), and the agency or publisher it names as the article's provider (`syndication.py`).
The parsed JSON-LD is theirs to share, and lives here so that neither module imports the other.
"""

import json
import re
from functools import cached_property

# The page's JSON-LD, as its <script type="application/ld+json"> elements hold it.
_JSON_LD = re.compile(
    rb"""<script\b[^>]*?\btype\s*=\s*["']?application/ld\+json[^>]*>(.*?)</script""", re.DOTALL
)


class JsonLd:
    """The page's JSON-LD, parsed when a rule first asks for it, and once: the authors it gives
    as organisations and the article's provider are read from it apart, and parsing it costs
    twice what reading the byline does. Both are organisations, which a page without one
    (`names_organisations`) spares the rules reading it."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.names_organisations = b"Organization" in data or b"Corporation" in data

    @cached_property
    def values(self) -> list:
        values = []
        for script in _JSON_LD.findall(self.data):
            try:
                values.append(json.loads(script.decode("utf-8", "replace"), strict=False))
            except ValueError:
                continue
        return values
