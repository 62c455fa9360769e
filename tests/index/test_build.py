"""Builds: snapshots, incremental re-indexing, the atomic switch, crashes and the build lock."""

import json
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import numpy as np
import pytest

from index.errors import (
    BuildInProgressError,
    ClusterError,
    IndexCorruptError,
    IndexMissingError,
    IngestError,
)
from index.library import Library
from index.store import Layout
from tests.conftest import REPO, make_settings
from tests.fakes import FakeEmbedder

# The build tests that hold for any vector store run on FAISS and on a real Milvus server.
EACH_STORE = pytest.mark.usefixtures("any_store")


def write_article(folder: Path, name: str, title: str, body: str) -> Path:
    path = folder / f"{name}.txt"
    path.write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    return path


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i, topic in enumerate(["harbour", "election", "vaccine", "wildfire"]):
        body = " ".join(
            f"The {topic} story continues with detail number {j} about the {topic}."
            for j in range(40)
        )
        write_article(folder, f"art{i}", f"News about the {topic}", body)
    return folder


def lib_for(tmp_path: Path, corpus: Path, fake: FakeEmbedder, **sections) -> Library:
    settings = make_settings(tmp_path / "data", corpus={"sources": [str(corpus)]}, **sections)
    return Library(settings, fake)


@EACH_STORE
def test_first_build_indexes_everything_and_serves_it(tmp_path, corpus, fake_embedder):
    lib = lib_for(tmp_path, corpus, fake_embedder)
    with pytest.raises(IndexMissingError):
        lib.searcher()
    report = lib.build()
    assert (report.added, report.updated, report.removed, report.unchanged) == (4, 0, 0, 0)
    assert report.passages > 4
    assert report.embedded == report.passages == fake_embedder.encoded
    stats = lib.stats()
    assert stats.articles == 4 and stats.passages == report.passages
    assert stats.snapshot == report.snapshot
    hits = lib.searcher().search("wildfire", k=1)
    assert hits[0].title == "News about the wildfire"


@EACH_STORE
def test_reindexing_an_unchanged_corpus_embeds_nothing(tmp_path, corpus, fake_embedder):
    lib = lib_for(tmp_path, corpus, fake_embedder)
    first = lib.build()
    before = fake_embedder.encoded
    second = lib.build()
    assert second.embedded == 0
    assert fake_embedder.encoded == before
    assert (second.added, second.updated, second.removed, second.unchanged) == (0, 0, 0, 4)
    assert second.passages == first.passages
    # nothing to write: the snapshot serving questions stays current, none is added
    assert second.snapshot == first.snapshot and second.kept_current
    assert "nothing changed: snapshot" in second.summary()
    layout = Layout(lib.settings.data_dir)
    assert [p.name for p in layout.snapshots.iterdir()] == [first.snapshot]
    assert lib.stats().snapshot == first.snapshot
    assert lib.searcher().search("wildfire", k=1)[0].title == "News about the wildfire"


def test_an_unchanged_corpus_is_written_again_when_the_index_type_changes(
    tmp_path, corpus, fake_embedder
):
    first = lib_for(tmp_path, corpus, fake_embedder).build()
    hnsw = lib_for(tmp_path, corpus, fake_embedder, index={"faiss": "hnsw", "hnsw_m": 16})
    second = hnsw.build()
    assert second.snapshot != first.snapshot and not second.kept_current
    assert second.embedded == 0  # the vectors come from the cache
    assert hnsw.stats().faiss_index == "HNSW16,Flat"
    assert hnsw.build().snapshot == second.snapshot  # and then stays


def test_a_damaged_current_snapshot_is_replaced_even_when_nothing_changed(
    tmp_path, corpus, fake_embedder
):
    lib = lib_for(tmp_path, corpus, fake_embedder)
    first = lib.build()
    write_article(corpus, "art9", "News about the marathon", "The marathon was run today.")
    second = lib.build()
    (Layout(lib.settings.data_dir).snapshots / second.snapshot / "dense.faiss").write_bytes(b"x")
    # the older snapshot serves meanwhile (it lacks art9); the build must not keep that one
    third = Library(lib.settings, fake_embedder).build()
    assert third.snapshot not in {first.snapshot, second.snapshot} and not third.kept_current
    assert third.added == 1  # art9, against the older snapshot it read
    assert "art9" in Library(lib.settings, fake_embedder).searcher().articles


