""" "Who did Disney pick to build its new theme park in Abu Dhabi?" was led "Walt Disney World"
from articles on Florida's parks that never name Abu Dhabi, though another retrieved article
did (offtopic-fresh21's first run): a rare name of the question must be in an article the
answer cites. Typed without capitals, so must a name the bot cases as the news writes it ("abu
dhabi"), but not a name a typo from a word the passages write: the news misspells too ("house
repubicans" is cased as a name when one article writes "House Repubicans", though the
answer's article writes "Republicans"). Through `newsbot ask --json` and the Discord rendering,
with the real model (whether the passages answer at all is the support model's call)."""

from __future__ import annotations

from typing import Any

import pytest

from bot.answer import NOT_FOUND, Answerer
from bot.render import render_answer
from index.library import Library
from tests.bot.conftest import ask_json, council_meetings, library_of, texts_of

PARKS = (
    "Disney picked Orlando builder Hensel Phelps to build its new theme park at Walt Disney "
    "World, the company said. The theme park will open in 2027 beside Epcot."
)
TRAVEL = (
    "Abu Dhabi drew a record 24 million visitors last year, its tourism office said. Hotels on "
    "Yas Island were full through the winter."
)
OTHER = council_meetings()
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
def test_typed_without_capitals_the_names_are_checked_in_the_cited_articles_too(
    capsys, library, monkeypatch
):
    answer = ask_json(capsys, library, monkeypatch, QUESTION.lower(), TEXTS)
    assert not answer["found"] and answer["citations"] == []
    asked = "who did disney pick to build its new theme park at walt disney world?"
    answer = ask_json(capsys, library, monkeypatch, asked, TEXTS)
    assert answer["found"] and "Hensel Phelps" in answer["answer"]
    assert {c["article_id"] for c in answer["citations"]} == {"parks"}


@pytest.mark.model
def test_discord_shows_the_refusal(library):
    answer = Answerer(library, library.settings).answer(QUESTION)
    (reply,) = render_answer(answer)
    assert reply.embeds == () and reply.content is not None
    assert reply.content.startswith(NOT_FOUND)


VOTE = (
    "The bill passed 427 to 1 on Tuesday. Rep. Clay Higgins of Louisiana was the only one of the "
    "House Republicans who voted against releasing the files. Higgins said the files would "
    "hurt innocent people named in them."
)
# the news misspells too: an article writing "House Repubicans", found but not cited
TYPO = "House Repubicans gathered for a fundraiser in Ohio on Friday night."
VOTES = [
    ("vote", "Capitol Wire", "2025-11-18", "House votes to release the Epstein files", VOTE),
    ("typo", "Capitol Wire", "2025-11-19", "Republicans on the files vote", TYPO),
    *OTHER,
]


@pytest.fixture(scope="module")
def votes(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Library:
    return library_of(tmp_path_factory.mktemp("votes"), real_embedder, VOTES)


@pytest.mark.model
def test_typed_without_capitals_a_name_misspelling_a_written_word_is_that_word(
    capsys, votes, monkeypatch
):
    asked = "how many house repubicans voted against releasing the epstein files?"
    answer = ask_json(capsys, votes, monkeypatch, asked, texts_of(VOTES))
    assert answer["found"]
    assert {c["article_id"] for c in answer["citations"]} == {"vote"}
