"""The dense side of hybrid search: a FAISS inner-product index over normalised vectors."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from index.config import IndexSettings
from index.errors import ConfigError

log = logging.getLogger(__name__)

# faiss's bundled stubs lack the SearchParameters keyword arguments; use it untyped there.
_faiss: Any = faiss


def choose_factory(settings: IndexSettings, size: int) -> str:
    """The faiss index_factory string for a corpus of `size` passages."""
    kind = settings.faiss
    if kind == "auto":
        kind = "hnsw" if size > settings.hnsw_threshold else "flat"
    if kind == "flat":
        return "Flat"
    if kind == "hnsw":
        return f"HNSW{settings.hnsw_m},Flat"
    return kind  # any index_factory string, e.g. "IVF1024,Flat" or "HNSW64"


def build_faiss(vectors: np.ndarray, settings: IndexSettings) -> tuple[faiss.Index, str]:
    """An inner-product index holding `vectors` (row i = passage row i)."""
    dim = vectors.shape[1]
    factory = choose_factory(settings, len(vectors))
    try:
        index = faiss.index_factory(dim, factory, faiss.METRIC_INNER_PRODUCT)
    except RuntimeError as exc:
        raise ConfigError(
            f"[index].faiss = {settings.faiss!r} is not a valid faiss index: {exc}"
        ) from None
    if not index.is_trained:
        if len(vectors) < 1:
            raise ConfigError(f"faiss index {factory!r} needs training data; the corpus is empty")
        index.train(vectors)
    if len(vectors):
        index.add(vectors)
    _tune(index, settings)
    return index, factory


def _tune(index: faiss.Index, settings: IndexSettings) -> None:
    if hasattr(index, "hnsw"):
        index.hnsw.efSearch = settings.hnsw_ef_search
    if hasattr(index, "nprobe"):  # IVF: look in more than one list, or recall collapses
        index.nprobe = max(index.nprobe, 16)


def save_faiss(index: faiss.Index, path: Path) -> None:
    faiss.write_index(index, str(path))


def load_faiss(path: Path, settings: IndexSettings) -> faiss.Index:
    index = faiss.read_index(str(path))
    _tune(index, settings)
    return index


EXACT_FILTER_LIMIT = 50_000  # filtered searches over fewer rows than this are exact scans


def search_faiss(
    index: faiss.Index,
    query: np.ndarray,
    k: int,
    allowed: np.ndarray | None = None,
    vectors: np.ndarray | None = None,
) -> list[tuple[int, float]]:
    """(row, inner product) best first; only rows in `allowed` when given.

    A filtered search over a modest subset scans the stored vectors exactly (graph and IVF
    indexes lose recall under a restrictive filter); a large subset uses a faiss ID selector.
    """
    if index.ntotal == 0 or k <= 0:
        return []
    q = np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32)
    if allowed is None:
        scores, rows = index.search(q, min(k, index.ntotal))
        return [(int(r), float(s)) for r, s in zip(rows[0], scores[0], strict=True) if r >= 0]
    if len(allowed) == 0:
        return []
    if vectors is not None and len(allowed) <= EXACT_FILTER_LIMIT:
        sims = np.asarray(vectors[allowed], dtype=np.float32) @ q[0]
        top = np.argsort(-sims, kind="stable")[:k]
        return [(int(allowed[i]), float(sims[i])) for i in top]
    selector = faiss.IDSelectorBatch(np.ascontiguousarray(allowed, dtype=np.int64))
    params: Any
    if hasattr(index, "hnsw"):
        params = _faiss.SearchParametersHNSW(sel=selector, efSearch=max(index.hnsw.efSearch, k))
    elif hasattr(index, "nprobe"):
        params = _faiss.SearchParametersIVF(sel=selector, nprobe=index.nprobe)
    else:
        params = _faiss.SearchParameters(sel=selector)
    scores, rows = index.search(q, min(k, len(allowed)), params=params)
    return [(int(r), float(s)) for r, s in zip(rows[0], scores[0], strict=True) if r >= 0]
