"""Pure ranking maths: reciprocal rank fusion and near-duplicate collapsing."""

from __future__ import annotations

from collections.abc import Callable, Sequence


def reciprocal_rank_fusion(
    rankings: Sequence[Sequence[int]],
    weights: Sequence[float] | None = None,
    k: int = 60,
) -> list[tuple[int, float]]:
    """Fuse ranked lists of ids into one ranking, best first.

    Reciprocal rank fusion (Cormack, Clarke and Buettcher, SIGIR 2009): each list gives an id
    `weight / (k + rank)` with rank starting at 1; scores add up across lists. The constant `k`
    (60 in the paper) damps the head of each list so that one list cannot dominate. Ties keep
    the order in which ids were first seen, so the result is deterministic.
    """
    weights = list(weights) if weights is not None else [1.0] * len(rankings)
    if len(weights) != len(rankings):
        raise ValueError("one weight per ranking")
    scores: dict[int, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, doc in enumerate(ranking, start=1):
            scores[doc] = scores.get(doc, 0.0) + weight / (k + rank)
    order = {doc: i for i, doc in enumerate(scores)}
    return sorted(scores.items(), key=lambda item: (-item[1], order[item[0]]))


def collapse_near_duplicates(
    ranked: Sequence[int],
    similarity: Callable[[int, int], float],
    threshold: float,
    limit: int | None = None,
) -> list[int]:
    """Keep ids in order, dropping any at least `threshold` similar to one already kept."""
    kept: list[int] = []
    for doc in ranked:
        if all(similarity(doc, other) < threshold for other in kept):
            kept.append(doc)
            if limit is not None and len(kept) >= limit:
                break
    return kept
