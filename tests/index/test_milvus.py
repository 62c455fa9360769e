"""The Milvus vector store against a real server: filters inside Milvus, collections that follow
the snapshots (crashed builds, cleaned snapshots, the alias), and a server that dies."""

import logging
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pymilvus import MilvusClient

from bot.settings import Settings
from index.config import ConfigError
from index.errors import VectorStoreError
from index.library import Library
from index.milvus_store import filter_expression
from index.models import Filters
from index.store import Layout
from tests.conftest import (
    REPO,
    drop_collections,
    make_settings,
    milvus_sections,
    three_topic_corpus,
    write_article,
)
from tests.fakes import FakeEmbedder


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return three_topic_corpus(tmp_path)


@pytest.fixture
def prefix(milvus_server, request):
    name = f"m{abs(hash(request.node.nodeid)) % 10**10}"
    yield name
    drop_collections(milvus_server.uri, name)


def milvus_settings(tmp_path: Path, source: Path, sections: dict[str, Any]) -> Settings:
    """Settings indexing `source` into tmp_path/data, with the vectors in Milvus (`sections`:
    milvus_sections(...) and any other [index] keys)."""
    return make_settings(tmp_path / "data", corpus={"sources": [str(source)]}, index=sections)


def collections(uri: str, prefix: str) -> set[str]:
    return {c for c in MilvusClient(uri=uri).list_collections() if c.startswith(prefix + "_")}


def collection_of(lib: Library, snapshot: str) -> str:
    return f"{lib.settings.index.milvus_prefix}_{snapshot.replace('-', '_')}"


def test_filters_become_one_milvus_expression_with_quoted_values():
    filters = Filters(
        sources=["News.Example"],
        article_ids=['say "hi"\\', "über"],
        date_from=date(2026, 1, 5),
        date_to=date(2026, 2, 1),
        not_after=date(2026, 1, 31),
    )
    assert filter_expression(filters) == (
        'source in ["news.example"] and article in ["say \\"hi\\"\\\\", "über"] and day > 0 '
        "and day >= 20260105 and day <= 20260201 and (day == 0 or day <= 20260131)"
    )
    assert filter_expression(Filters()) == filter_expression(None) == ""


def test_article_ids_with_quotes_and_accents_are_filtered_inside_milvus(
    tmp_path, milvus_server, prefix
):
    path = tmp_path / "news.jsonl"
    ids = ['say "hi"\\', "über-straße 😀", "plain"]
    path.write_text(
        "".join(
            f'{{"id": {json_str(aid)}, "title": "Harbour {i}", "text": "The harbour news {i}."}}\n'
            for i, aid in enumerate(ids)
        ),
        encoding="utf-8",
    )
    settings = milvus_settings(tmp_path, path, milvus_sections(milvus_server.uri, prefix))
    lib = Library(settings, FakeEmbedder())
    lib.build()
    searcher = lib.searcher()
    for aid in ids:
        hits = searcher.search(
            "harbour news", k=3, mode="dense", filters=Filters(article_ids=[aid])
        )
        assert [h.article_id for h in hits] == [aid]


def json_str(text: str) -> str:
    import json

    return json.dumps(text)


def test_an_unchanged_build_keeps_the_current_collection(tmp_path, corpus, milvus_server, prefix):
    settings = milvus_settings(tmp_path, corpus, milvus_sections(milvus_server.uri, prefix))
    lib = Library(settings, FakeEmbedder())
    first = lib.build()
    again = lib.build()
    assert again.kept_current and again.snapshot == first.snapshot
    assert collections(milvus_server.uri, prefix) == {collection_of(lib, first.snapshot)}
    # a collection lost on the server (a reset) is written again, not trusted
    MilvusClient(uri=milvus_server.uri).drop_collection(collection_of(lib, first.snapshot))
    third = Library(settings, FakeEmbedder()).build()
    assert not third.kept_current and third.snapshot != first.snapshot
    assert collections(milvus_server.uri, prefix) == {collection_of(lib, third.snapshot)}


def test_old_collections_go_with_old_snapshots_and_the_alias_follows_current(
    tmp_path, corpus, milvus_server, prefix
):
    sections = milvus_sections(milvus_server.uri, prefix) | {"keep_snapshots": 2}
    lib = Library(milvus_settings(tmp_path, corpus, sections), FakeEmbedder())
    names = []
    for i in range(3):  # each build has something new to write
        write_article(corpus, f"new{i}", f"News number {i}", f"Story number {i} was told.")
        names.append(lib.build().snapshot)
    on_disk = sorted(p.name for p in Layout(lib.settings.data_dir).snapshots.iterdir())
    assert on_disk == names[-2:]
    assert collections(milvus_server.uri, prefix) == {collection_of(lib, n) for n in names[-2:]}
    alias = MilvusClient(uri=milvus_server.uri).describe_alias(f"{prefix}_current")
    assert alias["collection_name"] == collection_of(lib, names[-1])


CRASH_SCRIPT = textwrap.dedent(
    """
    import os, signal, sys
    sys.path.insert(0, {repo!r})
    from pathlib import Path
    import index.milvus_store
    from index.library import Library
    from pymilvus import MilvusClient
    from tests.conftest import make_settings
    from tests.fakes import FakeEmbedder
    index.milvus_store.INSERT_BATCH = 1
    insert = MilvusClient.insert
    calls = []
    def insert_then_die(self, *args, **kwargs):
        out = insert(self, *args, **kwargs)
        calls.append(1)
        if len(calls) == 3:  # three rows in: the collection is half written
            os.kill(os.getpid(), signal.SIGKILL)
        return out
    MilvusClient.insert = insert_then_die
    settings = make_settings(Path({data!r}), corpus={{"sources": [{corpus!r}]}}, index={index!r})
    Library(settings, FakeEmbedder()).build()
    """
)


