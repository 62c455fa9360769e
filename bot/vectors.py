"""The answer path's text vectors: encoded by the snapshot's model, remembered per snapshot.

Questions about the news cluster around the same stories, so the same passages (and their
sentences) come back question after question; a vector once encoded is reused until the
snapshot is replaced. Each snapshot (`Searcher`) has its own least-recently-used store, dropped
with it, so a vector never outlives the model and snapshot that made it.
"""

from __future__ import annotations

import logging
import threading
import weakref
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from bot.settings import SNAPSHOT_BACKEND
from index.errors import NewsbotError
from index.library import for_questions

if TYPE_CHECKING:
    from index.config import EmbeddingSettings
    from index.embedding import Embedder
    from index.library import Library
    from index.search import Searcher

log = logging.getLogger(__name__)


class Encoder(Protocol):
    """Anything that encodes texts: a snapshot's `Searcher` or an `Embedder`."""

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


class VectorCache:
    """Text -> vector for one snapshot and one model, the `capacity` most recently used kept."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._vectors)

    def texts(self) -> list[str]:
        """The texts whose vectors are kept, least recently used first."""
        with self._lock:
            return list(self._vectors)

    def vector(self, text: str) -> np.ndarray | None:
        with self._lock:
            return self._vectors.get(text)

    def encode(self, model: Encoder, texts: Sequence[str]) -> np.ndarray:
        """Vectors of `texts` by `model`, only the unseen ones encoded."""
        with self._lock:
            found = {t: self._vectors[t] for t in dict.fromkeys(texts) if t in self._vectors}
            for t in found:
                self._vectors.move_to_end(t)
        missing = [t for t in dict.fromkeys(texts) if t not in found]
        self.hits += len(texts) - len(missing)
        self.misses += len(missing)
        if missing:
            # Encoded outside the lock: two questions encode at once rather than in turn.
            new = model.encode(missing)
            found.update(zip(missing, new, strict=True))
            with self._lock:
                for t, v in zip(missing, new, strict=True):
                    self._vectors[t] = v
                    self._vectors.move_to_end(t)
                while len(self._vectors) > self.capacity:
                    self._vectors.popitem(last=False)
        if not texts:
            return model.encode([])
        return np.stack([found[t] for t in texts])


class SnapshotVectors:
    """One `VectorCache` a snapshot and model, forgotten with the snapshot; capacity 0 caches
    nothing."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._caches: weakref.WeakKeyDictionary[Searcher, dict[str, VectorCache]] = (
            weakref.WeakKeyDictionary()
        )
        self._lock = threading.Lock()

    def of(self, searcher: Searcher, model: Embedder | None = None) -> VectorCache | None:
        """The cache of `model`'s vectors (default: the snapshot's model) for `searcher`."""
        if self.capacity <= 0:
            return None
        name = "" if model is None else model.name
        with self._lock:
            caches = self._caches.setdefault(searcher, {})
            cache = caches.get(name)
            if cache is None:
                cache = caches[name] = VectorCache(self.capacity)
            return cache

    def encode(
        self, searcher: Searcher, texts: Sequence[str], model: Embedder | None = None
    ) -> np.ndarray:
        """Vectors of `texts` by `model` (default: `searcher`'s model), cached when the capacity
        allows; vectors of different models are kept apart."""
        encoder: Encoder = searcher if model is None else model
        cache = self.of(searcher, model)
        return encoder.encode(texts) if cache is None else cache.encode(encoder, texts)


class SentenceModel:
    """The model that scores an answer's candidate sentences against its question.

    Those vectors are compared only with each other, within one answer, so they need not come
    from the backend that made the index: the snapshot's model run by onnxruntime in int8 encodes
    a question and its 12 candidate sentences ~6x faster than torch on one thread, and that
    encode is most of what an answer costs. `[answer].sentence_backend` names the backend;
    "snapshot" (or the snapshot's own backend) keeps the snapshot's model.

    The other backend is loaded on first use without making a question wait for an export:
    an export already in the model cache loads at once (~0.2 s); otherwise it is exported in
    the background (~5 s) and questions use the snapshot's model until it is ready. A model
    that cannot be run on that backend (an ONNX export needs mean pooling) is logged once and
    the snapshot's model stays.
    """

    def __init__(self, library: Library, backend: str) -> None:
        self.library = library
        self.backend = backend
        self._model: Embedder | None = None
        self._state = "idle"  # idle -> loading -> ready | failed
        self._lock = threading.Lock()
        self._done = threading.Event()

    @property
    def separate(self) -> bool:
        """Whether sentences are scored by a model of their own (not the snapshot's)."""
        return (
            self.backend != SNAPSHOT_BACKEND
            and self.library.owns_model
            and self.backend != self.library.embedding_settings().backend
        )

    def model(self) -> Embedder | None:
        """The sentence model if it is ready (None: use the snapshot's, for now or for good)."""
        if self._state == "ready" or not self.separate:
            return self._model
        with self._lock:
            if self._state != "idle":
                return self._model
            self._state = "loading"
        if self._cached():
            self._load()
        else:
            threading.Thread(target=self._load, name="sentence-model", daemon=True).start()
        return self._model

    def wait(self, timeout: float | None = None) -> Embedder | None:
        """Load the sentence model now if needed and return it (benchmarks, warm-up)."""
        self.model()
        if self.separate:
            self._done.wait(timeout)
        return self._model

    def _settings(self) -> EmbeddingSettings:
        # One text a run: int8 quantises activations with one scale for the whole batch, so a
        # sentence's vector moved with its neighbours (cosine 0.975-1.0 to itself alone), and an
        # answer would depend on the questions asked before it (the cache); alone, a text has
        # one vector, and with no padding 13 short texts encode faster (25 ms against 43 ms).
        return replace(self.library.embedding_settings(), backend=self.backend, batch_size=1)

    def _cached(self) -> bool:
        """Whether loading is quick: an ONNX export already on disk."""
        if self.backend == "torch":
            return False
        from index.embedding import model_folder
        from index.onnx_embedding import exported

        settings = self._settings()
        try:
            return exported(model_folder(settings.model), Path(settings.cache_dir), self.backend)
        except (OSError, NewsbotError):
            return False  # the load says what is wrong

    def _load(self) -> None:
        from index.embedding import load_embedder

        try:
            model = load_embedder(self._settings())
            for_questions(model)
        except Exception as exc:  # noqa: BLE001 - any failure leaves the snapshot's model
            log.warning(
                "sentences are scored by the snapshot's model: [answer].sentence_backend = %r "
                "could not be loaded (%s)",
                self.backend,
                exc,
            )
            self._state = "failed"
        else:
            self._model = model
            self._state = "ready"
            log.info("candidate sentences are scored by %s", model.name)
        finally:
            self._done.set()
