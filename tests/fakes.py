"""Deterministic test doubles shared by the test suite."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import numpy as np

_TOKEN = re.compile(r"\w+|[^\w\s]")


class FakeEmbedder:
    """Vectors from hashed, lower-cased words: same text, same vector; shared words, similar.

    Counts what it embeds, so tests can state exactly how many passages a build encoded.
    """

    name = "fake-hash-embedder"
    dimension = 64
    max_tokens = 256

    def __init__(self) -> None:
        self.encoded = 0
        self.calls = 0

    @property
    def special_tokens(self) -> int:
        return 2

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return [len(_TOKEN.findall(t)) for t in texts]

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += 1
        self.encoded += len(texts)
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                h = int.from_bytes(hashlib.md5(word.encode()).digest()[:4], "little")
                out[i, h % self.dimension] += 1.0 if (h >> 16) & 1 else -1.0
            norm = np.linalg.norm(out[i])
            out[i] = out[i] / norm if norm else out[i]
            if not norm:
                out[i, 0] = 1.0
        return out
