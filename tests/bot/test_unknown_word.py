"""A word typed in lower case that no indexed article holds, and that the model's vocabulary
has to split, is either a word of the news misspelt, read as that word ("ovenright" as
"overnight", so the question is answered as if typed right), or else a name, so "how much snow
fell in vellmouth?" is refused as "How much snow fell in Vellmouth?" is, with the name it found
nothing about, instead of an answer about snow somewhere else. A plain word a small index
lacks is neither. Through `newsbot ask --json` and the Discord rendering, with the real
model."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.answer import NOTHING_ABOUT, Answerer, _respelled, _spellings
from bot.render import render_answer
from index.library import Library
from tests.bot.conftest import ask_json, library_of, texts_of

STORM = (
    "A winter storm dropped a foot of snow on Buffalo overnight. Schools closed and crews "
    "worked through the morning to clear the roads."
)
FLOOD = (
    "Heavy rain flooded streets in Houston on Tuesday. The city opened shelters and asked "
    "drivers to stay home."
)
ARTICLES = [
    ("buffalo-snow", "Weather Desk", "2025-12-02", "A foot of snow in Buffalo", STORM),
    ("houston-flood", "Weather Desk", "2025-06-10", "Houston floods", FLOOD),
]
NOTHING = NOTHING_ABOUT.format(names="“Vellmouth”")


@pytest.fixture
def library(tmp_path: Path, real_embedder: Any) -> Library:
    return library_of(tmp_path, real_embedder, ARTICLES)


@pytest.mark.model
@pytest.mark.parametrize(
    "question",
    ["How much snow fell in Vellmouth?", "how much snow fell in vellmouth?"],
)
def test_a_place_no_article_names_is_not_answered_however_it_is_typed(
    capsys, library, monkeypatch, question
):
    answer = ask_json(capsys, library, monkeypatch, question, texts_of(ARTICLES))
    assert not answer["found"]
    assert answer["answer"].startswith(NOTHING)
    assert answer["citations"] == []
    assert answer["question"] == question  # as typed
    (reply,) = render_answer(Answerer(library, library.settings).answer(question))
    assert reply.content is not None and reply.content.startswith(NOTHING)


@pytest.mark.model
@pytest.mark.parametrize(
    "question",
    [
        "how much snow fell on buffalo overnight?",
        "how much snow fell on buffalo overnihgt?",  # "overnight" misspelt: no name
        # misspelt so that it was refused: read as the word of the news it misspells
        "how much snow fell on buffalo ovenright?",
        "How much snow fell on Buffalo ovenright?",
        "which schools closed after the snowstorm in buffalo?",  # two words of the news
    ],
)
def test_a_question_the_news_answers_is_answered_typed_without_capitals(
    capsys, library, monkeypatch, question
):
    answer = ask_json(capsys, library, monkeypatch, question, texts_of(ARTICLES))
    assert answer["found"]
    assert "foot of snow" in answer["answer"] or "Schools closed" in answer["answer"]
    assert [c["article_id"] for c in answer["citations"]][0] == "buffalo-snow"


class Vocabulary:
    """A searcher's word statistics over a few words: rarity 1 for a word no article holds,
    and the model splitting a word it does not list as common into two pieces."""

    NEWS = frozenset({"mayor", "president", "recently", "tall", "tower"})
    COMMON = NEWS | {"send", "pisa", "presided"}
    STEMS = {"president": "presid", "presided": "presid"}

    def rarity(self, words):
        # as the index reads them: stemmed, so "presided" is held as "president" is
        return [0.3 if self.STEMS.get(w, w) in self.NEWS | {"presid"} else 1.0 for w in words]

    def count_tokens(self, words):
        return [1 if w in self.COMMON else 2 for w in words]


@pytest.mark.parametrize(
    ("text", "spellings"),
    [
        ("what did the mayor of vellmouth say", {"vellmouth": None}),  # unused, split: a name
        ("what did the mayor send", {}),  # used by no article, but one piece: plain English
        ("how tall is the tower of pisa", {}),  # the same: the rule cannot tell it
        # misspelt words of the news, the commonest typo first
        ("what did the presidnet say recnetly", {"presidnet": "president", "recnetly": "recently"}),
        ("what did the presidnet of vellmouht say", {"presidnet": "president", "vellmouht": None}),
        ("What did the Presidnet say?", {}),  # a capitalised word is the asker's name
        ("what did the whre say", {}),  # too short to tell a typo: neither
        # of words with the stem the most articles hold, a whole word, the commonest typo first
        ("what did the presidet say", {"presidet": "president"}),
        ("what did the presidentt say", {"presidentt": "president"}),
    ],
)
def test_each_unused_split_word_is_a_typo_of_a_word_of_the_news_or_a_name(text, spellings):
    assert _spellings(text, Vocabulary()) == spellings


def test_a_misspelt_word_is_written_as_the_news_writes_it():
    spellings = {"presidnet": "president", "vellmouht": None}
    assert _respelled("the presidnet of vellmouht, presidnet-elect", spellings) == (
        "the president of vellmouht, presidnet-elect"
    )
