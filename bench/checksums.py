"""What verifying a snapshot's checksums adds to its load, and to each question.

    python -m bench.checksums [--data-dir DIR] [--repeat 20]

Without --data-dir, the sample corpus is indexed with the real model into a temporary data
directory (`newsbot index data/sample`); with it, the current snapshot of DIR is measured
(read-only; its model is not loaded: the load path only checks the model's name). Medians of
--repeat runs, warm (the files in the page cache, as when a bot loads the snapshot a build has
just written): the `Searcher` load without verification; the verification alone, with no
verdict remembered (it reads every file); and the check each question makes (a remembered
verdict: a stat of each file). Writes bench/out/checksums.json.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import index.search as search
import index.store as store
from bench.common import SAMPLE, bench_settings, log, run_header, write_results
from index.library import Library
from index.store import Layout, read_manifest


class _Named:
    """Stands in for the embedder: a snapshot's load only checks its name and dimension."""

    def __init__(self, manifest: dict[str, Any]) -> None:
        self.name = manifest["model"]
        self.dimension = int(manifest["dimension"])


def median_seconds(run: Any, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        run()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def measure(data_dir: Path, repeat: int) -> dict[str, Any]:
    settings = bench_settings(data_dir)
    snapshot = Layout(data_dir).current_dir()
    manifest = read_manifest(snapshot)
    embedder: Any = _Named(manifest)
    real_verify = search.verify_snapshot
    search.verify_snapshot = lambda snapshot: None
    try:
        load = median_seconds(lambda: search.Searcher(snapshot, settings, embedder), repeat)
    finally:
        search.verify_snapshot = real_verify

    def verify_afresh() -> None:
        store._verdicts.clear()
        assert store.snapshot_problem(snapshot) is None

    verify = median_seconds(verify_afresh, repeat)
    remembered = median_seconds(lambda: store.snapshot_problem(snapshot), repeat * 10)
    size = sum(int(f["size"]) for f in manifest["files"].values())
    return {
        "passages": manifest["passages"],
        "files": len(manifest["files"]),
        "snapshot_bytes": size,
        "load_seconds_unverified": round(load, 5),
        "verify_seconds": round(verify, 5),
        "verify_share_of_load": round(verify / load, 3),
        "verify_mb_per_second": round(size / 1e6 / verify, 1),
        "per_question_check_microseconds": round(remembered * 1e6, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.checksums", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--data-dir", type=Path, help="measure this index (default: the sample)")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = args.data_dir
        if data_dir is None:
            data_dir = Path(tmp)
            log("indexing the sample with the real model")
            Library(bench_settings(data_dir)).build([str(SAMPLE)])
        if "files" not in read_manifest(Layout(data_dir).current_dir()):
            parser.error(f"{data_dir}'s snapshot was written before checksums; index it again")
        results = run_header("bench.checksums") | measure(data_dir, args.repeat)
    for key, value in results.items():
        print(f"{key:26} {value}")
    write_results("checksums", results)


if __name__ == "__main__":
    main()
