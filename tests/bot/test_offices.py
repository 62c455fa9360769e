"""Offices as speakers: "The mayor of Gotham said ..." is the mayor's statement, never Gotham's;
"The Governor of Arcadia said ..." after the article named Arcadia's governor is that person's.
Through `newsbot ask --json` and Discord (simcord)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.answer import NO_STATEMENTS, RESPELLED
from index.library import Library
from tests.bot.conftest import World, ask_json, texts_of
from tests.conftest import make_settings
from tests.story_corpus import write_corpus

FLOOD = (
    "Heavy rain flooded the harbour district of Gotham on Sunday night, and firefighters rescued "
    "four people from cars stranded near the fish market. The mayor of Gotham said the flood "
    "barriers had held and that new pumps would be installed before the winter storms."
)
BORDER = (
    "Arcadia Gov. Greg Abbott toured the northern border on Monday with state troopers and "
    "local sheriffs.\n\nThe Governor of Arcadia said the border was secure again and that more "
    "troopers would arrive next month."
)
ARTICLES = [
    ("gotham-flood", "Gotham Post", "2025-11-02", "Gotham floods again", FLOOD),
    ("arcadia-border", "Arcadia Star", "2025-11-03", "Governor tours the border", BORDER),
]
TEXTS = texts_of(ARTICLES)


@pytest.fixture
def settings(tmp_path: Path) -> Any:
    corpus = write_corpus(tmp_path / "corpus", ARTICLES)
    return make_settings(tmp_path / "data", corpus={"sources": [str(corpus)]})


@pytest.fixture
def library(settings: Any, fake_embedder: Any) -> Library:
    lib = Library(settings, fake_embedder)
    lib.build()
    return lib


def ask(capsys: Any, library: Library, monkeypatch: Any, question: str) -> dict[str, Any]:
    return ask_json(capsys, library, monkeypatch, question, TEXTS)


def test_the_office_speaks_and_is_named_once(capsys, library, monkeypatch):
    answer = ask(capsys, library, monkeypatch, "What did the mayor of Gotham say?")
    assert answer["found"]
    lines = answer["answer"].splitlines()
    assert lines[0] == "Mayor of Gotham said:"  # no "(mayor of Gotham)" after it
    assert "the flood barriers had held" in lines[1]
    assert {q["speaker"] for q in answer["quotes"]} == {"Mayor of Gotham"}
    assert [c["article_id"] for c in answer["citations"]] == ["gotham-flood"]


def test_the_place_an_office_governs_has_no_statements(capsys, library, monkeypatch):
    answer = ask(capsys, library, monkeypatch, "What did Gotham say?")
    assert answer["quotes"] == []
    assert "Gotham" not in {q["speaker"] for q in answer["quotes"]}


@pytest.mark.parametrize(
    "question",
    ["What did Greg Abbott say?", "What did the Governor of Arcadia say?", "What did Abbott say?"],
)
def test_the_office_is_the_person_the_article_names_in_it(capsys, library, monkeypatch, question):
    answer = ask(capsys, library, monkeypatch, question)
    assert answer["found"]
    assert answer["answer"].splitlines()[0] == "Greg Abbott (Arcadia Gov.) said:"
    (quote,) = answer["quotes"]
    assert quote["speaker"] == "Greg Abbott"
    assert quote["text"].startswith("the border was secure again")


async def test_discord_names_the_office_as_the_speaker(world: World) -> None:
    result = await world.alice.slash(
        world.channel, "ask", question="What did the mayor of Gotham say?"
    )
    assert result.response is not None
    (embed,) = result.response.embeds
    description = embed.description or ""
    assert description.startswith("Mayor of Gotham said:")
    assert "(mayor of Gotham)" not in description
    (sources,) = embed.fields
    assert "Gotham floods again" in sources.value


ASKED_TOGETHER = "What did the mayor of Gotham and Greg Abbott say?"


def test_people_asked_together_each_get_their_statements(capsys, library, monkeypatch):
    answer = ask(capsys, library, monkeypatch, ASKED_TOGETHER)
    assert answer["found"]
    headings = [line for line in answer["answer"].splitlines() if line.endswith(" said:")]
    assert headings == ["Mayor of Gotham said:", "Greg Abbott (Arcadia Gov.) said:"]
    assert [q["speaker"] for q in answer["quotes"]] == ["Mayor of Gotham", "Greg Abbott"]
    assert [c["article_id"] for c in answer["citations"]] == ["gotham-flood", "arcadia-border"]


async def test_discord_shows_each_person_asked_together(world: World) -> None:
    result = await world.alice.slash(world.channel, "ask", question=ASKED_TOGETHER)
    assert result.response is not None
    (embed,) = result.response.embeds
    description = embed.description or ""
    assert "Mayor of Gotham said:" in description
    assert "Greg Abbott (Arcadia Gov.) said:" in description
    (sources,) = embed.fields
    assert "Gotham floods again" in sources.value and "Governor tours the border" in sources.value


# --------------------------------------------------------------------------- typos in the name


@pytest.mark.parametrize(
    ("question", "typed"),
    [("What did Greg Abott say?", "Greg Abott"), ("What did Abbot say?", "Abbot")],
)
def test_a_name_a_typo_away_is_answered_and_the_respelling_said(
    capsys, library, monkeypatch, question, typed
):
    answer = ask(capsys, library, monkeypatch, question)
    assert answer["found"]
    note = RESPELLED.format(asked=typed, speaker="Greg Abbott")
    assert answer["answer"].splitlines()[:2] == [note, "Greg Abbott (Arcadia Gov.) said:"]
    (quote,) = answer["quotes"]
    assert quote["speaker"] == "Greg Abbott"
    assert [c["article_id"] for c in answer["citations"]] == ["arcadia-border"]


def test_a_name_more_than_a_typo_away_is_not_found(capsys, library, monkeypatch):
    answer = ask(capsys, library, monkeypatch, "What did Greg Abbottson say?")
    assert not answer["found"] and answer["quotes"] == [] and answer["citations"] == []
    assert answer["answer"] == NO_STATEMENTS.format(speaker="Greg Abbottson")


async def test_discord_says_which_name_it_answered_for(world: World) -> None:
    result = await world.alice.slash(world.channel, "ask", question="What did Greg Abott say?")
    assert result.response is not None
    (embed,) = result.response.embeds
    description = embed.description or ""
    assert description.startswith(RESPELLED.format(asked="Greg Abott", speaker="Greg Abbott"))
    assert "Greg Abbott (Arcadia Gov.) said:" in description
