""" "Who did Disney pick to build its new theme park in Abu Dhabi?" was led "Walt Disney World"
from articles on Florida's parks that never name Abu Dhabi, though another retrieved article
did (offtopic-fresh21's first run): a rare name of the question must be in an article the
answer cites. Typed without capitals, the names are the bot's guesses (a typo read as a name:
"house repubicans"), so the check is left out. Through `newsbot ask --json` and the Discord
rendering, with the real model (whether the passages answer at all is the support model's
call)."""

from __future__ import annotations

from typing import Any

import pytest

from bot.answer import NOT_FOUND, Answerer
from bot.render import render_answer
from index.library import Library
from tests.bot.conftest import ask_json, library_of, texts_of

PARKS = (
    "Disney picked Orlando builder Hensel Phelps to build its new theme park at Walt Disney "
    "World, the company said. The theme park will open in 2027 beside Epcot."
)
TRAVEL = (
    "Abu Dhabi drew a record 24 million visitors last year, its tourism office said. Hotels on "
    "Yas Island were full through the winter."
)
# other news, so that "Abu Dhabi" is as rare in the index as in a real one
OTHER = [
    (
        f"other{i}",
        "City Desk",
        f"2025-04-1{i}",
        f"Council meeting {i}",
        f"The council met on "
        f"day {i} to discuss the budget for roads, schools and parks. Members voted {i} to 2.",
    )
    for i in range(8)
]
ARTICLES = [
    ("parks", "Travel Desk", "2025-05-01", "Disney picks builder for new theme park", PARKS),
    ("travel", "Travel Desk", "2025-05-02", "Abu Dhabi tourism hits a record", TRAVEL),
    *OTHER,
]
TEXTS = texts_of(ARTICLES)
QUESTION = "Who did Disney pick to build its new theme park in Abu Dhabi?"


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Library:
    return library_of(tmp_path_factory.mktemp("cited"), real_embedder, ARTICLES)


@pytest.mark.model
def test_a_name_no_cited_article_holds_is_not_found(capsys, library, monkeypatch):
    answer = ask_json(capsys, library, monkeypatch, QUESTION, TEXTS)
    assert not answer["found"] and answer["citations"] == []
    assert answer["answer"].startswith(NOT_FOUND)
    # the same question over the park story alone was answered: the name check is what refuses
    asked = "Who did Disney pick to build its new theme park at Walt Disney World?"
    answer = ask_json(capsys, library, monkeypatch, asked, TEXTS)
    assert answer["found"] and "Hensel Phelps" in answer["answer"]


@pytest.mark.model
def test_typed_without_capitals_the_names_are_not_checked_in_the_cited_articles(
    capsys, library, monkeypatch
):
    answer = ask_json(capsys, library, monkeypatch, QUESTION.lower(), TEXTS)
    assert answer["found"]
    assert {c["article_id"] for c in answer["citations"]} == {"parks"}


@pytest.mark.model
def test_discord_shows_the_refusal(library):
    answer = Answerer(library, library.settings).answer(QUESTION)
    (reply,) = render_answer(answer)
    assert reply.embeds == () and reply.content is not None
    assert reply.content.startswith(NOT_FOUND)
