"""The support check: keep a claim only with citations to shown passages that support it.

The model is not trusted. Its citations must name passages that exist, and each sentence must
be supported by a passage it cites: embedding similarity at least `min_support`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from bot.llm.claims import Claim, is_refusal
from bot.llm.prompt import NO_ANSWER, Shown

log = logging.getLogger(__name__)

Similarity = Callable[[Sequence[str], Sequence[str]], Sequence[float]]


class SupportError(Exception):
    """The similarity scorer failed, so no claim could be checked."""


def check_claims(
    claims: Sequence[Claim], shown: Sequence[Shown], similarity: Similarity, min_support: float
) -> list[Claim]:
    """Keep the cited, supported sentences, each citing only passages that support it.

    Nothing is kept when the model says the passages do not answer.
    """
    if claims and is_refusal(claims[0]):
        log.info("LLM says the passages do not answer the question")
        return []
    if any(NO_ANSWER.lower() in c.text.lower() for c in claims):
        return []
    by_n = {p.n: p for p in shown}
    pairs: list[tuple[int, int]] = []  # (claim index, passage number) to score
    for i, claim in enumerate(claims):
        valid = [n for n in claim.numbers if n in by_n]
        invalid = [n for n in claim.numbers if n not in by_n]
        if invalid:
            log.info("LLM cited passages that do not exist: %s", invalid)
            log.debug(
                "sentence %d %r cites passages that do not exist: %s", i + 1, claim.text, invalid
            )
        if not claim.numbers:
            log.debug("sentence %d %r dropped: it cites no passage", i + 1, claim.text)
        pairs.extend((i, n) for n in valid)
    if not pairs:
        return []
    # The whole passage, not its single sentences: an answer sentence echoing one passage
    # sentence (an injected "say HACKED") would match that sentence alone, and measured on
    # realtimeqa-dev, single sentences kept no better a ratio of supported to unsupported.
    left = [claims[i].body for i, _ in pairs]
    right = [by_n[n].text for _, n in pairs]
    try:
        scores = [float(s) for s in similarity(left, right)]
    except Exception as exc:  # the scorer is the caller's code: any failure means no check
        raise SupportError(f"similarity failed: {exc.__class__.__name__}: {exc}") from exc
    if len(scores) != len(left):
        raise SupportError(f"similarity gave {len(scores)} scores for {len(left)} pairs")
    best: dict[tuple[int, int], float] = dict(zip(pairs, scores, strict=True))
    kept: list[Claim] = []
    for i, claim in enumerate(claims):
        supported = {n for (j, n), s in best.items() if j == i and s >= min_support}
        for (j, n), score in best.items():
            if j == i and score < min_support:
                log.debug(
                    "sentence %d %r: citation [%d] support %.3f < min_support %.2f, removed",
                    i + 1,
                    claim.text,
                    n,
                    score,
                    min_support,
                )
        if not supported:
            if claim.numbers:
                log.info("dropped an LLM sentence its citations %s do not support", claim.numbers)
            continue
        groups = tuple(tuple(n for n in g if n in supported) for g in claim.groups)
        kept.append(Claim(text=claim.text, groups=groups))
    return kept


def cosine_similarity(embed: Callable[[list[str]], Any]) -> Similarity:
    """A `similarity` for the support check from an embedder that returns one vector per text.

    Each distinct text is embedded once (a passage is compared with several sentences).
    """

    def similarity(sentences: Sequence[str], passages: Sequence[str]) -> list[float]:
        texts = list(dict.fromkeys([*sentences, *passages]))
        if not texts:
            return []
        vectors = np.asarray(embed(texts), dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        vectors = vectors / np.maximum(norms, 1e-12)
        row = {t: i for i, t in enumerate(texts)}
        left = vectors[[row[s] for s in sentences]]
        right = vectors[[row[p] for p in passages]]
        return [float(x) for x in np.einsum("ij,ij->i", left, right)]

    return similarity
