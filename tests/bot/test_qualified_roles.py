"""A role asked with its qualifier ("Who's the Crescent City manager who ...?") is answered by
the sentence naming someone with that very role ("Crescent City Manager Eric Weir said ..."),
not by a better-matching sentence about the story naming nobody in it. Through `newsbot ask
--json` and the functions it uses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.answer import qualified_role_sentences
from bot.lead import qualified_role
from index.library import Library
from tests.bot.conftest import ask_json, texts_of
from tests.conftest import make_settings
from tests.story_corpus import write_corpus

SURGE = (
    "Tsunami surges reached Gull Bay after the earthquake, and people were briefed, the weather "
    "service in Eureka posted.\n\n"
    '"It was a long night for all of us," Harbor Point City Manager Erin Valdane said during a '
    "morning briefing after the earthquake. The water stayed within the banks."
)
FAIR = (
    "The county fair opened on Friday with a record crowd, and the Millbrook City Manager "
    "Tom Ruiz said the rides had been inspected twice."
)
ARTICLES = [
    ("harbor-surge", "Coast Daily", "2025-07-30", "Why Harbor Point is so exposed", SURGE),
    ("county-fair", "Valley News", "2025-07-25", "County fair opens", FAIR),
]
TEXTS = texts_of(ARTICLES)
ASKED = (
    "Who's the Harbor Point city manager who briefed people on the tsunami surges after the "
    "earthquake?"
)


@pytest.fixture
def library(tmp_path: Path, fake_embedder: Any) -> Library:
    corpus = write_corpus(tmp_path / "corpus", ARTICLES)
    settings = make_settings(tmp_path / "data", corpus={"sources": [str(corpus)]})
    lib = Library(settings, fake_embedder)
    lib.build()
    return lib


def test_who_is_the_role_asks_its_qualified_role():
    assert qualified_role(ASKED) == "Harbor Point city manager"
    assert qualified_role("Who is the Boise police chief?") == "Boise police chief"
    # "Who was the Taliban's main spokesman ...?": a named owner is a qualifier too
    asked = "Who was the Taliban's main spokesman at its first press conference?"
    assert qualified_role(asked) == "Taliban's main spokesman"
    # no capitalised qualifier, a role only after the noun, or no person's noun: none
    assert qualified_role("who's the police chief in boise idaho") is None
    assert qualified_role("Who is the president of France?") is None
    assert qualified_role("Who is the man who shot the governor?") is None
    assert qualified_role("Who is Zohran Mamdani?") is None


def test_the_sentences_naming_someone_with_the_role_asked():
    roled = "Harbor Point City Manager Erin Valdane said the water stayed within the banks."
    unnamed = "The Harbor Point city manager said the water stayed within the banks."
    other = "Gull Bay City Manager Ann Lowe said the water stayed within the banks."
    assert qualified_role_sentences(ASKED, [unnamed, roled, other]) == [False, True, False]
    # a question asking no qualified role marks none
    assert qualified_role_sentences("What happened at Harbor Point?", [roled]) == [False]


def test_the_person_named_with_the_role_asked_leads(capsys, library, monkeypatch):
    answer = ask_json(capsys, library, monkeypatch, ASKED, TEXTS)
    assert answer["found"]
    first = answer["answer"].split(" [", 1)[0]
    assert "Erin Valdane" in first
    assert "Gull Bay" not in first and "Eureka" not in first
    assert {c["article_id"] for c in answer["citations"]} == {"harbor-surge"}
    lead = answer["citations"][0]
    assert "Erin Valdane" in lead["text"]
