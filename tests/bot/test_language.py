""" "What language ...?" is answered by a language's name: a match report naming Argentina and
Puerto Rico does not answer "What language is spoken in Argentina?" (it was led by "Puerto
Rico"), while a report on the pope's greeting leads with the language he spoke. Through
`newsbot ask --json` and the Discord rendering, with the real model."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from bot.answer import NOT_FOUND, Answerer
from bot.render import render_answer
from bot.settings import AnswerSettings
from index.library import Library
from tests.bot.conftest import ask_json, library_of, texts_of

MATCH = (
    "The friendly match between Argentina and Puerto Rico, first scheduled for Chicago, has "
    "moved to Florida. Argentina will play Venezuela on Friday at Hard Rock Stadium in Miami, "
    "with Lionel Messi expected to start."
)
GREETING = (
    "Pope Leo XIV greeted the crowd in St. Peter's Square in Italian on Thursday, then spoke "
    "in Spanish to the diocese in Peru where he served for years. Thousands cheered below the "
    "balcony."
)
STORM = (
    "A winter storm dropped a foot of snow on Buffalo overnight. Schools closed and crews worked "
    "through the morning to clear the roads."
)
ARTICLES = [
    ("argentina-friendly", "Sports Desk", "2025-10-01", "Argentina friendly moves", MATCH),
    ("buffalo-snow", "Weather Desk", "2025-12-02", "A foot of snow in Buffalo", STORM),
]
TEXTS = texts_of(ARTICLES)
ASKED = "What language is spoken in Argentina?"
POPE = [*ARTICLES, ("pope-greeting", "Vatican Post", "2025-05-09", "The pope greets", GREETING)]


@pytest.fixture
def library(tmp_path: Path, real_embedder: Any) -> Library:
    return library_of(tmp_path, real_embedder, ARTICLES)


@pytest.fixture
def with_pope(tmp_path: Path, real_embedder: Any) -> Library:
    return library_of(tmp_path, real_embedder, POPE)


@pytest.mark.model
def test_a_match_report_names_no_language(capsys, library, monkeypatch):
    answer = ask_json(capsys, library, monkeypatch, ASKED, TEXTS)
    assert not answer["found"]
    assert answer["answer"].startswith(NOT_FOUND)
    assert answer["citations"] == []
    assert "Puerto Rico [" not in answer["answer"]


@pytest.mark.model
def test_the_language_spoken_leads(capsys, with_pope, monkeypatch):
    question = "In what language did Pope Leo greet the crowd in St. Peter's Square?"
    answer = ask_json(capsys, with_pope, monkeypatch, question, texts_of(POPE))
    assert answer["found"]
    assert answer["answer"].startswith("Italian [1]. Pope Leo XIV greeted the crowd")
    assert answer["citations"][0]["article_id"] == "pope-greeting"


@pytest.mark.model
def test_discord_says_nothing_was_found(library):
    # as the bot runs: the configured support bar (the test settings switch it off)
    configured = replace(library.settings.answer, min_support=AnswerSettings().min_support)
    settings = replace(library.settings, answer=configured)
    (reply,) = render_answer(Answerer(library, settings).answer(ASKED))
    assert reply.embeds == () and reply.content is not None
    assert reply.content.startswith(NOT_FOUND)
