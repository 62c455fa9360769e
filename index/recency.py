"""Recency as a soft prior: newer articles gain a small bonus on their fused score.

News questions usually mean the latest reports, but many answers sit in older articles (on the
realtimeqa quizzes the median gold article is about six months older than the question), so age
never excludes an article: it only breaks near-ties. The bonus halves every `half_life_days`;
an undated article gets none, and neither does one dated after "now" (replays exclude those).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Recency:
    """Prefer articles published shortly before `now`."""

    now: date
    weight: float  # bonus of an article published on `now`, in fused-score units
    half_life_days: float  # the bonus halves with each this many days of age


def recency_bonus(age_days: float | None, weight: float, half_life_days: float) -> float:
    """`weight * 0.5 ** (age / half_life)`; 0 for an undated article or a negative age."""
    if age_days is None or age_days < 0 or weight <= 0:
        return 0.0
    return weight * 0.5 ** (age_days / half_life_days)


def apply_recency(
    ranked: Sequence[tuple[int, float]],
    age_days: Callable[[int], float | None],
    weight: float,
    half_life_days: float,
) -> list[tuple[int, float]]:
    """`ranked` (id, score) re-sorted after adding each id's recency bonus; ties keep order."""
    boosted = [
        (doc, score + recency_bonus(age_days(doc), weight, half_life_days)) for doc, score in ranked
    ]
    order = {doc: i for i, (doc, _) in enumerate(ranked)}
    return sorted(boosted, key=lambda item: (-item[1], order[item[0]]))
