"""Sources: directories, globs, missing paths, order and stable ids."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.errors import IngestError
from index.ingest import load_articles
from tests.index.ingest.helpers import jsonl, load, write


def _tree(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", "B title\n\nText b.")
    write(tmp_path / "a" / "z.txt", "Z title\n\nText z.")
    write(tmp_path / "a" / "deep" / "y.md", "Y title\n\nText y.")
    write(
        tmp_path / "c.jsonl",
        jsonl({"id": "c1", "text": "Text c1."}, {"id": "c2", "text": "Text c2."}),
    )
    write(tmp_path / ".hidden" / "h.txt", "H\n\nHidden.")
    write(tmp_path / ".DS_Store", b"\x00\x00\x00\x01Bud1")


def test_directories_are_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    _tree(tmp_path)
    articles, report = load(tmp_path)
    assert [a.id for a in articles] == ["a/deep/y", "a/z", "b", "c1", "c2"]
    assert report.skipped == []  # hidden files and directories are not sources


def test_ids_are_stable_across_runs(tmp_path: Path) -> None:
    _tree(tmp_path)
    first = [(a.id, a.text) for a in load_articles([tmp_path])]
    second = [(a.id, a.text) for a in load_articles([tmp_path])]
    assert first == second


def test_file_given_directly_gets_its_stem_as_id(tmp_path: Path) -> None:
    _tree(tmp_path)
    (article,) = load_articles([tmp_path / "a" / "deep" / "y.md"])
    assert article.id == "y"


def test_glob_patterns_select_files_relative_to_the_pattern_root(tmp_path: Path) -> None:
    _tree(tmp_path)
    assert [a.id for a in load_articles([str(tmp_path / "*.txt")])] == ["b"]
    deep = load_articles([str(tmp_path / "**" / "*.md")])
    assert [a.id for a in deep] == ["a/deep/y"]
    assert [a.id for a in load_articles([str(tmp_path / "a*")])] == ["a/deep/y", "a/z"]


def test_glob_matching_nothing_raises_a_usage_error(tmp_path: Path) -> None:
    pattern = str(tmp_path / "*.jsonl")
    with pytest.raises(IngestError, match="no file matches"):
        load_articles([pattern])


def test_missing_path_raises_a_usage_error_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "nope" / "corpus.jsonl"
    with pytest.raises(IngestError) as exc:
        load_articles([missing])
    assert str(missing) in str(exc.value) and "does not exist" in str(exc.value)
