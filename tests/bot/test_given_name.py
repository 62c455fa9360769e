""" "What did Hillary say?": people call some public figures by a given name alone. It was
refused ("I couldn't find any statements by Hillary"); it is now read as the one person the
news quotes with that given name, and the answer says so; when several are quoted about as
often, the reply names them. Through `newsbot ask --json` and the Discord rendering."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.answer import NO_STATEMENTS, RESPELLED, SEVERAL_CALLED, Answerer
from bot.render import render_answer
from index.library import Library
from tests.bot.conftest import ask_json, library_of, texts_of

TRADE = (
    "Hillary Clinton said on Tuesday that the new trade deal would cost American factory jobs. "
    '"We cannot accept a deal that sends our jobs overseas," Clinton told supporters in Ohio.'
)
SENATE = (
    "Senator Ted Cruz said the spending bill was a betrayal of voters. Representative Ted Lieu "
    "said the bill would keep the government open through the winter."
)
ARTICLES = [
    ("trade", "Politics Daily", "2016-03-01", "Clinton attacks trade deal", TRADE),
    ("senate", "Politics Daily", "2016-03-02", "Spending bill divides Congress", SENATE),
]
TEXTS = texts_of(ARTICLES)


@pytest.fixture
def library(tmp_path: Path, fake_embedder: Any) -> Library:
    return library_of(tmp_path, fake_embedder, ARTICLES)


def test_a_given_name_alone_is_read_as_the_one_person_quoted_by_it(capsys, library, monkeypatch):
    answer = ask_json(capsys, library, monkeypatch, "What did Hillary say?", TEXTS)
    assert answer["found"]
    note = RESPELLED.format(asked="Hillary", speaker="Hillary Clinton")
    assert answer["answer"].startswith(note)
    assert answer["quotes"] and {q["speaker"] for q in answer["quotes"]} == {"Hillary Clinton"}
    assert {c["article_id"] for c in answer["citations"]} == {"trade"}


def test_discord_says_who_the_given_name_was_read_as(library):
    answer = Answerer(library, library.settings).answer("What did Hillary say?")
    (reply,) = render_answer(answer)
    shown = reply.content or "".join(e.description or "" for e in reply.embeds)
    assert RESPELLED.format(asked="Hillary", speaker="Hillary Clinton") in shown
    assert "trade deal" in shown


def test_a_given_name_two_people_share_is_no_guess_but_names_them(capsys, library, monkeypatch):
    answer = ask_json(capsys, library, monkeypatch, "What did Ted say?", TEXTS)
    assert not answer["found"]
    names = "Ted Cruz and Ted Lieu"
    assert answer["answer"] == SEVERAL_CALLED.format(asked="Ted", names=names)
    assert answer["citations"] == [] and answer["quotes"] == []


def test_discord_names_the_people_a_given_name_could_be(library):
    answer = Answerer(library, library.settings).answer("What did Ted say?")
    (reply,) = render_answer(answer)
    assert reply.embeds == () and reply.content is not None
    assert "Ted Cruz" in reply.content and "Ted Lieu" in reply.content


def test_a_name_nobody_is_called_is_still_nobody(capsys, library, monkeypatch):
    answer = ask_json(capsys, library, monkeypatch, "What did Quentin say?", TEXTS)
    assert not answer["found"]
    assert answer["answer"].startswith(NO_STATEMENTS.format(speaker="Quentin"))
