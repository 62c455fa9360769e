"""A name of several common words that the news never uses is not answered from articles that
use its words apart: "How long is the Great Wall of China?" over an article on the border wall
(great, wall and China all in it) is "nothing about “Great Wall of China”". Through `newsbot
ask --json` and the Discord rendering."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from bot.answer import NOTHING_ABOUT, Answerer, unknown_phrases
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
    (reply,) = render_answer(Answerer(border, border.settings).answer(QUESTION))
    assert reply.embeds == () and reply.content is not None
    assert reply.content.startswith(NOTHING)


@pytest.mark.model
def test_the_same_name_in_an_article_answers(capsys, both, monkeypatch):
    answer = ask_json(capsys, both, monkeypatch, QUESTION, texts_of(BOTH))
    assert answer["found"]
    assert "13,171 miles" in answer["answer"]
    assert "great-wall" in [c["article_id"] for c in answer["citations"]]


# The title of a work: its words all in an article on a novel about war and peace talks.
NOVEL = (
    "The novel gives an unfiltered view of war, unlike how people felt about World War II. "
    "Its author, a veteran, wrote it to end the war and bring peace."
)
A_NOVEL = [("war-novel", "Book Desk", "2025-05-02", "A novel of war", NOVEL)]
TOLSTOY = (
    "Leo Tolstoy wrote War and Peace in the 1860s. The novel follows five families through "
    "the Napoleonic wars."
)
WITH_TOLSTOY = [*A_NOVEL, ("tolstoy", "Book Desk", "2025-06-02", "Tolstoy's epic", TOLSTOY)]
WORK = "Who wrote the novel War and Peace?"


def test_a_title_the_news_never_uses_is_not_answered(capsys, tmp_path, fake_embedder, monkeypatch):
    library = library_of(tmp_path, fake_embedder, A_NOVEL)
    answer = ask_json(capsys, library, monkeypatch, WORK, texts_of(A_NOVEL))
    assert not answer["found"]
    assert answer["answer"].startswith(NOTHING_ABOUT.format(names="“War and Peace”"))
    assert answer["citations"] == []
    (reply,) = render_answer(Answerer(library, library.settings).answer(WORK))
    assert reply.content is not None
    assert reply.content.startswith(NOTHING_ABOUT.format(names="“War and Peace”"))


@pytest.mark.model
def test_the_title_in_an_article_answers(capsys, tmp_path, real_embedder, monkeypatch):
    library = library_of(tmp_path, real_embedder, WITH_TOLSTOY)
    answer = ask_json(capsys, library, monkeypatch, WORK, texts_of(WITH_TOLSTOY))
    assert answer["found"]
    assert answer["answer"].startswith("Leo Tolstoy")
    assert "tolstoy" in [c["article_id"] for c in answer["citations"]]


class _Probed:
    """A searcher whose BM25 finds every passage: what `unknown_phrases` probes."""

    def __init__(self, texts: list[str]) -> None:
        self.passages = [SimpleNamespace(text=t) for t in texts]

    def lexical(self, query: str, k: int) -> list[tuple[int, float]]:
        return [(row, 1.0) for row in range(len(self.passages))][:k]


PERSON = "Which hacker group leaked the Ashley Madison user data in 2015?"
TEA = "Hackers leaked the Tea app's user data, the company said on Monday."


def test_a_person_the_news_never_names_is_unknown():
    # "Tea [1]." answered it: "Ashley" and "Madison" are each too common to be rare names, and
    # no article retrieved names a Madison
    searcher: Any = _Probed([TEA, "Police in Madison said Ashley Smith was found."])
    assert unknown_phrases(PERSON, [TEA], searcher) == ("Ashley Madison",)
    # one the index names is only left out of the articles retrieved
    searcher = _Probed([TEA, "Ashley Madison was hacked in 2015 by the Impact Team."])
    assert unknown_phrases(PERSON, [TEA], searcher) == ()
