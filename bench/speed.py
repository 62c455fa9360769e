"""Speed: indexing throughput against raw encode, query latency at 10k/100k passages, memory.

    python -m bench.speed [--articles 150] [--pairs 2] [--sizes 10000,100000] [--rounds 3]

Speed is a ratio against a baseline measured side by side in the same process, because these
machines are noisy (2 cores, other work running):

1. Indexing throughput. `Library.build` of the first `--articles` articles of realtimeqa-dev into
   a fresh data directory (ingest, clean, chunk, statements, embed, FAISS/BM25/SQLite, switch,
   load) against raw `SentenceTransformer.encode` of exactly the texts the pipeline embeds (title
   prefix + passage), with the same model object, batch size and normalisation. Runs alternate
   baseline, pipeline, baseline, pipeline...; the ratio is reported per pair and as the median.
   The pipeline's extra time is broken down by phase (BuildProgress timestamps) and by the
   functions it calls (timed wrappers around them, installed for the benchmark only).
2. Query latency. A real snapshot of the whole dev corpus is built once (bench/out/speed-base;
   its embedding cache is seeded from bench/out/rtqa-index when that exists), then bigger
   snapshots are made by replicating its articles under new ids with the same text, and their
   vectors with gaussian noise (renormalised), written with the store functions so that the
   normal `Library(settings).searcher()` loads them. `Searcher.search(q, k=10)` (hybrid) is
   timed over the 61 dev questions for a few rounds, side by side with the raw query encode and
   the bare FAISS and BM25 searches it is made of.
3. Memory: ru_maxrss and the RSS after each step. Every part runs in its own fresh process so
   that each peak belongs to one part only.

Prints a table and writes bench/out/speed.json.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import gc
import io
import json
import os
import pstats
import resource
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime
from functools import partial
from multiprocessing import get_context
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

from bench.common import EVAL, OUT, log, read_jsonl
from bot.settings import Settings, load_settings
from index.library import BuildProgress, Library
from index.models import Article, Passage, Statement

CORPUS = EVAL / "realtimeqa-dev" / "corpus.jsonl"
QUESTIONS = EVAL / "realtimeqa-dev" / "questions.jsonl"
RETRIEVAL_CACHE = OUT / "rtqa-index" / "cache" / "embeddings.sqlite"
PHASES = ("reading", "chunking", "embedding", "writing", "switching")
# Functions of index.build whose time is attributed separately in the throughput breakdown.
TIMED_BUILD_CALLS = (
    "load_articles",
    "chunk_article",
    "extract_statements",
    "build_faiss",
    "write_metadata",
    "finish_snapshot",
)
TARGET_RATIO = 1.15


# ---------------------------------------------------------------------------------------------
# Small helpers


def rss_mb() -> float:
    """Resident set size of this process now, in MiB (Linux /proc)."""
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def peak_mb() -> float:
    """Peak resident set size of this process so far (ru_maxrss, KiB on Linux), in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def in_child(fn: Callable[..., dict[str, Any]], *args: Any) -> dict[str, Any]:
    """Run `fn(*args)` in a fresh process, so that its peak memory is its own."""
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
        return pool.submit(fn, *args).result()


def percentile(values: Sequence[float], q: float) -> float:
    return float(np.percentile(np.asarray(values, dtype=np.float64), q))


def bench_settings(data_dir: Path | str) -> Settings:
    """The project's settings (./config.toml when present) on another data directory."""
    return load_settings(None, data_dir)


