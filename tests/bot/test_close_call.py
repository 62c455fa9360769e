"""A close call: when another article's answer scores nearly as well as the lead, the answer's
second sentence is that article's, cited, not a second sentence repeating the lead. Through
`newsbot ask --json` and the Discord rendering."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.render import render_answer
from index.library import Library
from tests.bot.conftest import ask_json, library_of, texts_of

ARIZONA = (
    "In April, Arizona banned ultraprocessed foods in public schools. Arizona's ban on "
    "ultraprocessed foods in public schools starts next school year, officials said. Parents "
    "welcomed the ban on ultraprocessed foods in public schools."
)
CALIFORNIA = (
    "Last year, California banned ultraprocessed foods in its schools. The rules apply to every "
    "district."
)
ARTICLES = [
    ("arizona-schools", "Arizona Daily", "2025-11-02", "Arizona bans school junk food", ARIZONA),
    ("california-schools", "Golden Post", "2025-11-03", "California school food", CALIFORNIA),
]
TEXTS = texts_of(ARTICLES)
QUESTION = "Which state banned ultraprocessed foods in public schools?"


@pytest.fixture
def library(tmp_path: Path, fake_embedder: Any) -> Library:
    return library_of(tmp_path, fake_embedder, ARTICLES)


def test_the_other_states_sentence_follows_the_leads_own(capsys, library, monkeypatch):
    answer = ask_json(capsys, library, monkeypatch, QUESTION, TEXTS)
    assert answer["found"]
    # the lead, its own sentence, then the runner-up's sentence from the other article (not
    # "Parents welcomed the ban ...", which scores higher but adds no other answer)
    assert answer["answer"] == (
        "Arizona [1]. In April, Arizona banned ultraprocessed foods in public schools. [1] "
        "Last year, California banned ultraprocessed foods in its schools. [2]"
    )
    assert [c["article_id"] for c in answer["citations"]] == [
        "arizona-schools",
        "california-schools",
    ]


def test_a_runner_up_far_behind_leaves_the_best_other_sentence(capsys, library, monkeypatch):
    monkeypatch.setattr("bot.lead.RUNNER_UP_RATIO", 0.9)
    answer = ask_json(capsys, library, monkeypatch, QUESTION, TEXTS)
    assert answer["answer"].endswith(
        "Parents welcomed the ban on ultraprocessed foods in public schools. [1]"
    )
    assert [c["article_id"] for c in answer["citations"]] == ["arizona-schools"]


def test_discord_shows_the_close_call_with_its_citation(library):
    from bot.answer import Answerer

    answer = Answerer(library, library.settings).answer(QUESTION)
    (reply,) = render_answer(answer)
    (embed,) = reply.embeds
    text = embed.description or ""
    assert text.startswith("**Arizona** [1]. ")
    assert "Arizona banned" in text and "California banned" in text
    (sources,) = [field.value for field in embed.fields]
    assert "Arizona bans school junk food" in sources
    assert "California school food" in sources
