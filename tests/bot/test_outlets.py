"""One story from several outlets: the answer cites each outlet once ("Reported by AP [1],
Reuters [2] and BBC [3].") instead of repeating the same fact, through `newsbot ask --json`,
the terminal and Discord (simcord)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from bot.cli import main
from bot.outlets import join_names, matching_span
from bot.render import render_answer, render_text
from index.library import Library
from index.models import Article
from tests.bot.conftest import World, texts_of
from tests.conftest import make_settings
from tests.story_corpus import ARTICLES, BBC, REUTERS, write_corpus

BRIDGE = "How long will the Elm Street bridge stay closed?"
TEXTS = texts_of(ARTICLES)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "corpus")


@pytest.fixture
def library(tmp_path: Path, corpus: Path, fake_embedder: Any) -> Library:
    """The story corpus instead of the sample (the answerer and the Discord bot use it)."""
    settings = make_settings(tmp_path / "data", corpus={"sources": [str(corpus)]})
    lib = Library(settings, fake_embedder)
    lib.build()
    return lib


@pytest.fixture
def settings(tmp_path: Path, corpus: Path) -> Any:
    return make_settings(tmp_path / "data", corpus={"sources": [str(corpus)]})


def check_citations(answer: dict[str, Any]) -> None:
    """Every [n] names a citation, every citation is used, and each quotes its article."""
    numbers = [c["n"] for c in answer["citations"]]
    assert numbers == list(range(1, len(numbers) + 1))
    assert {int(n) for n in re.findall(r"\[(\d+)\]", answer["answer"])} == set(numbers)
    for c in answer["citations"]:
        assert TEXTS[c["article_id"]][c["start"] : c["end"]] == c["text"]


def test_ask_json_cites_each_outlet_of_the_wire_story_once(capsys, library, monkeypatch):
    monkeypatch.setattr("index.embedding.load_embedder", lambda settings: library.embedder)
    code = main(["ask", BRIDGE, "--json", "--data-dir", str(library.settings.data_dir)])
    out, err = capsys.readouterr()
    assert code == 0, err
    answer = json.loads(out)
    assert answer["found"] and "six weeks" in answer["answer"]
    assert [c["source"] for c in answer["citations"]] == ["AP", "Reuters", "BBC"]
    assert "Reported by AP [1], Reuters [2] and BBC [3]." in answer["answer"]
    check_citations(answer)
    # The fact is stated once, not once an outlet.
    assert answer["answer"].count("would stay closed for at least six weeks") == 1
    # Each other outlet is cited at its own copy of the sentence the answer used.
    for c in answer["citations"][1:]:
        assert "six weeks" in c["text"]


def test_the_terminal_lists_every_outlet_as_a_source(answerer):
    text = render_text(answerer.answer(BRIDGE))
    assert "Reported by AP [1], Reuters [2] and BBC [3]." in text
    for line in ("[1] Elm Street bridge", "[2] Cracked bridge shut in Tamsin · Reuters", "[3] "):
        assert line in text


def test_an_answer_about_one_outlets_news_names_no_other_outlet(answerer):
    answer = answerer.answer("How many people did firefighters rescue from the flood?")
    assert answer.found and "Reported by" not in answer.text
    assert {c.source for c in answer.citations} == {"AP"}


async def test_discord_shows_the_outlets_in_the_answer_and_as_sources(world: World) -> None:
    result = await world.alice.slash(world.channel, "ask", question=BRIDGE)
    assert result.response is not None
    (embed,) = result.response.embeds
    assert "Reported by AP [1], Reuters [2] and BBC [3]." in (embed.description or "")
    (sources,) = embed.fields
    lines = sources.value.splitlines()
    assert [line[:4] for line in lines] == ["[1] ", "[2] ", "[3] "]
    assert "· Reuters ·" in lines[1] and "· BBC ·" in lines[2]


def test_rendering_keeps_the_outlets_line_a_paragraph_of_its_own(answerer):
    (reply,) = render_answer(answerer.answer(BRIDGE))
    assert "\n\nReported by AP [1]" in (reply.embeds[0].description or "")


def test_an_outlet_is_cited_at_its_own_words_or_not_at_all():
    used = ["The money arrived this week."]
    reuters = Article(id="r", title="", text=REUTERS)
    sentence = "Buses that cross the bridge every few minutes were sent on a detour"
    start, end = matching_span(reuters, [sentence]) or (0, 0)
    assert REUTERS[start:end].startswith(sentence)
    assert matching_span(Article(id="b", title="", text=BBC), used) is None
    assert join_names(["AP"]) == "AP" and join_names(["A", "B", "C"]) == "A, B and C"
