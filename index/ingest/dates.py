"""Dates: whatever a source writes (ISO, RSS, prose, epoch seconds) to ISO 8601 in UTC, or None;
and the publication date an article's text states (a site's stamp, a wire dateline)."""

from __future__ import annotations

import email.utils
import re
from datetime import UTC, date, datetime

from dateutil import parser as date_parser
from dateutil import tz

_HAS_TIME = re.compile(r"\d{1,2}:\d{2}")
_HAS_YEAR = re.compile(r"(?<!\d)(?:1[89]|2[01])\d{2}(?!\d)")


def normalize_date(value: object) -> str | None:
    """ISO `YYYY-MM-DD`, or a full ISO datetime when a time is known; None if unparseable."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return _utc(value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float) and not isinstance(value, bool):
        seconds = value / 1000 if value > 1e11 else value  # epoch milliseconds, as JS writes
        try:
            return datetime.fromtimestamp(seconds, tz=UTC).isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    if not text or not _HAS_YEAR.search(text):
        return None  # "Monday" or "June 3" would be resolved against today: not a date
    parsed = _parse_datetime(text)
    if parsed is None or not 1800 <= parsed.year <= 2200:
        return None
    if _HAS_TIME.search(text):
        return _utc(parsed).isoformat()
    return parsed.date().isoformat()


def _utc(moment: datetime) -> datetime:
    """An aware time in UTC; a naive one (its zone unknown) as written."""
    return moment.astimezone(UTC) if moment.tzinfo is not None else moment


def _parse_datetime(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text)  # RSS: "Tue, 04 Jun 2019 10:00:00 GMT"
    except (TypeError, ValueError, IndexError):
        pass
    # Parse twice with different defaults: a field that changes was missing from the text, and a
    # date without its day is not a date we can state.
    try:
        a = date_parser.parse(text, default=datetime(2000, 1, 1))
        b = date_parser.parse(text, default=datetime(2001, 2, 2))
    except (ValueError, OverflowError):
        return None
    if (a.year, a.month, a.day) != (b.year, b.month, b.day):
        return None
    return a


# -- dates written in an article's text ------------------------------------------------------

# Only the head of an article is searched: a date further down is about something else.
HEAD_CHARS = 400
# US zone abbreviations a news site's timestamp carries; "ET" follows the New York clock.
_NEW_YORK = tz.gettz("America/New_York")
_CHICAGO = tz.gettz("America/Chicago")
_LOS_ANGELES = tz.gettz("America/Los_Angeles")
_ZONES: dict[str, object] = {
    "UTC": UTC, "GMT": UTC, "Z": UTC,
    "ET": _NEW_YORK, "EST": -5 * 3600, "EDT": -4 * 3600,
    "CT": _CHICAGO, "CST": -6 * 3600, "CDT": -5 * 3600,
    "PT": _LOS_ANGELES, "PST": -8 * 3600, "PDT": -7 * 3600,
    "BST": 1 * 3600, "CET": 1 * 3600, "CEST": 2 * 3600,
}  # fmt: skip
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_YEAR = r"(?:19|20)\d\d"
_CLOCK = r"\d{1,2}:\d{2}\s*(?:[ap]\.?\s?m\.?)?(?:\s*(?:" + "|".join(_ZONES) + r")\b)?"
_WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?"
# "March 3, 2025", "3 March 2025", optionally with a clock before or after it.
_DAY = rf"(?:{_MONTH}\s+\d{{1,2}},?\s+{_YEAR}|\d{{1,2}}\s+{_MONTH}\s+{_YEAR})"
_STAMP_DATE = rf"(?:{_CLOCK},?\s+)?{_WEEKDAY}{_DAY}(?:,?\s+(?:at\s+)?{_CLOCK})?"
# "Published 10:02 AM EST, Tue March 3, 2025", "Posted: March 3, 2025": the publication stamp.
_PUBLISHED = re.compile(rf"\b(?:Published|Posted)(?:\s+on)?:?\s+(?P<when>{_STAMP_DATE})", re.I)
# A line that starts with a date ("Oct. 23, 2025 Updated Oct. 24, ..."): the page's own date.
_LEADING = re.compile(rf"^\s*(?P<when>{_STAMP_DATE})", re.I | re.M)
# "Updated March 3, 2025": only when the page says nothing else.
_UPDATED = re.compile(rf"\bUpdated(?:\s+on)?:?\s+(?P<when>{_STAMP_DATE})", re.I)
# A wire dateline: "WASHINGTON, March 3 (Reuters) -", "LONDON, March 3, 2025 (AP) —".
_DATELINE = re.compile(
    rf"^\s*[A-Z][A-Z .'’-]+(?:,\s*[A-Z][A-Za-z .]+)?,\s*(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})"
    rf"(?:,\s*(?P<year>{_YEAR}))?\s*\([^)\n]{{2,40}}\)\s*[-–—]",
    re.M,
)
# A date in the URL's path: /2025/03/03/ or /2025-03-03/.
_URL_DATE = re.compile(r"/(?P<y>(?:19|20)\d\d)[/-](?P<m>\d{1,2})[/-](?P<d>\d{1,2})(?=[/-]|$)")
_ANY_YEAR = re.compile(rf"(?<!\d){_YEAR}(?!\d)")


def date_from_text(text: str, url: str | None = None) -> str | None:
    """The publication date an article's own text (or URL) states, in UTC; None when neither
    does. A wire dateline without its year ("WASHINGTON, March 3 (Reuters) -") takes the year
    from the URL or from a year written in the article's head, else it is not a date."""
    head = text[:HEAD_CHARS]
    for pattern in (_PUBLISHED, _LEADING, _UPDATED):
        match = pattern.search(head)
        if match:
            stamp = _parse_stamp(match.group("when"))
            if stamp is not None:
                return stamp
    from_url = _url_date(url)
    match = _DATELINE.search(head)
    if match:
        year = match.group("year") or (from_url[:4] if from_url else None)
        if year is None:
            years = _ANY_YEAR.findall(head)
            year = years[0] if len(set(years)) == 1 else None
        if year is not None:
            found = normalize_date(f"{match.group('month')} {match.group('day')} {year}")
            if found is not None:
                return found
    return from_url


def _parse_stamp(when: str) -> str | None:
    """A news site's stamp to ISO: UTC when it gives a time and a zone, else the date."""
    cleaned = re.sub(r"\b([ap])\.\s?m\.", r"\1m", when, flags=re.I)
    try:
        parsed = date_parser.parse(cleaned, tzinfos=_ZONES, fuzzy=True)
    except (ValueError, OverflowError):
        return None
    if not 1800 <= parsed.year <= 2200:
        return None
    if parsed.tzinfo is not None and _HAS_TIME.search(when):
        return parsed.astimezone(UTC).isoformat()
    return parsed.date().isoformat()


def _url_date(url: str | None) -> str | None:
    match = _URL_DATE.search(url or "")
    if match is None:
        return None
    try:
        return date(int(match["y"]), int(match["m"]), int(match["d"])).isoformat()
    except ValueError:
        return None
