"""Two outlets that disagree (a mayor's claim, a ministry's denial the next day): a who-said-what
answer or a question about the claim shows both sides, each attributed and cited, through
`newsbot ask --json` and Discord (simcord). The seed article's case is in test_answer.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.sides import counterpoints
from index.library import Library
from index.models import Article, Statement
from tests.bot.conftest import World, ask_json, texts_of
from tests.conftest import make_settings
from tests.story_corpus import ARTICLES, CLAIM, DENIAL, write_corpus

WHO = "What did Kowalski say about the grant?"
CLAIMED = "Did the city receive a federal grant for the harbour wall?"
TEXTS = texts_of(ARTICLES)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "corpus")


@pytest.fixture
def settings(tmp_path: Path, corpus: Path) -> Any:
    return make_settings(tmp_path / "data", corpus={"sources": [str(corpus)]})


@pytest.fixture
def library(settings: Any, fake_embedder: Any) -> Library:
    lib = Library(settings, fake_embedder)
    lib.build()
    return lib


def ask(capsys: Any, library: Library, monkeypatch: Any, question: str) -> dict[str, Any]:
    return ask_json(capsys, library, monkeypatch, question, TEXTS)


def test_who_said_what_shows_the_other_outlets_denial(capsys, library, monkeypatch):
    answer = ask(capsys, library, monkeypatch, WHO)
    assert [c["source"] for c in answer["citations"]] == ["Harbour Herald", "Coast Gazette"]
    lines = answer["answer"].splitlines()
    assert lines[0] == "Anna Kowalski (Mayor) said:"
    assert "- the city had received a federal grant of 40 million dollars" in lines[1]
    disputed = lines.index("Disputed:")
    assert lines[disputed + 1].startswith("- The federal transport ministry denied on Saturday")
    assert lines[disputed + 1].endswith("[2]")
    assert {q["speaker"] for q in answer["quotes"]} == {"Anna Kowalski"}


def test_a_question_about_the_claim_cites_both_outlets(capsys, library, monkeypatch):
    answer = ask(capsys, library, monkeypatch, CLAIMED)
    assert "Mayor Anna Kowalski said" in answer["answer"]
    assert "ministry denied" in answer["answer"]
    assert {c["source"] for c in answer["citations"]} == {"Harbour Herald", "Coast Gazette"}


async def test_discord_shows_the_claim_and_the_denial_with_their_sources(world: World) -> None:
    result = await world.alice.slash(world.channel, "ask", question=WHO)
    assert result.response is not None
    (embed,) = result.response.embeds
    description = embed.description or ""
    assert "Disputed:" in description and "ministry denied" in description
    (sources,) = embed.fields
    assert "Harbour Herald" in sources.value and "Coast Gazette" in sources.value


def test_only_a_denial_naming_the_claimant_and_sharing_the_claims_words_is_a_counterpoint():
    claim = "the city had received a federal grant of 40 million dollars to rebuild the wall"
    denial = Article(id="d", title="", text=DENIAL)
    unrelated = Article(id="u", title="", text="The club denied that its coach had resigned.")
    mayor = [("Anna Kowalski", "Mayor")]
    (point,) = counterpoints([claim], [unrelated, denial], [], mayor)
    assert (point.article_id, point.speaker) == ("d", None)
    assert point.text == DENIAL[point.start : point.end]
    # The claimant's own words in the sentence ("... denied that ..., Kowalski said"): skipped.
    own = Statement("Anna Kowalski", DENIAL[:40], 0, 40, "d")
    assert counterpoints([claim], [denial], [own], mayor) == []
    assert counterpoints([claim], [Article(id="c", title="", text=CLAIM)], [], mayor) == []
    # A denial that does not name the claimant disputes someone else's words.
    assert counterpoints([claim], [denial], [], [("Lena Brandt", None)]) == []
