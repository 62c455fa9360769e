"""The answer path's vectors: only the best candidate sentences are encoded, and what was
encoded is remembered per snapshot; the answers stay those of encoding every sentence."""

from __future__ import annotations

import gc
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from bot.answer import Answerer, Sentence, candidate_sentences, shortlist
from index.library import Library
from index.models import Hit
from tests.conftest import SEED, SHARED, make_settings
from tests.fakes import FakeEmbedder

OLD = {"sentence_candidates": 0, "vector_cache": 0}  # every sentence encoded, nothing kept


def seed_questions() -> list[str]:
    path = SHARED / "eval" / "seed-questions.jsonl"
    return [json.loads(line)["question"] for line in path.read_text().splitlines() if line]


class CountingEmbedder(FakeEmbedder):
    """The fake embedder, recording the size of every encode call."""

    def __init__(self) -> None:
        super().__init__()
        self.batches: list[int] = []

    def encode(self, texts: Any) -> np.ndarray:
        self.batches.append(len(texts))
        return super().encode(texts)


@pytest.fixture
def counting() -> CountingEmbedder:
    return CountingEmbedder()


def built(tmp_path: Path, embedder: Any, **answer: Any) -> tuple[Library, Answerer]:
    settings = make_settings(tmp_path / "data", answer=answer)
    library = Library(settings, embedder)
    library.build()
    return library, Answerer(library, settings)


def _hit(rank: int, dense: float, text: str) -> Hit:
    return Hit(
        rank,
        1.0 / rank,
        f"p{rank}",
        f"a{rank}",
        "t",
        None,
        None,
        None,
        text,
        0,
        len(text),
        dense,
        0.0,
    )


def test_shortlist_keeps_the_best_guesses_in_their_order_and_all_under_the_limit():
    hits = [_hit(1, 0.9, "x"), _hit(2, 0.1, "y")]
    sentences = [Sentence(f"a{r}", i, i + 1, f"s{r}{i}", r) for r in (1, 2) for i in range(3)]
    lexical = np.array([0.0, 1.0, 0.0, 0.0, 0.0, 1.0])
    bonus = np.array([0.0, 0.0, 0.1, 0.0, 0.0, 0.0])
    # guesses: 0.54, 0.94, 0.64, 0.06, 0.06, 0.46
    assert shortlist(sentences, hits, lexical, bonus, 3) == [0, 1, 2]
    assert shortlist(sentences, hits, lexical, bonus, 2) == [1, 2]
    assert shortlist(sentences, hits, lexical, bonus, 6) == list(range(6))
    assert shortlist(sentences, hits, lexical, bonus, 0) == list(range(6))


def test_only_the_shortlisted_sentences_are_encoded(tmp_path, counting):
    library, answerer = built(tmp_path, counting, sentence_candidates=4, vector_cache=0)
    question = "How many troops did Russia deploy to Venezuela in March?"
    hits = library.searcher().search(question, k=answerer.settings.answer.passages)
    assert len(candidate_sentences(hits)) > 5  # more than the shortlist to choose from
    counting.batches.clear()
    answer = answerer.answer(question)
    assert answer.found
    assert max(counting.batches) == 1 + 4  # the question and four sentences, never more


def test_a_repeated_question_encodes_nothing_new_and_answers_the_same(tmp_path, counting):
    library, answerer = built(tmp_path, counting)
    for question in seed_questions():
        first = answerer.answer(question)
        before = counting.encoded
        again = answerer.answer(question)
        assert counting.encoded == before, question
        assert again == first


def test_the_cache_changes_no_answer_and_a_long_enough_shortlist_none_either(
    tmp_path, fake_embedder
):
    """Cached vectors are the vectors; a shortlist as long as the candidates keeps them all."""
    library, old = built(tmp_path, fake_embedder, **OLD)
    answer = replace(old.settings.answer, sentence_candidates=1000, vector_cache=64)
    cached = Answerer(library, replace(old.settings, answer=answer))
    for question in seed_questions() * 2:
        assert cached.answer(question) == old.answer(question)


def test_a_snapshots_vectors_go_with_it(tmp_path, fake_embedder):
    library, answerer = built(tmp_path, fake_embedder)
    answerer.answer("What did Peskov say about the letter?")
    first = library.searcher()
    assert answerer.vectors.of(first) is not None and len(answerer.vectors.of(first)) > 0
    library.build(rebuild=True)
    second = library.searcher()
    assert second is not first
    assert len(answerer.vectors.of(second)) == 0  # a new snapshot starts with none
    del first
    gc.collect()
    assert len(answerer.vectors._caches) == 1


def test_the_vector_cache_keeps_only_its_capacity(tmp_path, counting):
    library, answerer = built(tmp_path, counting, vector_cache=3)
    searcher = library.searcher()
    cache = answerer.vectors.of(searcher)
    assert cache is not None
    cache.encode(searcher, ["one two", "three four", "five six"])
    cache.encode(searcher, ["one two"])  # used again: the most recent
    cache.encode(searcher, ["seven eight"])  # the least recently used ("three four") goes
    before = counting.encoded
    vectors = cache.encode(searcher, ["one two", "five six", "seven eight"])
    assert counting.encoded == before and len(cache) == 3
    assert np.allclose(vectors, counting.encode(["one two", "five six", "seven eight"]))
    cache.encode(searcher, ["three four"])
    assert counting.encoded == before + 3 + 1  # the check above, then "three four" again


@pytest.mark.model
def test_with_the_real_model_the_new_path_answers_the_seed_questions_as_the_old_one(
    tmp_path, real_embedder
):
    """On the sample (two passages, fewer candidate sentences than the shortlist), the
    configured path and encoding every sentence give the same answers: same vectors, same
    scores, only fewer encodes."""
    settings = make_settings(tmp_path / "data", corpus={"sources": [str(SEED)]})
    library = Library(settings, real_embedder)
    library.build()
    new = Answerer(library, settings)
    old = Answerer(
        library, make_settings(tmp_path / "data", corpus={"sources": [str(SEED)]}, answer=OLD)
    )
    for question in seed_questions() * 2:
        a, b = new.answer(question), old.answer(question)
        assert (a.text, a.found, a.citations) == (b.text, b.found, b.citations), question
    cache = new.vectors.of(library.searcher())
    assert cache is not None and cache.hits > cache.misses  # asked twice: the second all hits
