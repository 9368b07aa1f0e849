"""The Reuters-21578 newswire collection (SGML, `reut2-*.sgm`).

Each <REUTERS> record with a <BODY> becomes an article: date, title, body, the first topic as
section, and its <PEOPLE> and <ORGS> tags as Person and Organisation records. The tags are
codes ("camdessus", "opec"); when the collection's `cat-descriptions_*.txt` lies next to the
SGML, codes become full names and roles ("Michel Camdessus", "International Monetary Fund
Managing Director"). The files are Latin-1 (one is not valid UTF-8), so they are read as such.
"""

import datetime
import html
import re
from functools import lru_cache
from pathlib import Path

from articles.text import text_blocks_html

from .records import (
    ParsedArticle,
    ParsedOrganisation,
    ParsedPerson,
    ParseError,
    ParseFailure,
    ParseSkip,
)
from .runner import Job

_FIELD = {
    name: re.compile(rf"<{name}>(.*?)</{name}>", re.DOTALL)
    for name in ("DATE", "TITLE", "BODY", "TOPICS", "PEOPLE", "ORGS")
}
_D = re.compile(r"<D>(.*?)</D>", re.DOTALL)
_NEWID = re.compile(r'NEWID="(\d+)"')
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SIGN_OFF = re.compile(r"\s*\bReuter\s*$", re.IGNORECASE)
_CODE_AT_END = re.compile(r"\(([A-Z][A-Z'.-]*)\)\s*(?:@\*)?\s*$")
# Title casing of an all-capitals title, one run of letters at a time (so "U.S." keeps its
# capitals and "ITALY'S" becomes "Italy's"); a stock symbol such as "<IBM>" or "<ISUM.T>" is
# left as written.
_TITLE_WORD = re.compile(r"([^\W\d_]+)(?:(['’])([^\W\d_]+))?")
_TICKER = re.compile(r"<[^\s<>]+>")
_CAPITALS_WORD = re.compile(r"(?<![^\W\d_])[A-Z]{2,}(?![^\W\d_])")

# Words of a title, never of a name: where a name's first names stop, reading backwards from
# the surname ("Central Bank Governor Jose Luis Machinea").
_ROLE_WORDS = frozenset(
    {
        "president", "vice", "minister", "prime", "secretary", "secretary-general", "governor",
        "chancellor", "treasurer", "premier", "director", "director-general", "general",
        "chairman", "chief", "commissioner", "king", "queen", "prince", "emir", "sheikh",
        "deputy", "senator", "speaker", "leader", "ambassador", "representative", "bank",
        "council", "agency", "fund", "organisation", "association", "reserve", "board",
        "federal", "central", "trade", "finance", "economy", "agriculture", "energy", "affairs",
        "foreign", "oil", "managing", "executive", "head", "party", "officer", "spokesman",
        "commission", "community", "negotiations", "former", "of", "the", "and",
    }
)  # fmt: skip


def _text(value: str) -> str:
    return _CONTROL.sub("", html.unescape(value))


def title_case(title: str, body: str) -> str:
    """An all-capitals title in title case. The story's text, in mixed case, tells which
    words are acronyms: one it writes in capitals keeps them ("GATT", "IBM's"); a body mostly
    in capitals tells nothing. Letters after a digit are lower case ("3RD" is "3rd"); after an
    apostrophe, three letters or more are a name's ("O'NEILL" is "O'Neill")."""
    letters = [character for character in body if character.isalpha()]
    shouting = 2 * sum(character.isupper() for character in letters) > len(letters)
    acronyms = set() if shouting else set(_CAPITALS_WORD.findall(body))

    def case(match: re.Match) -> str:
        stem, apostrophe, rest = match.group(1), match.group(2) or "", match.group(3) or ""
        if match.string[match.start() - 1 : match.start()].isdigit():
            return match.group().lower()
        if stem not in acronyms:
            stem = stem[0] + stem[1:].lower()
        rest = rest[0] + rest[1:].lower() if len(rest) >= 3 else rest.lower()
        return stem + apostrophe + rest

    return " ".join(
        token if _TICKER.fullmatch(token) else _TITLE_WORD.sub(case, token)
        for token in title.split(" ")
    )


def _codes(field: str | None) -> list[str]:
    return [code.strip() for code in _D.findall(field or "") if code.strip()]


def _person_from_entry(code: str, entry: str, country: str) -> tuple[str, str]:
    """(full name, role) from a line such as "Finance Minister Michael Wilson"."""
    tokens = entry.split()
    wanted = code.lower().split("-")
    bare = [token.strip(",").lower() for token in tokens]
    for start in range(len(tokens) - len(wanted) + 1):
        if bare[start : start + len(wanted)] == wanted:
            break
    else:
        return code.replace("-", " ").title(), entry
    first = start
    while first > 0 and start - first < 3:
        token = tokens[first - 1]
        if token.startswith("(") and token.endswith(")"):  # a nickname: "Robert (Bob) Hawke"
            first -= 1
            continue
        if not token[:1].isupper() or token.strip(",").lower() in _ROLE_WORDS:
            break
        first -= 1
    name_tokens = [t for t in tokens[first : start + len(wanted)] if not t.startswith("(")]
    role_tokens = tokens[:first] + tokens[start + len(wanted) :]
    role = " ".join(role_tokens).strip(" ,")
    role = f"{role}, {country}" if role and country else role or country
    return " ".join(name_tokens).strip(","), role