class TimedEmbedder:
    """Delegates to the real embedder and adds up the time spent in it."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.name: str = inner.name
        self.dimension: int = inner.dimension
        self.max_tokens: int = inner.max_tokens
        self.encode_s = 0.0
        self.count_s = 0.0

    @property
    def special_tokens(self) -> int:
        return int(self.inner.special_tokens)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        t = time.perf_counter()
        try:
            return np.asarray(self.inner.encode(texts))
        finally:
            self.encode_s += time.perf_counter() - t

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        t = time.perf_counter()
        try:
            return list(self.inner.count_tokens(texts))
        finally:
            self.count_s += time.perf_counter() - t


@contextlib.contextmanager
def timed_calls(
    module: ModuleType, names: Sequence[str], totals: dict[str, float]
) -> Iterator[None]:
    """Wrap `module.<name>` so every call adds its duration to `totals[name]`; undone after."""
    originals = {name: getattr(module, name) for name in names}

    def wrap(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            t = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                totals[name] = totals.get(name, 0.0) + time.perf_counter() - t

        return timed

    for name, fn in originals.items():
        setattr(module, name, wrap(name, fn))
    try:
        yield
    finally:
        for name, fn in originals.items():
            setattr(module, name, fn)


# ---------------------------------------------------------------------------------------------
# 1. Indexing throughput


def pipeline_texts(source: Path, embedder: Any, settings: Settings) -> list[str]:
    """The texts a build embeds for `source`, in passage order (as index.build makes them)."""
    from index.chunking import chunk_article, embed_text, fit_title
    from index.ingest import load_articles

    max_tokens = min(settings.chunking.max_tokens, embedder.max_tokens)
    texts: list[str] = []
    for article in load_articles([str(source)]):
        title = fit_title(article.title, embedder.count_tokens)
        passages = chunk_article(
            article,
            embedder.count_tokens,
            max_tokens,
            embedder.special_tokens,
            settings.chunking.overlap_sentences,
        )
        texts.extend(embed_text(title, p.text) for p in passages)
    return texts


def snapshot_texts(data_dir: Path, embedder: Any) -> list[str]:
    """The embed texts of the passages of `data_dir`'s current snapshot, in row order."""
    from index.chunking import embed_text, fit_title
    from index.store import Layout, read_metadata

    meta = read_metadata(Layout(data_dir).current_dir() / "meta.sqlite")
    titles = {aid: fit_title(a.title, embedder.count_tokens) for aid, a in meta.articles.items()}
    return [embed_text(titles[p.article_id], p.text) for p in meta.passages]


def _phase_times(events: list[tuple[float, BuildProgress]], start: float, end: float) -> dict:
    """Seconds per build phase from the progress callback's timestamps."""
    first: dict[str, float] = {}
    last: dict[str, float] = {}
    for t, p in events:
        first.setdefault(p.phase, t)
        last[p.phase] = t
    out = {
        # the first "chunking" report comes after the first article is chunked
        "reading": first["chunking"] - start,
        "chunking": first["embedding"] - first["chunking"],
        "embedding": first["writing"] - first["embedding"],
        "writing": first["switching"] - first["writing"],
        "switching": last["switching"] - first["switching"],
        "load searcher": end - last["switching"],
    }
    return {k: round(v, 3) for k, v in out.items()}


def _one_pipeline_run(
    source: Path, data_dir: Path, embedder: Any, settings: Settings, profile: bool
) -> dict[str, Any]:
    import index.build

    timed = TimedEmbedder(embedder)
    library = Library(settings.with_data_dir(data_dir), timed)
    events: list[tuple[float, BuildProgress]] = []
    calls: dict[str, float] = {}
    profiler = cProfile.Profile() if profile else None
    with timed_calls(index.build, TIMED_BUILD_CALLS, calls):
        start, cpu = time.perf_counter(), time.process_time()
        if profiler is not None:
            profiler.enable()
        report = library.build(
            [str(source)], progress=lambda p: events.append((time.perf_counter(), p))
        )
        if profiler is not None:
            profiler.disable()
        seconds = time.perf_counter() - start
        cpu_s = time.process_time() - cpu
    run: dict[str, Any] = {
        "seconds": round(seconds, 3),
        "cpu_s": round(cpu_s, 3),
        "passages": report.passages,
        "embedded": report.embedded,
        "encode_s": round(timed.encode_s, 3),
        "count_tokens_s": round(timed.count_s, 3),
        "calls_s": {k: round(v, 3) for k, v in calls.items()},
        "phases_s": _phase_times(events, start, start + seconds),
    }
    if profiler is not None:
        buf = io.StringIO()
        pstats.Stats(profiler, stream=buf).sort_stats("tottime").print_stats(25)
        run["profile"] = buf.getvalue()
    return run


