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
from tests.bot.conftest import ask_json, library_of

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
TEXTS = {aid: text for aid, _, _, _, text in ARTICLES}


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
