"""Tokens, quote marks and sentence units."""

from __future__ import annotations

import pytest

from index.quotes.tokens import find_quotes, paragraphs, sentence_units
from tests.index.quotes.helpers import tokens


def quoted(text: str) -> list[str]:
    return [text[s:e] for s, e in find_quotes(text, 0, len(text))]


def test_titles_and_initialisms_keep_their_periods() -> None:
    assert [t.text for t in tokens("Mr. Smith and the U.S. said.")] == [
        "Mr.",
        "Smith",
        "and",
        "the",
        "U.S.",
        "said",
        ".",
    ]


def test_tokens_know_the_quote_they_are_in() -> None:
    toks = tokens('He said "we won" and left.')
    assert [t.text for t in toks if t.quote == 0] == ['"', "we", "won", '"']
    assert all(t.quote == -1 for t in toks if t.text in {"He", "said", "left"})


def test_possessive_name_and_lower_cased_form() -> None:
    (clinton, report) = tokens("Clinton’s report")
    assert clinton.possessive and clinton.low == "clinton's"
    assert not report.possessive and not report.is_cap


@pytest.mark.parametrize(
    ("text", "quotes"),
    [
        ('He said "one" and “two”.', ['"one"', "“two”"]),
        ("''Yes,'' he said.", ["''Yes,''"]),  # NYT style: two apostrophes for a quote mark
        ("“They call it “hell” every day,” he said.", ["“They call it “hell” every day,”"]),
        ("“We will go on to the end", ["“We will go on to the end"]),  # open to the paragraph end
        ("“First” and “second", ["“First”", "“second"]),
        # a closing mark typed as an opening one, right after the words it closes
        ("“It's unusual,“ said Ann Lee. “It is hard.”", ["“It's unusual,“", "“It is hard.”"]),
    ],
)
def test_find_quotes(text: str, quotes: list[str]) -> None:
    assert quoted(text) == quotes


def test_a_new_quote_after_a_closed_sentence_starts_a_new_unit() -> None:
    text = '"It is over." "We won," she said. It rained.'
    units = sentence_units(text, 0, len(text), find_quotes(text, 0, len(text)))
    assert [text[s:e] for s, e in units] == ['"It is over."', '"We won," she said.', "It rained."]


def test_a_unit_never_cuts_a_quote_in_two() -> None:
    text = '"We tried. It failed. We go on," she said.'
    units = sentence_units(text, 0, len(text), find_quotes(text, 0, len(text)))
    assert [text[s:e] for s, e in units] == [text]


def test_paragraphs_are_non_blank_lines_without_their_spaces() -> None:
    text = "  a b \n\n c\n"
    assert [text[s:e] for s, e in paragraphs(text)] == ["a b", "c"]


def test_the_v_of_a_case_name_ends_no_sentence() -> None:
    text = "The court heard Lakeside Growers v. Holt on Monday, and the judge said it was urgent."
    assert sentence_units(text, 0, len(text), []) == [(0, len(text))]
