"""What a build tells its caller: progress while it runs, a report when it is done.

The build (index/build.py) owns these types; they live in this light module so that the library,
the command line and the Discord bot can name them without importing the build's dependencies.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class BuildProgress:
    """Where a build is: `phase` is reading, chunking, embedding, writing or switching."""

    phase: str
    done: int
    total: int

    @property
    def percent(self) -> float:
        return 100.0 * self.done / self.total if self.total else 0.0


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

    def summary(self) -> str:
        return (
            f"indexed: {self.added} added, {self.updated} updated, {self.removed} removed, "
            f"{self.skipped} skipped, {self.unchanged} unchanged; {self.passages} passages, "
            f"{self.embedded} embedded; {self.seconds:.1f}s (snapshot {self.snapshot})"
        )


ProgressCallback = Callable[[BuildProgress], None]
