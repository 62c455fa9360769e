"""`newsbot index --ray`: a build embedded by Ray Data actors equals a local build.

One Ray instance for the module (started by the `--ray` build itself, as users without a
cluster run it): Ray takes seconds and hundreds of MB to start. The error paths start none.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from bot.cli import main
from bot.settings import load_settings
from index.bm25 import BM25Index
from index.library import Library
from index.store import Layout, read_metadata, read_origins
from tests.conftest import REPO, SAMPLE, SHARED

CONFIG = REPO / "config.toml"
RTQA = SHARED / "eval" / "realtimeqa-dev" / "corpus.jsonl"
QUERIES = ["What did Peskov say about Venezuela?", "hurricane forecast", "election results"]
# The manifest fields that say when and how a build ran, not what it holds.
RUN_FIELDS = {"name", "built_at", "embedded_on", "files", "model_file"}


def index(*args: str) -> int:
    return main(["index", *args, "--config", str(CONFIG)])


def current(data: Path) -> Path:
    return Layout(data).current_dir()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[str]:
    """The sample article and four realtimeqa-dev ones: some 60 passages."""
    folder = tmp_path_factory.mktemp("corpus")
    lines = RTQA.read_text(encoding="utf-8").splitlines()[:4]
    (folder / "rtqa.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [str(SAMPLE), str(folder / "rtqa.jsonl")]


@pytest.fixture(scope="module")
def builds(corpus, tmp_path_factory) -> tuple[Path, Path]:
    """(local, ray): the same corpus built in two data directories, each by the CLI."""
    local, ray = tmp_path_factory.mktemp("local"), tmp_path_factory.mktemp("ray")
    assert index(*corpus, "--data-dir", str(local)) == 0
    assert index(*corpus, "--data-dir", str(ray), "--ray") == 0
    return local, ray


def _ray_children() -> list[str]:
    """Ray's server processes still running under this one (a stopped instance leaves none)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            name = stat.read_text().split("(", 1)[1].rsplit(")", 1)[0]
        except (OSError, IndexError):
            continue
        state, ppid = fields[0], int(fields[1])
        if ppid == os.getpid() and state != "Z" and name in ("raylet", "gcs_server"):
            found.append(name)
    return found


# `ray.shutdown()` signals its servers and returns; on a loaded machine gcs_server can take a
# moment to exit. A stopped instance's servers are gone within this; a leaked one never is.
EXIT_GRACE_SECONDS = 15.0


def _ray_children_after_grace() -> list[str]:
    """Ray's server processes still running under this one once they have had time to exit."""
    deadline = time.monotonic() + EXIT_GRACE_SECONDS
    while (found := _ray_children()) and time.monotonic() < deadline:
        time.sleep(0.1)
    return found


@pytest.mark.model
@pytest.mark.ray
def test_a_ray_build_matches_a_local_build_of_the_same_corpus(builds):
    local, ray = builds
    a, b = current(local), current(ray)

    va, vb = np.load(a / "vectors.npy"), np.load(b / "vectors.npy")
    assert va.shape == vb.shape and va.shape[0] > 40
    assert np.allclose(va, vb, atol=1e-5, rtol=0)

    ma, mb = read_metadata(a / "meta.sqlite"), read_metadata(b / "meta.sqlite")
    assert ma == mb  # articles, passages (same ids, rows, text), statements, stories

    man_a, man_b = (json.loads((s / "manifest.json").read_text()) for s in (a, b))
    assert (man_a["embedded_on"], man_b["embedded_on"]) == ("local", "ray")
    assert {k: v for k, v in man_a.items() if k not in RUN_FIELDS} == {
        k: v for k, v in man_b.items() if k not in RUN_FIELDS
    }
    # The same export of the same weights, each in its own data directory's model cache.
    assert Path(man_a["model_file"]).name == Path(man_b["model_file"]).name
    oa, ob = (read_origins(s) for s in (a, b))  # first sightings: the builds' own times
    assert len(oa) == 5 and {k: v.source for k, v in oa.items()} == {
        k: v.source for k, v in ob.items()
    }

    # BM25's files number terms in set order (differs run to run), so compare what it scores.
    rows = len(ma.passages)
    bm_a, bm_b = BM25Index.load(a / "bm25", rows), BM25Index.load(b / "bm25", rows)
    for q in QUERIES:
        ha, hb = bm_a.search(q, rows), bm_b.search(q, rows)
        assert [r for r, _ in ha] == [r for r, _ in hb]
        assert np.allclose([s for _, s in ha], [s for _, s in hb])

    # Searches through each snapshot (FAISS, BM25, fusion) rank the same passages.
    searchers = [Library(load_settings(CONFIG, d)).searcher() for d in (local, ray)]
    for q in QUERIES:
        hits = [[h.passage_id for h in searcher.search(q, k=5)] for searcher in searchers]
        assert hits[0] == hits[1] and hits[0]


