""" "How much did it cost to repair the treatment plant after Sandy?" was led "250 million
gallons" (offtopic-fresh37's first run): a sum asked for is led by a sum, and when the best
lead is none (a sum further down is another's: a city's yearly budget) the answer says it found
nothing. Through `newsbot ask --json` and the Discord rendering."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.answer import NOT_FOUND, Answerer
from bot.render import render_answer
from index.library import Library
from tests.bot.conftest import ask_json, library_of, texts_of

FLOODED = (
    "To repair the Passaic Valley treatment plant after Sandy, crews had to pump out the 250 "
    "million gallons of sewage the plant handles each day. Paterson, beside the Passaic Valley "
    "plant, budgets $1.2 million each year for sewer work."
)
REPAIRED = (
    "It cost $270 million to repair the Passaic Valley treatment plant after Sandy, the "
    "commission said. Most of the money came from federal disaster aid."
)
FLOOD = ("flooded", "Star-Ledger", "2013-10-28", "Sandy's sewage plant", FLOODED)
REPAIR = ("repaired", "Star-Ledger", "2014-10-29", "Sewage plant repaired", REPAIRED)
QUESTION = "How much did it cost to repair the Passaic Valley treatment plant after Sandy?"


@pytest.fixture
def flooded_only(tmp_path: Path, fake_embedder: Any) -> Library:
    return library_of(tmp_path, fake_embedder, [FLOOD])


def test_a_cost_no_lead_gives_is_not_found(capsys, flooded_only, monkeypatch):
    answer = ask_json(capsys, flooded_only, monkeypatch, QUESTION, texts_of([FLOOD]))
    assert not answer["found"]
    assert answer["answer"].startswith(NOT_FOUND)
    assert "250 million gallons" not in answer["answer"]
    assert answer["citations"] == []
    (reply,) = render_answer(Answerer(flooded_only, flooded_only.settings).answer(QUESTION))
    assert reply.embeds == () and reply.content is not None
    assert reply.content.startswith(NOT_FOUND)


def test_a_cost_is_led_by_the_sum(capsys, tmp_path, fake_embedder, monkeypatch):
    library = library_of(tmp_path, fake_embedder, [FLOOD, REPAIR])
    answer = ask_json(capsys, library, monkeypatch, QUESTION, texts_of([FLOOD, REPAIR]))
    assert answer["found"]
    assert answer["answer"].startswith("$270 million [1].")
    assert answer["citations"][0]["article_id"] == "repaired"
