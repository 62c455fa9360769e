"""Snapshots on disk: what is made durable, checksums of the files, and what a reader trusts."""

import json
import logging
import os
import random
import re
import sqlite3
import zlib
from pathlib import Path

import pytest

from index.errors import IndexCorruptError
from index.library import Library
from index.store import Layout
from tests.conftest import make_settings, three_topic_corpus, write_article
from tests.fakes import FakeEmbedder


def test_a_build_fsyncs_the_snapshot_folders_before_the_switch_and_the_root_after(
    tmp_path, monkeypatch
):
    lib = Library(make_settings(tmp_path / "data"), FakeEmbedder())
    layout = Layout(lib.settings.data_dir)
    synced: list[tuple[int, str | None]] = []  # (inode, `current` at that moment)
    real_fsync = os.fsync

    def record(fd: int) -> None:
        synced.append((os.fstat(fd).st_ino, layout.current_name()))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", record)
    name = lib.build().snapshot
    snapshot = layout.snapshots / name

    def when(path: Path) -> list[str | None]:
        """`current` as it was at each fsync of `path`."""
        return [current for ino, current in synced if ino == path.stat().st_ino]

    for path in [snapshot, snapshot / "bm25", *snapshot.rglob("*")]:
        assert None in when(path), f"{path} was not fsynced before the switch"
    assert None in when(layout.snapshots)  # the rename of the .partial folder
    assert name in when(layout.root)  # the `current` switch itself


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return three_topic_corpus(tmp_path)


def library(tmp_path: Path, corpus: Path, **sections) -> Library:
    settings = make_settings(tmp_path / "data", corpus={"sources": [str(corpus)]}, **sections)
    return Library(settings, FakeEmbedder())


def scribble(path: Path, seed: int = 0) -> None:
    """Random bytes over the middle of a file, its size unchanged (what a bad disk does)."""
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    noise = random.Random(seed).randbytes(min(64, len(data) - middle))
    data[middle : middle + len(noise)] = noise
    path.write_bytes(bytes(data))


def snapshot_dir(lib: Library, name: str) -> Path:
    return Layout(lib.settings.data_dir).snapshots / name


def test_the_manifest_records_the_size_and_crc32_of_every_other_file(tmp_path, corpus):
    lib = library(tmp_path, corpus)
    snapshot = snapshot_dir(lib, lib.build().snapshot)
    files = json.loads((snapshot / "manifest.json").read_text())["files"]
    on_disk = sorted(
        p.relative_to(snapshot).as_posix()
        for p in snapshot.rglob("*")
        if p.is_file() and p.name != "manifest.json"
    )
    assert sorted(files) == on_disk and "bm25/vocab.index.json" in files
    for name, recorded in files.items():
        data = (snapshot / name).read_bytes()
        assert recorded == {"size": len(data), "crc32": f"{zlib.crc32(data):08x}"}


@pytest.mark.parametrize("damaged", ["dense.faiss", "vectors.npy", "bm25/data.csc.index.npy"])
def test_random_bytes_in_a_snapshot_file_are_refused_naming_the_file(tmp_path, corpus, damaged):
    lib = library(tmp_path, corpus)
    snapshot = snapshot_dir(lib, lib.build().snapshot)
    scribble(snapshot / damaged)
    with pytest.raises(IndexCorruptError, match=re.escape(str(snapshot / damaged))):
        Library(lib.settings, FakeEmbedder()).searcher()


def test_a_damaged_snapshot_falls_back_to_the_previous_good_one(tmp_path, corpus, caplog):
    lib = library(tmp_path, corpus)
    first = lib.build().snapshot
    write_article(corpus, "art9", "News about the marathon", "The marathon was run today.")
    second = lib.build().snapshot
    scribble(snapshot_dir(lib, second) / "dense.faiss")
    fresh = Library(lib.settings, FakeEmbedder())
    with caplog.at_level(logging.ERROR, logger="index.store"):
        searcher = fresh.searcher()
        assert fresh.searcher() is searcher  # not reloaded (nor re-verified) per question
    assert searcher.name == first
    assert searcher.search("harbour", k=1)[0].article_id == "art0"
    (message,) = [r.getMessage() for r in caplog.records]
    assert "dense.faiss" in message and second in message and first in message
    assert fresh.stats().snapshot == first  # what is served
    # The next build does not reuse the damaged snapshot, and serves its own.
    report = fresh.build()
    assert fresh.searcher().name == report.snapshot
    assert "art9" in fresh.searcher().articles


def test_without_an_older_good_snapshot_the_damage_is_an_error(tmp_path, corpus):
    lib = library(tmp_path, corpus)
    first = lib.build().snapshot
    second = lib.build().snapshot
    scribble(snapshot_dir(lib, first) / "vectors.npy")
    scribble(snapshot_dir(lib, second) / "vectors.npy")
    with pytest.raises(IndexCorruptError, match=f"{second}.*vectors.npy.*--rebuild"):
        Library(lib.settings, FakeEmbedder()).searcher()


def test_retention_keeps_a_good_snapshot_to_fall_back_to(tmp_path, corpus):
    lib = library(tmp_path, corpus, index={"keep_snapshots": 2})
    first = lib.build().snapshot
    write_article(corpus, "later", "Later news", "A later story was told on Tuesday.")
    second = lib.build().snapshot
    scribble(snapshot_dir(lib, second) / "vectors.npy")
    third = lib.build().snapshot  # the damaged one goes; the good one before it stays
    names = sorted(p.name for p in Layout(lib.settings.data_dir).snapshots.iterdir())
    assert names == [first, third]
    scribble(snapshot_dir(lib, third) / "vectors.npy")
    assert Library(lib.settings, FakeEmbedder()).searcher().name == first


def test_a_build_does_not_reuse_a_damaged_snapshots_statements(tmp_path, corpus):
    write_article(corpus, "talks", "Talks", "Kremlin spokesman Dmitry Peskov said the talks go on.")
    lib = library(tmp_path, corpus)
    snapshot = snapshot_dir(lib, lib.build().snapshot)
    (statement,) = lib.searcher().statements
    meta = snapshot / "meta.sqlite"
    # Flipped letters in the stored statement: SQLite itself reads them without complaint.
    db = sqlite3.connect(meta)
    page_size = db.execute("PRAGMA page_size").fetchone()[0]
    (root,) = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'statements'").fetchone()
    db.close()
    data = bytearray(meta.read_bytes())
    page = slice((root - 1) * page_size, root * page_size)  # the statement's row, not the article's
    data[page] = data[page].replace(statement.text.encode(), statement.text.upper().encode())
    meta.write_bytes(bytes(data))
    lib.build()  # unchanged articles: their statements are reused from the previous snapshot
    searcher = Library(lib.settings, FakeEmbedder()).searcher()
    assert [s.text for s in searcher.statements] == [statement.text]


def test_a_snapshot_written_before_checksums_loads_unverified(tmp_path, corpus, caplog):
    lib = library(tmp_path, corpus)
    snapshot = snapshot_dir(lib, lib.build().snapshot)
    manifest = json.loads((snapshot / "manifest.json").read_text())
    del manifest["files"]
    (snapshot / "manifest.json").write_text(json.dumps(manifest))
    with caplog.at_level(logging.DEBUG, logger="index.store"):
        searcher = Library(lib.settings, FakeEmbedder()).searcher()
    assert searcher.search("vaccine", k=1)[0].article_id == "art2"
    assert any("no checksums" in r.getMessage() for r in caplog.records)
