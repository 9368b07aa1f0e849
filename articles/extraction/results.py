"""The values `extract()` returns.

Frozen dataclasses so results can be cached, compared in tests and handed between threads
without copying. Offsets always index the text given to `extract()`, so a caller can store them
and highlight the quote in the same text later.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class QuoteFound:
    """One direct quote: the words inside the quotation marks and who said them."""

    start: int
    end: int
    text: str
    speaker: str | None
    speaker_type: str | None  # "person" | "organisation" | "unnamed" | None
    partial: bool
    verb: str | None


@dataclass(frozen=True)
class PersonFound:
    """A person named in the text, under the fullest name the text gives."""

    name: str
    aliases: tuple[str, ...]
    role: str | None
    organisation: str | None
    mentions: int


@dataclass(frozen=True)
class OrganisationFound:
    """An organisation named in the text; aliases hold its acronym or other forms."""

    name: str
    aliases: tuple[str, ...]
    mentions: int


@dataclass(frozen=True)
class ExtractionResult:
    """Everything found in one text, each list in order of first appearance."""

    quotes: list[QuoteFound] = field(default_factory=list)
    people: list[PersonFound] = field(default_factory=list)
    organisations: list[OrganisationFound] = field(default_factory=list)
