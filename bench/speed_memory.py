"""Serving memory by piece: what each part of a snapshot adds to a process when it is loaded.

    python -m bench.speed_memory [--size 100000] [--faiss hnsw]

A snapshot of `--size` passages is replicated from the dev-corpus base (bench.replicas, as in
bench.speed_search). Then each piece a `Searcher` loads is loaded alone, in a fresh process
without the model: the metadata (`read_metadata`: articles, passages, statements), the FAISS
index, BM25 (memory-mapped) and `vectors.npy` (memory-mapped, not touched). For each: the RSS it
adds, the peak, and the seconds it takes. Prints a table and writes
bench/out/speed-memory.json (about 1 minute with a cached base, plus the replica's writing).
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from bench.common import (
    bench_settings,
    in_child,
    log,
    peak_mb,
    rss_mb,
    run_header,
    write_results,
)
from bench.replicas import BASE_DIR, CORPUS, build_base, replicate
from index.bm25 import BM25Index
from index.dense import load_faiss
from index.store import Layout, load_vectors, read_manifest, read_metadata

PIECES = ("metadata", "faiss", "bm25", "vectors")


def load_piece(data_dir: str, kind: str, piece: str) -> dict[str, Any]:
    """Load one piece of the current snapshot of `data_dir`; RSS before and after (in a child)."""
    settings = bench_settings(data_dir)
    settings = replace(settings, index=replace(settings.index, faiss=kind))
    snapshot = Layout(Path(data_dir)).current_dir()
    manifest = read_manifest(snapshot)
    count = int(manifest["passages"])
    before = rss_mb()
    t = time.perf_counter()
    loaded: Any
    if piece == "metadata":
        loaded = read_metadata(snapshot / "meta.sqlite")
    elif piece == "faiss":
        loaded = load_faiss(snapshot / "dense.faiss", settings.index)
    elif piece == "bm25":
        loaded = BM25Index.load(snapshot / "bm25", count)
    else:
        loaded = load_vectors(snapshot / "vectors.npy", count, int(manifest["dimension"]))
    seconds = time.perf_counter() - t
    after = rss_mb()
    del loaded
    return {
        "piece": piece,
        "seconds": round(seconds, 3),
        "rss_before_mb": round(before, 1),
        "added_mb": round(after - before, 1),
        "peak_mb": round(peak_mb(), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", type=int, default=100_000, help="passages in the snapshot")
    parser.add_argument("--faiss", default="hnsw", help="FAISS kind of the snapshot")
    parser.add_argument("--noise", type=float, default=0.03, help="replica vector noise (std)")
    parser.add_argument("--base-dir", default=str(BASE_DIR))
    parser.add_argument("--corpus", default=str(CORPUS), help="articles of the base snapshot")
    args = parser.parse_args()

    started = time.perf_counter()
    results = run_header("bench.speed_memory")
    results["base"] = in_child(build_base, args.base_dir, args.corpus)
    work = Path(tempfile.mkdtemp(prefix="newsbot-speed-memory-"))
    try:
        log(f"memory: replicating to {args.size} passages ({args.faiss})")
        rep = in_child(replicate, args.base_dir, str(work), args.size, [args.faiss], args.noise, 0)
        results["replica"] = rep
        data_dir = rep["dirs"][args.faiss]
        results["pieces"] = [in_child(load_piece, data_dir, args.faiss, p) for p in PIECES]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    results["seconds"] = round(time.perf_counter() - started, 1)

    print(f"\nLoading a {rep['size']}-passage {args.faiss} snapshot, one piece a process (MiB)")
    print(f"{'piece':>9} {'added':>8} {'peak':>8} {'seconds':>8}")
    for row in results["pieces"]:
        print(
            f"{row['piece']:>9} {row['added_mb']:>8.0f} {row['peak_mb']:>8.0f} "
            f"{row['seconds']:>8.2f}"
        )
    log(f"wrote {write_results('speed-memory', results)} ({results['seconds']:.0f}s)")


if __name__ == "__main__":
    main()
