"""When a page says its story was published: the day, and the time of day where it gives one.

Trafilatura reads the date with htmldate (`DATE_PARAMS`): from the page's metadata, its
structured data and its <time> elements, then its address, never from its text. News pages
defeat it in a few common ways: the date it finds is a modified date or a copyright year, more
than a day from the day the page's address gives ("/2024/03/05/story", "/2019/nov/18/"); or
it is a day without its time, which the page states in markup htmldate passes over (a <meta>
with fractional seconds, a <time> after the address's day, a JSON-LD date written as e-mail
writes it) or shows its readers in its date line or its byline's date, with a time zone
("09:12 GMT", "9.14pm EST"). `published_at` reads the moment through these; `stated_day`, the
day a line of the page states, serves where neither htmldate nor the address gives one.
"""

import datetime
import re
from email.utils import parsedate_to_datetime

from htmldate.extractors import try_date_expr

# The date the page gives in its markup (metadata, structured data, <time>) or address,
# never a year guessed from the text: "between 2016 and 2020" is not a publication date.
# The page's metadata and JSON-LD are read before its address, which gives only the day:
# "/2024/03/05/story" would otherwise hide the "2024-03-05T14:30:00+01:00" the page states.
DATE_PARAMS = {
    "original_date": True,
    "extensive_search": False,
    "deferred_url_extractor": True,
    "outputformat": "%Y-%m-%dT%H:%M:%S%z",
}
# Month names as addresses write them: "nov", "november" (and "sept").
_MONTHS = {
    name: number
    for number, month in enumerate(
        ("january", "february", "march", "april", "may", "june", "july", "august",
         "september", "october", "november", "december"),
        start=1,
    )
    for name in (month, month[:3])
} | {"sept": 9}  # fmt: skip
# A day in a page's address: "/2024/03/05/", "2024-03-05", or with the month's name, as
# "/2019/nov/18/" (htmldate reads only the digits, so such a day is read here alone).
_ADDRESS_DAY = re.compile(r"\D((?:19|20)\d\d)[/_-]([01]?\d|[A-Za-z]{3,9})[/_-]([0-3]?\d)(?:\D|$)")
# Where a page states its publication moment: the published-time <meta> tags and JSON-LD or
# microdata "datePublished" (a video's "uploadDate"), then <time datetime> elements, in the
# order of the page. htmldate reads the address's day before <time> elements and cannot read
# fractional seconds in a <meta> ("2019-11-18T18:54:53.000Z"), so a day it gives is completed
# with these.
_PUBLISHED_PROPERTY = (
    r"(?:article:published_time|og:published_time|datepublished|published_time|pubdate"
    r"|publishdate|publish[_-]date|dc\.date(?:\.issued)?|dcterms\.(?:created|issued))"
)
# Bytes and lower-case attribute names, as pages write them: a case-blind pattern over a
# whole page costs ten times as much.
_STATED_PUBLISHED = (
    re.compile(
        rb"""<meta\b(?=[^>]*\b(?:property|name|itemprop)\s*=\s*["']?(?i:"""
        + _PUBLISHED_PROPERTY.encode()
        + rb""")["'\s>])[^>]*?\bcontent\s*=\s*["']([^"'<>]{10,40})["']"""
    ),
    re.compile(rb""""(?:datePublished|uploadDate)"\s*:\s*"([^"<>]{10,40})["]"""),
    re.compile(
        rb"""itemprop\s*=\s*["']datePublished["'][^>]*?(?:\bdatetime\s*=\s*["']([^"'<>]{10,40})"""
        rb"""|>\s*(\d{4}-\d\d-\d\d[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)\s*<)"""
    ),
)
_TIME_OF_DAY = re.compile(r"\d[T ]\d\d:\d\d")
# A time of day as a page shows it to its readers, with the time zone that makes it a moment:
# "09:12 GMT", "9.14pm EST", "09:12 AM IST", "10:20 GMT+4" (`_shown_moment`). A time without a
# zone names no moment. A zone's letters name several in places ("IST", "CST"): the one
# English-language news sites mean by them.
_SHOWN_TIME = re.compile(
    r"\b(\d{1,2})[:.](\d\d)(?:\s*([AaPp])\.?[Mm]\.?)?\s*"
    r"(?:(?:GMT|UTC)\s*([+-])(\d{1,2})(?::?(\d\d))?|\(?([A-Z]{2,4})\)?)(?![\w+-])"
)
_TIME_ZONES = {
    "GMT": 0, "UTC": 0, "BST": 60, "WET": 0, "WEST": 60, "CET": 60, "CEST": 120, "EET": 120,
    "EEST": 180, "WAT": 60, "CAT": 120, "SAST": 120, "EAT": 180, "IST": 330, "PKT": 300,
    "SGT": 480, "HKT": 480, "JST": 540, "KST": 540, "AWST": 480, "ACST": 570, "ACDT": 630,
    "AEST": 600, "AEDT": 660, "NZST": 720, "NZDT": 780, "EST": -300, "EDT": -240, "CST": -360,
    "CDT": -300, "MST": -420, "MDT": -360, "PST": -480, "PDT": -420,
}  # fmt: skip
_UPDATED = re.compile(r"\W*(?:last\s+)?(?:updated|modified)\b", re.IGNORECASE)
# React writes the attribute "dateTime" (JSX's name for it), which HTML reads as "datetime".
_STATED_TIME = re.compile(
    rb"""<time\b(?![^>]*(?:modif|updat))[^>]*?\bdate[tT]ime\s*=\s*["']([^"'<>]{10,40})["']"""
)

