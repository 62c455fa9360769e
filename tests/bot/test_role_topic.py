""" "What did the judge say in the Hallow Creek pollution case?": a role alone names nobody,
so the topic tells which judge. When no article holds the topic's names, the statements of
some other judge would be passed off as the answer (offtopic-fresh20's first run: "Several
people match “the judge” ...; this answer is about Michael Holbrook"). Through `newsbot ask
--json` and the Discord rendering."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.answer import NOTHING_ABOUT, Answerer
from bot.render import render_answer
from index.library import Library
from tests.bot.conftest import ask_json, library_of, texts_of

RULING = (
    "Judge Michael Holbrook said the paper mill must pay $2 million in fines for polluting the "
    "river. The mill's owners said they would appeal the ruling."
)
ARTICLES = [("ruling", "Court News", "2025-04-02", "Paper mill fined over river", RULING)]
TEXTS = texts_of(ARTICLES)


@pytest.fixture
def library(tmp_path: Path, fake_embedder: Any) -> Library:
    return library_of(tmp_path, fake_embedder, ARTICLES)


def test_a_role_on_a_topic_no_article_names_is_not_found(capsys, library, monkeypatch):
    question = "What did the judge say in the Hallow Creek pollution case?"
    answer = ask_json(capsys, library, monkeypatch, question, TEXTS)
    assert not answer["found"]
    assert answer["citations"] == [] and answer["quotes"] == []
    assert answer["answer"].startswith(NOTHING_ABOUT.format(names="“Hallow” or “Creek”"))


def test_a_role_on_a_topic_the_news_holds_is_answered(capsys, library, monkeypatch):
    answer = ask_json(
        capsys, library, monkeypatch, "What did the judge say about the pollution?", TEXTS
    )
    assert answer["found"]
    assert {q["speaker"] for q in answer["quotes"]} == {"Michael Holbrook"}


def test_a_named_speaker_on_an_unknown_topic_is_not_found_by_name(capsys, library, monkeypatch):
    # the person is known, so the refusal says they never spoke of it (tests/bot/
    # test_unspoken_topic.py), not that the topic's names are unknown
    question = "What did Michael Holbrook say about the Hallow Creek case?"
    answer = ask_json(capsys, library, monkeypatch, question, TEXTS)
    assert not answer["found"] and answer["quotes"] == []
    assert answer["answer"].startswith("No statement by Michael Holbrook")


def test_discord_names_the_topic_nothing_was_found_about(library):
    question = "What did the judge say in the Hallow Creek pollution case?"
    answer = Answerer(library, library.settings).answer(question)
    (reply,) = render_answer(answer)
    assert reply.embeds == () and reply.content is not None
    assert reply.content.startswith(NOTHING_ABOUT.format(names="“Hallow” or “Creek”"))
