"""What a build tells its caller: progress while it runs, a report when it is done.

The build (index/build.py) owns these types; they live in this light module so that the library,
the command line and the Discord bot can name them without importing the build's dependencies.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class BuildProgress:
    """Where a build is: `phase` is reading, chunking, embedding, writing or switching."""

    phase: str
    done: int
    total: int

    @property
    def percent(self) -> float:
        """How far the current phase is."""
        return 100.0 * self.done / self.total if self.total else 0.0

    @property
    def overall(self) -> float:
        """How far the whole build is, 0-100: the phase's share of `PHASE_SPANS` filled in
        by its own progress (a rough guide for "still indexing, N%", never going back)."""
        start, end = PHASE_SPANS.get(self.phase, (0.0, 0.0))
        return start + (end - start) * min(1.0, self.percent / 100.0)


# Where each phase sits in a first build, in percent of the whole: embedding dominates a build
# from nothing, chunking (with statement extraction) comes next; reading, writing and the
# switch are short. Rough on purpose: it only says how far "still indexing" is.
PHASE_SPANS: dict[str, tuple[float, float]] = {
    "reading": (0.0, 5.0),
    "chunking": (5.0, 30.0),
    "embedding": (30.0, 95.0),
    "writing": (95.0, 99.0),
    "switching": (99.0, 100.0),
}


@dataclass(frozen=True)
class BuildReport:
    added: int
    updated: int
    removed: int
    skipped: int
    unchanged: int
    passages: int
    embedded: int
    seconds: float
    snapshot: str
    # (where, why) of each skip: a file, a line, an article, a limit hit, a source not readable
    skips: tuple[tuple[str, str], ...] = ()
    warnings: tuple[tuple[str, str], ...] = ()  # (file:line, what): fields read with a doubt
    kept: int = 0  # articles kept from the previous index because their source was unreadable
    expired: int = 0  # articles dropped because their source's retention (keep_days) ran out
    # nothing changed: the build wrote nothing and `snapshot`, current before, stays current
    kept_current: bool = False

    def summary(self, limit: int = 5) -> str:
        """One line of counts, then the first `limit` skips and warnings with their reasons
        (kept short enough for a Discord message)."""
        text = (
            f"indexed: {self.added} added, {self.updated} updated, {self.removed} removed, "
            f"{self.skipped} skipped, {self.unchanged} unchanged; {self.passages} passages, "
            f"{self.embedded} embedded; {self.seconds:.1f}s "
            + (
                f"(nothing changed: snapshot {self.snapshot} stays current)"
                if self.kept_current
                else f"(snapshot {self.snapshot})"
            )
        )
        if self.kept:
            text += f"; {self.kept} kept from sources that could not be read"
        if self.expired:
            text += f"; {self.expired} expired (older than their source's keep_days)"
        if self.skips:
            text += f"\nskipped: {listing(self.skips, limit)}"
        if self.warnings:
            shown = max(1, limit - len(self.skips))
            text += f"\nwarnings: {listing(self.warnings, shown)}"
        return text


def listing(items: Sequence[tuple[str, str]], limit: int, width: int = 200) -> str:
    """'where (why); ...' for the first `limit` items, each cut to about `width` characters."""
    shown = "; ".join(
        text if len(text) <= width else text[: width - 1] + "…"
        for text in (f"{where} ({why})" for where, why in items[:limit])
    )
    more = len(items) - limit
    return shown + (f"; and {more} more" if more > 0 else "")


ProgressCallback = Callable[[BuildProgress], None]
