"""The ingest report: its summary line, and skips logged as warnings."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from tests.index.ingest.helpers import BODY, load, write


def test_summary_counts_and_names_skips(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", f"T\n\n{BODY}")
    write(tmp_path / "b.txt", f"T2\n\n{BODY}")
    write(tmp_path / "c.pdf", b"%PDF-1.4 ...")
    _, report = load(tmp_path)
    summary = report.summary()
    assert summary.startswith("ingested 1 article from 3 files; 1 duplicate dropped; 1 skipped")
    assert "c.pdf (binary file (PDF document)" in summary


def test_skip_is_logged_as_a_warning_naming_the_file(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = write(tmp_path / "blob.txt", b"\x00\x01\x02\x03" * 50)
    with caplog.at_level(logging.WARNING, logger="index.ingest"):
        load(tmp_path)
    assert any(str(path) in r.getMessage() and r.levelno == logging.WARNING for r in caplog.records)
