"""Dates: every spelling a source writes to ISO 8601, or None."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.ingest import date_from_text, normalize_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-06-04", "2019-06-04"),
        ("2019-06-04T10:00:00Z", "2019-06-04T10:00:00+00:00"),
        ("2019-06-04 10:00", "2019-06-04T10:00:00"),
        ("Tue, 04 Jun 2019 10:00:00 GMT", "2019-06-04T10:00:00+00:00"),
        ("June 4, 2019", "2019-06-04"),
        ("4 June 2019", "2019-06-04"),
        ("Jun. 4, 2019, 8:13 a.m.", "2019-06-04T08:13:00"),
        (1559642400, "2019-06-04T10:00:00+00:00"),
        ("June 2019", None),
        ("Monday", None),
        ("yesterday", None),
        ("not a date 2019", None),
        ("", None),
        (None, None),
    ],
)
def test_dates_are_normalised_to_iso(value: object, expected: str | None) -> None:
    assert normalize_date(value) == expected


def test_a_time_with_its_zone_is_stored_in_utc() -> None:
    assert normalize_date("2019-06-04T10:00:00+02:00") == "2019-06-04T08:00:00+00:00"
    assert normalize_date("Tue, 04 Jun 2019 10:00:00 -0400") == "2019-06-04T14:00:00+00:00"


@pytest.mark.parametrize(
    ("text", "url", "expected"),
    [
        # A site's publication stamp, its zone turned into UTC (EST is UTC-5).
        (
            "Published 10:02 AM EST, Tue March 3, 2025\n\nThe Senate voted on Tuesday ...",
            None,
            "2025-03-03T15:02:00+00:00",
        ),
        # "ET" follows New York's clock: daylight saving time in July (UTC-4).
        ("Posted: July 4, 2025, 9:30 a.m. ET\n\nFireworks ...", None, "2025-07-04T13:30:00+00:00"),
        # The leading date line of a scraped page wins over its "Updated" stamp.
        ("Oct. 23, 2025 Updated Oct. 24, 2025, 8:13 a.m. ET\n\nMelissa ...", None, "2025-10-23"),
        ("Updated Oct. 24, 2025, 8:13 a.m. ET\n\nMelissa ...", None, "2025-10-24T12:13:00+00:00"),
        # A wire dateline: the year from the URL, or from the only year in the head.
        (
            "WASHINGTON, March 3 (Reuters) - The Senate voted ...",
            "https://example.com/world/2025/03/03/senate-vote/",
            "2025-03-03",
        ),
        ("WASHINGTON, March 3 (Reuters) - Sales in 2024 rose ...", None, "2024-03-03"),
        ("LONDON, March 3, 2025 (AP) — Rain ...", None, "2025-03-03"),
        ("https://x", "https://news.example/2025/3/9/story", "2025-03-09"),
    ],
)
def test_the_date_an_articles_text_states_is_found(
    text: str, url: str | None, expected: str
) -> None:
    assert date_from_text(text, url) == expected


@pytest.mark.parametrize(
    "text",
    [
        "WASHINGTON, March 3 (Reuters) - The Senate voted on Tuesday.",  # no year anywhere
        "WASHINGTON, March 3 (Reuters) - In 2019 and 2021 the vote ...",  # which year?
        "The talks resumed on Monday.",
        "A long story. " * 40 + "Published March 3, 2025",  # far from the head: not the stamp
    ],
)
def test_an_article_whose_text_states_no_date_stays_undated(text: str) -> None:
    assert date_from_text(text) is None


def test_an_undated_article_is_never_given_todays_date(tmp_path: Path) -> None:
    from index.ingest import IngestReport
    from index.ingest.json_records import read_jsonl

    lines = [
        {"title": "Dated by its field", "text": "Body one.", "date": "2024-01-02"},
        {"title": "Dated by its dateline", "text": "PARIS, May 5, 2023 (AFP) - Body two."},
        {"title": "Undated", "text": "Body three has no date at all."},
    ]
    raw = "\n".join(json.dumps(line) for line in lines)
    articles = read_jsonl(tmp_path / "a.jsonl", tmp_path, raw, IngestReport())
    assert [a.published_at for a in articles] == ["2024-01-02", "2023-05-05", None]
