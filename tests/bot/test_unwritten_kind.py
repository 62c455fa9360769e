""" "Which law firm is representing the union?" over articles that cover the union's suit but
never write "firm" was answered with whatever they led with ("the union", "Trump"), cited as if
it were the firm: the weakest kind of off-topic question measured (a detail no article gives of
a story the news covers). When no retrieved article writes the kind of thing asked for
(`kind_unwritten`), none is named as one: not found. A kind the articles write is answered.

Through `newsbot ask --json` and the Discord rendering, with the real model (the hashed test
embedder scores neither question nor sentence); each refusal test fails without the rule."""

from __future__ import annotations

from typing import Any

import pytest

from bot.answer import NOT_FOUND, Answerer
from bot.render import render_answer
from index.library import Library
from tests.bot.conftest import ask_json, council_meetings, library_of, texts_of

SUIT = (
    "The Harlow Federation of Teachers, the union for the district's 900 teachers, sued the "
    "Harlow school district on Monday over the spring layoffs. The union's lawyers will argue "
    "in court that the cuts broke the teachers' contract, union president Dana Orr said."
)
PANTRY = (
    "The Tullis food pantry bought 12,000 pounds of rice after its shelves ran low in March. "
    "Volunteers from the Harlow Federation of Teachers packed the bags on Saturday."
)
ARTICLES = [
    ("suit", "Harlow Herald", "2026-03-02", "Teachers' union sues Harlow schools", SUIT),
    ("pantry", "Harlow Herald", "2026-03-09", "Pantry restocks after a lean month", PANTRY),
    *council_meetings(),
]
TEXTS = texts_of(ARTICLES)
UNWRITTEN = "Which law firm is representing the Harlow teachers' union in court?"


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Library:
    return library_of(tmp_path_factory.mktemp("unwritten-kind"), real_embedder, ARTICLES)


@pytest.mark.model
def test_a_kind_no_article_writes_is_not_found(capsys, library, monkeypatch):
    answer = ask_json(capsys, library, monkeypatch, UNWRITTEN, TEXTS)
    assert not answer["found"], answer["answer"]
    assert answer["citations"] == []
    assert answer["answer"].startswith(NOT_FOUND)


@pytest.mark.model
def test_a_kind_an_article_writes_is_answered(capsys, library, monkeypatch):
    asked = "Which union is suing the Harlow school district over the layoffs?"
    answer = ask_json(capsys, library, monkeypatch, asked, TEXTS)
    assert answer["found"], answer["answer"]
    assert "Harlow Federation of Teachers" in answer["answer"]
    assert "suit" in [c["article_id"] for c in answer["citations"]]


@pytest.mark.model
def test_a_count_of_what_no_article_writes_is_not_found(capsys, library, monkeypatch):
    # the pantry counts pounds of rice; nothing counts the union's members in tons
    asked = "How many tons of rice did the Tullis food pantry buy in March?"
    answer = ask_json(capsys, library, monkeypatch, asked, TEXTS)
    assert not answer["found"], answer["answer"]
    assert answer["citations"] == []
    counted = "How many pounds of rice did the Tullis food pantry buy in March?"
    answer = ask_json(capsys, library, monkeypatch, counted, TEXTS)
    assert answer["found"] and "12,000" in answer["answer"]


@pytest.mark.model
def test_discord_says_nothing_was_found_for_the_kind(library):
    answer = Answerer(library, library.settings).answer(UNWRITTEN)
    (reply,) = render_answer(answer)
    assert reply.embeds == () and reply.content is not None
    assert reply.content.startswith(NOT_FOUND)
    assert "Harlow Herald" not in reply.content
