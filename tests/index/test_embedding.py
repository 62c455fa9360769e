"""The real embedding model shared between threads (index/embedding.py)."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from typing import Any

import pytest

pytestmark = pytest.mark.model

COUNTS = 3000  # token counts per counting thread
LONG = " ".join(f"word{i} municipal" for i in range(200))  # well over the model's 256 pieces


@pytest.fixture
def busy_switching() -> Iterator[None]:
    """Switch threads as often as CPython allows, so that the threads below interleave in
    every possible place (the default 5 ms lets a race show up only now and then)."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(before)


def test_counting_tokens_while_questions_encode_is_exact_and_never_fails(
    real_embedder: Any, busy_switching: None
) -> None:
    expected = real_embedder.count_tokens([LONG])[0]
    assert expected > real_embedder.max_tokens  # so a truncated count would show
    counted: list[int] = []
    errors: list[BaseException] = []
    counting_done = threading.Event()

    def count() -> None:
        try:
            for _ in range(COUNTS):
                counted.append(real_embedder.count_tokens([LONG])[0])
        except BaseException as exc:  # e.g. RuntimeError("Already borrowed")
            errors.append(exc)

    def encode() -> None:
        try:
            while not counting_done.is_set():
                real_embedder.encode(["what did the mayor say about the harbour?"])
        except BaseException as exc:
            errors.append(exc)

    counters = [threading.Thread(target=count) for _ in range(2)]
    encoders = [threading.Thread(target=encode) for _ in range(3)]
    for thread in encoders + counters:
        thread.start()
    for thread in counters:
        thread.join()
    counting_done.set()
    for thread in encoders:
        thread.join()

    assert errors == []
    assert len(counted) == 2 * COUNTS
    wrong = [n for n in counted if n != expected]
    assert wrong == [], f"{len(wrong)} of {len(counted)} counts wrong, e.g. {wrong[:3]}"
