"""Statement extraction: quotes, reported speech, and who said them."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.models import Article, Statement
from index.quotes import extract_statements

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_57a03034e1c4b1e0.txt"
# The ingest cleaner removes these scraped comment-box lines; the seed file still has them.
COMMENT_BOX = ("التعليقات والاراء", "اضافة تعليق")


def seed_article() -> Article:
    raw = SEED.read_text(encoding="utf-8")
    lines = [line for line in raw.split("\n") if line.strip() not in COMMENT_BOX]
    text = "\n".join(lines).rstrip() + "\n"
    return Article(id="seed", title=text.split("\n", 1)[0], text=text)


def article(text: str, id: str = "a1") -> Article:
    return Article(id=id, title="Title", text="Title.\n\n" + text)


def extract(text: str) -> list[Statement]:
    art = article(text)
    statements = extract_statements(art)
    for st in statements:
        assert st.text == art.text[st.start : st.end]
        assert st.article_id == art.id
    return statements


def by_speaker(statements: list[Statement], speaker: str) -> list[Statement]:
    return [s for s in statements if s.speaker == speaker]


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


def test_seed_she_said_after_an_organisation_resolves_to_the_organisation() -> None:
    rostek = by_speaker(extract_statements(seed_article()), "Rostek")
    texts = [s.text for s in rostek]
    assert any("has not changed for several years" in t for t in texts)
    assert any("repair and maintain" in t for t in texts)
    assert any(s.cue == "denied" for s in rostek)


def test_seed_lavrov_expressed_shock_and_quoted_as_saying() -> None:
    lavrov = by_speaker(extract_statements(seed_article()), "Sergei Lavrov")
    assert {s.role for s in lavrov} == {"Russian Foreign Minister"}
    texts = [s.text for s in lavrov]
    assert any('"shock"' in t for t in texts)  # expressed "shock": a statement, not a scare quote
    assert any("Wall Street Journal" in t for t in texts)  # "...quoted him as saying"
    assert any("I can not even imagine" in t for t in texts)


def test_seed_surname_mention_resolves_to_the_full_name_given_earlier() -> None:
    trump = by_speaker(extract_statements(seed_article()), "Donald Trump")
    assert any("withdrew most of their troops" in s.text for s in trump)
    assert not by_speaker(extract_statements(seed_article()), "Trump")


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


def test_curly_quotes_with_cue_after_inverted_speaker_and_role() -> None:
    (st,) = extract(
        "“We will not accept this outcome under any circumstances,” said Foreign Minister "
        "Anna Berg."
    )
    assert st.speaker == "Anna Berg"
    assert st.role == "Foreign Minister"
    assert st.cue == "said"
    assert st.text == "“We will not accept this outcome under any circumstances,”"


def test_cue_before_the_quote() -> None:
    (st,) = extract('Senator Tom Hale said: "The bill is dead and everyone here knows it."')
    assert st.speaker == "Tom Hale"
    assert st.text == '"The bill is dead and everyone here knows it."'


def test_reported_speech_with_that_clause_and_adverbials() -> None:
    (st,) = extract(
        "Governor Maria Lopez told reporters on Monday that the state would appeal the ruling."
    )
    assert st.speaker == "Maria Lopez"
    assert st.cue == "told reporters"
    assert st.kind == "reported"
    assert st.text == "the state would appeal the ruling"


def test_nyt_double_apostrophe_quotes() -> None:
    (st,) = extract(
        "''The sooner he releases his entire returns, the better,'' Mr. Goldberg told CNBC."
    )
    assert st.speaker == "Goldberg"
    assert st.text.startswith("''The sooner")


def test_appositive_between_speaker_and_cue() -> None:
    (st,) = extract(
        "Donna Rawlings, 59, of Ashton, Md., who watched the ceremony, said the event brought "
        "back memories of her father."
    )
    assert st.speaker == "Donna Rawlings"
    assert st.text == "the event brought back memories of her father"


def test_according_to_names_the_source() -> None:
    (st,) = extract(
        "More than 100,000 people took part in the walk-in at 2,000 schools, according to "
        "the Alliance for Better Schools."
    )
    assert st.speaker == "Alliance for Better Schools"
    assert st.cue == "according to"
    assert st.text.startswith("More than 100,000 people")


def test_vox_pop_dash_attribution() -> None:
    (st,) = extract("“He represents our greatest shame and we deserve better.” ― Sonya Herridge")
    assert st.speaker == "Sonya Herridge"
    assert st.cue == "―"


def test_scare_quotes_without_cue_are_not_statements() -> None:
    assert extract('The so-called "deal of the century" collapsed on Tuesday.') == []


def test_pronoun_resolves_to_most_recent_speaker_of_matching_gender() -> None:
    statements = extract(
        '"We need a new approach to trade and to taxes," said Mark Dalton, a senator.\n\n'
        "Susan Reyes, his rival, said the plan would cost too much money.\n\n"
        '"It is simply not going to work for working families," he said.\n\n'
        '"I will keep fighting for this until the very end," she said.'
    )
    dalton = [s.text for s in by_speaker(statements, "Mark Dalton")]
    reyes = [s.text for s in by_speaker(statements, "Susan Reyes")]
    assert any("not going to work" in t for t in dalton)
    assert any("keep fighting" in t for t in reyes)
    assert not any("not going to work" in t for t in reyes)


def test_surname_resolves_to_the_right_person_when_two_share_it() -> None:
    statements = extract(
        "Hillary Clinton spoke first. Former President Bill Clinton said the economy had grown "
        "faster in the 1990s than ever before.\n\n"
        '"It is the craziest thing in the world," Clinton said.'
    )
    bill = [s.text for s in by_speaker(statements, "Bill Clinton")]
    assert any("craziest thing" in t for t in bill)
    assert not by_speaker(statements, "Hillary Clinton")


def test_role_only_mention_resolves_to_the_person_with_that_role() -> None:
    statements = extract(
        "Kremlin spokesman Dmitry Peskov said the talks had been useful for both sides.\n\n"
        '"Nobody has asked us about any of this before today," the spokesman said.'
    )
    peskov = [s.text for s in by_speaker(statements, "Dmitry Peskov")]
    assert any("Nobody has asked us" in t for t in peskov)


def test_organisation_speakers() -> None:
    statements = extract(
        '"The number of elements has not changed for several years," Rostek said in a '
        "statement.\n\nThe Kremlin denied that it had informed Washington of the withdrawal."
    )
    assert [s.speaker for s in statements] == ["Rostek", "Kremlin"]
    assert statements[1].cue == "denied"


def test_unnamed_speaker_does_not_lend_pronouns_to_an_earlier_one() -> None:
    statements = extract(
        '"The plan is sound and it will pass the Senate," Mark Dalton said.\n\n'
        '"It will not pass, not this year and not the next," a spokesman for the '
        "committee said. He added that the vote would be delayed until the spring."
    )
    dalton = [s.text for s in by_speaker(statements, "Mark Dalton")]
    assert dalton == ['"The plan is sound and it will pass the Senate,"']


@pytest.mark.parametrize("text", ["", "Title only", "“", '"""', "\n\n\n", "said said said."])
def test_degenerate_text_gives_no_statement_and_no_error(text: str) -> None:
    assert extract_statements(Article(id="x", title="t", text=text)) == []
