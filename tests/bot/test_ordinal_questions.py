""" "Who was the first person to climb Mount Everest?" asks for whoever was first: a lead comes
only from a sentence that gives that first. It was led "Lilathar Awasthi", a tourism official
quoted on this year's climbers, from a sentence with no first in it. Through `newsbot ask
--json` and the Discord rendering."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.answer import NOT_FOUND, Answerer
from bot.render import render_answer
from index.library import Library
from tests.bot.conftest import ask_json, library_of, texts_of

SEASON = (
    "A German climber was the lone mountaineer with a permit to climb Mount Everest this "
    "autumn, but he left the base camp after failing to reach the summit, tourism department "
    "official Lilathar Awasthi said. About 350 hikers reached the township of Qudang near the "
    "eastern slopes of Mount Everest."
)
ASCENT = (
    "Edmund Hillary became the first person to climb Mount Everest in 1953, with the Sherpa "
    "mountaineer beside him. Their route up the South Col is still the one most climbers take."
)
ARTICLES = [
    ("everest-season", "Mountain News", "2025-10-06", "Everest climbers stranded", SEASON),
    ("everest-ascent", "Mountain News", "2025-05-29", "Everest's first ascent", ASCENT),
]
TEXTS = texts_of(ARTICLES)
QUESTION = "Who was the first person to climb Mount Everest?"


@pytest.fixture
def library(tmp_path: Path, fake_embedder: Any) -> Library:
    return library_of(tmp_path, fake_embedder, ARTICLES)


@pytest.fixture
def season_only(tmp_path: Path, fake_embedder: Any) -> Library:
    return library_of(tmp_path, fake_embedder, ARTICLES[:1])


def test_the_first_is_led_from_a_sentence_giving_it(capsys, library, monkeypatch):
    answer = ask_json(capsys, library, monkeypatch, QUESTION, TEXTS)
    assert answer["found"]
    assert answer["answer"].startswith("Edmund Hillary [1].")
    assert answer["citations"][0]["article_id"] == "everest-ascent"


def test_no_sentence_giving_the_first_is_not_found(capsys, season_only, monkeypatch):
    answer = ask_json(capsys, season_only, monkeypatch, QUESTION, TEXTS)
    assert not answer["found"]
    assert answer["citations"] == []
    assert "Awasthi" not in answer["answer"]
    assert answer["answer"].startswith(NOT_FOUND)


def test_discord_says_no_first_was_found(season_only):
    answer = Answerer(season_only, season_only.settings).answer(QUESTION)
    (reply,) = render_answer(answer)
    assert reply.embeds == () and reply.content is not None
    assert reply.content.startswith(NOT_FOUND)


def test_the_first_is_led_from_whichever_sentence_naming_the_lead_gives_it(
    capsys, tmp_path, fake_embedder, monkeypatch
):
    # "Vermont" was led from its best sentence ("the Vermont labeling law"), and none other
    # was read for the first, so "Which state was set to become the first to require GMO
    # labeling?" was refused
    labels = (
        "The Vermont law set to require GMO labeling will become a model for every state, "
        "food executives said. Vermont on July 1 becomes the first to require it."
    )
    articles = [("gmo", "Food News", "2016-06-20", "Companies embrace GMO labeling", labels)]
    library = library_of(tmp_path, fake_embedder, articles)
    question = "Which state was set to become the first to require GMO labeling?"
    answer = ask_json(capsys, library, monkeypatch, question, texts_of(articles))
    assert answer["found"]
    assert answer["answer"].startswith("Vermont [1]. Vermont on July 1 becomes the first to")
