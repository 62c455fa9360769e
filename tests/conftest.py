"""Shared fixtures: a fake embedder, settings in a temporary data dir, a built sample index."""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import Any

import pytest

from bot.settings import Settings, parse_settings
from tests.fakes import FakeEmbedder

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SAMPLE = REPO / "data" / "sample"
SEED = SHARED / "seed" / "000_57a03034e1c4b1e0.txt"


# Sections every make_settings call starts from: the `any_store` fixture puts the vector store
# under test here, so the same tests run on FAISS and on Milvus.
STORE_SECTIONS: dict[str, dict[str, Any]] = {}


def make_settings(data_dir: Path, **sections: dict[str, Any]) -> Settings:
    # The support model (bot/evidence.py) is fitted on the real model's cosines; the fake
    # embedder's hash vectors have none to give, so tests on it rely on the other checks. Tests
    # with the real model (tests/test_cli_model.py) keep the configured threshold.
    raw: dict[str, Any] = {
        "data": {"dir": str(data_dir)},
        "corpus": {"sources": [str(SAMPLE)]},
        "answer": {"min_support": 0.0},
    }
    for name, values in [*STORE_SECTIONS.items(), *sections.items()]:
        raw.setdefault(name, {}).update(values)
    return parse_settings(raw, base_dir=REPO)


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path / "data")


@pytest.fixture
def library(settings: Settings, fake_embedder: FakeEmbedder) -> Any:
    from index.library import Library

    lib = Library(settings, fake_embedder)
    lib.build()
    return lib


@pytest.fixture
def answerer(library: Any, settings: Settings) -> Any:
    from bot.answer import Answerer

    return Answerer(library, settings)


@pytest.fixture(scope="session")
def real_embedder() -> Any:
    """The real default model, loaded once per test session (tests using it are marked)."""
    from index.embedding import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder()


@pytest.fixture
def feed_server() -> Any:
    """A real HTTP server on loopback serving the feeds and pages a test scripts."""
    from tests.feed_server import serve

    yield from serve()


@pytest.fixture(scope="session")
def milvus_server(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A real Milvus server on loopback, started once for the session (8-15 s)."""
    from tests.milvus_server import running_server

    with running_server(tmp_path_factory.mktemp("milvus")) as server:
        yield server


def milvus_sections(uri: str, prefix: str) -> dict[str, Any]:
    return {"store": "milvus", "milvus_uri": uri, "milvus_prefix": prefix}


def drop_collections(uri: str, prefix: str) -> None:
    """Drop a test's collections, so that the session's server holds few at a time."""
    from pymilvus import MilvusClient

    # Not closed: pymilvus shares one connection per uri, which the store's client uses too.
    client = MilvusClient(uri=uri)
    for name in client.list_collections():
        if name.startswith(prefix + "_"):
            client.drop_collection(name)


@pytest.fixture(params=["faiss", "milvus"])
def any_store(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Run the test on each vector store: make_settings configures it."""
    if request.param == "faiss":
        monkeypatch.setattr("tests.conftest.STORE_SECTIONS", {})
        yield "faiss"
        return
    server = request.getfixturevalue("milvus_server")
    prefix = f"t{uuid.uuid4().hex[:12]}"
    monkeypatch.setattr(
        "tests.conftest.STORE_SECTIONS", {"index": milvus_sections(server.uri, prefix)}
    )
    yield "milvus"
    drop_collections(server.uri, prefix)


def write_article(folder: Path, name: str, title: str, body: str) -> None:
    """A plain-text article file: the title line, a blank line, the body."""
    (folder / f"{name}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")


def three_topic_corpus(tmp_path: Path) -> Path:
    """A folder of three 30-sentence articles on different topics (store and Milvus tests)."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i, topic in enumerate(["harbour", "election", "vaccine"]):
        body = " ".join(f"The {topic} story goes on with detail {j}." for j in range(30))
        write_article(folder, f"art{i}", f"News about the {topic}", body)
    return folder
