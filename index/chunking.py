"""Sentence-aware passages bounded by the embedding model's token limit.

Sentences come from Bling Fire's rule-based splitter ("U.S.", "Mr.", quotes and abbreviations do
not end sentences), run per paragraph. Sentences are packed into passages until the token budget
is reached; the next passage repeats the last `overlap` sentences, so a fact straddling a border
is whole in one passage. The budget counts the title prefix and the model's special tokens, so
the text the model embeds is never silently cut off.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import blingfire

from index.models import Article, Passage

TokenCounter = Callable[[Sequence[str]], list[int]]

_PARAGRAPH = re.compile(r"[^\n]+")
_WORD = re.compile(r"\S+")
# Bling Fire keeps "...he said. Dr. Jones left." together: a sentence that ends right before a
# title abbreviation is split again here.
_MISSED_BREAK = re.compile(
    r"(?:(?<=[a-z]{2}[.!?])|(?<=[a-z]{2}[.!?][\"”’]))\s+"
    r"(?=(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Prof|Lt|Col|Capt|Sgt)\.\s+[A-Z])"
)
MAX_TITLE_TOKENS = 48  # a longer title is shortened in the prefix, leaving room for the passage


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of `text`, paragraph by paragraph."""
    spans: list[tuple[int, int]] = []
    for para in _PARAGRAPH.finditer(text):
        chunk = para.group()
        if not chunk.strip():
            continue
        _, offsets = blingfire.text_to_sentences_and_offsets(chunk)
        base = para.start()
        pieces: list[tuple[int, int]] = []
        for start, end in offsets:
            cut = start
            for m in _MISSED_BREAK.finditer(chunk, start, end):
                pieces.append((cut, m.start()))
                cut = m.start()
            pieces.append((cut, end))
        for start, end in pieces:
            # trim whitespace so spans start and end on text
            while start < end and chunk[start].isspace():
                start += 1
            while end > start and chunk[end - 1].isspace():
                end -= 1
            if end > start:
                spans.append((base + start, base + end))
    return spans


def embed_text(title: str, text: str) -> str:
    """What the model embeds for a passage: the title as context, then the passage."""
    return f"{title}\n{text}" if title else text


def fit_title(title: str, count_tokens: TokenCounter, max_tokens: int = MAX_TITLE_TOKENS) -> str:
    """The title, cut at a word boundary so it stays within `max_tokens` word pieces."""
    if not title or count_tokens([title])[0] <= max_tokens:
        return title
    words = title.split()
    counts = count_tokens(words)
    used, kept = 0, []
    for word, n in zip(words, counts, strict=True):
        if used + n > max_tokens - 1:
            break
        kept.append(word)
        used += n
    return " ".join(kept) + "…"


def _split_long(
    text: str, span: tuple[int, int], budget: int, count_tokens: TokenCounter
) -> list[tuple[int, int]]:
    """Split one over-long sentence at word boundaries into pieces within `budget` tokens."""
    start, end = span
    words = [(start + m.start(), start + m.end()) for m in _WORD.finditer(text[start:end])]
    counts = count_tokens([text[s:e] for s, e in words])
    pieces: list[tuple[int, int]] = []
    piece_start, used = words[0][0], 0
    prev_end = words[0][0]
    for (ws, we), n in zip(words, counts, strict=True):
        n = min(n, budget)  # a single absurd "word" is cut by the character-level fallback below
        if used + n > budget and used:
            pieces.append((piece_start, prev_end))
            piece_start, used = ws, 0
        used += n
        prev_end = we
    pieces.append((piece_start, prev_end))
    out: list[tuple[int, int]] = []
    for s, e in pieces:
        # A run of characters without spaces that still exceeds the budget: halve until it fits.
        stack = [(s, e)]
        while stack:
            a, b = stack.pop()
            if b - a > 1 and count_tokens([text[a:b]])[0] > budget:
                mid = (a + b) // 2
                stack.extend([(mid, b), (a, mid)])
            else:
                out.append((a, b))
    return out


def chunk_article(
    article: Article,
    count_tokens: TokenCounter,
    max_tokens: int,
    special_tokens: int = 2,
    overlap: int = 1,
) -> list[Passage]:
    """Passages of `article` whose embed text (title prefix included) fits `max_tokens`."""
    text = article.text
    title = fit_title(article.title, count_tokens)
    title_cost = count_tokens([title])[0] if title else 0
    budget = max_tokens - special_tokens - title_cost
    if budget < 8:
        raise ValueError(f"max_tokens={max_tokens} leaves no room for passage text")
    sentences = split_sentences(text)
    if not sentences:
        return []
    counts = count_tokens([text[s:e] for s, e in sentences])
    units: list[tuple[int, int, int]] = []  # (start, end, tokens)
    for span, n in zip(sentences, counts, strict=True):
        if n <= budget:
            units.append((span[0], span[1], n))
        else:
            for s, e in _split_long(text, span, budget, count_tokens):
                units.append((s, e, count_tokens([text[s:e]])[0]))

    passages: list[Passage] = []
    i = 0
    while i < len(units):
        j, used = i, 0
        while j < len(units) and used + units[j][2] <= budget:
            used += units[j][2]
            j += 1
        start, end = units[i][0], units[j - 1][1]
        passages.append(
            Passage(
                id=Passage.make_id(article.id, start, end),
                article_id=article.id,
                start=start,
                end=end,
                text=text[start:end],
            )
        )
        if j >= len(units):
            break
        # Next passage starts `overlap` sentences back, but always moves forward, and only
        # repeats sentences when the next new sentence still fits beside them.
        nxt = max(j - overlap, i + 1)
        while nxt < j and sum(u[2] for u in units[nxt : j + 1]) > budget:
            nxt += 1
        i = nxt
    return passages
