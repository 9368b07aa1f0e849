"""One checker for 'is this HTML safe to show?', used by every test that renders user text.

It parses the HTML the way a browser would tokenise it and reports anything that could run
script or restyle the page: a tag outside the news allowlist, an event handler, a style, or a
URL whose scheme is not http(s)/mailto.
"""

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

HOSTILE_MARKUP = [
    line
    for line in (Path(__file__).parent / "data" / "hostile_markup.txt").read_text().splitlines()
    if line.strip()
]
URL_ATTRIBUTES = {"href", "src", "cite", "action", "formaction", "poster", "background"}
SAFE_SCHEMES = {"", "http", "https", "mailto"}
NEVER_ALLOWED_TAGS = {
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "svg",
    "math", "form", "input", "button", "textarea", "select", "link", "meta", "base",
    "template", "noscript", "portal",
}  # fmt: skip


def attribute_problems(tag, attrs) -> list[str]:
    """Attributes that run script, restyle the page or point at a non-web URL."""
    problems = []
    for name, value in attrs:
        value = value or ""
        if name.startswith("on"):
            problems.append(f"event handler {name}= on <{tag}>")
        if name in {"style", "srcdoc", "srcset", "formaction", "xlink:href"}:
            problems.append(f"attribute {name}= on <{tag}>")
        if name in URL_ATTRIBUTES:
            cleaned = "".join(ch for ch in value if ch.isprintable() and not ch.isspace())
            if urlsplit(cleaned).scheme.lower() not in SAFE_SCHEMES:
                problems.append(f"URL {value!r} in {name}= on <{tag}>")
    return problems


class _UnsafeMarkupFinder(HTMLParser):
    def __init__(self, allowed_tags):
        super().__init__(convert_charrefs=True)
        self.allowed_tags = allowed_tags
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in NEVER_ALLOWED_TAGS or (self.allowed_tags and tag not in self.allowed_tags):
            self.problems.append(f"tag <{tag}>")
        self.problems.extend(attribute_problems(tag, attrs))

    handle_startendtag = handle_starttag


def unsafe_markup(html: str, allowed_tags=None) -> list[str]:
    """What in `html` could run script or restyle the page (empty list: nothing)."""
    finder = _UnsafeMarkupFinder(allowed_tags)
    finder.feed(html)
    finder.close()
    return finder.problems


class _UnsafePageFinder(HTMLParser):
    """Whole pages hold our own layout (the search form, JSON-LD, the SVG histogram), so the
    page check allows those and flags anything that could run script or leave the site."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.script_type: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.problems.extend(attribute_problems(tag, attrs))
        if tag == "script":
            self.script_type = attributes.get("type")
            if self.script_type != "application/ld+json" or "src" in attributes:
                self.problems.append(f"script {attributes}")
        elif tag in {"iframe", "frame", "frameset", "object", "embed", "applet", "base",
                     "portal", "math", "template"}:  # fmt: skip
            self.problems.append(f"tag <{tag}>")
        elif tag == "form" and not (attributes.get("action") or "").startswith("/search/"):
            self.problems.append(f"form {attributes}")
        elif tag == "meta" and attributes.get("http-equiv"):
            self.problems.append(f"meta http-equiv {attributes}")
        elif tag == "link" and urlsplit(attributes.get("href") or "").netloc not in {
            "",
            "testserver",
        }:
            self.problems.append(f"external link {attributes}")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == "script":
            self.script_type = None


def unsafe_page_markup(html: str) -> list[str]:
    """What in a whole rendered page could run script or restyle it (empty list: nothing)."""
    finder = _UnsafePageFinder()
    finder.feed(html)
    finder.close()
    return finder.problems
