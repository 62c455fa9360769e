""" "Which health provider gave Cincinnati Public Schools teachers their COVID-19 shots ...?"
was led "Chicago" from an article on Chicago Public Schools (offtopic-fresh36's first run):
"Cincinnati" is too common in the news to be a rare name the cited articles must hold, but an
article naming "Chicago Public Schools" where the question names "Cincinnati Public Schools"
is about a namesake, not about what was asked, though the index names Cincinnati Public Schools
elsewhere. Through `newsbot ask --json` and the Discord
rendering, with the real model."""

from __future__ import annotations

from typing import Any

import pytest

from bot.answer import NAMESAKE, Answerer
from bot.render import render_answer
from index.library import Library
from tests.bot.conftest import ask_json, council_meetings, library_of, texts_of

CHICAGO = (
    "Chicago Public Schools teachers got their COVID-19 shots from Rush University Medical "
    "Center, district officials said. The first teachers were vaccinated in January."
)
# Cincinnati is named often enough in the news not to be a rare name
CINCINNATI = [
    (
        f"cincinnati{i}",
        "Metro Desk",
        f"2025-03-1{i}",
        f"Cincinnati news {i}",
        f"Cincinnati officials met on day {i} about the river park and the new bridge.",
    )
    for i in range(6)
]
# the index names Cincinnati Public Schools too, in a story on something else
CALENDAR = "Cincinnati Public Schools will start the new school year on Aug. 12, the board said."
ARTICLES = [
    ("chicago", "Schools Desk", "2021-01-20", "Chicago teachers get vaccinated", CHICAGO),
    ("calendar", "Schools Desk", "2025-07-01", "School year starts Aug. 12", CALENDAR),
    *CINCINNATI,
    *council_meetings(),
]
TEXTS = texts_of(ARTICLES)
QUESTION = "Which health provider gave Cincinnati Public Schools teachers their COVID-19 shots?"


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Library:
    return library_of(tmp_path_factory.mktemp("namesakes"), real_embedder, ARTICLES)


@pytest.mark.model
def test_an_article_on_a_namesake_answers_nothing(capsys, library, monkeypatch):
    answer = ask_json(capsys, library, monkeypatch, QUESTION, TEXTS)
    assert not answer["found"] and answer["citations"] == []
    assert answer["answer"].startswith(NAMESAKE.format(names="“Cincinnati Public Schools”"))
    # the same question of the schools the article names is answered from it
    asked = QUESTION.replace("Cincinnati", "Chicago")
    answer = ask_json(capsys, library, monkeypatch, asked, TEXTS)
    assert answer["found"] and "Rush University Medical Center" in answer["answer"]
    assert {c["article_id"] for c in answer["citations"]} == {"chicago"}


@pytest.mark.model
def test_discord_shows_the_refusal_and_the_name(library):
    answer = Answerer(library, library.settings).answer(QUESTION)
    (reply,) = render_answer(answer)
    assert reply.embeds == () and reply.content is not None
    assert reply.content.startswith(NAMESAKE.format(names="“Cincinnati Public Schools”"))