def test_new_extraction_rules_reach_unchanged_articles_without_reembedding(
    tmp_path, fake_embedder, monkeypatch
):
    folder = tmp_path / "corpus"
    folder.mkdir()
    body = "Kremlin spokesman Dmitry Peskov said the talks would go on."
    write_article(folder, "a", "Talks", body)
    lib = lib_for(tmp_path, folder, fake_embedder)
    lib.build()
    assert [s.speaker for s in lib.searcher().statements] == ["Dmitry Peskov"]

    # An upgrade whose rules find nothing: the unchanged article's statements are re-extracted.
    monkeypatch.setattr("index.build.EXTRACTOR_VERSION", 999)
    monkeypatch.setattr("index.build.extract_statements", lambda article: [])
    report = lib.build()
    assert (report.unchanged, report.embedded) == (1, 0)
    assert lib.searcher().statements == []
    # The same rules again: the statements are reused, not extracted a third time.
    monkeypatch.setattr("index.build.extract_statements", lambda article: 1 / 0)
    again = lib.build()
    assert again.unchanged == 1
    assert again.skips == ()  # not called: a failure would be reported, not raised


@EACH_STORE
def test_a_changed_article_reembeds_only_its_own_passages(tmp_path, corpus, fake_embedder):
    lib = lib_for(tmp_path, corpus, fake_embedder)
    lib.build()
    old_rows = {p.id for p in lib.searcher().passages if p.article_id == "art2"}
    write_article(corpus, "art2", "News about the vaccine", "A completely new short body.")
    before = fake_embedder.encoded
    report = lib.build()
    assert (report.added, report.updated, report.removed, report.unchanged) == (0, 1, 0, 3)
    new_passages = [p for p in lib.searcher().passages if p.article_id == "art2"]
    assert report.embedded == len(new_passages) == 1
    assert fake_embedder.encoded - before == 1
    assert {p.id for p in new_passages}.isdisjoint(old_rows)


@EACH_STORE
def test_a_deleted_file_disappears_from_the_next_build(tmp_path, corpus, fake_embedder):
    lib = lib_for(tmp_path, corpus, fake_embedder)
    lib.build()
    (corpus / "art3.txt").unlink()
    report = lib.build()
    assert report.removed == 1
    searcher = lib.searcher()
    assert "art3" not in searcher.articles
    hits = searcher.search("wildfire", k=10)
    assert {h.article_id for h in hits} == {"art0", "art1", "art2"}


@EACH_STORE
def test_rebuild_reembeds_everything(tmp_path, corpus, fake_embedder):
    lib = lib_for(tmp_path, corpus, fake_embedder)
    first = lib.build()
    report = lib.build(rebuild=True)
    assert report.embedded == first.passages
    assert report.added == 4  # a full build does not look at the previous snapshot


@EACH_STORE
def test_a_searcher_keeps_serving_its_snapshot_during_and_after_a_switch(
    tmp_path, corpus, fake_embedder
):
    lib = lib_for(tmp_path, corpus, fake_embedder)
    lib.build()
    old = lib.searcher()
    write_article(corpus, "art9", "News about the marathon", "The marathon was run today.")
    lib.build()
    assert lib.searcher() is not old
    assert "art9" in lib.searcher().articles
    assert "art9" not in old.articles
    assert old.search("harbour", k=1)[0].article_id == "art0"  # old files still readable


