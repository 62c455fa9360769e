""" "What does X mean?" asks what a word or a thing means, not what somebody said: "What does
starboard mean on a boat?" was read as a statements question about a bar called the Starboard
("No statement by Starboard in the indexed news mentions “a boat”; here are their other
statements"). What somebody meant stays a statements question ("What did the Starboard mean?",
"What does the Starboard mean by that?"). Through `newsbot ask --json`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from index.library import Library
from tests.bot.conftest import ask_json, library_of, texts_of

BAR = (
    "Storm damage closed several businesses on the boardwalk this week. The Starboard said it "
    "would reopen on Friday once the deck was repaired and the power was back on."
)
HARBOUR = (
    "Boaters returned to the harbour on Saturday after the storm. The harbour master said all "
    "moorings had been checked and that the channel markers were back in place."
)
ARTICLES = [
    ("boardwalk-storm", "Shore Daily", "2025-09-02", "Boardwalk businesses count the damage", BAR),
    ("harbour-reopens", "Shore Daily", "2025-09-06", "Boaters return to the harbour", HARBOUR),
]
TEXTS = texts_of(ARTICLES)


@pytest.fixture
def library(tmp_path: Path, fake_embedder: Any) -> Library:
    return library_of(tmp_path, fake_embedder, ARTICLES)


@pytest.mark.parametrize(
    "question", ["What does starboard mean on a boat?", "what does starboard mean"]
)
def test_what_a_word_means_lists_no_statements(capsys, library, monkeypatch, question):
    answer = ask_json(capsys, library, monkeypatch, question, TEXTS)
    assert answer["quotes"] == []
    assert "Starboard said" not in answer["answer"]
    assert "No statement by" not in answer["answer"]


@pytest.mark.parametrize(
    "question", ["What did the Starboard say?", "What does the Starboard mean by that?"]
)
def test_what_somebody_said_or_meant_lists_their_statements(capsys, library, monkeypatch, question):
    answer = ask_json(capsys, library, monkeypatch, question, TEXTS)
    assert answer["found"]
    assert [q["speaker"] for q in answer["quotes"]] == ["Starboard"]
    assert "would reopen on Friday" in answer["quotes"][0]["text"]
    assert [c["article_id"] for c in answer["citations"]] == ["boardwalk-storm"]
