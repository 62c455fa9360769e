"""Dates: whatever a source writes (ISO, RSS, prose, epoch seconds) to ISO 8601, or None."""

from __future__ import annotations

import email.utils
import re
from datetime import UTC, date, datetime

from dateutil import parser as date_parser

_HAS_TIME = re.compile(r"\d{1,2}:\d{2}")
_HAS_YEAR = re.compile(r"(?<!\d)(?:1[89]|2[01])\d{2}(?!\d)")


def normalize_date(value: object) -> str | None:
    """ISO `YYYY-MM-DD`, or a full ISO datetime when a time is known; None if unparseable."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.isoformat()
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
        return parsed.isoformat()
    return parsed.date().isoformat()


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
