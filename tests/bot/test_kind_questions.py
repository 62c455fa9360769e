""" "What is an isotope?" asks what a kind of thing is. It was answered from a sentence naming
"the Facility for Rare Isotope Beams", and "What is a limerick?" from a study by a student "at
the University of Limerick": sentences that write the word only inside a name it does not head
say nothing of what it is. A sentence that uses the word ("A filibuster is a tactic ...") still
answers.

Through `newsbot ask --json` (whose evidence model already finds this small corpus too weak for
the question) and the Discord rendering of the answerer with that model's threshold off, which
fails without the rule (`kind_unnamed`); with the real model, since the hashed test embedder
scores neither question nor sentence.

"What is the difference between a hurricane and a tornado?" was answered from "Hurricanes can
produce tornadoes ...": sentences naming both that compare nothing tell no difference
(`contrast_unmet`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.answer import NOT_FOUND, Answerer
from bot.render import render_answer
from index.library import Library
from tests.bot.conftest import ask_json, library_of, texts_of

BUILDER = (
    "Physicists at the Facility for Rare Isotope Beams in Michigan measured the heaviest "
    "nucleus of its kind on Monday, the lab said. The facility's accelerator smashes beams of "
    "ions into thin targets to make nuclei never seen on Earth, and the Rare Isotope Beams "
    "program has made more than 100 of them."
)
SENATE = (
    "Senate leaders traded blame on Tuesday as the bill stalled. A filibuster is a tactic that "
    "lets a minority of senators delay a vote, and ending one takes 60 votes, the clerk said."
)
STORMS = (
    "Hurricanes can produce tornadoes for days after landfall, forecasters said on Thursday. "
    "Tornadoes embedded in the outer bands of hurricanes are a common occurrence on the east side "
    "of the storms."
)
LAKES = (
    "The county's survey of its waters was published on Friday. Unlike a pond, a lake is deep "
    "enough that sunlight never reaches its bottom, the survey's authors said."
)
ARTICLES = [
    (
        "lab-nucleus",
        "Lansing Ledger",
        "2025-03-03",
        "Facility for Rare Isotope Beams measures a heavy nucleus",
        BUILDER,
    ),
    ("senate-stall", "Capitol Wire", "2025-03-04", "Senate bill stalls", SENATE),
]
COMPARED = [
    ("storm-tornadoes", "Gulf Weather", "2025-09-10", "Tornadoes in the hurricane's bands", STORMS),
    ("county-waters", "County Times", "2025-09-12", "The county surveys its waters", LAKES),
]
TEXTS = texts_of(ARTICLES + COMPARED)


@pytest.fixture
def library(tmp_path: Path, real_embedder: Any) -> Library:
    return library_of(tmp_path, real_embedder, ARTICLES)


@pytest.fixture
def compared(tmp_path: Path, real_embedder: Any) -> Library:
    return library_of(tmp_path, real_embedder, COMPARED)


@pytest.mark.model
@pytest.mark.parametrize("question", ["What is an isotope?", "What are isotopes?"])
def test_a_kind_of_thing_named_only_inside_a_name_is_not_found(
    capsys, library, monkeypatch, question
):
    answer = ask_json(capsys, library, monkeypatch, question, TEXTS)
    assert not answer["found"]
    assert answer["citations"] == []
    assert "measured the heaviest" not in answer["answer"]
    assert answer["answer"].startswith(NOT_FOUND)


@pytest.mark.model
def test_a_kind_of_thing_a_sentence_uses_is_answered(capsys, library, monkeypatch):
    answer = ask_json(capsys, library, monkeypatch, "What is a filibuster?", TEXTS)
    assert answer["found"]
    assert "A filibuster is a tactic" in answer["answer"]
    assert [c["article_id"] for c in answer["citations"]] == ["senate-stall"]


@pytest.mark.model
def test_discord_says_nothing_was_found_for_the_kind(library):
    answer = Answerer(library, library.settings).answer("What is an isotope?")
    (reply,) = render_answer(answer)
    assert reply.embeds == () and reply.content is not None
    assert reply.content.startswith(NOT_FOUND)


@pytest.mark.model
def test_a_difference_no_sentence_tells_is_not_found(capsys, compared, monkeypatch):
    question = "What is the difference between a hurricane and a tornado?"
    answer = ask_json(capsys, compared, monkeypatch, question, TEXTS)
    assert not answer["found"]
    assert answer["citations"] == []
    answered = Answerer(compared, compared.settings).answer(question)
    (reply,) = render_answer(answered)
    assert reply.embeds == () and reply.content is not None
    assert reply.content.startswith(NOT_FOUND)


@pytest.mark.model
def test_a_difference_a_sentence_tells_is_answered(compared):
    answer = Answerer(compared, compared.settings).answer(
        "What is the difference between a lake and a pond?"
    )
    assert answer.found
    assert "Unlike a pond, a lake is deep" in answer.text
    assert [c.article_id for c in answer.citations] == ["county-waters"]
