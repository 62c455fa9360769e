"""The answer path's text vectors: encoded by the snapshot's model, remembered per snapshot.

Questions about the news cluster around the same stories, so the same passages (and their
sentences) come back question after question; a vector once encoded is reused until the
snapshot is replaced. Each snapshot (`Searcher`) has its own least-recently-used store, dropped
with it, so a vector never outlives the model and snapshot that made it.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from index.search import Searcher


class VectorCache:
    """Text -> vector for one snapshot, the `capacity` most recently used kept."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._vectors)

    def encode(self, searcher: Searcher, texts: Sequence[str]) -> np.ndarray:
        """Vectors of `texts` by `searcher`'s model, only the unseen ones encoded."""
        with self._lock:
            found = {t: self._vectors[t] for t in dict.fromkeys(texts) if t in self._vectors}
            for t in found:
                self._vectors.move_to_end(t)
        missing = [t for t in dict.fromkeys(texts) if t not in found]
        self.hits += len(texts) - len(missing)
        self.misses += len(missing)
        if missing:
            # Encoded outside the lock: two questions encode at once rather than in turn.
            new = searcher.encode(missing)
            found.update(zip(missing, new, strict=True))
            with self._lock:
                for t, v in zip(missing, new, strict=True):
                    self._vectors[t] = v
                    self._vectors.move_to_end(t)
                while len(self._vectors) > self.capacity:
                    self._vectors.popitem(last=False)
        if not texts:
            return searcher.encode([])
        return np.stack([found[t] for t in texts])


class SnapshotVectors:
    """One `VectorCache` a snapshot, forgotten with the snapshot; capacity 0 caches nothing."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._caches: weakref.WeakKeyDictionary[Searcher, VectorCache] = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()

    def of(self, searcher: Searcher) -> VectorCache | None:
        if self.capacity <= 0:
            return None
        with self._lock:
            cache = self._caches.get(searcher)
            if cache is None:
                cache = self._caches[searcher] = VectorCache(self.capacity)
            return cache

    def encode(self, searcher: Searcher, texts: Sequence[str]) -> np.ndarray:
        """Vectors of `texts` by `searcher`'s model (cached when the capacity allows)."""
        cache = self.of(searcher)
        return searcher.encode(texts) if cache is None else cache.encode(searcher, texts)
