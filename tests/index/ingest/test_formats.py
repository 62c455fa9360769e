"""Which reader a file gets: by extension, by sniffing its content, or none (skipped)."""

from __future__ import annotations

from pathlib import Path

from index.ingest import IngestReport, read_file
from tests.index.ingest.helpers import ATOM, RSS, load, write


def test_feed_is_recognised_by_content_whatever_its_extension(tmp_path: Path) -> None:
    write(tmp_path / "download.cgi", RSS)
    write(tmp_path / "feed", ATOM)
    articles, _ = load(tmp_path)
    assert [a.title for a in articles] == ["Storm hits coast", "No link here", "Vote passes"]


def test_xml_that_is_not_a_feed_is_skipped(tmp_path: Path) -> None:
    path = write(tmp_path / "sitemap.xml", '<?xml version="1.0"?><urlset><url/></urlset>')
    articles, report = load(tmp_path)
    assert articles == []
    assert report.skipped[0][0] == str(path) and "not an RSS or Atom feed" in report.skipped[0][1]


def test_unknown_extension_is_skipped_with_a_reason(tmp_path: Path) -> None:
    path = write(tmp_path / "notes.docx.bak", "Some text.")
    articles, report = load(tmp_path)
    assert articles == []
    assert report.skipped == [(str(path), report.skipped[0][1])]
    assert "unsupported file type" in report.skipped[0][1] and ".bak" in report.skipped[0][1]


def test_directory_named_like_a_file_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.mkdir()
    report = IngestReport()
    assert read_file(path, tmp_path, report) == []
    assert report.skipped[0][0] == str(path) and report.skipped[0][1].startswith("unreadable")
