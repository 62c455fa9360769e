"""What an ingest run read (`IngestReport`) and the `Skip` a reader raises for an unusable file."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from index.progress import listing

log = logging.getLogger(__name__)


@dataclass
class IngestReport:
    """What a run read: articles kept, duplicates dropped, and every skip with its reason."""

    articles: int = 0  # articles yielded (after dedup)
    duplicates: int = 0  # dropped as duplicates (near duplicates included)
    near_duplicates: int = 0  # of those, dropped as near (not exact) duplicates
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (where, why)
    files: int = 0  # files looked at
    # (where, what): a field read with a doubt (a number as a title, a date nobody can read)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    # Files and directories that exist but could not be read: their previously indexed
    # articles are kept, since nobody asked for them to go.
    unreadable: list[str] = field(default_factory=list)

    def skip(self, where: str, why: str) -> None:
        log.warning("skipped %s: %s", where, why)
        self.skipped.append((where, why))

    def warn(self, where: str, what: str) -> None:
        log.warning("%s: %s", where, what)
        self.warnings.append((where, what))

    def unreadable_source(self, path: str, why: str) -> None:
        """A file or directory that is there but cannot be read: skipped, and remembered."""
        if path in self.unreadable:  # a glob may list one directory more than once
            return
        self.unreadable.append(path)
        self.skip(path, f"{why}; its previously indexed articles are kept")

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
            text += f": {listing(self.skipped, limit)}"
        if self.warnings:
            n = len(self.warnings)
            text += f"; {n} warning{_s(n)}: {listing(self.warnings, limit)}"
        return text


def _s(n: int) -> str:
    return "" if n == 1 else "s"


class Skip(Exception):
    """This file (or line) cannot be read as an article; the message says why."""
