"""The sentences an answer would show must say what the question asks about, or the question is
not found:

- a superlative: "Which planet is closest to the Sun?" over an article on Venus, "the second
  planet from the sun", was answered "Earth [1]."; "Which planet is the hottest?" over the same
  article is answered (`superlative_unmet`);
- a maker's act: "Who built the heritage locomotive Big Boy?" over "Led by Ed Dickens, the ...
  showpiece is the massive locomotive Big Boy" was answered "Ed Dickens [1]."; "Who founded the
  chipmaker TSMC?" over "Morris Chang, the founder of TSMC" is answered (`creation_unmet`);
- a count: "How many moons does Neptune have?" over a sky guide naming six planets was answered
  "Six planets [1]."; "How many planets will line up?" over it is answered (`count_unmet`);
- when something was made: "When was the Eiffel Tower completed?" over a fair's inflatable tower
  "in 2023" was answered "2023 [1]." (`creation_unmet`);
- an amount of money: "How much did the Riverside Zoo pay for its red pandas?" over a story on
  their arrival, which gives no sum, was answered "Two red pandas [1]."; "How much did the Harbor
  Aquarium pay for its penguin exhibit?" over a sentence giving the sum is answered
  (`money_unmet`).

Through `newsbot ask --json` and the Discord rendering, with the real model (the hashed test
embedder finds these questions too weak to answer at all, so it could not tell these rules from
the others); the refusals fail without the rules."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.answer import NOT_FOUND, Answerer
from bot.render import render_answer
from index.library import Library
from tests.bot.conftest import ask_json, library_of, texts_of

VENUS = (
    "The second planet from the sun, Venus is often referred to as Earth's twin since both "
    "bodies are rocky and share a similar orbit. Venus is the hottest planet in the solar "
    "system, with clouds of sulfuric acid."
)
STEAM = (
    "Led by Ed Dickens, the Union Pacific Heritage Steam program's showpiece is the massive "
    "locomotive Big Boy No. 4014, which tours the West this summer. Crowds gather at every "
    "stop to watch the engine pass."
)
CHIPS = (
    "Morris Chang, the founder of TSMC, said chips made in Arizona cost 50% more than in "
    "Taiwan. The company builds its most advanced chips at home."
)
SKY = (
    "Six planets will line up in the night sky this week, Neptune among them: Mercury, "
    "Jupiter, Venus, Uranus, Neptune and Saturn. Neptune, the farthest planet from the sun, "
    "will need a telescope to be seen; the other planets are bright enough for the eye."
)
FAIR = (
    "An inflatable Eiffel Tower stood in for the real one at the county fair in 2023, after a "
    "year of repairs kept the old model in storage. Visitors lined up to take photos. Gustave "
    "Eiffel's company built the real tower in Paris from wrought iron."
)
DOCKET = (
    "During a virtual event on Tuesday, the lawyer Marc Elias, founder of Democracy Docket, "
    "called the state's new maps a partisan gerrymander. The court will hear the case in May."
)
PANDAS = (
    "The Riverside Zoo welcomed two red pandas from Nepal on Tuesday, the zoo said. Visitors "
    "can see the pandas from May, once they have settled in."
)
PENGUINS = (
    "The Harbor Aquarium paid $2.5 million for its new penguin exhibit, which opens in June. "
    "The exhibit holds a pool of 40,000 gallons."
)
ARTICLES = [
    ("zoo-pandas", "Metro Daily", "2025-04-08", "Red pandas arrive at the zoo", PANDAS),
    ("aquarium-penguins", "Metro Daily", "2025-05-20", "The aquarium's penguin exhibit", PENGUINS),
    ("venus-twin", "Sky Weekly", "2025-03-02", "Earth's twin", VENUS),
    ("fair-tower", "County Times", "2025-08-10", "The fair's Eiffel Tower returns", FAIR),
    ("planet-parade", "Sky Weekly", "2025-02-20", "Neptune joins the planet parade", SKY),
    ("big-boy-tour", "Rail Weekly", "2025-06-02", "Big Boy rolls west", STEAM),
    ("tsmc-costs", "Chip Post", "2025-06-04", "What chips cost in Arizona", CHIPS),
    ("docket-maps", "Capitol Wire", "2025-06-05", "Maps challenged in court", DOCKET),
]
TEXTS = texts_of(ARTICLES)
REFUSED = [
    ("Which planet is closest to the Sun?", "Earth [1]"),
    ("Who built the heritage locomotive Big Boy?", "Ed Dickens [1]"),
    ("How many moons does Neptune have?", "Six planets [1]"),
    ("When was the Eiffel Tower completed?", "2023 [1]"),
    ("How much did the Riverside Zoo pay for its red pandas?", "Two red pandas [1]"),
]
# question, the lead, a sentence shown, the article cited
ANSWERED = [
    (
        "Which planet is the hottest?",
        "Venus",
        "Venus is the hottest planet in the solar system",
        "venus-twin",
    ),
    ("Who founded the chipmaker TSMC?", "Morris Chang", "the founder of TSMC", "tsmc-costs"),
    # a short maker question, from the sentence naming the subject and its maker by the act
    # (`subject_named`; the maker, not the event's host, leads)
    ("Who founded Democracy Docket?", "Marc Elias", "founder of Democracy Docket", "docket-maps"),
    (
        "How many planets will line up in the night sky?",
        "Six planets",
        "Six planets will line up",
        "planet-parade",
    ),
    (
        "How much did the Harbor Aquarium pay for its penguin exhibit?",
        "$2.5 million",
        "paid $2.5 million for its new penguin exhibit",
        "aquarium-penguins",
    ),
]


@pytest.fixture
def library(tmp_path: Path, real_embedder: Any) -> Library:
    return library_of(tmp_path, real_embedder, ARTICLES)


@pytest.mark.model
@pytest.mark.parametrize(("question", "wrong_lead"), REFUSED)
def test_sentences_not_saying_what_is_asked_answer_nothing(
    capsys, library, monkeypatch, question, wrong_lead
):
    answer = ask_json(capsys, library, monkeypatch, question, TEXTS)
    assert not answer["found"]
    assert answer["answer"].startswith(NOT_FOUND)
    assert answer["citations"] == []
    assert wrong_lead not in answer["answer"]


@pytest.mark.model
@pytest.mark.parametrize(("question", "lead", "shown", "article_id"), ANSWERED)
def test_sentences_saying_it_answer(
    capsys, library, monkeypatch, question, lead, shown, article_id
):
    answer = ask_json(capsys, library, monkeypatch, question, TEXTS)
    assert answer["found"]
    assert answer["answer"].startswith(lead)
    assert shown in answer["answer"]
    assert article_id in [c["article_id"] for c in answer["citations"]]


@pytest.mark.model
@pytest.mark.parametrize(("question", "wrong_lead"), REFUSED)
def test_discord_says_nothing_was_found(library, question, wrong_lead):
    answer = Answerer(library, library.settings).answer(question)
    (reply,) = render_answer(answer)
    assert reply.embeds == () and reply.content is not None
    assert reply.content.startswith(NOT_FOUND)
