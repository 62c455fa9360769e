"""The similarity the support check scores claims with."""

import numpy as np
import pytest

from bot.llm import cosine_similarity


def test_cosine_similarity_pairs_rows_and_embeds_each_text_once():
    calls: list[list[str]] = []

    def embed(texts: list[str]) -> np.ndarray:
        calls.append(texts)
        return np.array([[t.count("a"), t.count("b")] for t in texts], dtype=float)

    similarity = cosine_similarity(embed)
    scores = similarity(["aa", "ab", "aa"], ["a", "b", "ab"])

    assert scores == pytest.approx([1.0, np.sqrt(0.5), np.sqrt(0.5)])
    assert calls == [["aa", "ab", "a", "b"]]
