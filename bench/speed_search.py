"""Query latency at 10k and 100k passages, against the parts a search is made of.

    python -m bench.speed_search [--sizes 10000,100000] [--rounds 3] [--threads]

Snapshots of exactly `--sizes` passages are replicated from a real snapshot of the dev corpus
(bench.replicas; the first run embeds the corpus once, about 6 minutes, unless bench.retrieval
already did), Flat and, from `--hnsw-from` passages on, HNSW too. In a fresh process each,
`Searcher.search(q, k=10)` (hybrid) is timed over the 61 dev questions for `--rounds` passes,
side by side with the raw query encode and the bare FAISS and BM25 searches it is made of, in
rotating order; the process's RSS after each step and its peak give the serving memory.
`--threads` adds the encode on torch's default threads against one thread (raw model, one
question at a time and 192 passages at once).

Prints tables and writes bench/out/speed-search.json (about 5 minutes with a cached base).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from bench.common import (
    bench_settings,
    dataset,
    in_child,
    loadavg,
    log,
    peak_mb,
    percentile,
    read_jsonl,
    rss_mb,
    run_header,
    write_results,
)
from bench.replicas import BASE_DIR, CORPUS, EMBED_TEXTS, build_base, replicate
from index.embedding import load_embedder
from index.library import Library

QUESTIONS = dataset("realtimeqa-dev").questions
BULK_PASSAGES = 192


def latency(data_dir: str, kind: str, rounds: int, k: int) -> dict[str, Any]:
    """Hybrid search latency against its parts, on the snapshot in `data_dir` (run in a child)."""
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


def thread_check(base_dir: str, rounds: int) -> dict[str, Any]:
    """The raw model's encode on torch's default threads against one (run in a child)."""
    import torch

    questions = [q["question"] for q in read_jsonl(QUESTIONS)]
    texts = json.loads((Path(base_dir) / EMBED_TEXTS).read_text(encoding="utf-8"))
    bulk = texts[:BULK_PASSAGES]
    embedder = load_embedder(bench_settings(base_dir).embedding)
    model = embedder.model  # raw: the embedder itself puts short batches on one thread

    def encode(batch: list[str]) -> float:
        t = time.perf_counter()
        model.encode(batch, batch_size=embedder.batch_size, show_progress_bar=False)
        return (time.perf_counter() - t) * 1000

    encode(questions[:5])  # warm-up
    out: dict[str, Any] = {"loadavg_start": loadavg()}
    default = torch.get_num_threads()
    for n in dict.fromkeys([default, 1]):
        torch.set_num_threads(n)
        one = [encode([q]) for _ in range(rounds) for q in questions]
        out[f"{n} threads"] = {
            "question_p50_ms": round(percentile(one, 50), 1),
            "question_p95_ms": round(percentile(one, 95), 1),
            f"{len(bulk)}_passages_s": round(encode(bulk) / 1000, 2),
        }
    torch.set_num_threads(default)
    out["loadavg_end"] = loadavg()
    return out


def print_report(results: dict[str, Any]) -> None:
    lat = results["latency"]
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
    print("\nReplicated snapshots (index writing without the model)")
    for rep in results["replicas"]:
        print(
            f"  {rep['size']:>7} passages, {rep['articles']} articles: {rep['seconds']:.1f}s "
            f"{rep['timings']}, peak {rep['peak_mb']:.0f} MiB"
        )
    threads = results.get("threads")
    if threads:
        print(f"\nRaw model encode, torch threads (load average {threads['loadavg_start'][0]})")
        for name, row in threads.items():
            if name.endswith("threads"):
                print(f"  {name:>10}: {row}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="10000,100000", help="passage counts")
    parser.add_argument(
        "--hnsw-from", type=int, default=50_000, help="sizes from this on are timed with HNSW too"
    )
    parser.add_argument("--rounds", type=int, default=3, help="passes over the 61 questions")
    parser.add_argument("-k", type=int, default=10)
    parser.add_argument("--noise", type=float, default=0.03, help="replica vector noise (std)")
    parser.add_argument("--base-dir", default=str(BASE_DIR))
    parser.add_argument("--corpus", default=str(CORPUS), help="articles of the base snapshot")
    parser.add_argument("--threads", action="store_true", help="also time encode threads")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]

    started = time.perf_counter()
    results = run_header("bench.speed_search")
    results["base"] = in_child(build_base, args.base_dir, args.corpus)
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
    if args.threads:
        log("threads: raw encode on the default threads and on one")
        results["threads"] = in_child(thread_check, args.base_dir, args.rounds)
    results["loadavg_end"] = loadavg()
    results["seconds"] = round(time.perf_counter() - started, 1)
    print_report(results)
    log(f"wrote {write_results('speed-search', results)} ({results['seconds']:.0f}s)")


if __name__ == "__main__":
    main()