@EACH_STORE
def test_the_switch_is_the_last_step_a_failure_before_it_keeps_the_old_index(
    tmp_path, corpus, fake_embedder
):
    lib = lib_for(tmp_path, corpus, fake_embedder)
    first = lib.build()
    write_article(corpus, "art9", "News about the marathon", "The marathon was run today.")

    def fail(_snapshot: Path) -> None:
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        lib.build(before_switch=fail)
    assert lib.stats().snapshot == first.snapshot
    assert "art9" not in lib.searcher().articles
    # the next build cleans the unswitched leftover and succeeds
    report = lib.build()
    names = sorted(p.name for p in Layout(lib.settings.data_dir).snapshots.iterdir())
    assert names == sorted([first.snapshot, report.snapshot])


KILL_SCRIPT = textwrap.dedent(
    """
    import os, signal, sys
    sys.path.insert(0, {repo!r})
    from index.library import Library
    from tests.conftest import make_settings
    from tests.fakes import FakeEmbedder
    from pathlib import Path
    settings = make_settings(Path({data!r}), corpus={{"sources": [{corpus!r}]}})
    def die(snapshot):
        os.kill(os.getpid(), signal.SIGKILL)  # killed between writing and switching
    Library(settings, FakeEmbedder()).build(before_switch=die)
    """
)


def test_a_build_killed_between_writing_and_switching_leaves_the_old_index(
    tmp_path, corpus, fake_embedder
):
    lib = lib_for(tmp_path, corpus, fake_embedder)
    first = lib.build()
    write_article(corpus, "art9", "News about the marathon", "The marathon was run today.")
    script = KILL_SCRIPT.format(repo=str(REPO), data=str(tmp_path / "data"), corpus=str(corpus))
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120)
    assert proc.returncode == -9, proc.stderr.decode()[-2000:]
    layout = Layout(lib.settings.data_dir)
    assert len(list(layout.snapshots.iterdir())) == 2  # the dead build's snapshot is on disk
    fresh = Library(lib.settings, fake_embedder)
    assert fresh.stats().snapshot == first.snapshot
    assert "art9" not in fresh.searcher().articles
    report = fresh.build()  # the lock died with the process; leftovers are cleaned
    assert report.added == 1
    names = {p.name for p in layout.snapshots.iterdir()}
    assert names == {first.snapshot, report.snapshot}


@EACH_STORE
def test_a_crash_while_writing_leaves_a_partial_dir_that_is_cleaned(
    tmp_path, corpus, fake_embedder
):
    lib = lib_for(tmp_path, corpus, fake_embedder)
    first = lib.build()
    partial = Layout(lib.settings.data_dir).snapshots / "999999-29990101T000000-abcd.partial"
    partial.mkdir()
    (partial / "vectors.npy").write_bytes(b"half")
    assert lib.stats().snapshot == first.snapshot
    lib.build()
    assert not partial.exists()


@EACH_STORE
def test_only_one_build_runs_at_a_time(tmp_path, corpus, fake_embedder):
    lib = lib_for(tmp_path, corpus, fake_embedder)
    other = Library(lib.settings, FakeEmbedder())  # e.g. another process or bot instance
    entered, release = threading.Event(), threading.Event()

    def hold(_snapshot: Path) -> None:
        entered.set()
        release.wait(30)

    worker = threading.Thread(target=lambda: lib.build(before_switch=hold))
    worker.start()
    try:
        assert entered.wait(30)
        with pytest.raises(BuildInProgressError, match="already running"):
            lib.build()
        with pytest.raises(BuildInProgressError, match="another build"):
            other.build()
    finally:
        release.set()
        worker.join(30)
    assert other.build().unchanged == 4


@EACH_STORE
def test_old_snapshots_beyond_keep_are_removed(tmp_path, corpus, fake_embedder):
    lib = lib_for(tmp_path, corpus, fake_embedder, index={"keep_snapshots": 2})
    names = []
    for i in range(4):  # each build has something new to write
        write_article(corpus, f"new{i}", f"News number {i}", f"Story number {i} was told.")
        names.append(lib.build().snapshot)
    on_disk = sorted(p.name for p in Layout(lib.settings.data_dir).snapshots.iterdir())
    assert on_disk == sorted(names[-2:])


