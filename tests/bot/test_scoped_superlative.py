"""A place's superlative is not answered with the world's: "What is the highest mountain in
Antarctica?" over an article saying "Everest is the highest mountain in the world" (and another
naming Antarctica, so the names check passes) is not found, nor is a superlative given of
another thing ("their largest since 1998" for "What is the largest lake in Canada?"). Through
`newsbot ask --json` and the Discord rendering."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.answer import NOT_FOUND, Answerer
from bot.render import render_answer
from index.library import Library
from tests.bot.conftest import ask_json, library_of, texts_of

EVEREST = (
    "At 29,032 feet high, Everest is the highest mountain in the world. Climbers queue for its "
    "summit every May, and the highest camps are crowded."
)
ICE = (
    "Scientists in Antarctica measured record ice loss this winter. The research station near "
    "the coast was resupplied by ship."
)
ARTICLES = [
    ("everest-queues", "Mountain Times", "2025-05-02", "Everest's summit queues", EVEREST),
    ("antarctic-ice", "Polar Post", "2025-05-03", "Record ice loss", ICE),
]
TEXTS = texts_of(ARTICLES)


@pytest.fixture
def library(tmp_path: Path, fake_embedder: Any) -> Library:
    return library_of(tmp_path, fake_embedder, ARTICLES)


def test_the_worlds_highest_mountain_is_not_antarcticas(capsys, library, monkeypatch):
    question = "What is the highest mountain in Antarctica?"
    answer = ask_json(capsys, library, monkeypatch, question, TEXTS)
    assert not answer["found"]
    assert answer["answer"].startswith(NOT_FOUND)
    assert answer["citations"] == []
    assert "Everest" not in answer["answer"].split(NOT_FOUND)[0]


def test_the_worlds_highest_mountain_answers_for_the_world(capsys, library, monkeypatch):
    answer = ask_json(
        capsys, library, monkeypatch, "What is the highest mountain in the world?", TEXTS
    )
    assert answer["found"]
    assert "Everest is the highest mountain in the world." in answer["answer"]
    assert [c["article_id"] for c in answer["citations"]] == ["everest-queues"]


def test_discord_says_nothing_was_found(library):
    answer = Answerer(library, library.settings).answer(
        "What is the highest mountain in Antarctica?"
    )
    (reply,) = render_answer(answer)
    assert reply.embeds == () and reply.content is not None
    assert reply.content.startswith(NOT_FOUND)


# Another place's superlative: an article on Iowa's lakes says "the state's deepest lakes", and
# another article names Africa, so the names check passes.
IOWA = (
    "Boaters flock to Iowa every summer. The state's deepest lakes, the Iowa Great Lakes, "
    "include Big Spirit Lake and West Okoboji."
)
FARMS = (
    "Farmers in Africa planted early after the rains came. Grain prices fell across the region "
    "as harvests grew."
)
LAKES = [
    ("iowa-lakes", "Lake News", "2025-06-02", "Summer on the Iowa Great Lakes", IOWA),
    ("africa-farms", "Farm Post", "2025-06-03", "An early planting", FARMS),
]
LAKE_TEXTS = texts_of(LAKES)


@pytest.fixture
def lakes(tmp_path: Path, real_embedder: Any) -> Library:
    # the real model: the hashed test embedder finds Iowa's own question too weak to answer
    return library_of(tmp_path, real_embedder, LAKES)


@pytest.mark.model
def test_iowas_deepest_lake_is_not_africas(capsys, lakes, monkeypatch):
    answer = ask_json(capsys, lakes, monkeypatch, "What is the deepest lake in Africa?", LAKE_TEXTS)
    assert not answer["found"]
    assert answer["answer"].startswith(NOT_FOUND)
    assert answer["citations"] == []
    assert "Okoboji" not in answer["answer"].split(NOT_FOUND)[0]


@pytest.mark.model
def test_iowas_deepest_lake_answers_for_iowa(capsys, lakes, monkeypatch):
    answer = ask_json(capsys, lakes, monkeypatch, "What is the deepest lake in Iowa?", LAKE_TEXTS)
    assert answer["found"]
    assert "West Okoboji" in answer["answer"]
    assert "iowa-lakes" in [c["article_id"] for c in answer["citations"]]


# A superlative or ordinal given of another thing: "their largest lead" answers no "What is the
# largest lake in Canada?", nor "first lady" "Who was the first president of Kenya?".
HOCKEY = (
    "Midway through the second period, the Americans opened up a three-goal lead over their "
    "rival Canada, their largest since the 1998 Nagano Games. Fans packed the arena by the lake."
)
STATE_VISIT = (
    "President Joe Biden and first lady Jill Biden welcomed Kenyan President William Ruto to the "
    "White House on Thursday. The leaders discussed trade between the United States and Kenya."
)
GREAT_BEAR = (
    "At 31,000 square kilometres, Great Bear Lake is the largest lake entirely in Canada. Its "
    "waters stay frozen for much of the year."
)
OTHER_THINGS = [
    ("hockey-final", "Rink Report", "2025-02-20", "Americans rout Canada", HOCKEY),
    ("state-visit", "Capitol Daily", "2024-05-23", "Kenya's president visits", STATE_VISIT),
]
WITH_THE_LAKE = [
    *OTHER_THINGS,
    ("great-bear", "North Notes", "2025-03-01", "Canada's largest lake", GREAT_BEAR),
]


@pytest.fixture
def other_things(tmp_path: Path, real_embedder: Any) -> Library:
    return library_of(tmp_path, real_embedder, OTHER_THINGS)


@pytest.mark.model
@pytest.mark.parametrize(
    ("question", "not_led_by"),
    [
        ("What is the largest lake in Canada?", "Nagano"),
        ("Who was the first president of Kenya?", "William Ruto"),
    ],
)
def test_another_things_superlative_is_not_the_answer(
    capsys, other_things, monkeypatch, question, not_led_by
):
    answer = ask_json(capsys, other_things, monkeypatch, question, texts_of(OTHER_THINGS))
    assert not answer["found"]
    assert answer["answer"].startswith(NOT_FOUND)
    assert answer["citations"] == []
    assert not_led_by not in answer["answer"].split(NOT_FOUND)[0]
    (reply,) = render_answer(Answerer(other_things, other_things.settings).answer(question))
    assert reply.content is not None and reply.content.startswith(NOT_FOUND)


@pytest.mark.model
def test_the_asked_things_superlative_answers(capsys, tmp_path, real_embedder, monkeypatch):
    library = library_of(tmp_path, real_embedder, WITH_THE_LAKE)
    question = "What is the largest lake in Canada?"
    answer = ask_json(capsys, library, monkeypatch, question, texts_of(WITH_THE_LAKE))
    assert answer["found"]
    assert answer["answer"].startswith("Great Bear Lake")
    assert "great-bear" in [c["article_id"] for c in answer["citations"]]
