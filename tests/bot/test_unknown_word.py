"""A word typed in lower case that no indexed article holds, and that the model's vocabulary
has to split, is either a word of the news misspelt, read as that word ("ovenright" as
"overnight", so the question is answered as if typed right), or else a name, so "how much snow
fell in vellmouth?" is refused as "How much snow fell in Vellmouth?" is, with the name it found
nothing about, instead of an answer about snow somewhere else. A plain word a small index
lacks is neither. Through `newsbot ask --json` and the Discord rendering, with the real
model."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
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


BONNETS = (
    "A bonnet is a hat tied under the chin. The museum's new exhibition shows bonnets worn in "
    "the nineteenth century, when a bonnet was part of a woman's everyday dress."
)
HAT_ARTICLES = [
    ("bonnet-show", "Culture Desk", "2025-03-02", "Bonnets at the museum", BONNETS),
    ARTICLES[0],
]


@pytest.mark.model
@pytest.mark.parametrize("question", ["What is a sonnet?", "what is a sonnet?"])
def test_a_word_of_english_the_news_never_uses_is_not_read_as_a_typo(
    capsys, tmp_path, real_embedder, monkeypatch, question
):
    # "sonnet" is one letter from "bonnet", which an article writes; it is no typo of it
    library = library_of(tmp_path, real_embedder, HAT_ARTICLES)
    answer = ask_json(capsys, library, monkeypatch, question, texts_of(HAT_ARTICLES))
    assert not answer["found"]
    assert answer["citations"] == []
    # refused for the word the news lacks, named as a name the news lacks is
    assert answer["answer"].startswith(NOTHING_ABOUT.format(names="“Sonnet”"))
    (reply,) = render_answer(Answerer(library, library.settings).answer(question))
    assert reply.content is not None
    assert reply.content.startswith(NOTHING_ABOUT.format(names="“Sonnet”"))


class Vocabulary:
    """A searcher's word statistics over a few passages: a word's rarity by its stem (1 for a
    stem no article holds), the model splitting a word it does not list as common into two
    pieces, and BM25 finding the passages that hold a word's stem."""

    PASSAGES = (
        "The president spoke to the mayor recently.",
        "The tall tower stands near the river.",
        "Lovers walked by the river. A lover wrote a song.",
        "Thieves stole jewels from the Louvre.",
        "She wore a bonnet.",
    )
    # as the index reads words: stemmed, so "presided" is held as "president" is
    STEMS = {"president": "presid", "presided": "presid", "thieves": "thiev"}
    STEMS |= {"lovers": "lover", "lovere": "lover"}
    RARITY = {"mayor": 0.3, "presid": 0.3, "recently": 0.3, "tall": 0.3, "tower": 0.3, "thiev": 0.3}
    RARITY |= {"lover": 0.2, "louvre": 0.5, "bonnet": 0.3}  # "lover": more than "louvre"
    COMMON = frozenset({*RARITY, "president", "send", "pisa", "nairobi", "presided", "thieves"})

    def rarity(self, words):
        return [self.RARITY.get(self.STEMS.get(w, w), 1.0) for w in words]

    def count_tokens(self, words):
        return [1 if w in self.COMMON else 2 for w in words]

    @property
    def passages(self):
        return [SimpleNamespace(text=text) for text in self.PASSAGES]

    def lexical(self, word, k):
        stem = self.STEMS.get(word, word)
        return [(row, 1.0) for row, text in enumerate(self.PASSAGES) if stem in text.lower()][:k]


@pytest.mark.parametrize(
    ("text", "spellings"),
    [
        ("what did the mayor of vellmouth say", {"vellmouth": None}),  # unused, split: a name
        # used by no article, but one piece and common in English: a small index may lack it
        ("what did the mayor send", {}),
        # one piece, but seldom used in English: the news does not cover what it names
        ("how tall is the tower in nairobi", {"nairobi": None}),
        ("how tall is the tower of pisa", {}),  # too short to tell from a typo: neither
        # misspelt words of the news, the commonest typo first
        ("what did the presidnet say recnetly", {"presidnet": "president", "recnetly": "recently"}),
        ("what did the presidnet of vellmouht say", {"presidnet": "president", "vellmouht": None}),
        ("What did the Presidnet say?", {}),  # a capitalised word is the asker's name
        ("what did the whre say", {}),  # too short to tell a typo: neither
        # of words with the stem the most articles hold, a whole word, the commonest typo first
        ("what did the presidet say", {"presidet": "president"}),
        ("what did the presidentt say", {"presidentt": "president"}),
        # a stem many articles hold is no word when no passage writes it: "lovere" is "lover"
        # stemmed, but the news writes "lovers" and "lover", and "Louvre"
        ("what did thieves take from the lovure", {"lovure": "louvre"}),
        # a word of English at large the news never uses is no typo ("sonnet" is no "bonnet"):
        # a word the news lacks, as a name is
        ("what is a sonnet", {"sonnet": None}),
    ],
)
def test_each_unused_split_word_is_a_typo_of_a_word_of_the_news_or_a_name(text, spellings):
    assert _spellings(text, Vocabulary()) == spellings


def test_a_misspelt_word_is_written_as_the_news_writes_it():
    spellings = {"presidnet": "president", "vellmouht": None}
    assert _respelled("the presidnet of vellmouht, presidnet-elect", spellings) == (
        "the president of vellmouht, presidnet-elect"
    )


@pytest.mark.parametrize(
    ("text", "spellings"),
    [
        # the first part of a hyphenated word: a name when no article holds it and it misspells
        # none of the news's words
        ("how tall is the chandrayaan-3 tower", {"chandrayaan": None}),
        ("what did the vellmouth-born mayor say", {"vellmouth": None}),
        # never read as a typo there: `_respelled` would not write it out
        ("what did the presidnet-elect say", {}),
        ("what did the president-elect say", {}),  # a word of the news
    ],
)
def test_the_first_part_of_a_hyphenated_word_is_read_as_a_name_never_as_a_typo(text, spellings):
    assert _spellings(text, Vocabulary()) == spellings
