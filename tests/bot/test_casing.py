"""Questions typed without capitals are written as the retrieved news writes their words."""

from __future__ import annotations

import pytest

from bot.casing import recased, typed_without_capitals, typo_variants, unwritten

NEWS = [
    "White House press secretary Karoline Leavitt said on Monday that NASA would brief the "
    "president. Leavitt spoke after Gov. Phil Scott of Vermont met the mayor of New York.",
    "In New York, Mayor Eric Adams and Gov. Phil Scott discussed the flu strain known as "
    "subclade K with NASA and the White House. Scott said the new strain, subclade K, spreads "
    "fast; the scott family farm was not affected, and the scott family said so.",
    "Sherlock Holmes fans gathered as Karoline Leavitt, the press secretary, left.",
]


@pytest.mark.parametrize(
    ("text", "typed"),
    [
        ("who is karoline leavitt", True),
        ("Who is karoline leavitt?", True),  # a capital only where a sentence starts
        ("what did i say about nasa", True),
        ("what do I know about nasa", True),  # "I" is always written so
        ("WHO IS KAROLINE LEAVITT?", True),  # all capitals say nothing either
        ("Who is Karoline Leavitt?", False),
        ("who is Karoline leavitt", False),  # some capitals: the asker's own
        ("1234?", False),
    ],
)
def test_a_question_typed_without_capitals_is_told_from_one_written_with_them(text, typed):
    assert typed_without_capitals(text) is typed


def test_a_name_is_written_as_the_news_writes_it():
    assert recased("who is karoline leavitt?", NEWS) == "who is Karoline Leavitt?"
    assert recased("what did nasa say", NEWS) == "what did NASA say"
    assert recased("what is subclade k", NEWS) == "what is subclade K"


def test_a_word_the_news_writes_in_lower_case_keeps_it():
    # "president", "strain" and "family" are written in lower case away from sentence starts
    assert recased("what did the president say about the strain", NEWS) == (
        "what did the president say about the strain"
    )


def test_a_capital_at_a_sentence_start_does_not_count():
    # "Leavitt spoke ..." and "Scott said ..." open sentences; "Sherlock" opens a text
    texts = ["Leavitt spoke. Scott said it. Sherlock fans met."]
    assert recased("leavitt and scott and sherlock", texts) == "leavitt and scott and sherlock"


def test_two_words_written_together_with_capitals_are_a_name():
    # "scott" alone is as often a family's name in lower case; "Phil Scott" is a name
    assert recased("who is phil scott", NEWS) == "who is Phil Scott"


def test_a_function_word_is_capitalised_only_inside_a_name():
    assert recased("what did the mayor of new york say", NEWS) == (
        "what did the mayor of New York say"
    )
    assert recased("what did the white house say", NEWS) == "what did the White House say"


def test_a_rare_name_written_once_is_recased():
    # written once, never in lower case: a name the retrieved passages mention in passing
    texts = ["Fans of Sherlock Holmes gathered in London."]
    assert recased("what did sherlock holmes say", texts) == "what did Sherlock Holmes say"


def test_capitals_where_sentences_start_do_not_make_a_pair_a_name():
    texts = ["How Many people came? How Many left? Officials said how many came."]
    assert recased("how many people came", texts) == "how many people came"


def test_a_word_the_news_never_writes_stays_as_typed():
    assert recased("what did the mayor of gotham say", NEWS) == ("what did the mayor of gotham say")


def test_a_question_in_capitals_is_read_in_lower_case_first():
    assert recased("WHO IS KAROLINE LEAVITT?", NEWS) == "who is Karoline Leavitt?"


def test_punctuation_and_spacing_are_kept():
    assert recased("  who is  karoline leavitt ?!", NEWS) == "  who is  Karoline Leavitt ?!"


def test_a_noun_capitalised_only_inside_names_keeps_its_case_alone():
    texts = [
        "Fans filled Kansas City and Mexico City and New York City; the city was loud, the "
        "city was proud, and Kansas City partied."
    ]
    assert recased("which city held a parade", texts) == "which city held a parade"
    assert recased("what happened in kansas city", texts) == "what happened in Kansas City"


def test_a_word_no_article_holds_is_read_as_a_name():
    # "vellmouth" is in no indexed article (`unknown`): typed with capitals it would be a rare
    # name that no article holds, and the question refused; typed without, it is the same name
    assert recased("what did the harbour master of port vellmouth say", NEWS, {"vellmouth"}) == (
        "what did the harbour master of port Vellmouth say"
    )
    # without the index's word, it stays as typed
    assert recased("what did the mayor of gotham say", NEWS) == "what did the mayor of gotham say"


