"""Dates: every spelling a source writes to ISO 8601, or None."""

from __future__ import annotations

import pytest

from index.ingest import normalize_date


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
