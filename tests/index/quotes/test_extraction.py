"""Statement extraction end to end: exact spans, seed statements, continued quotes."""

from __future__ import annotations

import pytest

from index.models import Article
from index.quotes import extract_statements
from index.quotes.extraction import is_long_quote
from tests.index.quotes.helpers import by_speaker, extract, seed_article


def test_every_seed_statement_is_an_exact_span_of_the_article() -> None:
    art = seed_article()
    statements = extract_statements(art)
    assert statements
    for st in statements:
        assert st.text == art.text[st.start : st.end]
        assert st.kind in {"quote", "reported"}


def test_seed_peskov_statements_carry_full_name_role_and_aliases() -> None:
    peskov = by_speaker(extract_statements(seed_article()), "Dmitry Peskov")
    texts = " | ".join(s.text for s in peskov)
    for phrase in ("no official letter", "maintenance of equipment", "in accordance with a plan"):
        assert phrase in texts
    assert {s.role for s in peskov} == {"Kremlin spokesman"}
    assert {"Peskov", "Dmitry Peskov", "Kremlin spokesman"} <= set(peskov[0].aliases)
    first = next(s for s in peskov if "no official letter" in s.text)
    assert first.cue == "told reporters"
    assert first.kind == "quote"
    stressed = next(s for s in peskov if "maintenance of equipment" in s.text)
    assert stressed.cue == "stressed"  # "He stressed that ..." resolved to Peskov
    assert stressed.kind == "reported"


def test_seed_lavrov_expressed_shock_and_quoted_as_saying() -> None:
    lavrov = by_speaker(extract_statements(seed_article()), "Sergei Lavrov")
    assert {s.role for s in lavrov} == {"Russian Foreign Minister"}
    texts = [s.text for s in lavrov]
    assert any('"shock"' in t for t in texts)  # expressed "shock": a statement, not a scare quote
    assert any("Wall Street Journal" in t for t in texts)  # "...quoted him as saying"
    assert any("I can not even imagine" in t for t in texts)


def test_seed_org_denial_and_no_statement_for_an_unnamed_source() -> None:
    statements = extract_statements(seed_article())
    kremlin = by_speaker(statements, "Kremlin")
    assert kremlin and kremlin[0].cue == "denied"
    assert "informed Washington" in kremlin[0].text
    # "quoted a source close to the Russian Defense Ministry as saying": nobody to name
    assert not any("a thousand Russian troops" in s.text for s in statements)


def test_quote_interrupted_by_the_speaker_is_one_statement() -> None:
    (st,) = extract(
        "\"He's absolutely right. There's a severe disconnect,\" Flynn said. "
        '"I mean, there\'s a lot of frustration within the ranks."'
    )
    assert st.speaker == "Flynn"
    assert st.text.startswith("\"He's absolutely right.")
    assert st.text.endswith('frustration within the ranks."')
    assert st.kind == "quote"


@pytest.mark.parametrize("text", ["", "Title only", "“", '"""', "\n\n\n", "said said said."])
def test_degenerate_text_gives_no_statement_and_no_error(text: str) -> None:
    assert extract_statements(Article(id="x", title="t", text=text)) == []


def test_quote_left_open_at_a_paragraph_end_continues_in_the_next_paragraph() -> None:
    statements = extract(
        'Mark Dalton said: "We will fight this in every court of the land.\n\n'
        '"And we will win it all in the end, whatever they say."'
    )
    assert [s.speaker for s in statements] == ["Mark Dalton", "Mark Dalton"]
    assert statements[1].text == '"And we will win it all in the end, whatever they say."'
    assert statements[1].kind == "quote"


def test_closed_quote_does_not_lend_its_speaker_to_the_next_paragraph() -> None:
    statements = extract(
        'Mark Dalton said: "We will fight this in every court of the land."\n\n'
        '"And we will win it all in the end, whatever they say."'
    )
    assert [s.text for s in statements] == ['"We will fight this in every court of the land."']


def test_content_too_short_to_say_anything_is_no_statement() -> None:
    assert extract("Peskov said so.") == []


@pytest.mark.parametrize(
    ("quote", "long"),
    [
        ('"Fox and Friends"', False),  # a title: short, no final punctuation
        ('"Yes, sir,"', True),  # short but ends like speech
        ('"We will win this"', True),
    ],
)
def test_long_quotes_are_long_or_end_like_speech(quote: str, long: bool) -> None:
    assert is_long_quote(quote, (0, len(quote))) is long


def test_a_quote_after_a_short_attributed_one_is_the_same_speakers() -> None:
    # the first quote is too short to be a statement, but it names who goes on speaking
    statements = extract(
        '"We are ready," Ruiz told the Gazette on Monday. '
        '"Whether the council is ready is another question entirely."'
    )
    assert [(s.speaker, s.text) for s in statements] == [
        ("Ruiz", '"Whether the council is ready is another question entirely."')
    ]


def test_a_cue_without_content_lends_its_speaker_to_the_next_quote() -> None:
    statements = extract(
        'City planner Jo Akers agreed. "Nobody has asked the residents what they want here."'
    )
    assert [(s.speaker, s.text) for s in statements] == [
        ("Jo Akers", '"Nobody has asked the residents what they want here."')
    ]


def test_a_cue_and_colon_ending_a_paragraph_lends_its_speaker_to_the_next_one() -> None:
    statements = extract(
        "Reporter Ann Lee says:\n\n"
        '"The crowd is still growing and the police have closed the bridge."'
    )
    assert [(s.speaker, s.text) for s in statements] == [
        ("Ann Lee", '"The crowd is still growing and the police have closed the bridge."')
    ]


def test_a_cue_without_content_does_not_take_another_speakers_quote() -> None:
    statements = extract(
        'Jo Akers agreed. "Nobody asked us, not once," said Mark Dunn, a neighbour.'
    )
    assert [(s.speaker, s.text) for s in statements] == [
        ("Mark Dunn", '"Nobody asked us, not once,"')
    ]
