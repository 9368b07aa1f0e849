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


def _person(data: dict) -> ParsedPerson:
    return ParsedPerson(
        name=data["name"],
        aliases=tuple(data.get("aliases", ())),
        description=data.get("description", ""),
        mentions=int(data.get("mentions", 1)),
        slug=data.get("slug", ""),
        affiliations=tuple(
            (a["organisation"], a.get("role", "")) for a in data.get("affiliations", ())
        ),
        extracted=bool(data.get("extracted", False)),
    )


def _organisation(data: dict) -> ParsedOrganisation:
    return ParsedOrganisation(
        name=data["name"],
        aliases=tuple(data.get("aliases", ())),
        kind=data.get("kind", ""),
        description=data.get("description", ""),
        mentions=int(data.get("mentions", 1)),
        slug=data.get("slug", ""),
        extracted=bool(data.get("extracted", False)),
    )


def _quote(data: dict) -> ParsedQuote:
    return ParsedQuote(
        text=data["text"],
        start=data.get("start"),
        end=data.get("end"),
        in_standfirst=bool(data.get("in_standfirst", False)),
        person=data.get("person", ""),
        organisation=data.get("organisation", ""),
        speaker_description=data.get("speaker_description", ""),
        partial=bool(data.get("partial", False)),
        verb=data.get("verb", ""),
        confirmed=bool(data.get("confirmed", False)),
    )


def parse_jsonl_line(line: bytes, origin_path: str) -> ParsedArticle:
    try:
        data = json.loads(line.decode("utf-8"))
        if not isinstance(data, dict):
            raise ParseError("a line must hold one JSON object")
        if data.get("format", FORMAT_NAME) != FORMAT_NAME:
            raise ParseError(f"not a {FORMAT_NAME} record: format {data['format']!r}")
        published = data.get("published_at")
        return ParsedArticle(
            headline=data["headline"],
            body_html=data["body"],
            origin_path=origin_path,
            standfirst=data.get("standfirst", ""),
            published_at=datetime.datetime.fromisoformat(published) if published else None,
            source=data.get("source", ""),
            source_url=data.get("source_url", ""),
            section=data.get("section", ""),
            language=data.get("language", ""),
            slug=data.get("slug", ""),
            authors=tuple(_person(p) for p in data.get("byline", ())),
            people=tuple(_person(p) for p in data.get("people", ())),
            organisations=tuple(_organisation(o) for o in data.get("organisations", ())),
            quotes=tuple(_quote(q) for q in data.get("quotes", ())),
        )
    except json.JSONDecodeError as error:
        raise ParseError(f"invalid JSON: {error}") from error
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
