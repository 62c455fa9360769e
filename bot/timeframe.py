"""Time in a question: "today", "this week", "in March", "since 2019", "latest", "what's new".

A question's time words become a `TimeFrame` relative to "now" (the message's timestamp on
Discord, `--as-of` on the command line): a period whose articles are preferred, or a preference
for recent ones. Relative words ("this week", "yesterday") are taken out of the text the
embedding searches, so that they do not make any article saying them look relevant; BM25 still
matches them (`with_period_words`), since a report written that week says "this week".
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from index.errors import QueryError

MONTH_NAMES = {
    name.lower(): n
    for n in range(1, 13)
    for name in (calendar.month_name[n], calendar.month_abbr[n], "sept" if n == 9 else "")
    if name
}
# Capitalised only: "may" and "march" are also words ("which country may soon ...").
_MONTH = (
    r"(?-i:(?P<month>"
    + "|".join(sorted((m.capitalize() for m in MONTH_NAMES), key=len, reverse=True))
    + r"))\.?"
)
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_UNITS = {"day": 1, "week": 7, "month": 30, "year": 365}
_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ten": 10}

# "what's new about X", "the latest on X", "latest news about X": newest developments first.
_WHATS_NEW = re.compile(
    r"^\W*(?:what(?:'s|’s|\s+is)\s+new|(?:what(?:'s|’s|\s+is|\s+are)\s+)?(?:the\s+)?"
    r"(?:latest|newest|most\s+recent)(?:\s+news|\s+developments?|\s+updates?)?)"
    r"(?:\s+(?:about|on|in|with|regarding|for))?\b",
    re.IGNORECASE,
)
_RECENT = re.compile(
    r"\b(?:recently|recent|latest|newest|lately|these\s+days|right\s+now|currently)\b", re.I
)


@dataclass(frozen=True)
class TimeFrame:
    """What a question says about time: a period (either end may be open) and whether it
    prefers recent articles or asks for the newest developments first."""

    date_from: date | None = None
    date_to: date | None = None
    recent: bool = False  # "latest", "recently": newer articles rank a little higher
    newest_first: bool = False  # "what's new about X": list developments, newest first
    phrase: str | None = None  # the words that named the period, as asked ("this week")

    @property
    def period(self) -> bool:
        return self.date_from is not None or self.date_to is not None

    def describe(self) -> str:
        """The period in words for an answer ("since 2019-01-01", "2025-03-01 to 2025-03-31")."""
        if self.date_from and self.date_to:
            if self.date_from == self.date_to:
                return f"on {self.date_from}"
            return f"from {self.date_from} to {self.date_to}"
        if self.date_from:
            return f"since {self.date_from}"
        if self.date_to:
            return f"up to {self.date_to}"
        return "recently"


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _last_month_named(month: int, today: date, year: int | None) -> tuple[date, date]:
    """The named month: in `year`, else the most recent one not after today."""
    if year is None:
        year = today.year if month <= today.month else today.year - 1
    return date(year, month, 1), _month_end(year, month)


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS.get(word.lower(), 1)


Period = tuple[date | None, date | None]  # from, to; None is open
# A rule: a pattern, the period its match names relative to today, and whether its words are
# content too. A calendar name ("in January", "in 1924", "February 1") is what articles about
# the event say, so it stays in the search; "this week" or "yesterday" is not, so it goes.
Rule = tuple[str, Callable[[re.Match[str]], Period], bool]


def _rules(today: date) -> list[Rule]:
    week_ago = today - timedelta(days=6)
    first = today.replace(day=1)
    prev_month_end = first - timedelta(days=1)

    def since(m: re.Match[str]) -> Period:
        if m["month"]:
            start, _ = _last_month_named(MONTH_NAMES[m["month"].lower()], today, _int(m["year"]))
            return start, None
        return date(int(m["only_year"]), 1, 1), None

    def before(m: re.Match[str]) -> Period:
        if m["month"]:
            start, _ = _last_month_named(MONTH_NAMES[m["month"].lower()], today, _int(m["year"]))
            return None, start - timedelta(days=1)
        return None, date(int(m["only_year"]) - 1, 12, 31)

    def in_month(m: re.Match[str]) -> Period:
        return _last_month_named(MONTH_NAMES[m["month"].lower()], today, _int(m["year"]))

    def on_day(m: re.Match[str]) -> Period:
        month, day = MONTH_NAMES[m["month"].lower()], int(m["day"])
        year = _int(m["year"])
        if year is None:  # the most recent such day not after today
            year = today.year if (month, day) <= (today.month, today.day) else today.year - 1
        try:
            d = date(year, month, day)
        except ValueError:
            return None, None
        return d, d

    def past(m: re.Match[str]) -> Period:
        days = _count(m["n"] or "1") * _UNITS[m["unit"].lower()]
        return today - timedelta(days=days - 1 if m["unit"].lower() == "day" else days), today

    def in_year(m: re.Match[str]) -> Period:
        return date(int(m["year"]), 1, 1), date(int(m["year"]), 12, 31)

    def fixed(start: date, end: date) -> Callable[[re.Match[str]], Period]:
        return lambda m: (start, end)

    month_or_year = rf"(?:{_MONTH}(?:\s+{_YEAR})?|(?P<only_year>(?:19|20)\d\d))"
    return [
        (rf"\b(?:since|after)\s+(?:the\s+start\s+of\s+)?{month_or_year}\b", since, True),
        (rf"\bbefore\s+{month_or_year}\b", before, True),
        (
            rf"\b(?:on\s+)?{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+{_YEAR})?\b",
            on_day,
            True,
        ),
        (rf"\b(?:in|during|from)\s+{_MONTH}(?:\s+{_YEAR})?\b", in_month, True),
        (rf"\b(?:in|during|from)\s+{_YEAR}\b", in_year, True),
        (
            r"\b(?:in\s+|over\s+|during\s+)?the\s+(?:past|last)\s+(?:(?P<n>\d+|a|one|two|three|"
            r"four|five|six|ten)\s+)?(?P<unit>day|week|month|year)s?\b",
            past,
            False,
        ),
        (
            r"\btoday\b|\bthis\s+(?:morning|afternoon|evening)\b|\btonight\b",
            fixed(today, today),
            False,
        ),
        (r"\byesterday\b", fixed(today - timedelta(days=1), today - timedelta(days=1)), False),
        (r"\bthis\s+week\b", fixed(week_ago, today), False),
        (
            r"\blast\s+week\b",
            fixed(today - timedelta(days=13), week_ago - timedelta(days=1)),
            False,
        ),
        (r"\bthis\s+month\b", fixed(first, today), False),
        (r"\blast\s+month\b", fixed(prev_month_end.replace(day=1), prev_month_end), False),
        (r"\bthis\s+year\b", fixed(date(today.year, 1, 1), today), False),
        (
            r"\blast\s+year\b",
            fixed(date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)),
            False,
        ),
    ]


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def parse_time(text: str, now: datetime | date | None) -> tuple[TimeFrame, str]:
    """The question's time frame relative to `now`, and the question without its time words.

    Without `now` no period can be placed: only "latest"/"what's new" are understood.
    """
    frame = TimeFrame()
    rest = text
    whats_new = _WHATS_NEW.match(rest)
    if whats_new:
        frame = TimeFrame(recent=True, newest_first=True)
        rest = rest[whats_new.end() :]
    elif _RECENT.search(rest):
        frame = TimeFrame(recent=True)
    rest = _RECENT.sub(" ", rest)
    if now is not None:
        today = now.date() if isinstance(now, datetime) else now
        for pattern, period, content in _rules(today):
            match = re.search(pattern, rest, re.IGNORECASE)
            if match is None:
                continue
            start, end = period(match)
            if start is None and end is None:
                continue
            if end is not None and end > today:
                end = today  # a period never reaches past now
            frame = TimeFrame(start, end, frame.recent, frame.newest_first, match.group(0).strip())
            if not content:
                rest = rest[: match.start()] + " " + rest[match.end() :]
            break
    rest = re.sub(r"\s+([?.!,])", r"\1", " ".join(rest.split())).strip(" ,")
    return frame, rest or text


def with_period_words(text: str, frame: TimeFrame) -> str:
    """`text` with the words that named `frame`'s period put back when `parse_time` took them
    out: the words BM25 matches. Measured on realtimeqa tune (docs/benchmarks.md, "Time"):
    keeping them for BM25 only raised MRR@10; in the embedding's text too lost a question."""
    phrase = frame.phrase
    if not phrase or phrase.lower() in text.lower():
        return text
    return f"{text} {phrase}"


def parse_since(value: str, now: datetime | date) -> date:
    """The first day of `since`: a date (2025-03-01), a year (2019), a month (March, the most
    recent one) or a period ("last week"); QueryError saying what is understood otherwise."""
    text = " ".join(value.split())
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    phrase = (
        text if re.match(r"(?i)^(?:this|last|the|today|yesterday)\b", text) else f"since {text}"
    )
    frame, _ = parse_time(phrase, now)
    if frame.date_from is None:
        raise QueryError(
            f"“{text}” is not a start date I understand: give a date like 2025-03-01, a year "
            "like 2019, a month like March, or “last week”."
        )
    return frame.date_from
