"""A place's superlative is not answered with the world's: "What is the highest mountain in
Antarctica?" over an article saying "Everest is the highest mountain in the world" (and another
naming Antarctica, so the names check passes) is not found. Through `newsbot ask --json` and the
Discord rendering."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.answer import NOT_FOUND
from bot.render import render_answer
from index.library import Library
from tests.bot.conftest import ask_json, library_of, texts_of

EVEREST = (
    "At 29,032 feet high, Everest is the highest mountain in the world. Climbers queue for its "
    "summit every May, and the highest camps are crowded."
)
ICE = (
    "Scientists in Antarctica measured record ice loss this winter. The research station near "
    "the coast was resupplied by ship."
)
ARTICLES = [
    ("everest-queues", "Mountain Times", "2025-05-02", "Everest's summit queues", EVEREST),
    ("antarctic-ice", "Polar Post", "2025-05-03", "Record ice loss", ICE),
]
TEXTS = texts_of(ARTICLES)


@pytest.fixture
def library(tmp_path: Path, fake_embedder: Any) -> Library:
    return library_of(tmp_path, fake_embedder, ARTICLES)


def test_the_worlds_highest_mountain_is_not_antarcticas(capsys, library, monkeypatch):
    question = "What is the highest mountain in Antarctica?"
    answer = ask_json(capsys, library, monkeypatch, question, TEXTS)
    assert not answer["found"]
    assert answer["answer"].startswith(NOT_FOUND)
    assert answer["citations"] == []
    assert "Everest" not in answer["answer"].split(NOT_FOUND)[0]


def test_the_worlds_highest_mountain_answers_for_the_world(capsys, library, monkeypatch):
    answer = ask_json(
        capsys, library, monkeypatch, "What is the highest mountain in the world?", TEXTS
    )
    assert answer["found"]
    assert "Everest is the highest mountain in the world." in answer["answer"]
    assert [c["article_id"] for c in answer["citations"]] == ["everest-queues"]


def test_discord_says_nothing_was_found(library):
    from bot.answer import Answerer

    answer = Answerer(library, library.settings).answer(
        "What is the highest mountain in Antarctica?"
    )
    (reply,) = render_answer(answer)
    assert reply.embeds == () and reply.content is not None
    assert reply.content.startswith(NOT_FOUND)


# Another place's superlative: an article on Iowa's lakes says "the state's deepest lakes", and
# another article names Africa, so the names check passes.
IOWA = (
    "Boaters flock to Iowa every summer. The state's deepest lakes, the Iowa Great Lakes, "
    "include Big Spirit Lake and West Okoboji."
)
FARMS = (
    "Farmers in Africa planted early after the rains came. Grain prices fell across the region "
    "as harvests grew."
)
LAKES = [
    ("iowa-lakes", "Lake News", "2025-06-02", "Summer on the Iowa Great Lakes", IOWA),
    ("africa-farms", "Farm Post", "2025-06-03", "An early planting", FARMS),
]
LAKE_TEXTS = texts_of(LAKES)


@pytest.fixture
def lakes(tmp_path: Path, real_embedder: Any) -> Library:
    # the real model: the hashed test embedder finds Iowa's own question too weak to answer
    return library_of(tmp_path, real_embedder, LAKES)


@pytest.mark.model
def test_iowas_deepest_lake_is_not_africas(capsys, lakes, monkeypatch):
    answer = ask_json(capsys, lakes, monkeypatch, "What is the deepest lake in Africa?", LAKE_TEXTS)
    assert not answer["found"]
    assert answer["answer"].startswith(NOT_FOUND)
    assert answer["citations"] == []
    assert "Okoboji" not in answer["answer"].split(NOT_FOUND)[0]


@pytest.mark.model
def test_iowas_deepest_lake_answers_for_iowa(capsys, lakes, monkeypatch):
    answer = ask_json(capsys, lakes, monkeypatch, "What is the deepest lake in Iowa?", LAKE_TEXTS)
    assert answer["found"]
    assert "West Okoboji" in answer["answer"]
    assert "iowa-lakes" in [c["article_id"] for c in answer["citations"]]
