"""The found / not-found evidence: the question's names must be in what was retrieved."""

import pytest

from bot.evidence import Support, missing_names, question_names, support_probability


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("What did the mayor of Glimmerholt say about the flood?", ["glimmerholt"]),
        ("What did Professor Oriana Vastelli announce?", ["professor", "oriana", "vastelli"]),
        # Question words, weekdays, months and short initialisms are not names.
        ("Which company's cloud went down on Monday in the US?", []),
        ("When did the EU meet in March?", []),
        # Possessives and hyphens split; accents fold.
        ("What did Beyoncé's label say about Khazad-dum?", ["beyonce", "khazad", "dum"]),
        ("Brown University is reeling. Where is it?", ["brown", "university"]),
    ],
)
def test_question_names_are_its_capitalised_words_but_question_words(question, names):
    assert question_names(question) == names


def test_a_name_no_retrieved_article_holds_is_missing():
    texts = ["The mayor of Springfield said the flood was over.", "Flood waters fell on Monday."]
    assert missing_names("What did the mayor of Glimmerholt say about the flood?", texts) == [
        "glimmerholt"
    ]
    assert missing_names("What did the mayor of Springfield say about the flood?", texts) == []


def test_names_match_whole_words_whatever_the_accents_and_case():
    texts = ["BEYONCE's tour opened in Houston-area stadiums."]
    assert missing_names("Where did Beyoncé's tour open?", texts) == []
    assert missing_names("Where did Beyon's tour open?", texts) == ["beyon"]


def test_support_probability_grows_with_the_evidence():
    weak = Support(0.2, 0.1, 0.1, 0.2, 0.3)
    strong = Support(0.7, 0.7, 0.6, 0.9, 1.0)
    assert 0.0 < support_probability(weak) < support_probability(strong) < 1.0
