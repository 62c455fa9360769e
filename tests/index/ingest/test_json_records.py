"""JSONL and JSON files: fields, ids, HTML bodies, malformed lines and files."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from index.ingest import load_articles
from index.models import Article
from tests.index.ingest.helpers import BODY, jsonl, load, write


def test_jsonl_fields_are_read_and_the_id_is_kept_verbatim(tmp_path: Path) -> None:
    record = {
        "id": "Abc 123",
        "title": "  Budget   passes ",
        "url": "https://www.example.com/news/budget",
        "source": "Example News",
        "author": "Jane Roe",
        "published_at": "2024-03-05T10:20:00Z",
        "text": BODY,
    }
    write(tmp_path / "feed.jsonl", jsonl(record))
    (article,), report = load(tmp_path)
    assert article == Article(
        id="Abc 123",
        title="Budget passes",
        text=BODY,
        url="https://www.example.com/news/budget",
        source="Example News",
        author="Jane Roe",
        published_at="2024-03-05T10:20:00+00:00",
        origin=f"{tmp_path / 'feed.jsonl'}:1",
    )
    assert report.articles == 1 and report.files == 1


@pytest.mark.parametrize("key", ["body", "content"])
def test_jsonl_accepts_body_or_content_for_text(tmp_path: Path, key: str) -> None:
    write(tmp_path / "a.jsonl", jsonl({"title": "T", key: BODY}))
    (article,), _ = load(tmp_path)
    assert article.text == BODY


def test_jsonl_without_id_uses_the_url_then_the_file_and_line(tmp_path: Path) -> None:
    url = "https://news.example.org/a"
    write(tmp_path / "sub" / "feed.jsonl", jsonl({"url": url, "text": BODY}, {"text": "Other."}))
    first, second = load_articles([tmp_path])
    assert first.id == Article.make_id(url, first.title, first.text)
    assert first.source == "news.example.org"  # from the URL host
    assert first.title == "The council approved the budget on Monday."  # first line of text
    assert second.id == "sub/feed#2"
    assert second.source is None


def test_jsonl_html_content_is_converted_to_text(tmp_path: Path) -> None:
    write(
        tmp_path / "a.jsonl", jsonl({"title": "T", "content": "<p>One &amp; two.</p><p>Three.</p>"})
    )
    (article,), _ = load(tmp_path)
    assert article.text == "One & two.\n\nThree."


def test_malformed_jsonl_lines_are_skipped_with_file_and_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = write(
        tmp_path / "feed.jsonl",
        jsonl(
            {"id": "good-1", "title": "A", "text": "First story."},
            '{"id": "broken", "text": ',
            '["not", "an", "object"]',
            {"id": "no-text", "title": "B"},
            {"id": "empty-text", "title": "C", "text": "   "},
            {"id": "list-text", "text": ["a"]},
            "",
            {"id": "good-2", "title": "D", "text": "Second story."},
        ),
    )
    with caplog.at_level(logging.WARNING, logger="index.ingest"):
        articles, report = load(tmp_path)
    assert [a.id for a in articles] == ["good-1", "good-2"]
    assert [where for where, _ in report.skipped] == [f"{path}:{n}" for n in (2, 3, 4, 5, 6)]
    reasons = dict(report.skipped)
    assert reasons[f"{path}:2"].startswith("malformed JSON")
    assert "JSON object" in reasons[f"{path}:3"]
    assert "'text'" in reasons[f"{path}:4"] and "'text'" in reasons[f"{path}:5"]
    assert "string" in reasons[f"{path}:6"]
    assert f"{path}:2" in caplog.text and "malformed JSON" in caplog.text


def test_json_file_with_a_list_or_one_object(tmp_path: Path) -> None:
    write(tmp_path / "list.json", json.dumps([{"title": "A", "text": "One."}, {"text": "Two."}]))
    write(tmp_path / "one.json", json.dumps({"id": "x", "title": "B", "text": "Three."}))
    articles, report = load(tmp_path)
    assert [(a.id, a.text) for a in articles] == [
        ("list#1", "One."),
        ("list#2", "Two."),
        ("x", "Three."),
    ]
    assert articles[1].origin.endswith("list.json#2")
    assert report.skipped == []


def test_json_file_holding_json_lines_is_read_as_jsonl(tmp_path: Path) -> None:
    write(tmp_path / "a.json", jsonl({"id": "1", "text": "One."}, {"id": "2", "text": "Two."}))
    assert [a.id for a in load(tmp_path)[0]] == ["1", "2"]


def test_malformed_json_file_is_skipped(tmp_path: Path) -> None:
    path = write(tmp_path / "bad.json", '{"title": "x", ')
    articles, report = load(tmp_path)
    assert articles == []
    assert report.skipped[0][0] == str(path) and "malformed JSON" in report.skipped[0][1]


def test_fields_of_the_wrong_type_are_warned_about_with_file_and_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = write(
        tmp_path / "feed.jsonl",
        jsonl(
            {"id": "fine", "title": "A", "source": "Wire", "date": "2024-03-05", "text": BODY},
            {"id": "n", "title": 1234, "text": "Number title."},
            {"id": "b", "source": True, "text": "Boolean source."},
            {"id": ["x", "y"], "url": "https://example.com/list-id", "text": "List id."},
            {"id": "d", "date": "next Tuesday-ish", "text": "Unreadable date."},
            {"id": "o", "title": {"no": "name"}, "text": "Object title."},
        ),
    )
    with caplog.at_level(logging.WARNING, logger="index.ingest"):
        articles, report = load(tmp_path)
    by_id = {a.origin: a for a in articles}
    assert len(articles) == 6  # warned about, not dropped
    warned = dict(report.warnings)
    assert sorted(warned) == [f"{path}:{n}" for n in (2, 3, 4, 5, 6)]
    assert "'title' is a number (1234)" in warned[f"{path}:2"]
    assert by_id[f"{path}:2"].title == "1234"
    assert "'source' is a boolean (true)" in warned[f"{path}:3"]
    assert by_id[f"{path}:3"].source is None  # not the text "True"
    assert "'id' is a list" in warned[f"{path}:4"]
    list_id = by_id[f"{path}:4"]
    assert list_id.id == Article.make_id(list_id.url, list_id.title, list_id.text)  # from the URL
    assert "'date' 'next Tuesday-ish' is not a date" in warned[f"{path}:5"]
    assert by_id[f"{path}:5"].published_at is None
    assert "'title' is an object" in warned[f"{path}:6"]
    assert f"{path}:3" in caplog.text
    assert "5 warnings" in report.summary()


def test_several_authors_and_epoch_dates_are_read_without_a_warning(tmp_path: Path) -> None:
    write(
        tmp_path / "a.jsonl",
        jsonl(
            {
                "id": "1",
                "authors": ["Jane Roe", {"name": "John Doe"}],
                "published": 1559642400,
                "link": {"href": "https://example.com/a"},
                "text": BODY,
            }
        ),
    )
    (article,), report = load(tmp_path)
    assert article.author == "Jane Roe, John Doe"
    assert article.published_at == "2019-06-04T10:00:00+00:00"
    assert article.url == "https://example.com/a"
    assert report.warnings == []
