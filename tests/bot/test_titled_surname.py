"""A title and a surname name one person: "What did Captain Hook say?" is not answered with the
statements of Brian Hook, whom no article calls a captain (it was, "Several people match"), while
"Captain Reyes" finds the captain and "Hook" alone still finds Brian Hook. Through `newsbot ask
--json` and Discord (simcord)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.answer import NO_STATEMENTS
from index.library import Library
from tests.bot.conftest import World, ask_json, library_of, texts_of

TALKS = (
    "Brian Hook, the State Department's special envoy, met the delegation in Geneva on Monday. "
    "Hook said the talks would resume next month after both sides consulted their capitals."
)
SHIP = (
    "The destroyer returned to Norfolk after seven months at sea. Navy Capt. Ada Reyes said the "
    "crew had earned a long rest and that repairs would start in the spring."
)
ARTICLES = [
    ("geneva-talks", "World Desk", "2025-11-04", "Talks to resume in Geneva", TALKS),
    ("norfolk-ship", "Navy Times", "2025-11-05", "Destroyer home in Norfolk", SHIP),
]
TEXTS = texts_of(ARTICLES)


@pytest.fixture
def library(tmp_path: Path, fake_embedder: Any) -> Library:
    return library_of(tmp_path, fake_embedder, ARTICLES)


def ask(capsys: Any, library: Library, monkeypatch: Any, question: str) -> dict[str, Any]:
    return ask_json(capsys, library, monkeypatch, question, TEXTS)


@pytest.mark.parametrize(
    "question", ["What did Captain Hook say?", "What did Capt. Hook say about the crocodile?"]
)
def test_a_title_nobody_of_that_surname_holds_finds_nobody(capsys, library, monkeypatch, question):
    answer = ask(capsys, library, monkeypatch, question)
    assert not answer["found"]
    assert answer["quotes"] == []
    assert answer["citations"] == []
    asked = "Captain Hook" if "Captain" in question else "Capt. Hook"
    assert answer["answer"].startswith(NO_STATEMENTS.format(speaker=asked))
    assert "Brian Hook" not in answer["answer"]


def test_the_title_finds_its_holder(capsys, library, monkeypatch):
    answer = ask(capsys, library, monkeypatch, "What did Captain Reyes say?")
    assert answer["found"]
    (quote,) = answer["quotes"]
    assert quote["speaker"] == "Ada Reyes"
    assert quote["text"].startswith("the crew had earned a long rest")


@pytest.mark.parametrize("question", ["What did Hook say?", "What did Mr. Hook say?"])
def test_a_surname_alone_or_a_courtesy_title_still_finds_the_person(
    capsys, library, monkeypatch, question
):
    answer = ask(capsys, library, monkeypatch, question)
    assert answer["found"]
    (quote,) = answer["quotes"]
    assert quote["speaker"] == "Brian Hook"
    assert quote["text"].startswith("the talks would resume next month")


async def test_discord_says_nobody_so_titled_is_quoted(world: World) -> None:
    result = await world.alice.slash(world.channel, "ask", question="What did Captain Hook say?")
    assert result.response is not None
    reply = result.response.content or ""
    assert reply.startswith(NO_STATEMENTS.format(speaker="Captain Hook"))
    assert not result.response.embeds
