""" "What is the top speed / melting point / height of X?" asks for a measure: a number written
in a unit of that measure, or nothing. "What is the melting point of chocolate?" was led "Trader
Joe's" from a story on a chocolate shop, and "What is the half-time length in a rugby sevens
match?" was led "Great Britain". Through `newsbot ask --json` and the Discord rendering."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.answer import NOT_FOUND, Answerer
from bot.render import render_answer
from index.library import Library
from tests.bot.conftest import ask_json, library_of, texts_of

TRIALS = (
    "The new high-speed train reached a top speed of 320 kilometres per hour during trials "
    "near Lyon on Tuesday, the rail operator said. The train's 14 carriages were built in "
    "Alstom's plant at Belfort."
)
LAUNCH = (
    "The new high-speed train will enter service in June with 14 carriages and 600 seats, the "
    "rail operator said. Tickets for the new train go on sale in Lyon next month at 29 euros."
)
ARTICLES = [
    ("train-trials", "Rail News", "2025-05-02", "High-speed train trials near Lyon", TRIALS),
    ("train-launch", "Rail News", "2025-05-09", "New train to enter service in June", LAUNCH),
]
TEXTS = texts_of(ARTICLES)


@pytest.fixture
def library(tmp_path: Path, fake_embedder: Any) -> Library:
    return library_of(tmp_path, fake_embedder, ARTICLES)


@pytest.fixture
def launch_only(tmp_path: Path, fake_embedder: Any) -> Library:
    return library_of(tmp_path, fake_embedder, ARTICLES[1:])


def test_a_measure_is_led_by_a_number_in_its_unit(capsys, library, monkeypatch):
    answer = ask_json(
        capsys, library, monkeypatch, "What was the top speed of the new train?", TEXTS
    )
    assert answer["found"]
    assert answer["answer"].startswith("320 kilometres [1].")
    assert answer["citations"][0]["article_id"] == "train-trials"


@pytest.mark.parametrize(
    "question",
    ["What was the top speed of the new train?", "What is the weight of the new train?"],
)
def test_a_measure_no_article_gives_is_not_found(capsys, launch_only, monkeypatch, question):
    # the launch story counts carriages and seats and prices tickets: no speed, no weight
    answer = ask_json(capsys, launch_only, monkeypatch, question, TEXTS)
    assert not answer["found"]
    assert answer["citations"] == []
    assert "14 carriages" not in answer["answer"]
    assert answer["answer"].startswith(NOT_FOUND)


def test_discord_says_no_measure_was_found(launch_only):
    answer = Answerer(launch_only, launch_only.settings).answer(
        "What was the top speed of the new train?"
    )
    (reply,) = render_answer(answer)
    assert reply.embeds == () and reply.content is not None
    assert reply.content.startswith(NOT_FOUND)
