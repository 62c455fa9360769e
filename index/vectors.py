"""Where a snapshot's vectors are searched: the store interface, and FAISS behind it.

A store writes one generation of vectors per snapshot (`write`, while the snapshot is still
`.partial`), opens the generation a manifest names (`open`), follows the switch (`switched`) and
drops the generations no complete snapshot names any more (`drop_unlisted`: crashed builds and
snapshots cleaned away). The manifest stays the single source of truth: it records the store's
kind and what `open` needs. FAISS keeps the vectors in the snapshot folder (dense.faiss), so it
has nothing to switch or drop; Milvus (index/milvus_store.py) keeps one collection a snapshot.

Both search by inner product over normalised vectors; rows are the passages' row numbers.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import faiss
import numpy as np

from index.config import IndexSettings, Settings
from index.dense import build_faiss, choose_factory, load_faiss, lossy, save_faiss, search_faiss
from index.errors import ConfigError, IndexCorruptError
from index.models import Article, Filters, Passage, article_day

DENSE_FILE = "dense.faiss"


@dataclass(frozen=True)
class RowMeta:
    """What a store may filter on, one entry a passage row: its article, the article's source
    (lower-cased: source filters ignore case) and publication day (None: undated)."""

    article_ids: Sequence[str]
    sources: Sequence[str]
    days: Sequence[Any]  # datetime.date | None

    @classmethod
    def of(cls, passages: Sequence[Passage], articles: Collection[Article]) -> RowMeta:
        by_id = {a.id: a for a in articles}
        owners = [by_id[p.article_id] for p in passages]
        return cls(
            article_ids=[a.id for a in owners],
            sources=[(a.source or "").lower() for a in owners],
            days=[article_day(a) for a in owners],
        )


class Generation(Protocol):
    """One snapshot's vectors, open for searching (what `Searcher` needs)."""

    def count(self) -> int: ...

    def search(
        self,
        query: np.ndarray,
        k: int,
        filters: Filters | None = None,
        allowed: np.ndarray | None = None,
    ) -> list[tuple[int, float]]:
        """(row, inner product) best first. With `filters`, only rows they let through;
        `allowed` is the same set as row numbers (the FAISS store filters on those)."""
        ...

    def describe(self) -> str:
        """What serves the vectors, for `newsbot stats` ("Flat", "milvus collection X")."""
        ...


class VectorStore(Protocol):
    """What a build needs from a store."""

    kind: str

    def write(self, partial: Path, name: str, vectors: np.ndarray, rows: RowMeta) -> dict[str, Any]:
        """Write snapshot `name`'s vectors; returns what its manifest records about them."""
        ...

    def open(self, snapshot: Path, manifest: dict[str, Any], vectors: np.ndarray) -> Generation: ...

    def holds(self, manifest: dict[str, Any], count: int) -> bool:
        """Whether the snapshot of `manifest` holds its `count` vectors as a build would write
        them now (this store, the same index type), so that an unchanged build can keep it."""
        ...

    def switched(self, manifest: dict[str, Any]) -> None:
        """Called once `current` names the snapshot of `manifest`."""
        ...

    def drop_unlisted(self, snapshots: Collection[str]) -> list[str]:
        """Drop the generations of snapshots not in `snapshots` (their names); returns them."""
        ...


class FaissGeneration:
    def __init__(
        self, index: faiss.Index, vectors: np.ndarray, factory: str, rerank: int = 1
    ) -> None:
        self.index = index
        self.vectors = vectors
        self.factory = factory
        # Compressed codes score approximately: rescore a wider net exactly from vectors.npy.
        self.rerank = rerank

    def count(self) -> int:
        return int(self.index.ntotal)

    def search(
        self,
        query: np.ndarray,
        k: int,
        filters: Filters | None = None,
        allowed: np.ndarray | None = None,
    ) -> list[tuple[int, float]]:
        return search_faiss(self.index, query, k, allowed, self.vectors, self.rerank)

    def describe(self) -> str:
        return self.factory


class FaissStore:
    """The embedded default: a FAISS index file in the snapshot folder."""

    kind = "faiss"

    def __init__(self, settings: IndexSettings) -> None:
        self.settings = settings

    def write(self, partial: Path, name: str, vectors: np.ndarray, rows: RowMeta) -> dict[str, Any]:
        index, factory = build_faiss(vectors, self.settings)
        save_faiss(index, partial / DENSE_FILE)
        return {"store": self.kind, "faiss": factory}

    def open(self, snapshot: Path, manifest: dict[str, Any], vectors: np.ndarray) -> Generation:
        try:
            index = load_faiss(snapshot / DENSE_FILE, self.settings)
        except (RuntimeError, OSError, ValueError) as exc:
            raise IndexCorruptError(
                f"{snapshot} has an unreadable index file ({exc}); run `newsbot index --rebuild`"
            ) from exc
        rerank = self.settings.rerank if lossy(index) else 1
        return FaissGeneration(index, vectors, str(manifest.get("faiss", "")), rerank)

    def holds(self, manifest: dict[str, Any], count: int) -> bool:
        return manifest.get("store", "faiss") == self.kind and manifest.get(
            "faiss"
        ) == choose_factory(self.settings, count)

    def switched(self, manifest: dict[str, Any]) -> None:
        """Nothing to do: the snapshot folder holds the index."""

    def drop_unlisted(self, snapshots: Collection[str]) -> list[str]:
        return []  # removed with their snapshot folders


def configured_store(settings: Settings) -> VectorStore:
    """The store `[index].store` names, for a build."""
    return _store(settings.index.store, settings)


def store_of(manifest: dict[str, Any], settings: Settings) -> VectorStore:
    """The store that holds a snapshot's vectors, by its manifest (snapshots written before
    stores existed are FAISS)."""
    return _store(str(manifest.get("store", "faiss")), settings)


def _store(kind: str, settings: Settings) -> VectorStore:
    if kind == "faiss":
        return FaissStore(settings.index)
    if kind == "milvus":
        try:
            from index.milvus_store import MilvusStore
        except ImportError as exc:
            raise ConfigError(
                f'[index].store = "milvus" needs pymilvus, which is not installed ({exc}); '
                "install it with `pip install 'newsbot[milvus]'`"
            ) from None
        return MilvusStore(settings.index)
    raise ConfigError(f'unknown vector store {kind!r}; expected "faiss" or "milvus"')
