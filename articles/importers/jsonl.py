"""JSON Lines in our own export format: one article per line, with its people, organisations
and quotes (confirmed flags included), so export_articles → import_articles gives the same
archive back. `export_articles` writes the same keys this module reads."""

import datetime
import json
from pathlib import Path

from .records import ParsedArticle, ParsedOrganisation, ParsedPerson, ParsedQuote, ParseError
from .runner import Job

FORMAT_NAME = "newsroom-article"
# 2: affiliations name their organisation by slug, and every organisation they name travels
# with the line; mentions say whether extraction found them, quotes whether they are in the
# standfirst. Version 1 lines (affiliations by name) read the same way.
FORMAT_VERSION = 2


_JSON_TYPES = {
    type(None): "null",
    bool: "true or false",
    int: "a number",
    float: "a number",
    list: "a list",
    dict: "an object",
}


def _mistyped(key: str, value, wanted: str) -> ParseError:
    return ParseError(f"{key!r} must be {wanted}, not {_JSON_TYPES.get(type(value), 'text')}")


def _text(data: dict, key: str, *, required: bool = False) -> str:
    """The text under `key` ("" when absent and optional). A number or a list where text
    belongs is reported: stored, it would fail later, inside the article's transaction."""
    value = data[key] if required else data.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise _mistyped(key, value, "text")
    return value


def _offset(data: dict, key: str) -> int | None:
    value = data.get(key)
    if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
        raise _mistyped(key, value, "a whole number")
    return value


def _objects(data: dict, key: str) -> list[dict]:
    """The list of JSON objects under `key` (people, quotes...), checked one by one."""
    value = data.get(key) or []
    if not isinstance(value, list):
        raise _mistyped(key, value, "a list")
    for item in value:
        if not isinstance(item, dict):
            raise _mistyped(f"{key}[]", item, "an object")
    return value


def _names(data: dict, key: str) -> tuple[str, ...]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(name, str) for name in value):
        raise _mistyped(key, value, "a list of names")
    return tuple(value)


def _person(data: dict) -> ParsedPerson:
    return ParsedPerson(
        name=_text(data, "name", required=True),
        aliases=_names(data, "aliases"),
        description=_text(data, "description"),
        mentions=int(data.get("mentions", 1)),
        slug=_text(data, "slug"),
        affiliations=tuple(
            (_text(a, "organisation", required=True), _text(a, "role"))
            for a in _objects(data, "affiliations")
        ),
        extracted=bool(data.get("extracted", False)),
    )


def _organisation(data: dict) -> ParsedOrganisation:
    return ParsedOrganisation(
        name=_text(data, "name", required=True),
        aliases=_names(data, "aliases"),
        kind=_text(data, "kind"),
        description=_text(data, "description"),
        mentions=int(data.get("mentions", 1)),
        slug=_text(data, "slug"),
        extracted=bool(data.get("extracted", False)),
    )


def _quote(data: dict) -> ParsedQuote:
    return ParsedQuote(
        text=_text(data, "text", required=True),
        start=_offset(data, "start"),
        end=_offset(data, "end"),
        in_standfirst=bool(data.get("in_standfirst", False)),
        person=_text(data, "person"),
        organisation=_text(data, "organisation"),
        speaker_description=_text(data, "speaker_description"),
        partial=bool(data.get("partial", False)),
        verb=_text(data, "verb"),
        confirmed=bool(data.get("confirmed", False)),
    )


def _invalid_json(error: json.JSONDecodeError) -> ParseError:
    """The reason a line is not JSON; a line that ends before its record does (the last line
    of a file cut short, or one an editor split) says so, not only where the parser stopped.
    The parser stops at the end of such a line, or reports the string the end fell in."""
    if error.pos >= len(error.doc.rstrip()) or error.msg.startswith("Unterminated string"):
        return ParseError("invalid JSON: the line ends inside its record (is the file cut short?)")
    return ParseError(f"invalid JSON: {error}")


def parse_jsonl_line(line: bytes, origin_path: str) -> ParsedArticle:
    try:
        # utf-8-sig: Windows editors start a file they save with a byte order mark.
        data = json.loads(line.decode("utf-8-sig"))
        if not isinstance(data, dict):
            raise ParseError("a line must hold one JSON object")
        if data.get("format", FORMAT_NAME) != FORMAT_NAME:
            raise ParseError(f"not a {FORMAT_NAME} record: format {data['format']!r}")
        # An article its source gave no date carries its import time, which is no date to
        # import it with: it stays undated.
        published = _text(data, "published_at") if data.get("date_known", True) else ""
        return ParsedArticle(
            headline=_text(data, "headline", required=True),
            body_html=_text(data, "body", required=True),
            origin_path=origin_path,
            standfirst=_text(data, "standfirst"),
            published_at=datetime.datetime.fromisoformat(published) if published else None,
            source=_text(data, "source"),
            # As exported, tracking parameters and all: the address is how an archived article
            # is found again, and one imported before a parameter was known as tracking keeps it.
            source_url=_text(data, "source_url"),
            section=_text(data, "section"),
            language=_text(data, "language"),
            slug=_text(data, "slug"),
            authors=tuple(_person(p) for p in _objects(data, "byline")),
            people=tuple(_person(p) for p in _objects(data, "people")),
            organisations=tuple(_organisation(o) for o in _objects(data, "organisations")),
            quotes=tuple(_quote(q) for q in _objects(data, "quotes")),
        )
    except json.JSONDecodeError as error:
        raise _invalid_json(error) from error
    except KeyError as error:
        raise ParseError(f"missing field {error}") from error
    except UnicodeDecodeError as error:
        raise ParseError(f"not UTF-8: {error}") from error
    except (TypeError, ValueError) as error:
        raise ParseError(f"invalid value: {error}") from error


def iter_jsonl_jobs(path: Path):
    position = 0
    with path.open("rb") as stream:
        for number, raw in enumerate(stream, start=1):
            position += len(raw)
            if raw.strip():
                origin = f"{path}:{number}"
                yield Job(parse_jsonl_line, (raw, origin), origin), position
