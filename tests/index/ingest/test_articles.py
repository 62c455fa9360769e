"""Building an Article: text left empty by cleaning is skipped."""

from __future__ import annotations

from pathlib import Path

from tests.index.ingest.helpers import jsonl, load, write


def test_text_left_empty_by_cleaning_is_skipped(tmp_path: Path) -> None:
    write(
        tmp_path / "a.jsonl",
        jsonl({"id": "junk", "title": "T", "text": "Advertisement\n\nShare this"}),
    )
    articles, report = load(tmp_path)
    assert articles == [] and "boilerplate" in report.skipped[0][1]
