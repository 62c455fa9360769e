"""Shared fixtures: a fake embedder, settings in a temporary data dir, a built sample index."""

from __future__ import annotations

import os
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


def make_settings(data_dir: Path, **sections: dict[str, Any]) -> Settings:
    # The support model (bot/evidence.py) is fitted on the real model's cosines; the fake
    # embedder's hash vectors have none to give, so tests on it rely on the other checks. Tests
    # with the real model (tests/test_cli_model.py) keep the configured threshold.
    raw: dict[str, Any] = {
        "data": {"dir": str(data_dir)},
        "corpus": {"sources": [str(SAMPLE)]},
        "answer": {"min_support": 0.0},
    }
    for name, values in sections.items():
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
