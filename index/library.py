"""The index as the interfaces see it: the current snapshot for searching, and builds.

`Library.searcher()` returns the searcher of the current snapshot; `Library.build()` writes a
new snapshot and switches to it atomically. Searchers handed out before a switch keep working
on the old snapshot until they are dropped (zero downtime during a re-index).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from index.config import Settings
from index.progress import BuildProgress, BuildReport, ProgressCallback

if TYPE_CHECKING:
    from index.embedding import Embedder
    from index.search import Searcher

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IndexStats:
    articles: int
    passages: int
    statements: int
    sources: dict[str, int]  # source name -> article count
    newest_article: str | None
    built_at: str  # ISO timestamp of the snapshot's build
    model: str
    dimension: int
    faiss_index: str
    snapshot: str


class Library:
    """The data directory's index: the current searcher, builds, and stats."""

    def __init__(self, settings: Settings, embedder: Embedder | None = None) -> None:
        self.settings = settings
        self._embedder = embedder
        self._lock = threading.Lock()
        self._searcher: Searcher | None = None
        self._building = threading.Lock()
        self.progress: BuildProgress | None = None  # of the build running in this process

    @property
    def embedder(self) -> Embedder:
        """The embedding model, loaded on first use (a few seconds)."""
        with self._lock:
            if self._embedder is None:
                from index.embedding import load_embedder

                self._embedder = load_embedder(self.settings.embedding)
            return self._embedder

    def searcher(self) -> Searcher:
        """The current snapshot's searcher, reloaded when `current` has moved."""
        from index.search import Searcher
        from index.store import Layout, serving_snapshot

        layout = Layout(self.settings.data_dir)
        snapshot = serving_snapshot(layout)  # `current`, or the previous one if it is damaged
        embedder = self.embedder
        with self._lock:
            if self._searcher is None or self._searcher.path != snapshot:
                log.info("loading snapshot %s", snapshot.name)
                self._searcher = Searcher(snapshot, self.settings, embedder)
            return self._searcher

    @property
    def building(self) -> bool:
        return self._building.locked()

    def build(
        self,
        sources: Sequence[str] | None = None,
        rebuild: bool = False,
        progress: ProgressCallback | None = None,
        before_switch: Callable[..., None] | None = None,
        refresh: Collection[str] | None = None,
    ) -> BuildReport:
        """Build a new snapshot and serve it; blocking (call from a worker thread).

        `refresh` names the sources to read again (default: all of them; see index/build.py).
        """
        from index.build import build
        from index.errors import BuildInProgressError

        if not self._building.acquire(blocking=False):
            p = self.progress
            where = f" ({p.phase}, {p.percent:.0f}%)" if p else ""
            raise BuildInProgressError(f"a build is already running{where}")

        def track(p: BuildProgress) -> None:
            self.progress = p
            if progress is not None:
                progress(p)

        try:
            report = build(
                self.settings,
                self.embedder,
                sources,
                rebuild,
                track,
                before_switch,
                refresh=refresh,
            )
        finally:
            self.progress = None
            self._building.release()
        self.searcher()  # load the new snapshot now, not on the next question
        return report

    def stats(self) -> IndexStats:
        """What the current snapshot holds; reads the snapshot, not the model (fast)."""
        from index.store import Layout, read_manifest, read_metadata, serving_snapshot

        with self._lock:
            loaded = self._searcher
        snapshot = serving_snapshot(Layout(self.settings.data_dir))
        if loaded is not None and loaded.path == snapshot:
            m, articles, passages, statements = (
                loaded.manifest,
                loaded.articles,
                len(loaded.passages),
                len(loaded.statements),
            )
        else:
            m = read_manifest(snapshot)
            meta = read_metadata(snapshot / "meta.sqlite")
            articles, passages, statements = (
                meta.articles,
                len(meta.passages),
                len(meta.statements),
            )
        sources: dict[str, int] = {}
        newest: str | None = None
        for a in articles.values():
            key = a.source or "(unknown)"
            sources[key] = sources.get(key, 0) + 1
            if a.published_at and (newest is None or a.published_at > newest):
                newest = a.published_at
        return IndexStats(
            articles=len(articles),
            passages=passages,
            statements=statements,
            sources=dict(sorted(sources.items(), key=lambda kv: (-kv[1], kv[0]))),
            newest_article=newest,
            built_at=str(m.get("built_at", "")),
            model=str(m.get("model", "")),
            dimension=int(m.get("dimension", 0)),
            faiss_index=str(m.get("faiss", "")),
            snapshot=snapshot.name,
        )
