"""A question asking who made something is not answered by sentences that name someone beside
the thing without telling of the act: "Who built the heritage locomotive Big Boy?" over an
article saying "Led by Ed Dickens, the ... showpiece is the massive locomotive Big Boy" is not
found (it answered "Ed Dickens [1]."), while "Who founded the chipmaker TSMC?" over an article
naming "Morris Chang, the founder of TSMC" is answered. Through `newsbot ask --json` and the
Discord rendering, with the real model; the refusals fail without the rule."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.answer import NOT_FOUND, Answerer
from bot.render import render_answer
from index.library import Library
from tests.bot.conftest import ask_json, library_of, texts_of

STEAM = (
    "Led by Ed Dickens, the Union Pacific Heritage Steam program's showpiece is the massive "
    "locomotive Big Boy No. 4014, which tours the West this summer. Crowds gather at every "
    "stop to watch the engine pass."
)
CHIPS = (
    "Morris Chang, the founder of TSMC, said chips made in Arizona cost 50% more than in "
    "Taiwan. The company builds its most advanced chips at home."
)
ARTICLES = [
    ("big-boy-tour", "Rail Weekly", "2025-06-02", "Big Boy rolls west", STEAM),
    ("tsmc-costs", "Chip Post", "2025-06-04", "What chips cost in Arizona", CHIPS),
]
TEXTS = texts_of(ARTICLES)
FIRST = "Who built the heritage locomotive Big Boy?"


@pytest.fixture
def library(tmp_path: Path, real_embedder: Any) -> Library:
    return library_of(tmp_path, real_embedder, ARTICLES)


@pytest.mark.model
def test_a_name_beside_the_thing_is_not_who_made_it(capsys, library, monkeypatch):
    answer = ask_json(capsys, library, monkeypatch, FIRST, TEXTS)
    assert not answer["found"]
    assert answer["answer"].startswith(NOT_FOUND)
    assert answer["citations"] == []
    assert "Ed Dickens [1]" not in answer["answer"]


@pytest.mark.model
def test_a_sentence_naming_the_maker_answers(capsys, library, monkeypatch):
    answer = ask_json(capsys, library, monkeypatch, "Who founded the chipmaker TSMC?", TEXTS)
    assert answer["found"]
    assert answer["answer"].startswith("Morris Chang")
    assert "tsmc-costs" in [c["article_id"] for c in answer["citations"]]


@pytest.mark.model
def test_discord_says_nothing_was_found(library):
    answer = Answerer(library, library.settings).answer(FIRST)
    (reply,) = render_answer(answer)
    assert reply.embeds == () and reply.content is not None
    assert reply.content.startswith(NOT_FOUND)