@EACH_STORE
def test_a_corrupt_index_is_reported_and_rebuilt(tmp_path, corpus, fake_embedder):
    lib = lib_for(tmp_path, corpus, fake_embedder)
    first = lib.build()
    meta = Layout(lib.settings.data_dir).snapshots / first.snapshot / "meta.sqlite"
    meta.write_bytes(b"this is not sqlite" * 100)
    fresh = Library(lib.settings, fake_embedder)
    with pytest.raises(IndexCorruptError, match="--rebuild"):
        fresh.searcher()
    report = fresh.build()
    assert report.added == 4  # started from scratch, nothing lost from the sources
    assert fresh.searcher().search("harbour", k=1)[0].article_id == "art0"


def test_a_corrupt_manifest_is_reported(tmp_path, corpus, fake_embedder):
    lib = lib_for(tmp_path, corpus, fake_embedder)
    first = lib.build()
    manifest = Layout(lib.settings.data_dir).snapshots / first.snapshot / "manifest.json"
    manifest.write_text("{not json")
    with pytest.raises(IndexCorruptError, match="manifest.json"):
        Library(lib.settings, fake_embedder).searcher()


def test_an_index_built_with_another_model_is_refused(tmp_path, corpus, fake_embedder):
    lib = lib_for(tmp_path, corpus, fake_embedder)
    lib.build()
    other = FakeEmbedder()
    other.name = "another-model"
    with pytest.raises(IndexCorruptError, match="another-model"):
        Library(lib.settings, other).searcher()


@EACH_STORE
def test_no_readable_articles_keeps_the_old_index(tmp_path, corpus, fake_embedder):
    lib = lib_for(tmp_path, corpus, fake_embedder)
    first = lib.build()
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "junk.txt").write_bytes(b"\x00\x01\x02" * 50)
    with pytest.raises(IngestError, match="no articles"):
        lib.build([str(empty)])
    assert lib.stats().snapshot == first.snapshot


@EACH_STORE
def test_manifest_records_model_dimension_and_counts(tmp_path, corpus, fake_embedder):
    lib = lib_for(tmp_path, corpus, fake_embedder)
    report = lib.build()
    manifest = json.loads(
        (Layout(lib.settings.data_dir).snapshots / report.snapshot / "manifest.json").read_text()
    )
    assert manifest["model"] == "fake-hash-embedder"
    assert manifest["dimension"] == 64
    assert manifest["articles"] == 4 and manifest["passages"] == report.passages
    if lib.settings.index.store == "faiss":
        assert (manifest["store"], manifest["faiss"]) == ("faiss", "Flat")
    else:  # the collection and the server, never a token
        assert manifest["store"] == "milvus" and "faiss" not in manifest
        assert manifest["collection"] == f"{lib.settings.index.milvus_prefix}_" + (
            report.snapshot.replace("-", "_")
        )
        assert manifest["milvus_uri"] == lib.settings.index.milvus_uri


@pytest.mark.parametrize(("large", "factory"), [(None, "IVF1,SQ8"), ("hnsw", "HNSW32,Flat")])
def test_faiss_index_type_follows_corpus_size(tmp_path, corpus, fake_embedder, large, factory):
    index = {"hnsw_threshold": 5} | ({"large_index": large} if large else {})
    lib = lib_for(tmp_path, corpus, fake_embedder, index=index)
    lib.build()
    assert lib.stats().faiss_index == factory  # above the threshold: the default is IVF-SQ8
    assert lib.searcher().search("harbour", k=1)[0].article_id == "art0"


def test_a_corrupt_embedding_cache_is_set_aside_and_rebuilt(tmp_path, corpus, fake_embedder):
    lib = lib_for(tmp_path, corpus, fake_embedder)
    first = lib.build()
    cache = Layout(lib.settings.data_dir).cache_file
    for extra in cache.parent.glob("embeddings.sqlite-*"):
        extra.unlink()  # WAL side files of the healthy database
    cache.write_bytes(b"garbage" * 1000)
    report = lib.build(rebuild=True)
    assert report.embedded == first.passages  # nothing lost: re-embedded from the sources
    assert cache.with_suffix(".corrupt").exists()
    assert lib.build().embedded == 0  # and the new cache works


