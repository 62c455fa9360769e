"""The embedding cache: a damaged database is set aside (never deleted) and rebuilt."""

import logging
import random
import shutil
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from index.cache import EmbeddingCache
from index.library import Library
from index.store import Layout
from tests.conftest import make_settings
from tests.fakes import FakeEmbedder

PAGE_TABLE_LEAF = 0x0D  # SQLite b-tree page type byte of a table's leaf page


def table_leaf_pages(path: Path) -> list[int]:
    """Numbers (from 1) of the pages holding rows of a table, not of an index."""
    db = sqlite3.connect(path)
    page_size = db.execute("PRAGMA page_size").fetchone()[0]
    db.close()
    data = path.read_bytes()
    pages = []
    for number in range(2, len(data) // page_size + 1):  # page 1 is the schema's
        if data[(number - 1) * page_size] == PAGE_TABLE_LEAF:
            pages.append(number)
    return pages


def corrupt_a_data_page(path: Path) -> None:
    """Overwrite the first page of vector rows (those of the first build) with random bytes,
    leaving the key index intact: the damage a bad sector or a torn write leaves."""
    db = sqlite3.connect(path)
    page_size = db.execute("PRAGMA page_size").fetchone()[0]
    db.close()
    page = table_leaf_pages(path)[0]
    noise = random.Random(9).randbytes(page_size)
    with open(path, "r+b") as fh:
        fh.seek((page - 1) * page_size)
        fh.write(noise)


@pytest.fixture
def built(tmp_path: Path) -> tuple[Library, FakeEmbedder, int]:
    """A library built once, whose cache file is closed (WAL checkpointed) and holds enough
    other vectors that the damaged page lies in the middle of the file."""
    fake = FakeEmbedder()
    lib = Library(make_settings(tmp_path / "data"), fake)
    passages = lib.build().passages
    cache = EmbeddingCache(Layout(lib.settings.data_dir).cache_file, fake.name, fake.dimension)
    rng = np.random.default_rng(0)
    cache.put_many((f"filler {i}", rng.random(fake.dimension)) for i in range(3000))
    cache.close()
    return lib, fake, passages


def rewriting(lib: Library, fake: FakeEmbedder) -> Library:
    """The library with another index type: its next build writes a snapshot, reading every
    vector from the cache, though no article changed (an unchanged build writes nothing)."""
    return Library(make_settings(lib.settings.data_dir, index={"faiss": "hnsw"}), fake)


def side_files(cache: Path) -> list[str]:
    return sorted(p.name for p in cache.parent.iterdir())


@pytest.mark.parametrize("rebuild", [False, True])
def test_a_damaged_data_page_is_set_aside_and_the_build_reembeds(built, caplog, rebuild):
    lib, fake, passages = built
    cache = Layout(lib.settings.data_dir).cache_file
    assert len(table_leaf_pages(cache)) > 10  # the damage is in the middle of the file
    corrupt_a_data_page(cache)
    before = fake.encoded
    with caplog.at_level(logging.WARNING, logger="index.cache"):
        report = rewriting(lib, fake).build(rebuild=rebuild)
    assert report.embedded == passages == fake.encoded - before  # nothing lost: re-embedded
    assert "embeddings.corrupt" in side_files(cache)  # renamed, not deleted
    assert any(
        "set aside" in r.getMessage() and str(cache) in r.getMessage() for r in caplog.records
    )
    assert lib.searcher().search("Peskov", k=1)
    assert lib.build().embedded == 0  # the new cache works


def test_damage_the_open_check_misses_is_caught_on_use(built, monkeypatch, caplog):
    lib, fake, passages = built
    cache = Layout(lib.settings.data_dir).cache_file
    corrupt_a_data_page(cache)
    # As if the damage appeared after the cache was opened and checked.
    monkeypatch.setattr(EmbeddingCache, "_check", staticmethod(lambda db: None))
    with caplog.at_level(logging.WARNING, logger="index.cache"):
        report = rewriting(lib, fake).build()
    assert report.embedded == passages
    assert "embeddings.corrupt" in side_files(cache)
    assert any("set aside" in r.getMessage() for r in caplog.records)
    assert lib.build().embedded == 0


def test_the_write_ahead_log_is_set_aside_with_the_database(tmp_path):
    live = tmp_path / "live" / "embeddings.sqlite"
    cache = EmbeddingCache(live, "m", 4)
    cache.put_many((f"filler {i}", np.ones(4)) for i in range(1000))
    cache.close()
    cache = EmbeddingCache(live, "m", 4)
    cache.put_many([("a", np.ones(4))])
    # The files as a build killed now leaves them: the database, its -wal and -shm.
    path = tmp_path / "cache" / "embeddings.sqlite"
    shutil.copytree(live.parent, path.parent)
    cache.close()
    corrupt_a_data_page(path)
    assert {"embeddings.sqlite-wal", "embeddings.sqlite-shm"} <= set(side_files(path))
    fresh = EmbeddingCache(path, "m", 4)
    names = side_files(path)
    assert {"embeddings.corrupt", "embeddings.corrupt-wal", "embeddings.corrupt-shm"} <= set(names)
    assert fresh.get_many(["a"]) == {}
    fresh.put_many([("b", np.ones(4))])
    assert list(fresh.get_many(["b"])) == ["b"]
    fresh.close()


def test_an_older_set_aside_copy_is_kept_too(tmp_path):
    path = tmp_path / "embeddings.sqlite"
    for _ in range(2):
        path.write_bytes(b"garbage" * 1000)
        EmbeddingCache(path, "m", 4).close()
    names = side_files(path)
    assert "embeddings.corrupt" in names and "embeddings.corrupt-2" in names
