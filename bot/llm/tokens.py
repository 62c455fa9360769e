"""Token counts without the model's tokenizer: a conservative estimate, and a sentence end.

The passage budget is counted with the server's tokenizer when it offers one (llama.cpp's
`/tokenize`); otherwise with `estimate_tokens`, which must never count fewer tokens than a real
tokenizer would, or the prompt overflows the model's context window.
"""

from __future__ import annotations

import math
import re

# BPE tokenizers of current chat models (Llama 3, Qwen, SmolLM2, GPT-4) average about four
# characters a token on English news prose; three characters a token over-counts that by a
# third, and the 10% on top covers text with shorter tokens (numbers, names, quotes, accented
# words), which run nearer three characters a token. Over-counting only sends fewer passages.
CHARS_PER_TOKEN = 3.0
ESTIMATE_MARGIN = 1.10
# The chat template wraps each message in role markers: Llama 3 adds 5 tokens a message,
# ChatML (Qwen, SmolLM2) 4 or 5; counted generously, and once more for the reply's header.
MESSAGE_OVERHEAD = 8
# Counting the blocks one by one can differ from counting the prompt whole where they join.
JOIN_SLACK = 2
# Streamed text is measured at the average four characters a token when a server sends
# several tokens a chunk: a stop at the token limit should not come early.
AVERAGE_CHARS_PER_TOKEN = 4.0

# A sentence end: its full stop (and closing quotes, and citation markers a model put after
# it), followed by white space, so "3.5" or a sentence still arriving is not taken for one.
_SENTENCE_END = re.compile(r"""[.!?]["'”’)]*(?:\s*\[[^\]\n]{1,20}\])*(?=\s)""")


def estimate_tokens(text: str) -> int:
    """An upper estimate of the tokens `text` takes (see CHARS_PER_TOKEN and ESTIMATE_MARGIN)."""
    return math.ceil(len(text) / CHARS_PER_TOKEN * ESTIMATE_MARGIN)


def streamed_tokens(chunks: int, text: str) -> int:
    """Tokens a streamed reply has used: one a chunk, or more when chunks carry several."""
    return max(chunks, math.ceil(len(text) / AVERAGE_CHARS_PER_TOKEN))


def first_sentence_end(text: str, start: int) -> int | None:
    """The index just past the first sentence end at or after `start`, if one has arrived."""
    match = _SENTENCE_END.search(text, max(start - 1, 0))
    return match.end() if match else None


def up_to_last_sentence_end(text: str) -> str:
    """`text` without the unfinished sentence at its end (all of it when nothing ends)."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text + " ")]
    return text[: ends[-1]] if ends else text