@lru_cache(maxsize=8)
def load_codes(folder: str) -> tuple[dict, dict]:
    """{people code: (name, role)}, {org code: full name} from the collection's description
    file, read once per worker process; empty when the file is not there."""
    people: dict[str, tuple[str, str]] = {}
    organisations: dict[str, str] = {}
    files = sorted(Path(folder).glob("cat-descriptions*.txt"))
    if not files:
        return people, organisations
    section, country, entry_country, entry = "", "", "", []
    for line in files[0].read_text(encoding="latin-1").splitlines():
        if line.startswith("@heading["):
            section, country, entry = line, "", []
            continue
        if line.startswith("@end"):
            country, entry = "", []
            continue
        if not line.strip() or line.startswith("@"):
            entry = [] if not line.strip() else entry
            continue
        if "People Codes" in section and not line[0].isspace() and "(" not in line:
            country = line.strip()
            continue
        if not entry:  # only indented entries sit under a country heading
            entry_country = country if line[0].isspace() else ""
        entry.append(line.strip())
        match = _CODE_AT_END.search(line)
        if not match:
            continue
        text = _CODE_AT_END.sub("", " ".join(entry)).strip()
        code = match.group(1).lower()
        if "Organization Codes" in section:
            organisations[code] = text
        elif "People Codes" in section:
            people[code] = _person_from_entry(code, text, entry_country)
        entry = []
    return people, organisations


def parse_reuters_record(record: str, origin_path: str, folder: str) -> ParsedArticle:
    def field(name: str) -> str | None:
        match = _FIELD[name].search(record)
        return match.group(1) if match else None

    title = " ".join(_text(field("TITLE") or "").split())
    body = _SIGN_OFF.sub("", _text(field("BODY") or "")).strip()
    if not title:
        raise ParseError("Reuters record has a body but no title")
    # A line that starts indented begins a paragraph; other line breaks are hard wraps.
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n(?=[ \t])", body)]
    body_html = text_blocks_html(("p", p) for p in paragraphs if p.strip())
    try:
        date = (field("DATE") or "").strip()[:20]
        published = datetime.datetime.strptime(date, "%d-%b-%Y %H:%M:%S")
        published = published.replace(tzinfo=datetime.UTC)
    except ValueError:
        published = None
    known_people, known_organisations = load_codes(folder)
    people = []
    for code in dict.fromkeys(_codes(field("PEOPLE"))):
        name, role = known_people.get(code, (code.replace("-", " ").title(), ""))
        short = code.replace("-", " ").title()
        aliases = (short,) if short.casefold() != name.casefold() else ()
        people.append(ParsedPerson(name=name, aliases=aliases, description=role[:255]))
    organisations = []
    for code in dict.fromkeys(_codes(field("ORGS"))):
        acronym = code.upper()
        name = known_organisations.get(code, acronym)
        aliases = (acronym,) if name != acronym else ()
        organisations.append(ParsedOrganisation(name=name, aliases=aliases))
    topics = _codes(field("TOPICS"))
    return ParsedArticle(
        headline=title_case(title, body) if title.isupper() else title,
        body_html=body_html,
        origin_path=origin_path,
        published_at=published,
        source="Reuters",
        section=topics[0][:100] if topics else "",
        language="en",
        people=tuple(people),
        organisations=tuple(organisations),
    )


def iter_reuters_jobs(path: Path):
    """Split the file into records here (cheap, streamed line by line); workers parse them."""
    folder = str(path.parent)
    position, lines = 0, []
    with path.open("rb") as stream:
        for raw in stream:
            position += len(raw)
            line = raw.decode("latin-1")
            if line.startswith("<REUTERS"):
                if lines:  # the previous record never closed
                    yield _unclosed(path, lines), position
                lines = [line]
            elif lines:
                lines.append(line)
            if lines and line.rstrip().endswith("</REUTERS>"):
                record = "".join(lines)
                lines = []
                origin = _origin(path, record)
                if "<BODY>" not in record:
                    yield ParseSkip(origin, "Reuters record without a body"), position
                    continue
                yield Job(parse_reuters_record, (record, origin, folder), origin), position
    if lines:
        yield _unclosed(path, lines), position


def _origin(path: Path, record: str) -> str:
    match = _NEWID.search(record)
    return f"{path}#NEWID={match.group(1) if match else '?'}"


def _unclosed(path: Path, lines: list[str]) -> ParseFailure:
    """A record cut off (a truncated file) is reported, not dropped without a word."""
    return ParseFailure(_origin(path, lines[0]), "truncated: the record has no </REUTERS> end")