@pytest.mark.ray
def test_the_local_ray_instance_is_stopped_after_the_build(builds):
    import ray

    assert not ray.is_initialized()
    assert _ray_children_after_grace() == []


@pytest.mark.ray
def test_a_start_that_fails_halfway_leaves_no_ray_server_running(tmp_path, monkeypatch, caplog):
    """A start that fails after Ray's gcs_server is up (on a loaded machine the raylet can give
    up waiting for its agents) is retried; the failed attempt's servers are stopped too, though
    Ray itself keeps no handle on them (`ray.init` raised before it had its node)."""
    import ray
    import ray._private.services as services

    from index.ray_embedding import LOCAL_START_ATTEMPTS, RayEncoder

    real_start_raylet = services.start_raylet
    calls = []

    def start_raylet_failing_once(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("the raylet did not start (simulated)")
        return real_start_raylet(*args, **kwargs)

    monkeypatch.setattr(services, "start_raylet", start_raylet_failing_once)
    settings = load_settings(CONFIG, tmp_path).embedding
    with caplog.at_level("WARNING", logger="index.ray_embedding"), RayEncoder(settings):
        assert ray.is_initialized()
    # the simulated failure, then a real start (two, if a loaded machine times the first out)
    assert 2 <= len(calls) <= LOCAL_START_ATTEMPTS
    assert f"trying again (attempt 2 of {LOCAL_START_ATTEMPTS})" in caplog.text
    assert not ray.is_initialized()
    assert _ray_children_after_grace() == []


@pytest.mark.model
@pytest.mark.ray
def test_a_later_local_build_reuses_the_ray_builds_vectors(builds, corpus, tmp_path, capsys):
    _, ray = builds
    data = tmp_path / "data"
    # Only the embedding cache: every passage is chunked anew, every vector must be a hit.
    shutil.copytree(ray / "cache", data / "cache")
    capsys.readouterr()
    assert index(*corpus, "--data-dir", str(data)) == 0
    out = capsys.readouterr().out
    assert "5 added" in out and " 0 embedded" in out
    assert np.array_equal(
        np.load(current(data) / "vectors.npy"), np.load(current(ray) / "vectors.npy")
    )


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _state(data: Path) -> dict[str, bytes | list[str]]:
    return {
        "current": (data / "current").read_bytes(),
        "snapshots": sorted(p.name for p in (data / "snapshots").iterdir()),
        "cache": (data / "cache" / "embeddings.sqlite").read_bytes(),
    }


@pytest.mark.model
@pytest.mark.ray
def test_a_bad_address_fails_clearly_and_the_old_index_keeps_serving(
    builds, corpus, tmp_path, capsys
):
    local, _ = builds
    data = tmp_path / "data"
    shutil.copytree(local, data)
    before = _state(data)
    address = f"127.0.0.1:{_closed_port()}"

    assert index(*corpus, "--data-dir", str(data), "--ray", address) == 1
    err = capsys.readouterr().err
    assert f"could not reach the Ray cluster at {address}" in err
    assert "the current index is unchanged" in err
    assert index(*corpus, "--data-dir", str(data), "--ray=not an address") == 1
    assert "is not a Ray cluster address" in capsys.readouterr().err

    assert _state(data) == before
    searcher = Library(load_settings(CONFIG, data)).searcher()
    assert searcher.path.name == before["current"].decode().strip()
    assert searcher.search("Peskov", k=1)


def test_without_ray_installed_the_error_says_how_to_install_it(monkeypatch, tmp_path, capsys):
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` now raises ImportError
    assert index(str(SAMPLE), "--data-dir", str(tmp_path), "--ray") == 1
    err = capsys.readouterr().err
    assert "pip install 'newsbot[ray]'" in err
    assert not (tmp_path / "current").exists()


def test_a_path_taken_for_the_address_is_named(tmp_path, capsys):
    assert index("--ray", str(SAMPLE), "--data-dir", str(tmp_path)) == 1
    err = capsys.readouterr().err
    assert f"--ray took {str(SAMPLE)!r} as the cluster address" in err
    assert "--ray=ADDRESS" in err


def test_ray_actors_without_ray_is_refused(tmp_path, capsys):
    assert index(str(SAMPLE), "--data-dir", str(tmp_path), "--ray-actors", "2") == 1
    assert "--ray-actors goes with --ray" in capsys.readouterr().err


def test_ray_is_imported_only_by_a_build_that_asks_for_it():
    code = (
        "import sys, bot.cli, bot.discord_bot, index.build, index.library; "
        "print('ray' in sys.modules)"
    )
    env = dict(os.environ, PYTHONPATH=str(REPO))
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"


@pytest.fixture
def ray_head(tmp_path, monkeypatch):
    """A real Ray cluster head on this machine (loopback), as `ray start --head` runs one; its
    address. Stopped with its whole process group: `ray stop` would stop every Ray here."""
    port = _closed_port()
    env = dict(os.environ, RAY_AUTH_MODE="disabled", RAY_USAGE_STATS_ENABLED="0")
    monkeypatch.setenv("RAY_AUTH_MODE", "disabled")  # the driver: as the cluster
    ray_cli = Path(sys.executable).with_name("ray")
    head = subprocess.Popen(
        [
            str(ray_cli),
            "start",
            "--head",
            "--block",
            f"--port={port}",
            "--num-cpus=1",
            "--include-dashboard=false",
            "--node-ip-address=127.0.0.1",
            "--disable-usage-stats",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert head.poll() is None, "ray start --head exited"
                assert time.monotonic() < deadline, "the Ray head did not come up"
                time.sleep(0.5)
        yield f"127.0.0.1:{port}"
    finally:
        os.killpg(head.pid, signal.SIGTERM)
        try:
            head.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(head.pid, signal.SIGKILL)
            head.wait()


@pytest.mark.model
@pytest.mark.ray
def test_a_build_on_a_running_cluster_at_an_address_matches_the_local_one(
    builds, ray_head, tmp_path
):
    local, _ = builds
    data = tmp_path / "data"
    # In a process of its own, as `newsbot index` runs: Ray Data keeps handles to the actors of
    # the Ray session it ran in, and this process already ran one (the `builds` fixture's).
    cmd = [sys.executable, "-m", "bot.cli", "index", str(SAMPLE), "--config", str(CONFIG)]
    cmd += ["--data-dir", str(data), "--ray", ray_head, "--ray-actors", "1"]
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    snap = current(data)
    assert json.loads((snap / "manifest.json").read_text())["embedded_on"] == "ray"
    # The sample article's passages are among the local build's: the same vectors.
    rows = {p.id: i for i, p in enumerate(read_metadata(current(local) / "meta.sqlite").passages)}
    mine = read_metadata(snap / "meta.sqlite").passages
    theirs = np.load(current(local) / "vectors.npy")[[rows[p.id] for p in mine]]
    assert len(mine) >= 2
    assert np.allclose(np.load(snap / "vectors.npy"), theirs, atol=1e-5, rtol=0)


def test_a_process_that_does_not_build_refuses_before_starting_ray(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)  # were Ray reached, the error would say so
    config = tmp_path / "config.toml"
    config.write_text("[index]\nbuilder = false\n", encoding="utf-8")
    code = main(
        ["index", str(SAMPLE), "--config", str(config), "--data-dir", str(tmp_path), "--ray"]
    )
    assert code == 1
    err = capsys.readouterr().err
    assert "configured not to build here" in err and "newsbot[ray]" not in err
