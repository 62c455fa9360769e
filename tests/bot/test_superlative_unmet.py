"""A question asking which thing is the superlative is not answered by sentences that give no
superlative: "Which planet is closest to the Sun?" over an article on Venus, "the second planet
from the sun", is not found (it answered "Earth [1]."), while "Which planet is the hottest?"
over the same article is answered. Through `newsbot ask --json` and the Discord rendering, with
the real model (the hashed test embedder finds the planet questions too weak to answer at all,
so it could not tell this rule from the others)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.answer import NOT_FOUND, Answerer
from bot.render import render_answer
from index.library import Library
from tests.bot.conftest import ask_json, library_of, texts_of

VENUS = (
    "The second planet from the sun, Venus is often referred to as Earth's twin since both "
    "bodies are rocky and share a similar orbit. Venus is the hottest planet in the solar "
    "system, with clouds of sulfuric acid."
)
PROBE = (
    "The probe launched from Florida on Tuesday and will reach its orbit around the planet "
    "next year. Engineers said the launch went smoothly."
)
ARTICLES = [
    ("venus-twin", "Sky Weekly", "2025-03-02", "Earth's twin", VENUS),
    ("probe-launch", "Space Post", "2025-03-04", "A probe heads out", PROBE),
]
TEXTS = texts_of(ARTICLES)
CLOSEST = "Which planet is closest to the Sun?"


@pytest.fixture
def library(tmp_path: Path, real_embedder: Any) -> Library:
    return library_of(tmp_path, real_embedder, ARTICLES)


@pytest.mark.model
def test_no_sentence_gives_the_closest_planet(capsys, library, monkeypatch):
    answer = ask_json(capsys, library, monkeypatch, CLOSEST, TEXTS)
    assert not answer["found"]
    assert answer["answer"].startswith(NOT_FOUND)
    assert answer["citations"] == []
    assert "Earth [1]" not in answer["answer"]


@pytest.mark.model
def test_a_sentence_giving_the_superlative_answers(capsys, library, monkeypatch):
    answer = ask_json(capsys, library, monkeypatch, "Which planet is the hottest?", TEXTS)
    assert answer["found"]
    assert answer["answer"].startswith("Venus")
    assert "Venus is the hottest planet in the solar system" in answer["answer"]
    assert [c["article_id"] for c in answer["citations"]] == ["venus-twin"]


@pytest.mark.model
def test_discord_says_nothing_was_found(library):
    answer = Answerer(library, library.settings).answer(CLOSEST)
    (reply,) = render_answer(answer)
    assert reply.embeds == () and reply.content is not None
    assert reply.content.startswith(NOT_FOUND)
