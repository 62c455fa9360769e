"""Time words of a question become a period or a recency preference relative to "now"."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bot.question import parse_question
from bot.timeframe import parse_time

NOW = datetime(2026, 3, 15, 18, 30)  # a Sunday
# Calendar names ("in March", "since 2019") stay in the search: articles about the event say
# them. Relative words ("this week", "yesterday") are left out.
SAME = None


@pytest.mark.parametrize(
    ("question", "period", "rest"),
    [
        ("What happened today?", (date(2026, 3, 15), date(2026, 3, 15)), "What happened?"),
        ("What happened yesterday?", (date(2026, 3, 14), date(2026, 3, 14)), "What happened?"),
        ("What did Peskov say this week?", (date(2026, 3, 9), NOW.date()), "What did Peskov say?"),
        ("What happened last week?", (date(2026, 3, 2), date(2026, 3, 8)), "What happened?"),
        ("Gaza news last month", (date(2026, 2, 1), date(2026, 2, 28)), "Gaza news"),
        # The most recent March not after now: this one, up to today.
        ("What did the Fed do in March?", (date(2026, 3, 1), NOW.date()), SAME),
        # April has not come yet this year: last year's.
        (
            "What did the Fed do in April?",
            (date(2025, 4, 1), date(2025, 4, 30)),
            SAME,
        ),
        ("Votes in March 2024", (date(2024, 3, 1), date(2024, 3, 31)), SAME),
        ("Strikes since 2019", (date(2019, 1, 1), None), SAME),
        ("Strikes before 2020", (None, date(2019, 12, 31)), SAME),
        ("Who won in 2024?", (date(2024, 1, 1), date(2024, 12, 31)), SAME),
        ("What happened on March 3, 2025?", (date(2025, 3, 3), date(2025, 3, 3)), SAME),
        ("Floods in the past 3 days", (date(2026, 3, 13), NOW.date()), "Floods"),
        ("Turkeys raised this year", (date(2026, 1, 1), NOW.date()), "Turkeys raised"),
    ],
)
def test_a_named_period_becomes_dates_relative_to_now(
    question: str, period: tuple[date | None, date | None], rest: str
) -> None:
    frame, timeless = parse_time(question, NOW)
    assert (frame.date_from, frame.date_to) == period
    assert frame.period and timeless == (question if rest is SAME else rest)


@pytest.mark.parametrize(
    ("question", "newest_first", "rest"),
    [
        ("What's new about the strike?", True, "the strike?"),
        ("What is the latest on the strike?", True, "the strike?"),
        ("Latest news about Venezuela", True, "Venezuela"),
        ("Who recently gave his final performance?", False, "Who gave his final performance?"),
    ],
)
def test_latest_and_recently_prefer_recent_articles_without_a_period(
    question: str, newest_first: bool, rest: str
) -> None:
    frame, timeless = parse_time(question, NOW)
    assert frame.recent and not frame.period
    assert frame.newest_first is newest_first
    assert timeless == rest


@pytest.mark.parametrize(
    "question",
    [
        "Which country may soon no longer be classified as measles-free?",  # "may" is a verb
        "Who led the march on Washington?",
        "What is the name of the 2025 word of the year?",
    ],
)
def test_words_that_only_look_like_time_are_not_time(question: str) -> None:
    frame, timeless = parse_time(question, NOW)
    assert not frame.period and not frame.recent
    assert timeless == question


def test_without_now_no_period_is_placed() -> None:
    frame, timeless = parse_time("What did Peskov say this week?", None)
    assert not frame.period
    assert timeless == "What did Peskov say this week?"


def test_time_words_are_not_searched_for_nor_counted_as_content() -> None:
    q = parse_question("What did Peskov say about Venezuela this week?", now=NOW)
    assert q.kind == "speaker" and q.speaker == "Peskov" and q.topic == "Venezuela"
    assert "week" not in q.search_text
    assert q.time.date_from == date(2026, 3, 9)
    for question in ("What's the latest on Venezuela?", "What happened today in Venezuela?"):
        asked = parse_question(question, now=NOW)
        assert asked.keywords == ("venezuela",), question


def test_relative_time_words_stay_in_the_words_bm25_matches():
    """A report written that week says "this week": the embedding is not shown the words (they
    would make any article saying them look relevant), but BM25 still matches them."""
    q = parse_question("What did Peskov say about Venezuela this week?", now=NOW)
    assert "week" not in q.search_text
    assert q.lexical_text == f"{q.search_text} this week"
    # A calendar name stays in the search text itself: nothing to add.
    march = parse_question("What did the Fed do in March?", now=NOW)
    assert march.lexical_text == march.search_text == "What did the Fed do in March?"
    # Without a "now" the words were never taken out.
    unplaced = parse_question("What did Peskov say this week?")
    assert unplaced.lexical_text == unplaced.search_text == "What did Peskov say this week?"
