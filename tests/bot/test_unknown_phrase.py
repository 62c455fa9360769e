"""A name of several common words that the news never uses is not answered from articles that
use its words apart: "How long is the Great Wall of China?" over an article on the border wall
(great, wall and China all in it) is "nothing about “Great Wall of China”". Through `newsbot
ask --json` and the Discord rendering."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.answer import NOTHING_ABOUT
from bot.render import render_answer
from index.library import Library
from tests.bot.conftest import ask_json, library_of, texts_of

WALL = (
    "The border wall stretches 458 miles, officials said on Monday. It was a great effort, "
    "the agency said, with steel bought from China and Mexico."
)
GREAT_WALL = (
    "Tourists returned to the Great Wall of China this spring. The wall, built over centuries, "
    "stretches for 13,171 miles across northern China."
)
BORDER = [("border-wall", "Border Post", "2025-03-02", "How long is the border wall?", WALL)]
BOTH = [*BORDER, ("great-wall", "Travel Desk", "2025-04-02", "Back on the wall", GREAT_WALL)]
QUESTION = "How long is the Great Wall of China?"
NOTHING = NOTHING_ABOUT.format(names="“Great Wall of China”")


@pytest.fixture
def border(tmp_path: Path, fake_embedder: Any) -> Library:
    return library_of(tmp_path, fake_embedder, BORDER)


@pytest.fixture
def both(tmp_path: Path, real_embedder: Any) -> Library:
    return library_of(tmp_path, real_embedder, BOTH)


def test_a_name_the_news_never_uses_is_not_answered(capsys, border, monkeypatch):
    answer = ask_json(capsys, border, monkeypatch, QUESTION, texts_of(BORDER))
    assert not answer["found"]
    assert answer["answer"].startswith(NOTHING)
    assert answer["citations"] == []
    assert "458" not in answer["answer"]


def test_discord_says_what_was_not_found(border):
    from bot.answer import Answerer

    (reply,) = render_answer(Answerer(border, border.settings).answer(QUESTION))
    assert reply.embeds == () and reply.content is not None
    assert reply.content.startswith(NOTHING)


@pytest.mark.model
def test_the_same_name_in_an_article_answers(capsys, both, monkeypatch):
    answer = ask_json(capsys, both, monkeypatch, QUESTION, texts_of(BOTH))
    assert answer["found"]
    assert "13,171 miles" in answer["answer"]
    assert "great-wall" in [c["article_id"] for c in answer["citations"]]