@pytest.mark.parametrize(
    ("typo", "word"),
    [
        ("presidnet", "president"),  # two letters swapped
        ("presidet", "president"),  # one left out
        ("presiddent", "president"),  # one too many
        ("presidant", "president"),  # one wrong
    ],
)
def test_the_typo_variants_of_a_word_hold_the_word_it_misspells(typo, word):
    assert word in typo_variants(typo)
    assert typo not in typo_variants(typo)


def test_a_short_word_has_no_typo_variants():
    # four letters are one typo from too many words ("pisa", "visa") to tell a typo
    assert typo_variants("pisa") == []


def test_typo_variants_come_swaps_first_and_once_each():
    variants = typo_variants("recnetly")
    # the seven swaps of neighbours first ("recently"), then a letter added, changed, left out
    assert variants[0] == "ercnetly" and "recently" in variants[:7]
    added, changed, left_out = ("recnetlly", "recnetla", "recnety")
    assert 7 < variants.index(added) < variants.index(changed) < variants.index(left_out)
    assert len(variants) == len(set(variants))


def test_an_unknown_word_made_of_two_words_of_the_news_is_their_compound_not_a_name():
    texts = ["A winter storm dropped a foot of snow on Buffalo."]
    assert recased("did the snowstorm close schools", texts, {"snowstorm"}) == (
        "did the snowstorm close schools"
    )
    # one part the news never writes: a name ("Stormhaven")
    assert recased("what did the mayor of stormhaven say", texts, {"stormhaven"}) == (
        "what did the mayor of Stormhaven say"
    )


# Passages retrieved for a question about the mayor's statements, which never name the pier;
# other passages of the news do.
MAYOR = [
    "Mayor Karen Bass said the city would rebuild after the fires. The fire chief agreed.",
]
PIER = [
    "Crowds returned to the Santa Monica Pier on Sunday. The Santa Monica Pier reopened after "
    "repairs, and the pier's Ferris wheel turned again.",
]


def test_a_word_the_passages_never_write_is_written_as_other_passages_write_it():
    question = "what did karen bass say about the santa monica pier fire"
    # from the mayor's passages alone, the pier is no name
    assert recased(question, MAYOR) == "what did Karen Bass say about the santa monica pier fire"
    assert recased(question, MAYOR, elsewhere=PIER) == (
        "what did Karen Bass say about the Santa Monica Pier fire"
    )


def test_other_passages_do_not_recase_a_word_the_passages_write():
    # "fire" and "city" are written in lower case by the retrieved passages; other passages
    # capitalising them inside names ("Palisades Fire", "Kansas City") do not change that
    elsewhere = ["The Palisades Fire burned. Fans in Kansas City cheered as Kansas City won."]
    question = "what did the city say about the fire"
    assert recased(question, MAYOR, elsewhere=elsewhere) == question


def test_the_words_no_passage_writes_are_those_to_look_up():
    question = "what did karen bass say about the santa monica pier fire"
    # function words and the index's unknown words are no names to look up
    assert unwritten(question, MAYOR, {"pier"}) == ["santa", "monica"]
    assert unwritten(question, [*MAYOR, *PIER]) == []


def test_a_word_a_typo_from_one_the_passages_write_is_not_looked_up():
    # "johny" is in no passage found, but a typo of their "Johnny": some other article naming
    # a Johny must not make it a name the answer's articles lack
    texts = ["Johnny Depp won his defamation case against Amber Heard on Wednesday."]
    assert unwritten("who is johny depp", texts) == []
    assert unwritten("who is johny depp in helsinki", texts) == ["helsinki"]


def test_a_long_question_looks_up_at_most_casing_lookups_words(
    tmp_path, fake_embedder, monkeypatch
):
    # each word looked up is a search of the index: a pasted text typed in lower case, of many
    # words the passages found never write, looks up the first CASING_LOOKUPS of them only
    from bot import answer as answering
    from tests.bot.conftest import library_of

    library = library_of(tmp_path, fake_embedder, [("a", "Desk", "2025-01-02", "Snow", MAYOR[0])])
    words = [f"word{chr(97 + i)}" for i in range(3 * answering.CASING_LOOKUPS)]
    monkeypatch.setattr(answering, "unwritten", lambda *args: words)
    probed: list[str] = []
    monkeypatch.setattr(answering, "_probed", lambda word, searcher: probed.append(word) or [])
    bot = answering.Answerer(library, library.settings)
    bot._recased("what did " + " ".join(words) + " say", library.searcher(), set(), set())
    assert probed == words[: answering.CASING_LOOKUPS]


def test_a_hyphenated_word_whose_first_part_no_article_holds_is_read_as_a_name():
    # typed with capitals, "Chandrayaan-3" is a rare name no article holds
    assert recased("when did the chandrayaan-3 lander land", NEWS, {"chandrayaan"}) == (
        "when did the Chandrayaan-3 lander land"
    )
    # a hyphenated word whose first part the index holds stays as typed
    question = "what did the well-known mayor say"
    assert recased(question, NEWS, {"chandrayaan"}) == question
