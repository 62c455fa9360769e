"""The model that scores an answer's candidate sentences ([answer].sentence_backend): the
snapshot's model run by onnx-int8 by default, loaded without making a question wait, its vectors
kept apart from the snapshot model's, and the snapshot's model whenever it cannot be had."""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from bot.answer import Answerer
from bot.settings import Settings
from index.embedding import DEFAULT_MODEL_NAME
from index.errors import ConfigError, ModelLoadError
from index.library import Library
from tests.conftest import make_settings
from tests.fakes import FakeEmbedder

QUESTION = "How many troops did Russia deploy to Venezuela in March?"


def own_settings(data_dir: Path, models: Path, **answer: Any) -> Settings:
    return make_settings(
        data_dir, embedding={"cache_dir": str(models)}, answer={"min_support": 0.0, **answer}
    )


@pytest.fixture(scope="module")
def own_library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    """The sample built by a library that loads the configured (real, torch) model itself."""
    data = tmp_path_factory.mktemp("own")
    library = Library(own_settings(data / "data", data / "models"))
    library.build()
    return library


def answerer_with(library: Library, **answer: Any) -> Answerer:
    """An answerer over `library` (whose settings say where exports go), `answer` overridden."""
    models = library.settings.model_cache_dir
    return Answerer(library, own_settings(library.settings.data_dir, models, **answer))


def fresh_library(tmp_path: Path) -> Library:
    """Like `own_library`, with a model cache of its own (nothing exported yet)."""
    library = Library(own_settings(tmp_path / "data", tmp_path / "models"))
    library.build()
    return library


def test_sentences_are_scored_by_the_int8_model_and_its_vectors_kept_apart(
    own_library: Library,
) -> None:
    answerer = answerer_with(own_library)
    model = answerer.sentence_model.wait()
    assert model is not None and model.backend == "onnx-int8"  # type: ignore[attr-defined]
    assert model.name == f"{DEFAULT_MODEL_NAME}@onnx-int8"

    answer = answerer.answer(QUESTION)
    assert answer.found and "100" in answer.text and answer.citations

    searcher = own_library.searcher()
    snapshot_cache = answerer.vectors.of(searcher)
    sentence_cache = answerer.vectors.of(searcher, model)
    assert snapshot_cache is not None and sentence_cache is not None
    sentences = [t for t in sentence_cache.texts() if t != QUESTION]
    assert sentences  # the candidate sentences, scored against the question by int8
    assert not set(sentences) & set(snapshot_cache.texts())  # never encoded by torch too
    # What the sentence cache holds is the int8 model's vector, not torch's.
    kept = sentence_cache.vector(sentences[0])
    np.testing.assert_allclose(kept, model.encode([sentences[0]])[0], atol=1e-5)
    assert float(own_library.embedder.encode([sentences[0]])[0] @ kept) < 0.99999


def test_a_question_does_not_wait_for_the_export(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import index.embedding

    # Built, so its own model is loaded; its model cache holds no export.
    own_library = fresh_library(tmp_path)
    gate = threading.Event()
    later = FakeEmbedder()

    def slow_export(settings: Any) -> Any:
        assert settings.backend == "onnx-int8"
        gate.wait(60)
        return later

    monkeypatch.setattr(index.embedding, "load_embedder", slow_export)
    answerer = answerer_with(own_library)

    first = answerer.answer(QUESTION)  # while the export is held back
    assert first.found and "100" in first.text
    assert answerer.sentence_model.model() is None
    searcher = own_library.searcher()
    assert len(answerer.vectors.of(searcher)) > 1  # scored by the snapshot's model

    gate.set()
    assert answerer.sentence_model.wait(60) is later
    answerer.answer(QUESTION)
    assert len(answerer.vectors.of(searcher, later)) > 1  # now by the sentence model


def test_a_backend_that_cannot_load_leaves_the_snapshots_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import index.embedding

    own_library = fresh_library(tmp_path)

    def broken(settings: Any) -> Any:
        raise ModelLoadError("the export failed: disk full")

    monkeypatch.setattr(index.embedding, "load_embedder", broken)
    answerer = answerer_with(own_library)
    with caplog.at_level(logging.WARNING, logger="bot.vectors"):
        assert answerer.sentence_model.wait(60) is None
    assert "sentence_backend = 'onnx-int8'" in caplog.text and "disk full" in caplog.text
    answer = answerer.answer(QUESTION)
    assert answer.found and "100" in answer.text
    assert answerer.sentence_model.model() is None  # tried once, not at every question


@pytest.mark.parametrize("backend", ["snapshot", "onnx"])  # onnx: the snapshot's own backend
def test_the_snapshot_backend_scores_with_the_snapshots_model(tmp_path: Path, backend: str) -> None:
    own_library = fresh_library(tmp_path)
    assert own_library.searcher().embedder.name == f"{DEFAULT_MODEL_NAME}@onnx"
    answerer = answerer_with(own_library, sentence_backend=backend)
    assert not answerer.sentence_model.separate
    assert answerer.sentence_model.wait() is None
    assert not list((tmp_path / "models").glob("*int8*"))  # nothing else exported
    assert answerer.answer(QUESTION).found


def test_a_handed_in_model_scores_its_own_sentences(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "data")
    assert settings.answer.sentence_backend == "onnx-int8"
    library = Library(settings, FakeEmbedder())
    library.build()
    answerer = Answerer(library, settings)
    assert answerer.sentence_model.wait() is None  # no configured model to run otherwise
    assert answerer.answer(QUESTION).citations


def test_an_unknown_sentence_backend_is_refused_naming_the_key(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"\[answer\]\.sentence_backend must be one of"):
        make_settings(tmp_path, answer={"sentence_backend": "int4"})
