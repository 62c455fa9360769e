"""What an ingest run read (`IngestReport`) and the `Skip` a reader raises for an unusable file."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

log = logging.getLogger(__name__)


@dataclass
class IngestReport:
    """What a run read: articles kept, duplicates dropped, and every skip with its reason."""

    articles: int = 0  # articles yielded (after dedup)
    duplicates: int = 0  # dropped as duplicates (near duplicates included)
    near_duplicates: int = 0  # of those, dropped as near (not exact) duplicates
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (where, why)
    files: int = 0  # files looked at

    def skip(self, where: str, why: str) -> None:
        log.warning("skipped %s: %s", where, why)
        self.skipped.append((where, why))

    def summary(self, limit: int = 5) -> str:
        """One line for people: counts, then the first few skips with their reasons."""
        text = (
            f"ingested {self.articles} article{_s(self.articles)} from {self.files} "
            f"file{_s(self.files)}; {self.duplicates} duplicate{_s(self.duplicates)} dropped"
        )
        if self.near_duplicates:
            text += f" ({self.near_duplicates} near-identical)"
        text += f"; {len(self.skipped)} skipped"
        if self.skipped:
            shown = "; ".join(f"{where} ({why})" for where, why in self.skipped[:limit])
            more = len(self.skipped) - limit
            text += f": {shown}" + (f"; and {more} more" if more > 0 else "")
        return text


def _s(n: int) -> str:
    return "" if n == 1 else "s"


class Skip(Exception):
    """This file (or line) cannot be read as an article; the message says why."""