_EARLIEST_DAY = datetime.datetime(1995, 1, 1)  # htmldate's: before it, a number is no date


def _address_day(address: str | None) -> datetime.date | None:
    match = _ADDRESS_DAY.search(address or "")
    if match is None:
        return None
    year, month, day = match.groups()
    if not month.isdigit():
        month = _MONTHS.get(month.casefold())
        if month is None:  # "/2019/news/18/": a word, not a month
            return None
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:  # "/2024/13/45/": digits, not a day
        return None


def _moment(value: str | None) -> datetime.datetime | None:
    """An ISO 8601 date or moment, in UTC when it names no time zone."""
    try:
        moment = datetime.datetime.fromisoformat(value.strip()) if value else None
    except ValueError:
        return None
    if moment is not None and not moment.tzinfo:
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment


def _mail_moment(value: str) -> datetime.datetime | None:
    """A moment written as e-mail and RSS write them, which some JSON-LD copies: "19 Nov
    2019 07:09 GMT"; in UTC when it names no time zone."""
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


def _is_bare_day(value: str | None) -> bool:
    """Whether htmldate gave a day without a time: what it reads from an address or a date
    written without one, which it prints as midnight with no time zone."""
    return bool(value) and value.endswith("T00:00:00")


def _stated_moment(data: bytes, day: datetime.date) -> datetime.datetime | None:
    """The publication moment the page states in its markup for `day` (or the day either
    side: the same moment in another time zone), for its time of day."""
    published = sorted(
        (match for pattern in _STATED_PUBLISHED for match in pattern.finditer(data)),
        key=re.Match.start,
    )
    for match in [*published, *_STATED_TIME.finditer(data)]:
        value = next(group for group in match.groups() if group).decode("ascii", "replace")
        if not _TIME_OF_DAY.search(value):
            continue  # a day alone adds nothing to the day
        moment = _moment(value) or _mail_moment(value)
        if moment is not None and abs((moment.date() - day).days) <= 1:
            return moment
    return None


def _shown_moment(lines: tuple[str, ...], day: datetime.date) -> datetime.datetime | None:
    """The publication moment a line the page shows its readers states for `day` (its date
    line, its byline's date) with a time of day and a time zone (`_SHOWN_TIME`), or None. A
    line stating when the story was updated gives no publication time."""
    for line in lines:
        shown = _SHOWN_TIME.search(line) if line and not _UPDATED.match(line) else None
        if shown is None:
            continue
        hour, minute, half, sign, offset_hours, offset_minutes, zone = shown.groups()
        hour, minute = int(hour), int(minute)
        if half:
            hour = hour % 12 + (12 if half in "pP" else 0)
        if sign:
            offset = int(sign + "1") * (int(offset_hours) * 60 + int(offset_minutes or 0))
        else:
            offset = _TIME_ZONES.get(zone)
        stated = stated_day(line)
        if offset is None or hour > 23 or minute > 59 or stated is None or stated.date() != day:
            continue
        zone = datetime.timezone(datetime.timedelta(minutes=offset))
        return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=zone)
    return None


def _only_in_footer(data: bytes, value: str) -> bool:
    """Whether the page writes the day htmldate read only in a <time> of its footer, after
    the story (a last <footer> with no </article> after it): the copyright year set as one
    ("&copy; <time datetime="2024-01-01">2024</time>"), not the story's date, on a page that
    shows only how long ago it was published ("Published 4 hours ago"). A day a script's
    data writes after the footer is the page's own."""
    footer = data.rfind(b"<footer")
    if footer < 0 or data.find(b"</article", footer) >= 0:
        return False
    first = data.find(value[:10].encode("ascii", "replace"))
    time = data.rfind(b"<time", footer, first)
    return first > footer and time >= 0 and data.find(b">", time, first) < 0


def published_at(
    value: str | None, address: str | None, data: bytes = b"", shown: tuple[str, ...] = ()
) -> datetime.datetime | None:
    """The date htmldate read, unless it is more than a day from the day in the page's address.
    Metadata is read first because it gives the time of day; a date a day away is the same
    moment seen from another time zone, but one further off is not the publication (a
    modified date, a copyright year), and the address's day is the better guess; a day the
    page writes only in its footer is no publication date at all (`_only_in_footer`). A day
    without a time takes it from a moment the page states for that day in its markup
    (`_stated_moment`) or in the lines `shown` to its readers (`_shown_moment`)."""
    moment = _moment(value)
    day = _address_day(address)
    if day is not None and (moment is None or abs((moment.date() - day).days) > 1):
        return (
            _stated_moment(data, day)
            or _shown_moment(shown, day)
            or datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC)
        )
    if moment is not None and day is None and _only_in_footer(data, value):
        return None
    if moment is not None and _is_bare_day(value):
        return _stated_moment(data, moment.date()) or _shown_moment(shown, moment.date()) or moment
    return moment


def stated_day(text: str) -> datetime.datetime | None:
    """The day a line of the page states ("Posted: Tuesday, March 5, 2024 9:14 pm"), read as
    htmldate reads dates in markup, at midnight UTC."""
    if not text:
        return None
    day = try_date_expr(text, "%Y-%m-%d", False, _EARLIEST_DAY, datetime.datetime.now())
    return _moment(day)
