"""Speaker mentions read around a cue: names with roles, pronouns, roles, unnamed speakers."""

from __future__ import annotations

import pytest

from index.models import Statement
from index.quotes.mentions import (
    Mention,
    according_np,
    gender_of,
    last_token,
    np_left,
    np_right,
    subject_left,
)
from tests.index.quotes.helpers import extract, tokens


def left_of_cue(text: str) -> Mention | None:
    """The mention ending just before the text's last word (the cue)."""
    toks = tokens(text)
    return np_left(text, toks, len(toks) - 2, 0)


def test_name_with_its_role() -> None:
    m = left_of_cue("Kremlin spokesman Dmitry Peskov said")
    assert m is not None
    assert (m.kind, m.name, m.role, m.start) == ("name", "Dmitry Peskov", "Kremlin spokesman", 0)


def test_title_gives_the_gender_and_is_no_role() -> None:
    m = left_of_cue("Mrs. Reyes said")
    assert m is not None
    assert (m.name, m.role, m.title, m.gender) == ("Reyes", None, "Mrs.", "f")


def test_pronoun() -> None:
    m = left_of_cue("he said")
    assert m is not None and (m.kind, m.gender) == ("pronoun", "m")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("the spokesman said", "role"),  # the reader knows who: resolved later
        ("a spokesman said", "unknown"),  # nobody to name
    ],
)
def test_role_only_phrases(text: str, kind: str) -> None:
    m = left_of_cue(text)
    assert m is not None and (m.kind, m.name) == (kind, "spokesman")


def test_organisation_named_with_a_head_word() -> None:
    m = left_of_cue("the Russian Defense Ministry said")
    assert m is not None and m.is_org and m.name == "Russian Defense Ministry"


def test_inverted_speaker_after_the_cue() -> None:
    text = '"Yes," said Foreign Minister Anna Berg.'
    toks = tokens(text)
    m = np_right(text, toks, [t.text for t in toks].index("said") + 1, len(toks))
    assert m is not None and (m.name, m.role) == ("Anna Berg", "Foreign Minister")


def test_owner_before_an_inverted_speaker_is_no_part_of_the_name() -> None:
    text = "noted NBC's Dante Chinni."
    m = np_right(text, tokens(text), 1, len(tokens(text)))
    assert m is not None and m.name == "Dante Chinni"


def test_subject_across_an_appositive_takes_its_role() -> None:
    text = "Flynn, a top Trump surrogate, said"
    toks = tokens(text)
    m = subject_left(text, toks, len(toks) - 1)
    assert m is not None and (m.name, m.role) == ("Flynn", "top Trump surrogate")


def test_according_to_a_statement_from_names_its_source() -> None:
    text = "according to a statement from Rostek."
    m = according_np(text, tokens(text), 2, len(tokens(text)))
    assert m is not None and m.name == "Rostek"


@pytest.mark.parametrize(
    ("name", "gender"),
    [("Susan Reyes", "f"), ("Mark Dalton", "m"), ("Reyes", None), ("Zorblax Reyes", None)],
)
def test_gender_from_a_known_first_name(name: str, gender: str | None) -> None:
    assert gender_of(name) == gender


@pytest.mark.parametrize(
    ("name", "surname"),
    [("Martin Luther King Jr.", "king"), ("Clinton's", "clinton"), ("Dmitry Peskov", "peskov")],
)
def test_last_token_is_the_surname(name: str, surname: str) -> None:
    assert last_token(name) == surname


def test_hyphenated_role_before_a_name_is_a_role() -> None:
    text = "mused Blaze co-host Stu Mann."
    m = np_right(text, tokens(text), 1, len(tokens(text)))
    assert m is not None
    assert (m.name, m.role) == ("Stu Mann", "Blaze co-host")


def test_a_description_after_an_inverted_cue_leads_to_the_person_it_describes() -> None:
    # an organisation or a capitalised modifier in the description is not who speaks
    st = _one('"We are anxious about all of it," said another Twitter user, Jo Beyer.')
    assert (st.speaker, st.role) == ("Jo Beyer", "another Twitter user")
    st = _one(
        "He shaped every deal in the region, said a former spokesman for Ruritania's Foreign "
        "Ministry, Oleg Volkov, who also ran for office."
    )
    assert st.speaker == "Oleg Volkov"
    st = _one('"Anyone who breaks the law puts us at risk," said Hale constituent Dan Golvek.')
    assert (st.speaker, st.role) == ("Dan Golvek", "Hale constituent")
    # a place after the speaker is no description
    st = _one('"We will win this state easily," said Sanders in New Hampshire on Tuesday.')
    assert st.speaker == "Sanders"


def _one(text: str) -> Statement:
    (st,) = extract(text)
    return st
