"""Indexing throughput: the build pipeline against raw `SentenceTransformer.encode`.

    python -m bench.speed_build [--articles 150] [--pairs 3] [--profile]

`Library.build` of the first `--articles` articles of realtimeqa-dev into a fresh data directory
(ingest, clean, chunk, statements, embed, FAISS/BM25/SQLite, switch, load) against raw
`SentenceTransformer.encode` of exactly the texts the pipeline embeds (title prefix + passage),
with the same model object, batch size and normalisation. Speed is a ratio against that baseline
measured side by side in the same process, because these machines are noisy (2 cores, other
work running). Runs alternate baseline, pipeline, baseline, pipeline...; the ratio is reported
per pair and as the median. The pipeline's extra time is broken down by phase (BuildProgress
timestamps) and by the functions it calls (timed wrappers around them, installed for the
benchmark only). Memory: ru_maxrss and the RSS after each step, in a fresh process.

Prints a table and writes bench/out/speed-build.json (about 5 minutes with the defaults).
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import gc
import io
import pstats
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

from bench.common import (
    bench_settings,
    dataset,
    in_child,
    loadavg,
    log,
    peak_mb,
    rss_mb,
    run_header,
    snapshot_texts,
    write_results,
)
from index.chunking import chunk_article, embed_text, fit_title
from index.config import Settings
from index.ingest import load_articles
from index.library import Library
from index.progress import BuildProgress

CORPUS = dataset("realtimeqa-dev").corpus
# Functions of index.build whose time is attributed separately in the breakdown.
TIMED_BUILD_CALLS = (
    "load_articles",
    "chunk_article",
    "extract_statements",
    "write_metadata",
    "finish_snapshot",
)
# ... and of index.vectors (the FAISS store's write: the build reaches FAISS through it).
TIMED_STORE_CALLS = ("build_faiss",)
TARGET_RATIO = 1.15


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


def pipeline_texts(
    source: Path, embedder: Any, settings: Settings, limit: int | None = None
) -> list[str]:
    """The texts a build embeds for `source`, in passage order (as index.build makes them);
    the first `limit` of them when given."""
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
        if limit is not None and len(texts) >= limit:
            return texts[:limit]
    return texts


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
    import index.vectors

    timed = TimedEmbedder(embedder)
    library = Library(settings.with_data_dir(data_dir), timed)
    events: list[tuple[float, BuildProgress]] = []
    calls: dict[str, float] = {}
    profiler = cProfile.Profile() if profile else None
    with (
        timed_calls(index.build, TIMED_BUILD_CALLS, calls),
        timed_calls(index.vectors, TIMED_STORE_CALLS, calls),
    ):
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
        model = embedder.model  # the raw SentenceTransformer the pipeline encodes with
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
            run["loadavg"] = loadavg()
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


def print_report(results: dict[str, Any]) -> None:
    tp = results["throughput"]
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


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=150, help="dev articles to index")
    parser.add_argument("--pairs", type=int, default=3, help="raw encode / pipeline pairs")
    parser.add_argument("--profile", action="store_true", help="cProfile the first pipeline run")
    args = parser.parse_args()

    started = time.perf_counter()
    results = run_header("bench.speed_build")
    log(f"throughput: {args.articles} articles, {args.pairs} pairs")
    tp = in_child(throughput, args.articles, args.pairs, args.profile)
    results["throughput"] = tp
    results["throughput_extra_s"] = extra_time(tp)
    if args.profile:
        print(tp["pairs"][0].get("profile", ""))
    results["loadavg_end"] = loadavg()
    results["seconds"] = round(time.perf_counter() - started, 1)
    print_report(results)
    log(f"wrote {write_results('speed-build', results)} ({results['seconds']:.0f}s)")


if __name__ == "__main__":
    main()
