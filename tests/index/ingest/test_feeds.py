"""RSS and Atom feeds: entries become articles with the feed's title as source."""

from __future__ import annotations

from pathlib import Path

from index.models import Article
from tests.index.ingest.helpers import ATOM, RSS, load, write


def test_rss_feed_entries_become_articles(tmp_path: Path) -> None:
    path = write(tmp_path / "wire.rss", RSS)
    articles, report = load(tmp_path)
    storm, nolink = articles
    assert storm.title == "Storm hits coast"
    assert storm.url == "https://wire.example.com/storm"
    assert storm.id == Article.make_id(storm.url, storm.title, storm.text)
    assert storm.source == "Example Wire"
    assert storm.published_at == "2019-06-04T10:00:00+00:00"
    assert storm.text == "A storm hit the coast.\n\nPower was cut."
    assert storm.origin == f"{path}#1"
    assert (nolink.id, nolink.text) == ("wire#2", "Plain summary text.")
    assert report.skipped == [(f"{path}#3", "feed entry has no content or summary")]


def test_atom_feed_with_xml_extension(tmp_path: Path) -> None:
    write(tmp_path / "news.xml", ATOM)
    (article,), _ = load(tmp_path)
    assert article.title == "Vote passes"
    assert article.source == "Atom News"
    assert article.author == "John Doe"
    assert article.published_at == "2024-03-05T09:20:00+00:00"  # 10:20+01:00, in UTC
    assert article.text == "The vote passed.\nNext line."