def test_a_build_killed_mid_write_leaves_the_old_generation_and_its_collection_is_dropped(
    tmp_path, corpus, milvus_server, prefix
):
    sections = milvus_sections(milvus_server.uri, prefix)
    settings = milvus_settings(tmp_path, corpus, sections)
    lib = Library(settings, FakeEmbedder())
    first = lib.build()
    write_article(corpus, "art9", "News about the marathon", "The marathon was run today.")
    script = CRASH_SCRIPT.format(
        repo=str(REPO), data=str(tmp_path / "data"), corpus=str(corpus), index=sections
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=300)
    assert proc.returncode == -9, proc.stderr.decode()[-2000:]
    half = collections(milvus_server.uri, prefix) - {collection_of(lib, first.snapshot)}
    assert len(half) == 1  # the dead build's collection, three rows in
    fresh = Library(settings, FakeEmbedder())
    assert fresh.stats().snapshot == first.snapshot
    assert "art9" not in fresh.searcher().articles
    assert fresh.searcher().search("harbour", k=1)[0].article_id == "art0"
    report = fresh.build()
    assert report.added == 1
    assert collections(milvus_server.uri, prefix) == {
        collection_of(lib, first.snapshot),
        collection_of(lib, report.snapshot),
    }


def test_killing_the_server_mid_build_fails_clearly_and_keeps_the_old_snapshot(
    tmp_path, corpus, milvus_server, prefix, monkeypatch
):
    server = milvus_server
    settings = milvus_settings(tmp_path, corpus, milvus_sections(server.uri, prefix))
    lib = Library(settings, FakeEmbedder())
    first = lib.build()
    # Short calls only once the server is to die: a healthy load of the first collection took
    # over 3 s on a loaded machine.
    monkeypatch.setattr("index.milvus_store.CALL_SECONDS", 3)
    write_article(corpus, "art9", "News about the marathon", "The marathon was run today.")

    def kill_when_writing(progress) -> None:
        if progress.phase == "writing" and progress.done == 0:
            server.kill()  # SIGKILL, as a crash or the OOM killer would

    try:
        with pytest.raises(VectorStoreError) as failed:
            lib.build(progress=kill_when_writing)
        message = str(failed.value)
        assert server.uri in message and "[index].milvus_uri" in message
        assert Layout(settings.data_dir).current_name() == first.snapshot
        # A question with the server down: the same kind of message, naming the server.
        with pytest.raises(VectorStoreError, match=server.uri.replace(".", r"\.")):
            Library(settings, FakeEmbedder()).searcher()
    finally:
        server.restart()  # an empty server for the tests after this one


def test_an_unreachable_server_at_build_time_names_it_and_builds_nothing(tmp_path, corpus):
    settings = milvus_settings(tmp_path, corpus, milvus_sections("http://127.0.0.1:9", "nowhere"))
    with pytest.raises(VectorStoreError, match=r"http://127\.0\.0\.1:9 could not be reached"):
        Library(settings, FakeEmbedder()).build()
    assert Layout(settings.data_dir).current_name() is None


def test_unknown_store_and_bad_milvus_settings_are_refused(tmp_path):
    with pytest.raises(ConfigError, match=r"\[index\]\.store must be one of 'faiss', 'milvus'"):
        make_settings(tmp_path, index={"store": "qdrant"})
    with pytest.raises(ConfigError, match=r"\[index\]\.milvus_uri"):
        make_settings(tmp_path, index={"store": "milvus", "milvus_uri": "localhost:19530"})
    with pytest.raises(ConfigError, match=r"not the secret itself"):
        make_settings(
            tmp_path,
            index={"store": "milvus", "milvus_token_env": "Milvus0123456789abcdefABCDEF0123456789"},
        )


def test_faiss_keys_are_ignored_with_a_warning_when_the_store_is_milvus(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="index.config"):
        make_settings(tmp_path, index={"store": "milvus", "faiss": "hnsw", "hnsw_m": 16})
    warned = [r.getMessage() for r in caplog.records]
    assert any("[index].faiss is ignored" in m for m in warned)
    assert any("[index].hnsw_m is ignored" in m for m in warned)
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="index.config"):
        make_settings(tmp_path, index={"store": "faiss", "faiss": "hnsw"})
    assert caplog.records == []


def test_the_token_is_read_from_the_environment_and_never_written(
    tmp_path, corpus, milvus_server, prefix, monkeypatch, caplog
):
    secret = "root:Milvus-not-a-real-token-7f3a9c"
    monkeypatch.setenv("TEST_MILVUS_TOKEN", secret)
    sections = milvus_sections(milvus_server.uri, prefix) | {
        "milvus_token_env": "TEST_MILVUS_TOKEN"
    }
    settings = milvus_settings(tmp_path, corpus, sections)
    assert settings.index.milvus_token == secret
    with caplog.at_level(logging.DEBUG):
        report = Library(settings, FakeEmbedder()).build()
    manifest = (Layout(settings.data_dir).snapshots / report.snapshot / "manifest.json").read_text()
    assert secret not in manifest and "TEST_MILVUS_TOKEN" not in manifest
    assert all(secret not in r.getMessage() for r in caplog.records)
