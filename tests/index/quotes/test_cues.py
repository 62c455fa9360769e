"""Speech cues and where their content starts and ends."""

from __future__ import annotations

import pytest

from index.quotes.cues import content_after, cue_at, only_circumstance, participle_cut, trim
from tests.index.quotes.helpers import tokens


def cues(text: str) -> list[str]:
    toks = tokens(text)
    return [found[0] for i in range(len(toks)) if (found := cue_at(toks, i))]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Peskov told reporters on Monday", ["told reporters"]),
        ("the report said", ["said"]),  # "report" after "the" is a noun
        ("the report was late", []),
        ("they say it works", ["say"]),  # a base form after a subject is a verb
        ("he pointed out that", ["pointed out"]),
        ("according to Rostek", ["according to"]),
        ('"said" is a word', []),  # a cue inside a quote is quoted, not speech
    ],
)
def test_cue_at(text: str, found: list[str]) -> None:
    assert cues(text) == found


def test_content_after_skips_adverbials_and_that() -> None:
    text = "Peskov told reporters on Monday that the talks went well."
    toks = tokens(text)
    s, e = content_after(toks, 2, len(text))
    assert text[s:e] == " the talks went well."


def test_content_is_cut_before_a_participle_that_starts_a_second_statement() -> None:
    text = "Peskov said the talks went well, adding that more would follow."
    toks = tokens(text)
    s, e = content_after(toks, 1, len(text))
    assert text[s : participle_cut(toks, s, e)] == " the talks went well"


@pytest.mark.parametrize(
    ("text", "content"),
    [(" , the talks went well. ", "the talks went well"), ("the U.S.", "the U.S.")],
)
def test_trim_drops_spaces_commas_and_the_final_period(text: str, content: str) -> None:
    s, e = trim(text, 0, len(text))
    assert text[s:e] == content


@pytest.mark.parametrize(
    ("content", "circumstance"),
    [
        ("Friday as he entered the talks", True),
        ("to reporters after the vote", True),
        ("to the Times on Monday", True),
        ("to wait for the count", False),  # "urged readers to wait for the count"
        ('"Of all the plans, I like this one"', False),
    ],
)
def test_only_circumstance(content: str, circumstance: bool) -> None:
    toks = tokens(content)
    assert only_circumstance(toks, 0, len(content)) is circumstance
