"""Counting a model's word pieces safely beside encode calls (both embedding backends)."""

from __future__ import annotations

import copy
import threading
from collections.abc import Sequence
from typing import Any


class TokenCounter:
    """Word pieces a text holds, counted on a private copy of a model's tokenizer under a lock
    of its own: a fast tokenizer is stateful (encoding switches truncation on, counting switches
    it off), so one shared with encode calls measured 256 pieces for a 729-piece text."""

    def __init__(self, tokenizer: Any) -> None:
        self._tokenizer: Any = copy.deepcopy(tokenizer)
        self._lock = threading.Lock()
        # the special tokens (CLS, SEP) the model adds to every text
        self.special = len(self._tokenizer("", add_special_tokens=True)["input_ids"])

    def count(self, texts: Sequence[str]) -> list[int]:
        if not texts:
            return []
        with self._lock:
            ids = self._tokenizer(list(texts), add_special_tokens=False, verbose=False)
        return [len(x) for x in ids["input_ids"]]
