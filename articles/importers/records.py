"""The plain records every parser yields, whatever the input format.

Parsers run in worker processes, away from the database, so what they hand back must be plain,
picklable values: frozen dataclasses with no Django import. `articles.services.article_import`
turns one `ParsedArticle` into database rows.
"""

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class ParsedPerson:
    """A person the source itself names: an author, a Reuters people tag, or a person in our
    own JSON Lines export (which also carries the slug, aliases and affiliations)."""

    name: str
    aliases: tuple[str, ...] = ()
    description: str = ""
    mentions: int = 1
    slug: str = ""
    affiliations: tuple[tuple[str, str], ...] = ()  # (organisation slug or name, role)
    extracted: bool = False  # our own export: extraction found the mention, so may replace it


@dataclass(frozen=True)
class ParsedOrganisation:
    name: str
    aliases: tuple[str, ...] = ()
    kind: str = ""
    description: str = ""
    mentions: int = 1
    slug: str = ""
    extracted: bool = False


@dataclass(frozen=True)
class ParsedQuote:
    """A quote carried by the source (our own export), kept as it was, confirmed flag and all."""

    text: str
    start: int | None = None
    end: int | None = None
    in_standfirst: bool = False  # the offsets index the standfirst, not the body's text
    person: str = ""
    organisation: str = ""
    speaker_description: str = ""
    partial: bool = False
    verb: str = ""
    confirmed: bool = False


@dataclass(frozen=True)
class ParsedArticle:
    """One article read from a file. `quotes` is None when the source says nothing about
    quotes (extraction finds them); a tuple, even empty, is the source's own list and replaces
    extraction."""

    headline: str
    body_html: str
    origin_path: str
    standfirst: str = ""
    published_at: datetime.datetime | None = None
    source: str = ""
    source_url: str = ""
    section: str = ""
    language: str = ""
    slug: str = ""
    authors: tuple[ParsedPerson, ...] = ()
    people: tuple[ParsedPerson, ...] = ()
    organisations: tuple[ParsedOrganisation, ...] = ()
    quotes: tuple[ParsedQuote, ...] | None = None


@dataclass(frozen=True)
class ParseFailure:
    """Input that could not be read as an article; reported with its path and the reason."""

    origin_path: str
    reason: str


@dataclass(frozen=True)
class ParseSkip:
    """Input that is deliberately not an article (a WARC redirect, a Reuters record without a
    body): counted as skipped, not as a failure."""

    origin_path: str
    reason: str


ParseResult = ParsedArticle | ParseFailure | ParseSkip


class ParseError(ValueError):
    """Raised by a parser for input it cannot read; the runner turns it into a ParseFailure."""


class NotAnArticle(ParseError):
    """Raised by a parser for input it can read that is deliberately not an article (a section
    page listing other articles); the runner turns it into a ParseSkip. It is a ParseError so
    that code which knows only those still refuses the input rather than importing it."""