def test_given_sources_are_relative_to_the_working_directory(
    tmp_path, corpus, fake_embedder, monkeypatch
):
    lib = lib_for(tmp_path, corpus, fake_embedder)  # the config's base dir is the repo
    monkeypatch.chdir(corpus.parent)
    report = lib.build(["corpus"])
    assert report.added == 4


class ElsewhereEncoder:
    """A `BatchEncoder` standing in for a cluster: the fake model's vectors, in batches of 3
    yielded last first (a cluster returns batches as they finish); `fail_after` batches, the
    cluster is lost."""

    where = "elsewhere"

    def __init__(self, model: FakeEmbedder, fail_after: int | None = None, dimension=None):
        self.model = model
        self.fail_after = fail_after
        self.dimension = dimension
        self.texts = 0

    def encode_batches(self, texts):
        batches = [list(texts[i : i + 3]) for i in range(0, len(texts), 3)][::-1]
        for n, batch in enumerate(batches):
            if self.fail_after is not None and n == self.fail_after:
                raise ClusterError("the cluster went away")
            vectors = self.model.encode(batch)
            if self.dimension is not None:
                vectors = vectors[:, : self.dimension]
            self.texts += len(batch)
            yield batch, vectors


def test_a_build_embeds_with_the_encoder_it_is_given_into_the_same_cache(
    tmp_path, corpus, fake_embedder
):
    local = lib_for(tmp_path / "local", corpus, FakeEmbedder()).build()
    counting = FakeEmbedder()
    lib = lib_for(tmp_path, corpus, counting)
    encoder = ElsewhereEncoder(FakeEmbedder())
    report = lib.build(encoder=encoder)
    assert counting.encoded == 0  # the build's own model only counted tokens
    assert encoder.texts == report.embedded == report.passages == local.passages
    there, here = (Layout(d / "data").current_dir() for d in (tmp_path, tmp_path / "local"))
    assert json.loads((there / "manifest.json").read_text())["embedded_on"] == "elsewhere"
    assert json.loads((here / "manifest.json").read_text())["embedded_on"] == "local"
    # Batches came back out of order: every vector is still its own passage's.
    assert np.array_equal(np.load(there / "vectors.npy"), np.load(here / "vectors.npy"))
    again = lib_for(tmp_path, corpus, counting).build(rebuild=False)
    assert again.embedded == 0 and counting.encoded == 0


def test_a_cluster_lost_mid_build_keeps_the_old_index_and_the_finished_batches(
    tmp_path, corpus, fake_embedder
):
    lib = lib_for(tmp_path, corpus, fake_embedder)
    first = lib.build()
    (corpus / "art9.txt").write_text(
        "Fresh news\n\n" + " ".join(f"A new sentence {j} about the ferry." for j in range(160)),
        encoding="utf-8",
    )
    encoder = ElsewhereEncoder(FakeEmbedder(), fail_after=1)
    with pytest.raises(ClusterError, match="went away"):
        lib.build(encoder=encoder)
    assert Layout(lib.settings.data_dir).current_dir().name == first.snapshot
    assert encoder.texts == 3
    fake_embedder.encoded = 0
    retry = lib.build()
    assert retry.embedded == fake_embedder.encoded and retry.embedded > 0
    assert retry.passages - first.passages == retry.embedded + 3  # the 3 done were cached


def test_vectors_of_the_wrong_size_from_an_encoder_are_refused(tmp_path, corpus, fake_embedder):
    lib = lib_for(tmp_path, corpus, fake_embedder)
    with pytest.raises(ClusterError, match="dimensions"):
        lib.build(encoder=ElsewhereEncoder(FakeEmbedder(), dimension=10))
    with pytest.raises(IndexMissingError):
        lib.searcher()