def throughput(n_articles: int, pairs: int, profile: bool) -> dict[str, Any]:
    """Pipeline vs raw encode on the first `n_articles` dev articles (run in a child)."""
    from index.embedding import load_embedder

    work = Path(tempfile.mkdtemp(prefix="newsbot-speed-build-"))
    try:
        with open(CORPUS, encoding="utf-8") as fh:
            lines = [line for line in fh if line.strip()][:n_articles]
        source = work / "corpus.jsonl"
        source.write_text("".join(lines), encoding="utf-8")
        warm_source = work / "warm.jsonl"
        warm_source.write_text("".join(lines[:3]), encoding="utf-8")

        settings = bench_settings(work / "unused")
        rss_start = rss_mb()
        embedder = load_embedder(settings.embedding)
        model = embedder._model  # the raw SentenceTransformer the pipeline encodes with
        texts = pipeline_texts(source, embedder, settings)
        unique = len(set(texts))
        log(f"throughput: {len(lines)} articles -> {len(texts)} passages ({unique} unique)")

        def raw_encode() -> tuple[float, float]:
            t, cpu = time.perf_counter(), time.process_time()
            model.encode(
                texts,
                batch_size=embedder.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
            return time.perf_counter() - t, time.process_time() - cpu

        # Warm-up, untimed: torch kernels, lazy imports of the build's modules.
        model.encode(texts[:64], batch_size=embedder.batch_size, show_progress_bar=False)
        _one_pipeline_run(warm_source, work / "warm", embedder, settings, profile=False)
        rss_model = rss_mb()
        peak_model = peak_mb()

        rows: list[dict[str, Any]] = []
        memory: dict[str, float] = {}
        for i in range(pairs):
            # Odd pairs run the pipeline first, so a slow drift of the machine's load does not
            # always favour the same side.
            data_dir = work / f"run{i}"
            run: dict[str, Any] = {}
            base_s = base_cpu = 0.0
            for side in ("baseline", "pipeline") if i % 2 == 0 else ("pipeline", "baseline"):
                gc.collect()
                if side == "baseline":
                    base_s, base_cpu = raw_encode()
                    if i == 0:
                        memory["rss_after_raw_encode_mb"] = round(rss_mb(), 1)
                        memory["peak_after_raw_encode_mb"] = round(peak_mb(), 1)
                    continue
                run = _one_pipeline_run(source, data_dir, embedder, settings, profile and i == 0)
                if run["passages"] != len(texts) or run["embedded"] != unique:
                    raise SystemExit(
                        f"the pipeline embedded {run['embedded']} of {run['passages']} "
                        f"passages; the baseline has {unique} of {len(texts)}: not the same work"
                    )
                if i == 0:
                    if snapshot_texts(data_dir, embedder) != texts:
                        raise SystemExit("the baseline texts differ from the snapshot's passages")
                    memory["rss_after_pipeline_mb"] = round(rss_mb(), 1)
                    memory["peak_after_pipeline_mb"] = round(peak_mb(), 1)
                shutil.rmtree(data_dir)
            run["order"] = "baseline first" if i % 2 == 0 else "pipeline first"
            run["loadavg"] = [round(x, 2) for x in os.getloadavg()]
            run["baseline_s"] = round(base_s, 3)
            run["baseline_cpu_s"] = round(base_cpu, 3)
            run["ratio"] = round(run["seconds"] / base_s, 4)
            run["cpu_ratio"] = round(run["cpu_s"] / base_cpu, 4)
            # The pipeline against its own encode calls: both measured in the same minute, so
            # the other machine load that swamps the paired ratio mostly cancels out.
            run["ratio_to_own_encode"] = round(run["seconds"] / run["encode_s"], 4)
            rows.append(run)
            log(
                f"  pair {i + 1} ({run['order']}): raw encode {base_s:.1f}s, pipeline "
                f"{run['seconds']:.1f}s, ratio {run['ratio']:.3f} (cpu {run['cpu_ratio']:.3f}, "
                f"to its own encode {run['ratio_to_own_encode']:.3f})"
            )
        n = len(texts)
        ratios = [r["ratio"] for r in rows]
        med = statistics.median
        return {
            "articles": len(lines),
            "passages": n,
            "unique_texts": unique,
            "batch_size": embedder.batch_size,
            "torch_threads": _torch_threads(),
            "pairs": rows,
            "median_ratio": round(med(ratios), 4),
            "median_cpu_ratio": round(med(r["cpu_ratio"] for r in rows), 4),
            "median_ratio_to_own_encode": round(med(r["ratio_to_own_encode"] for r in rows), 4),
            "target_ratio": TARGET_RATIO,
            "raw_passages_per_s": round(n / med(r["baseline_s"] for r in rows), 2),
            "pipeline_passages_per_s": round(n / med(r["seconds"] for r in rows), 2),
            "memory": {
                "rss_start_mb": round(rss_start, 1),
                "rss_model_loaded_mb": round(rss_model, 1),
                "peak_model_loaded_mb": round(peak_model, 1),
                **memory,
            },
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _torch_threads() -> int:
    import torch

    return int(torch.get_num_threads())


def extra_time(tp: dict[str, Any]) -> dict[str, float]:
    """Where the pipeline's time beyond raw encode goes (medians over the pairs), seconds."""
    rows = tp["pairs"]

    def med(fn: Callable[[dict[str, Any]], float]) -> float:
        return round(statistics.median(fn(r) for r in rows), 3)

    def call(r: dict[str, Any], name: str) -> float:
        return float(r["calls_s"].get(name, 0.0))

    return {
        "total extra (pipeline - raw encode)": med(lambda r: r["seconds"] - r["baseline_s"]),
        "ingest + clean (load_articles)": med(lambda r: call(r, "load_articles")),
        "chunking (chunk_article)": med(lambda r: call(r, "chunk_article")),
        "  of which tokenizer (count_tokens)": med(lambda r: r["count_tokens_s"]),
        "statements (extract_statements)": med(lambda r: call(r, "extract_statements")),
        "embedding phase minus encode (cache, sort, stack)": med(
            lambda r: r["phases_s"]["embedding"] - r["encode_s"]
        ),
        "encode in pipeline - raw encode": med(lambda r: r["encode_s"] - r["baseline_s"]),
        "writing (vectors, faiss, bm25, sqlite, fsync)": med(lambda r: r["phases_s"]["writing"]),
        "switching + cleanup": med(lambda r: r["phases_s"]["switching"]),
        "loading the new searcher": med(lambda r: r["phases_s"]["load searcher"]),
    }


# ---------------------------------------------------------------------------------------------
# 2. A real base snapshot, and bigger ones replicated from it


def build_base(data_dir: str) -> dict[str, Any]:
    """Build (or refresh) the dev-corpus snapshot in `data_dir` (run in a child)."""
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
    report = Library(settings).build([str(CORPUS)])
    log(f"base: {report.summary()}")
    return {
        "passages": report.passages,
        "embedded": report.embedded,
        "seconds": round(report.seconds, 2),
        "peak_mb": round(peak_mb(), 1),
    }


def _token_counter() -> Callable[[Sequence[str]], list[int]]:
    """The default model's word-piece counter, without loading the model (for fit_title)."""
    from tokenizers import Tokenizer

    from index.embedding import default_model_path

    tok = Tokenizer.from_file(str(default_model_path() / "tokenizer.json"))
    tok.no_truncation()
    tok.no_padding()

    def count(texts: Sequence[str]) -> list[int]:
        return [len(e.ids) for e in tok.encode_batch(list(texts), add_special_tokens=False)]

    return count


def replicate(
    base_dir: str, out_root: str, size: int, kinds: Sequence[str], noise: float, seed: int
) -> dict[str, Any]:
    """Write snapshots of exactly `size` passages replicated from the base (run in a child).

    Replica r of article A is `A~r<r>` with the same title and text (its url gets `#r<r>`), its
    passages have the same spans and the base vectors plus N(0, noise^2) per dimension,
    renormalised. One snapshot (and data directory) per FAISS kind in `kinds`.
    """
    from index.bm25 import BM25Index
    from index.chunking import embed_text, fit_title
    from index.dense import build_faiss, save_faiss
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

    started = time.perf_counter()
    snap = Layout(Path(base_dir)).current_dir()
    manifest = read_manifest(snap)
    meta = read_metadata(snap / "meta.sqlite")
    base_vectors = np.load(snap / "vectors.npy")
    count = _token_counter()
    titles = {aid: fit_title(a.title, count) for aid, a in meta.articles.items()}
    base_texts = [embed_text(titles[p.article_id], p.text) for p in meta.passages]
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


# ---------------------------------------------------------------------------------------------
# Query latency


def latency(data_dir: str, kind: str, rounds: int, k: int) -> dict[str, Any]:
    """Hybrid search latency against its parts, on the snapshot in `data_dir` (run in a child)."""
    from index.embedding import load_embedder

    questions = [q["question"] for q in read_jsonl(QUESTIONS)]
    settings = bench_settings(data_dir)
    settings = replace(settings, index=replace(settings.index, faiss=kind))
    rss_start = rss_mb()
    t = time.perf_counter()
    embedder = load_embedder(settings.embedding)
    embedder.encode(["warm up"])
    model_s = time.perf_counter() - t
    rss_model = rss_mb()
    t = time.perf_counter()
    searcher = Library(settings, embedder).searcher()
    load_s = time.perf_counter() - t
    rss_loaded = rss_mb()
    n = max(settings.search.candidates, k)  # what Searcher.search asks each side for

    for q in questions[:5]:  # warm-up: page in the mmapped BM25 arrays and FAISS data
        searcher.search(q, k=k)

    times: dict[str, list[float]] = {"encode": [], "faiss": [], "bm25": [], "search": []}
    ratios: list[float] = []
    for r in range(rounds):
        for q in questions:
            qvec = np.asarray(embedder.encode([q]), dtype=np.float32)
            ops: list[tuple[str, Callable[[], object]]] = [
                ("encode", partial(embedder.encode, [q])),
                ("faiss", partial(searcher.faiss.search, qvec, n)),
                ("bm25", partial(searcher.bm25.search, q, n)),
                ("search", partial(searcher.search, q, k=k)),
            ]
            ops = ops[r % len(ops) :] + ops[: r % len(ops)]  # no part always runs first
            took: dict[str, float] = {}
            for name, op in ops:
                t = time.perf_counter()
                op()
                took[name] = (time.perf_counter() - t) * 1000
                times[name].append(took[name])
            ratios.append(took["search"] / took["encode"])

    # The bot encodes one short question at a time; with torch's default of one thread a core,
    # a busy machine can stall every parallel region, so one thread is timed too (last, since
    # it changes the process-wide setting).
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    times["encode_1_thread"] = []
    for q in questions:
        t = time.perf_counter()
        embedder.encode([q])
        times["encode_1_thread"].append((time.perf_counter() - t) * 1000)
    torch.set_num_threads(threads)

    def p(name: str, q: float) -> float:
        return round(percentile(times[name], q), 2)

    stats = {name: {"p50_ms": p(name, 50), "p95_ms": p(name, 95)} for name in times}
    rest = [
        s - e - f - b
        for s, e, f, b in zip(
            times["search"], times["encode"], times["faiss"], times["bm25"], strict=True
        )
    ]
    return {
        "faiss": kind,
        "factory": searcher.manifest.get("faiss"),
        "passages": len(searcher.passages),
        "queries": len(times["search"]),
        "latency": stats,
        "rest_p50_ms": round(percentile(rest, 50), 2),
        "search_over_encode_median": round(statistics.median(ratios), 3),
        "search_over_encode_p50s": round(stats["search"]["p50_ms"] / stats["encode"]["p50_ms"], 3),
        "torch_threads": threads,
        "loadavg_end": [round(x, 2) for x in os.getloadavg()],
        "model_load_s": round(model_s, 2),
        "searcher_load_s": round(load_s, 3),
        "memory": {
            "rss_start_mb": round(rss_start, 1),
            "rss_model_loaded_mb": round(rss_model, 1),
            "rss_snapshot_loaded_mb": round(rss_loaded, 1),
            "rss_end_mb": round(rss_mb(), 1),
            "peak_mb": round(peak_mb(), 1),
        },
    }


# ---------------------------------------------------------------------------------------------
# Report


def print_report(results: dict[str, Any]) -> None:
    tp = results.get("throughput")
    if tp:
        print(
            f"\nIndexing throughput: {tp['articles']} articles, {tp['passages']} passages, "
            f"batch {tp['batch_size']}, {tp['torch_threads']} torch threads "
            "(odd pairs run the pipeline first)"
        )
        print(
            f"{'pair':>4} {'raw s':>7} {'raw p/s':>8} {'pipe s':>7} {'pipe p/s':>9} {'ratio':>6} "
            f"{'cpu ratio':>9} {'pipe/own encode':>15} {'load avg':>8}"
        )
        for i, r in enumerate(tp["pairs"], start=1):
            n = r["passages"]
            print(
                f"{i:>4} {r['baseline_s']:7.1f} {n / r['baseline_s']:8.2f} "
                f"{r['seconds']:7.1f} {n / r['seconds']:9.2f} {r['ratio']:6.3f} "
                f"{r['cpu_ratio']:9.3f} {r['ratio_to_own_encode']:15.3f} {r['loadavg'][0]:8.2f}"
            )
        ok = "met" if tp["median_ratio"] <= TARGET_RATIO else "NOT met"
        print(
            f"median ratio {tp['median_ratio']:.3f} (target <= {TARGET_RATIO}: {ok}); "
            f"cpu {tp['median_cpu_ratio']:.3f}; "
            f"pipeline / its own encode {tp['median_ratio_to_own_encode']:.3f}"
        )
        print("where the pipeline's extra time goes (median over pairs, seconds):")
        for name, sec in results["throughput_extra_s"].items():
            print(f"  {name:52} {sec:8.2f}")
        phases = tp["pairs"][0]["phases_s"]
        print("phases of pair 1 (BuildProgress timestamps, s): ", end="")
        print(", ".join(f"{k} {v:.2f}" for k, v in phases.items()))
        m = tp["memory"]
        print(
            f"memory (MiB): model loaded rss {m['rss_model_loaded_mb']:.0f}; "
            f"peak after raw encode {m['peak_after_raw_encode_mb']:.0f}; "
            f"peak after pipeline build {m['peak_after_pipeline_mb']:.0f} "
            f"(rss after {m['rss_after_pipeline_mb']:.0f})"
        )
    lat = results.get("latency")
    if lat:
        print(
            f"\nQuery latency, ms: hybrid Searcher.search(q, k=10) over {lat[0]['queries']} "
            "timed queries each, against its parts measured side by side"
        )
        head = (
            f"{'passages':>9} {'faiss':>12} {'encode p50/p95':>15} {'faiss p50/p95':>14} "
            f"{'bm25 p50/p95':>13} {'search p50/p95':>15} {'search/enc':>10} {'load s':>7}"
            f" {'enc 1 thread':>15}"
        )
        print(head)
        for row in lat:
            s = row["latency"]

            def pp(name: str, s: dict[str, Any] = s) -> str:
                return f"{s[name]['p50_ms']:.1f}/{s[name]['p95_ms']:.1f}"

            print(
                f"{row['passages']:>9} {row['factory']:>12} {pp('encode'):>15} "
                f"{pp('faiss'):>14} {pp('bm25'):>13} {pp('search'):>15} "
                f"{row['search_over_encode_median']:>10.2f} {row['searcher_load_s']:>7.2f}"
                f" {pp('encode_1_thread'):>15}"
            )
        print("\nServing memory, MiB (fresh process each)")
        print(f"{'passages':>9} {'faiss':>12} {'model rss':>10} {'+snapshot rss':>14} {'peak':>7}")
        for row in lat:
            m = row["memory"]
            print(
                f"{row['passages']:>9} {row['factory']:>12} {m['rss_model_loaded_mb']:>10.0f} "
                f"{m['rss_snapshot_loaded_mb']:>14.0f} {m['peak_mb']:>7.0f}"
            )
    reps = results.get("replicas")
    if reps:
        print("\nReplicated snapshots (index writing without the model)")
        for rep in reps:
            print(
                f"  {rep['size']:>7} passages, {rep['articles']} articles: {rep['seconds']:.1f}s "
                f"{rep['timings']}, peak {rep['peak_mb']:.0f} MiB"
            )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=150, help="dev articles to index")
    parser.add_argument("--pairs", type=int, default=3, help="raw encode / pipeline pairs")
    parser.add_argument("--sizes", default="10000,100000", help="passage counts for latency")
    parser.add_argument(
        "--hnsw-from", type=int, default=50_000, help="sizes from this on are timed with HNSW too"
    )
    parser.add_argument("--rounds", type=int, default=3, help="passes over the 61 questions")
    parser.add_argument("-k", type=int, default=10)
    parser.add_argument("--noise", type=float, default=0.03, help="replica vector noise (std)")
    parser.add_argument("--base-dir", default=str(OUT / "speed-base"))
    parser.add_argument("--skip-throughput", action="store_true")
    parser.add_argument("--skip-latency", action="store_true")
    parser.add_argument("--profile", action="store_true", help="cProfile the first pipeline run")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]

    started = time.perf_counter()
    results: dict[str, Any] = {
        "command": "python -m bench.speed " + " ".join(sys.argv[1:]),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "loadavg_start": [round(x, 2) for x in os.getloadavg()],
    }
    if not args.skip_throughput:
        log(f"throughput: {args.articles} articles, {args.pairs} pairs")
        tp = in_child(throughput, args.articles, args.pairs, args.profile)
        results["throughput"] = tp
        results["throughput_extra_s"] = extra_time(tp)
        if args.profile:
            print(tp["pairs"][0].get("profile", ""))
    if not args.skip_latency:
        results["base"] = in_child(build_base, args.base_dir)
        results["replicas"] = []
        results["latency"] = []
        work = Path(tempfile.mkdtemp(prefix="newsbot-speed-serve-"))
        try:
            for size in sizes:
                kinds = ["flat", "hnsw"] if size >= args.hnsw_from else ["flat"]
                log(f"latency: replicating to {size} passages ({', '.join(kinds)})")
                rep = in_child(replicate, args.base_dir, str(work), size, kinds, args.noise, 0)
                results["replicas"].append(rep)
                for kind in kinds:
                    log(f"latency: {size} passages, {kind}")
                    row = in_child(latency, rep["dirs"][kind], kind, args.rounds, args.k)
                    results["latency"].append(row)
                    shutil.rmtree(rep["dirs"][kind], ignore_errors=True)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    results["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    results["seconds"] = round(time.perf_counter() - started, 1)
    print_report(results)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "speed.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    log(f"wrote {OUT / 'speed.json'} ({results['seconds']:.0f}s)")


if __name__ == "__main__":
    main()
