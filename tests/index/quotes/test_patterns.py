"""Attribution patterns: which speaker a cue gives which content to."""

from __future__ import annotations

from index.quotes.extraction import is_long_quote
from index.quotes.patterns import Attribution, find_attributions
from index.quotes.tokens import find_quotes
from tests.index.quotes.helpers import extract, tokens


def attributions(text: str) -> list[tuple[str, str, str, str, bool]]:
    """(speaker as written, cue, content, kind, nested) of each attribution in a one-unit text."""
    long_q = [q for q in find_quotes(text, 0, len(text)) if is_long_quote(text, q)]
    found: list[Attribution] = find_attributions(text, tokens(text), 0, len(text), long_q)
    return [(a.mention.name, a.cue, text[a.start : a.end], a.kind, a.nested) for a in found]


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


def test_speaker_cue_that_clause() -> None:
    assert attributions("Smith believes that the tax plan is fair.") == [
        ("Smith", "believes", " the tax plan is fair.", "reported", False)
    ]


def test_weak_cue_without_that_is_a_belief_not_a_statement() -> None:
    assert attributions("Smith believes the tax plan is fair.") == []


def test_said_as_much_has_no_content_of_its_own() -> None:
    assert attributions("Smith said as much.") == []


def test_clause_then_inverted_speaker() -> None:
    assert attributions("The talks went well, said Smith.") == [
        ("Smith", "said", "The talks went well", "reported", False)
    ]


def test_clause_then_speaker_and_cue() -> None:
    assert attributions("The talks went well, Smith said.") == [
        ("Smith", "said", "The talks went well", "reported", False)
    ]


def test_adding_that_is_a_second_statement_of_the_same_speaker() -> None:
    assert attributions(
        "Peskov said the talks went well, adding that more meetings would follow soon."
    ) == [
        ("Peskov", "said", " the talks went well", "reported", False),
        ("Peskov", "adding", " more meetings would follow soon.", "reported", True),
    ]


def test_quoted_as_saying_names_the_object_as_speaker() -> None:
    assert attributions("The Journal quoted him as saying the plan would fail badly.") == [
        ("him", "quoted as saying", " the plan would fail badly.", "reported", False)
    ]


def test_quote_after_the_attribution_continues_it() -> None:
    text = '"The plan will fail," Smith said, "and everyone knows it."'
    assert attributions(text) == [("Smith", "said", text, "quote", False)]


def test_attribution_inside_another_ones_content_is_nested() -> None:
    assert attributions("Flynn said Trump said the wall would be built.") == [
        ("Flynn", "said", " Trump said the wall would be built.", "reported", False),
        ("Trump", "said", " the wall would be built.", "reported", True),
    ]


def test_speaker_colon_quote() -> None:
    assert attributions('Martha Aguilar: "We came here to be heard today."') == [
        ("Martha Aguilar", ":", '"We came here to be heard today."', "quote", False)
    ]


def said(text: str) -> list[tuple[str, str]]:
    """(speaker, statement) of each statement extracted from a one-paragraph text."""
    return [(s.speaker, s.text) for s in extract(text)]


def test_passive_quoted_as_saying_names_the_subject() -> None:
    assert said("Mark Smith was quoted as saying that the plan would fail within a year.") == [
        ("Mark Smith", "the plan would fail within a year")
    ]
    assert said("The plan is doomed to fail in the long run, Jones was quoted as saying.") == [
        ("Jones", "The plan is doomed to fail in the long run")
    ]


def test_a_participle_or_second_verb_speaks_for_the_clause_subject() -> None:
    assert said(
        "Rubio pushed back on those claims Thursday, saying that the bill had the correct "
        "security components."
    ) == [("Rubio", "the bill had the correct security components")]
    assert said(
        "Gary Emineth, a former state party chairman, became a delegate and said he is leaning "
        "toward supporting Trump."
    ) == [("Gary Emineth", "he is leaning toward supporting Trump")]


def test_that_after_another_verb_does_not_start_the_content() -> None:
    assert said(
        "Rep. Tom Cole of Oklahoma, an ally of GOP leadership, said his biggest worry about "
        "Trump is that he is unpredictable."
    ) == [("Tom Cole", "his biggest worry about Trump is that he is unpredictable")]


def test_an_abbreviation_inside_an_appositive_keeps_the_speaker() -> None:
    assert said("Sen. Rand Paul, R-Ky., told Fox News that polls could be way off this year.") == [
        ("Rand Paul", "polls could be way off this year")
    ]


def test_a_quote_after_the_cue_is_never_a_circumstance() -> None:
    # "Of", "In", "At" start circumstances ("said in Paris"), but not when they open a quote
    assert said('Lena Ortiz told the Herald, "Of all the plans, I like the second one best."') == [
        ("Lena Ortiz", '"Of all the plans, I like the second one best."')
    ]


def test_clause_then_speaker_and_cue_with_a_time_after_it() -> None:
    assert said(
        "Two engineers from the plant were among the passengers, airline spokesman Omar Haddad "
        "said Thursday."
    ) == [("Omar Haddad", "Two engineers from the plant were among the passengers")]


def test_clause_then_a_news_organisation_with_its_article() -> None:
    assert said("The factory will close next spring, the Daily Ledger reported.") == [
        ("Daily Ledger", "The factory will close next spring")
    ]


def test_question_quote_then_a_named_speaker_is_one_attribution() -> None:
    # `?"` ends a sentence, but "Vance said." is the attribution of the quote before it
    assert said('"Who is going to pay for all of this? Nobody?" Vance said. "Not us."') == [
        ("Vance", '"Who is going to pay for all of this? Nobody?" Vance said. "Not us."')
    ]


def test_quote_inside_a_clause_then_inverted_speaker_with_a_long_appositive() -> None:
    text = (
        'The plan "reads like a wish list, not a budget with any numbers in it," says Ann Cole, '
        "a former budget director of the state and the author of a history of its finances."
    )
    assert said(text) == [
        ("Ann Cole", 'The plan "reads like a wish list, not a budget with any numbers in it,"')
    ]


def test_inverted_role_then_the_name_in_apposition() -> None:
    assert said(
        '"We have never seen turnout like this before," said the county\'s election director, '
        "Paul Meyer, who has run the count since 2004."
    ) == [("Paul Meyer", '"We have never seen turnout like this before,"')]
    (st,) = extract('"The lines were hours long today," said another voter, Rosa Diaz.')
    assert (st.speaker, st.role) == ("Rosa Diaz", "another voter")
