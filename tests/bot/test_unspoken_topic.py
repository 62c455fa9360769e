""" "What did Michael Holbrook say about the avocado harvest?": a person the news quotes, asked
about something none of their statements speaks of. Listing their other statements, cited, as
a found answer ("No statement ... mentions ...; here are their other statements") passed
unrelated words off as an answer; so did a statement sharing one common word with the topic
("fines") when the topic names a place none of their articles holds ("in Tokyo"). Either is
not found: said plainly, with the articles that do quote them named, and nothing cited.
Through `newsbot ask --json` and the Discord rendering."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.answer import RESPELLED, UNSPOKEN_TOPIC, Answerer
from bot.render import render_answer
from index.library import Library
from tests.bot.conftest import ask_json, library_of, texts_of

RULING = (
    "Judge Michael Holbrook said the paper mill must pay $2 million in fines for polluting the "
    "river. The mill's owners said they would appeal the ruling."
)
COUNCIL = (
    "Mayor Dana Whitfield said the new bridge will open in May. Council members praised the "
    "plan on Tuesday."
)
FESTIVAL = (
    "The harvest festival drew thousands to the square on Sunday. In her proclamation, Mayor "
    "Dana Whitfield thanked the harvest festival volunteers for a record year of donations."
)
ARTICLES = [
    ("ruling", "Court News", "2025-04-02", "Paper mill fined over river", RULING),
    ("bridge", "City Desk", "2025-04-03", "Bridge to open in May", COUNCIL),
    ("festival", "City Desk", "2025-04-05", "Harvest festival breaks records", FESTIVAL),
]
TEXTS = texts_of(ARTICLES)


@pytest.fixture
def library(tmp_path: Path, fake_embedder: Any) -> Library:
    return library_of(tmp_path, fake_embedder, ARTICLES)


def _refusal(speaker: str, topic: str) -> str:
    return UNSPOKEN_TOPIC.format(
        speaker=speaker, topic=topic, titles="“Paper mill fined over river”"
    )


def test_a_topic_no_statement_speaks_of_is_not_found(capsys, library, monkeypatch):
    question = "What did Michael Holbrook say about the avocado harvest?"
    answer = ask_json(capsys, library, monkeypatch, question, TEXTS)
    assert not answer["found"]
    assert answer["citations"] == [] and answer["quotes"] == []
    assert answer["answer"] == _refusal("Michael Holbrook", "the avocado harvest")


def test_a_topic_naming_a_place_their_articles_lack_is_not_found(capsys, library, monkeypatch):
    # "fines" is in his statement; "Tokyo" in none of the articles quoting him
    question = "What did Michael Holbrook say about the fines in Tokyo?"
    answer = ask_json(capsys, library, monkeypatch, question, TEXTS)
    assert not answer["found"]
    assert answer["citations"] == [] and answer["quotes"] == []
    assert answer["answer"] == _refusal("Michael Holbrook", "the fines in Tokyo")


def test_a_topic_they_spoke_of_is_answered(capsys, library, monkeypatch):
    question = "What did Michael Holbrook say about the fines?"
    answer = ask_json(capsys, library, monkeypatch, question, TEXTS)
    assert answer["found"]
    assert [q["speaker"] for q in answer["quotes"]] == ["Michael Holbrook"]
    assert "$2 million in fines" in answer["quotes"][0]["text"]
    assert "No statement by" not in answer["answer"]


def test_a_respelled_name_on_an_unspoken_topic_says_both(capsys, library, monkeypatch):
    question = "What did Michael Holbrok say about the avocado harvest?"
    answer = ask_json(capsys, library, monkeypatch, question, TEXTS)
    assert not answer["found"] and answer["citations"] == []
    said = RESPELLED.format(asked="Michael Holbrok", speaker="Michael Holbrook").rstrip(".")
    assert answer["answer"].startswith(said)
    assert _refusal("Michael Holbrook", "the avocado harvest") in answer["answer"]


def test_discord_shows_the_refusal_without_citations(library):
    question = "What did Michael Holbrook say about the avocado harvest?"
    answer = Answerer(library, library.settings).answer(question)
    (reply,) = render_answer(answer)
    assert reply.embeds == () and reply.content is not None
    assert reply.content.startswith(_refusal("Michael Holbrook", "the avocado harvest"))


@pytest.mark.model
def test_a_passage_telling_what_they_said_of_the_topic_answers(
    capsys, tmp_path, real_embedder, monkeypatch
):
    # her statements speak of the bridge; a sentence no statement was read from tells what she
    # said of the festival ("President Obama said Thanksgiving Day is ..." was missed so). The
    # real model: whether the passage answers at all is the support model's call.
    library = library_of(tmp_path, real_embedder, ARTICLES)
    question = "What did Dana Whitfield say about the harvest festival?"
    answer = ask_json(capsys, library, monkeypatch, question, TEXTS)
    assert answer["found"]
    assert "Dana Whitfield thanked the harvest festival volunteers" in answer["answer"]
    assert [c["article_id"] for c in answer["citations"]] == ["festival"]


def test_a_sentence_tells_of_a_topic_with_the_name_and_half_its_words():
    from bot.answer import _tells_of

    obama = 'In last year\'s proclamation, President Obama said Thanksgiving Day is "a time".'
    assert _tells_of(obama, "Obama", "Thanksgiving")
    assert not _tells_of("Michelle Obama led several chants.", "Obama", "Thanksgiving")
    chiefs = "Trump picked the Kansas City Chiefs because of quarterback Patrick Mahomes."
    assert not _tells_of(chiefs, "Patrick Mahomes", "the Kansas City Royals stadium vote")
    assert _tells_of(chiefs, "Patrick Mahomes", "the Kansas City Chiefs")
