"""Recency as a soft prior: newer articles, and articles dated in the period a question names,
gain a small bonus on their fused score.

News questions usually mean the latest reports, but many answers sit in older articles (on the
realtimeqa quizzes the median gold article is about six months older than the question), so age
never excludes an article: it only breaks near-ties. The bonus halves every `half_life_days`;
an undated article gets none, and neither does one dated after "now" (replays exclude those).
A period named in a question ("this week") is a preference too, not a filter: on realtimeqa
filtering by it lost more gold articles than it found (docs/benchmarks.md, "Time").
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
    period_from: date | None = None  # the period the question names, either end open
    period_to: date | None = None
    period_weight: float = 0.0  # bonus of an article dated in that period

    def bonus(self, day: date | None) -> float:
        """The bonus of an article published on `day` (None: undated, no bonus)."""
        if day is None:
            return 0.0
        extra = recency_bonus(float((self.now - day).days), self.weight, self.half_life_days)
        if self.in_period(day):
            extra += self.period_weight
        return extra

    def in_period(self, day: date) -> bool:
        if self.period_from is None and self.period_to is None:
            return False
        after_start = self.period_from is None or day >= self.period_from
        return after_start and (self.period_to is None or day <= self.period_to)


def recency_bonus(age_days: float | None, weight: float, half_life_days: float) -> float:
    """`weight * 0.5 ** (age / half_life)`; 0 for an undated article or a negative age."""
    if age_days is None or age_days < 0 or weight <= 0:
        return 0.0
    return weight * 0.5 ** (age_days / half_life_days)


def apply_recency(
    ranked: Sequence[tuple[int, float]],
    bonus: Callable[[int], float],
    group_of: Callable[[int], str] | None = None,
) -> list[tuple[int, float]]:
    """`ranked` (id, score) re-sorted after adding each id's bonus; ties keep their order.

    With `group_of` (a passage's article), only the first id of each group gets its bonus: a
    date is the article's, so it lifts the article's best passage, not every passage of it (a
    period bonus given to each passage filled the top five with one article's passages).
    """
    seen: set[str] = set()

    def once(doc: int) -> float:
        if group_of is None:
            return bonus(doc)
        group = group_of(doc)
        if group in seen:
            return 0.0
        seen.add(group)
        return bonus(doc)

    boosted = [(doc, score + once(doc)) for doc, score in ranked]
    order = {doc: i for i, (doc, _) in enumerate(ranked)}
    return sorted(boosted, key=lambda item: (-item[1], order[item[0]]))
