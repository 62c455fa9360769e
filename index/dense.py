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


def ivf_lists(settings: IndexSettings, size: int) -> int:
    """IVF clusters for `size` passages: `ivf_lists`, or about 4 * sqrt(size), with at least
    39 training vectors a cluster (faiss's minimum) and at least one cluster."""
    if settings.ivf_lists:
        return settings.ivf_lists
    return max(1, min(int(4 * size**0.5), size // 39))


def choose_factory(settings: IndexSettings, size: int) -> str:
    """The faiss index_factory string for a corpus of `size` passages."""
    kind = settings.faiss
    if kind == "auto":
        kind = settings.large_index if size > settings.hnsw_threshold else "flat"
    if kind == "flat":
        return "Flat"
    if kind == "hnsw":
        return f"HNSW{settings.hnsw_m},Flat"
    if kind == "ivf-sq8":
        return f"IVF{ivf_lists(settings, size)},SQ8"
    if kind == "ivfpq":
        return f"IVF{ivf_lists(settings, size)},PQ{settings.pq_m}"
    return kind  # any index_factory string, e.g. "IVF1024,Flat" or "HNSW64"


# Training on more vectors than this costs time and adds nothing (faiss samples 256 a cluster).
MAX_TRAINING = 256 * 4096


def build_faiss(vectors: np.ndarray, settings: IndexSettings) -> tuple[faiss.Index, str]:
    """An inner-product index holding `vectors` (row i = passage row i)."""
    dim = vectors.shape[1]
    factory = choose_factory(settings, len(vectors))
    if factory.endswith(f",PQ{settings.pq_m}") and dim % settings.pq_m:
        fits = [m for m in (8, 16, 24, 32, 48, 64, 96) if dim % m == 0]
        raise ConfigError(
            f"[index].pq_m = {settings.pq_m} must divide the model's dimension ({dim}) for "
            f"{factory!r}; set it to one of {fits} (the embeddings are cached: building "
            "again does not re-encode)"
        )
    try:
        index = faiss.index_factory(dim, factory, faiss.METRIC_INNER_PRODUCT)
    except RuntimeError as exc:
        raise ConfigError(
            f"[index].faiss = {settings.faiss!r} is not a valid faiss index: {exc}"
        ) from None
    if not index.is_trained:
        if len(vectors) < 1:
            raise ConfigError(f"faiss index {factory!r} needs training data; the corpus is empty")
        sample = vectors
        if len(vectors) > MAX_TRAINING:
            rows = np.random.default_rng(0).choice(len(vectors), MAX_TRAINING, replace=False)
            sample = vectors[np.sort(rows)]
        index.train(np.ascontiguousarray(sample, dtype=np.float32))
    for start in range(0, len(vectors), 65536):  # a memory-mapped array is paged in a slice
        index.add(np.ascontiguousarray(vectors[start : start + 65536], dtype=np.float32))
    _tune(index, settings)
    return index, factory


def _tune(index: faiss.Index, settings: IndexSettings) -> None:
    if hasattr(index, "hnsw"):
        index.hnsw.efSearch = settings.hnsw_ef_search
    if hasattr(index, "nprobe"):  # IVF: look in more than one list, or recall collapses
        index.nprobe = min(settings.ivf_nprobe, _faiss.extract_index_ivf(index).nlist)


def lossy(index: faiss.Index) -> bool:
    """Whether the index scores compressed codes (SQ, PQ), so its scores are approximate."""
    name = type(index).__name__
    if hasattr(index, "storage"):  # HNSW: the codes are its storage's
        name = type(faiss.downcast_index(index.storage)).__name__
    return "PQ" in name or "ScalarQuantizer" in name or "SQ" in name


def save_faiss(index: faiss.Index, path: Path) -> None:
    faiss.write_index(index, str(path))


def load_faiss(path: Path, settings: IndexSettings) -> faiss.Index:
    """Read an index; with `[index].mmap`, Flat and SQ8 codes stay in the file (page cache,
    shared between processes) instead of being copied into the process's memory."""
    index = faiss.read_index(str(path), faiss.IO_FLAG_MMAP_IFC if settings.mmap else 0)
    _tune(index, settings)
    return index


EXACT_FILTER_LIMIT = 50_000  # filtered searches over fewer rows than this are exact scans


def search_faiss(
    index: faiss.Index,
    query: np.ndarray,
    k: int,
    allowed: np.ndarray | None = None,
    vectors: np.ndarray | None = None,
    rerank: int = 1,
) -> list[tuple[int, float]]:
    """(row, inner product) best first; only rows in `allowed` when given.

    A filtered search over a modest subset scans the stored vectors exactly (graph and IVF
    indexes lose recall under a restrictive filter); a large subset uses a faiss ID selector.
    With `rerank` > 1 and `vectors`, k * rerank candidates are rescored exactly from
    `vectors` (for indexes whose codes are compressed: their own scores are approximate).
    """
    if index.ntotal == 0 or k <= 0:
        return []
    q = np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32)
    if allowed is None:
        wide = k * rerank if vectors is not None else k
        scores, rows = index.search(q, min(wide, index.ntotal))
        found = [(int(r), float(s)) for r, s in zip(rows[0], scores[0], strict=True) if r >= 0]
        if wide > k and found:
            return _rescore(found, q[0], vectors, k)
        return found
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


def _rescore(
    found: list[tuple[int, float]], q: np.ndarray, vectors: Any, k: int
) -> list[tuple[int, float]]:
    """The best `k` of `found` by exact inner product with the stored vectors."""
    rows = np.sort(np.fromiter((r for r, _ in found), dtype=np.int64))  # in file order
    sims = np.asarray(vectors[rows], dtype=np.float32) @ q
    top = np.argsort(-sims, kind="stable")[:k]
    return [(int(rows[i]), float(sims[i])) for i in top]
