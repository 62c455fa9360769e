"""A real snapshot of the dev corpus, and bigger ones replicated from it (for bench.speed_search
and bench.speed_memory).

The base (bench/out/speed-base) is built once with the real pipeline; its embedding cache is
seeded from bench/out/rtqa-merged-index when that exists, otherwise the first run embeds the 6,501
passages (about 6 minutes). A replica of article A is `A~r<n>` with the same title and text
and the base vectors plus gaussian noise (renormalised); the snapshots are written with the
store functions, so that the normal `Library(settings).searcher()` loads them.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from bench.common import OUT, bench_settings, dataset, log, peak_mb, snapshot_texts
from index.bm25 import BM25Index
from index.dense import build_faiss, save_faiss
from index.library import Library
from index.models import Article, Passage, Statement
from index.store import (
    PARTIAL,
    Layout,
    finish_snapshot,
    read_manifest,
    read_metadata,
    save_vectors,
    switch_current,
    write_manifest,
    write_metadata,
)

CORPUS = dataset("realtimeqa-dev").corpus
BASE_DIR = OUT / "speed-base"
RETRIEVAL_CACHE = OUT / "rtqa-merged-index" / "cache" / "embeddings.sqlite"
EMBED_TEXTS = "embed-texts.json"  # the base snapshot's embedded texts, in passage order


def build_base(data_dir: str, corpus: str = str(CORPUS)) -> dict[str, Any]:
    """Build (or refresh) the snapshot of `corpus` (the dev corpus) in `data_dir` (in a child)."""
    root = Path(data_dir)
    settings = bench_settings(root)
    cache = root / "cache" / "embeddings.sqlite"
    if not cache.exists() and RETRIEVAL_CACHE.exists():
        # bench.retrieval embedded the same corpus with the same model: reuse its vectors
        # (sqlite's backup API copies a consistent database even with a WAL beside it).
        cache.parent.mkdir(parents=True, exist_ok=True)
        src, dst = sqlite3.connect(RETRIEVAL_CACHE), sqlite3.connect(cache)
        try:
            src.backup(dst)
        finally:
            src.close()
            dst.close()
        log(f"base: seeded the embedding cache from {RETRIEVAL_CACHE}")
    library = Library(settings)
    report = library.build([corpus])
    log(f"base: {report.summary()}")
    # Replicas need the texts the model embedded (for BM25); counting title tokens needs the
    # model's tokenizer, which is loaded here anyway.
    texts = snapshot_texts(root, library.embedder)
    (root / EMBED_TEXTS).write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    return {
        "passages": report.passages,
        "embedded": report.embedded,
        "seconds": round(report.seconds, 2),
        "peak_mb": round(peak_mb(), 1),
    }


def replicate(
    base_dir: str, out_root: str, size: int, kinds: Sequence[str], noise: float, seed: int
) -> dict[str, Any]:
    """Write snapshots of exactly `size` passages replicated from the base (run in a child).

    Replica r of article A is `A~r<r>` with the same title and text (its url gets `#r<r>`), its
    passages have the same spans and the base vectors plus N(0, noise^2) per dimension,
    renormalised. One snapshot (and data directory) per FAISS kind in `kinds`.
    """
    started = time.perf_counter()
    snap = Layout(Path(base_dir)).current_dir()
    manifest = read_manifest(snap)
    meta = read_metadata(snap / "meta.sqlite")
    base_vectors = np.load(snap / "vectors.npy")
    base_texts = json.loads((Path(base_dir) / EMBED_TEXTS).read_text(encoding="utf-8"))
    if len(base_texts) != len(meta.passages):
        raise SystemExit(f"{base_dir}/{EMBED_TEXTS} does not match the snapshot; rebuild the base")
    rows_of: dict[str, list[int]] = {}
    for row, p in enumerate(meta.passages):
        rows_of.setdefault(p.article_id, []).append(row)
    statements_of: dict[str, list[Statement]] = {}
    for s in meta.statements:
        statements_of.setdefault(s.article_id, []).append(s)

    articles: list[Article] = []
    passages: list[Passage] = []
    statements: list[Statement] = []
    source_rows: list[int] = []
    replica_rows: list[bool] = []
    r = 0
    while len(passages) < size:
        for aid, rows in rows_of.items():
            room = size - len(passages)
            if room <= 0:
                break
            a = meta.articles[aid]
            if r:
                a = replace(
                    a,
                    id=f"{a.id}~r{r}",
                    url=f"{a.url}#r{r}" if a.url else None,
                    origin=f"{a.origin}~r{r}",
                )
            articles.append(a)
            statements.extend(replace(s, article_id=a.id) for s in statements_of.get(aid, []))
            for row in rows[:room]:
                p = meta.passages[row]
                pid = Passage.make_id(a.id, p.start, p.end)
                passages.append(Passage(pid, a.id, p.start, p.end, p.text))
                source_rows.append(row)
                replica_rows.append(r > 0)
        r += 1

    vectors = base_vectors[np.asarray(source_rows)].astype(np.float32)
    mask = np.asarray(replica_rows)
    rng = np.random.default_rng(seed)
    noisy = vectors[mask] + rng.normal(0.0, noise, size=(int(mask.sum()), vectors.shape[1]))
    vectors[mask] = noisy / np.linalg.norm(noisy, axis=1, keepdims=True)
    texts = [base_texts[row] for row in source_rows]
    # how far a replica's vector moved from its original (cosine)
    sims = np.einsum("ij,ij->i", vectors[mask], base_vectors[np.asarray(source_rows)][mask])

    timings: dict[str, float] = {}
    t = time.perf_counter()
    bm25 = BM25Index.build(texts)
    timings["bm25_build_s"] = round(time.perf_counter() - t, 2)
    settings = bench_settings(out_root)
    dirs: dict[str, str] = {}
    for kind in kinds:
        layout = Layout(Path(out_root) / f"n{size}-{kind}")
        name = layout.new_snapshot_name()
        partial = layout.snapshots / (name + PARTIAL)
        partial.mkdir(parents=True)
        save_vectors(partial / "vectors.npy", vectors)
        t = time.perf_counter()
        index, factory = build_faiss(vectors, replace(settings.index, faiss=kind))
        timings[f"faiss_{kind}_build_s"] = round(time.perf_counter() - t, 2)
        save_faiss(index, partial / "dense.faiss")
        del index
        bm25.save(partial / "bm25")
        t = time.perf_counter()
        write_metadata(partial / "meta.sqlite", articles, passages, statements)
        timings["metadata_write_s"] = round(time.perf_counter() - t, 2)
        write_manifest(
            partial / "manifest.json",
            {
                **manifest,
                "name": name,
                "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "faiss": factory,
                "articles": len(articles),
                "passages": len(passages),
                "statements": len(statements),
                "replicated_from": snap.name,
                "replica_noise": noise,
            },
        )
        finish_snapshot(partial)
        switch_current(layout, name)
        dirs[kind] = str(layout.root)
    return {
        "size": len(passages),
        "articles": len(articles),
        "statements": len(statements),
        "replicas_per_article": r,
        "replica_cosine_to_original_mean": round(float(sims.mean()), 4) if len(sims) else 1.0,
        "seconds": round(time.perf_counter() - started, 2),
        "timings": timings,
        "peak_mb": round(peak_mb(), 1),
        "dirs": dirs,
    }
