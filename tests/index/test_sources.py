"""Named sources (index/sources.py and the [[sources]] tables of index/config.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bot.settings import parse_settings
from index.errors import ConfigError
from index.library import Library
from index.sources import add_source, configured_sources, remove_source, sources_file
from tests.fakes import FakeEmbedder
from tests.feed_server import FeedServer, Route, rss


def settings_with(tmp_path: Path, **raw: Any) -> Any:
    return parse_settings({"data": {"dir": str(tmp_path / "data")}} | raw, base_dir=tmp_path)


def test_corpus_sources_still_work_as_unnamed_entries(tmp_path: Path) -> None:
    settings = settings_with(tmp_path, corpus={"sources": ["news", "https://x.example/rss"]})

    found = configured_sources(settings)

    assert [(s.name, s.kind) for s in found] == [
        ("news", "files"),
        ("https://x.example/rss", "feed"),
    ]
    assert found[0].location == str(tmp_path / "news") and found[0].keep_days == 0
    assert found[1].keep_days == 30  # a feed's default retention


def test_named_sources_replace_the_default_corpus_unless_it_is_written(tmp_path: Path) -> None:
    named = [{"name": "wire", "feed": "https://x.example/rss", "keep_days": 7}]
    alone = configured_sources(settings_with(tmp_path, sources=named))
    both = configured_sources(settings_with(tmp_path, sources=named, corpus={"sources": ["a"]}))

    assert [s.name for s in alone] == ["wire"] and alone[0].keep_days == 7
    assert [s.name for s in both] == ["a", "wire"]


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"name": "x", "path": "a", "colour": 1}, r"unknown setting \[\[sources\]\] #1.colour"),
        ({"name": "x"}, "exactly one of path"),
        ({"name": "", "path": "a"}, r"\[\[sources\]\] #1.name must be"),
        ({"name": "x", "feed": "https://a", "interval_minutes": 0}, "interval_minutes must be"),
        ({"name": "x", "path": "a", "keep_days": -1}, "keep_days must be 0 or more"),
        ({"name": "x", "path": 3}, r"\[\[sources\]\] #1.path must be a string"),
        ({"name": "x", "feed": "file:///etc/passwd"}, "http:// or https:// URL"),
    ],
)
def test_every_source_key_is_checked(tmp_path: Path, entry: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        settings_with(tmp_path, sources=[entry])


def test_a_name_used_twice_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="'news' is used twice"):
        settings_with(
            tmp_path, corpus={"sources": ["news"]}, sources=[{"name": "news", "path": "b"}]
        )


def test_added_sources_live_in_the_sources_file_beside_the_config(tmp_path: Path) -> None:
    settings = settings_with(tmp_path, corpus={"sources": []})

    added = add_source(settings, "https://www.example.com/feed.xml")
    second = add_source(settings, "https://example.com/other.xml")

    assert (added.name, second.name) == ("example.com", "example.com-2")
    assert sources_file(settings) == tmp_path / "sources.json"
    assert not (tmp_path / "data").exists()  # never in the data directory
    doc = json.loads((tmp_path / "sources.json").read_text())
    assert [e["feed"] for e in doc["sources"]] == [
        "https://www.example.com/feed.xml",
        "https://example.com/other.xml",
    ]
    assert [s.name for s in configured_sources(settings) if s.added] == [
        "example.com",
        "example.com-2",
    ]
    assert list(tmp_path.glob("*.tmp")) == []  # written through a temporary file, renamed

    with pytest.raises(ConfigError, match="already a source, named 'example.com'"):
        add_source(settings, "https://www.example.com/feed.xml")
    remove_source(settings, "example.com")
    assert [s.name for s in configured_sources(settings)] == ["example.com-2"]


@pytest.mark.parametrize(
    "url", ["ftp://x.example/rss", "example.com/rss", "https://", "https://a b"]
)
def test_a_bad_feed_address_is_refused(tmp_path: Path, url: str) -> None:
    settings = settings_with(tmp_path, corpus={"sources": []})
    with pytest.raises(ConfigError, match="full address"):
        add_source(settings, url)
    assert not (tmp_path / "sources.json").exists()


def test_a_configured_source_cannot_be_removed_from_the_bot(tmp_path: Path) -> None:
    settings = settings_with(tmp_path, sources=[{"name": "wire", "feed": "https://x.example/"}])
    with pytest.raises(ConfigError, match="set in the config file"):
        remove_source(settings, "wire")
    with pytest.raises(ConfigError, match="no source named 'nope'"):
        remove_source(settings, "nope")


def test_a_damaged_sources_file_is_named_in_the_error(tmp_path: Path) -> None:
    settings = settings_with(tmp_path)
    (tmp_path / "sources.json").write_text("{not json")
    with pytest.raises(ConfigError, match=r"sources file .*sources.json cannot be read"):
        configured_sources(settings)


def test_index_url_works_like_a_file_path(tmp_path: Path, feed_server: FeedServer) -> None:
    body = "The river rose two metres overnight and the old bridge was closed to traffic."
    feed_server.routes["/rss"] = Route(
        rss("Wire", [{"title": "Flood", "link": "https://n.example/1", "content": body}])
    )
    settings = settings_with(tmp_path, feeds={"host_delay_seconds": 0})

    report = Library(settings, FakeEmbedder()).build([feed_server.url("/rss")])

    assert report.added == 1
    hits = Library(settings, FakeEmbedder()).searcher().search("river bridge closed", 1)
    assert hits[0].title == "Flood" and hits[0].source == "Wire"
