""" "What did Minnesota AG Keith Ellison call the surge of ICE agents?" was refused with "I found
nothing about “Minnesota AG Keith Ellison”" (user-answers-fresh3's first run): the whole run of
capitals was looked for as one name, though articles write the title in full ("Minnesota
Attorney General Keith Ellison"), after the name or not at all. A title inside the run parts
the qualifier from the name, and each is looked for alone; a qualifier no article names is
still not found. Through `newsbot ask --json` and the Discord rendering, with the real model."""

from __future__ import annotations

from typing import Any

import pytest

from bot.answer import Answerer
from bot.render import render_answer
from index.library import Library
from tests.bot.conftest import ask_json, council_meetings, library_of, texts_of

SUIT = (
    "Minnesota Attorney General Keith Ellison said the surge of immigration agents into the Twin "
    "Cities amounted to a federal invasion. The state sued on Monday to stop the deployment."
)
OTHER = council_meetings()
ARTICLES = [
    ("suit", "State Desk", "2026-01-13", "Minnesota sues over immigration surge", SUIT),
    *OTHER,
]
TEXTS = texts_of(ARTICLES)
QUESTION = "What did Minnesota AG Keith Ellison call the surge of immigration agents?"


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Library:
    return library_of(tmp_path_factory.mktemp("titled"), real_embedder, ARTICLES)


@pytest.mark.model
def test_a_title_abbreviated_inside_a_name_is_no_part_of_it(capsys, library, monkeypatch):
    answer = ask_json(capsys, library, monkeypatch, QUESTION, TEXTS)
    assert answer["found"], answer["answer"]
    assert "federal invasion" in answer["answer"]
    assert [c["article_id"] for c in answer["citations"]] == ["suit"]
    # the same with the title's dot, which ends no sentence
    asked = "What did Minnesota Atty. Gen. Keith Ellison call the surge of immigration agents?"
    answer = ask_json(capsys, library, monkeypatch, asked, TEXTS)
    assert answer["found"] and "federal invasion" in answer["answer"]


@pytest.mark.model
def test_a_qualifier_no_article_names_is_still_not_found(capsys, library, monkeypatch):
    asked = "What did Wisconsin Governor Keith Ellison call the surge of immigration agents?"
    answer = ask_json(capsys, library, monkeypatch, asked, TEXTS)
    assert not answer["found"] and answer["citations"] == []
    assert "Wisconsin" in answer["answer"]


@pytest.mark.model
def test_discord_shows_the_answer_and_its_source(library):
    answer = Answerer(library, library.settings).answer(QUESTION)
    (reply,) = render_answer(answer)
    (embed,) = reply.embeds
    assert "federal invasion" in (embed.description or "")
    assert "Minnesota sues over immigration surge" in str(embed.to_dict())
