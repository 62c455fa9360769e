"""Embedding throughput per backend: torch fp32 against onnx and onnx-int8, side by side.

    python -m bench.speed_backends [--passages 500] [--rounds 3] [--corpus FILE]

The first `--passages` passages of realtimeqa-tune, chunked as a build chunks them (title
prefix + passage, `[chunking]` settings), are encoded by each backend in turn in one process:
each round runs every backend once, in a rotated order, so that load on this noisy 2-core machine
falls on all of them alike. Throughput is passages a second of `Embedder.encode` (bulk: all
cores); the ratio against torch is taken within each round and reported per round and as the
median. Beside it, the cosine of each backend's vectors to torch's (mean and minimum): the
speed is only worth having with vectors close to torch's. The ONNX exports go to
bench/out/models (made on the first run, reused after).

Prints a table and writes bench/out/speed-backends.json (about 3 minutes with the defaults).
"""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from bench.common import OUT, bench_settings, dataset, loadavg, log, run_header, write_results
from bench.speed_build import pipeline_texts
from index.config import EMBEDDING_BACKENDS
from index.embedding import Embedder, load_embedder

CORPUS = dataset("realtimeqa-tune").corpus
MODELS = OUT / "models"


def measure(corpus: Path, n_passages: int, rounds: int) -> dict[str, Any]:
    settings = bench_settings(OUT / "speed-backends-data")
    models: dict[str, Embedder] = {}
    load_s: dict[str, float] = {}
    for backend in EMBEDDING_BACKENDS:
        start = time.perf_counter()
        models[backend] = load_embedder(
            replace(settings.embedding, backend=backend, cache_dir=str(MODELS))
        )
        load_s[backend] = time.perf_counter() - start
        log(f"loaded {backend} in {load_s[backend]:.1f} s")
    texts = pipeline_texts(corpus, models["torch"], settings, n_passages)
    tokens = models["torch"].count_tokens(texts)
    log(f"{len(texts)} passages, {statistics.mean(tokens):.0f} word pieces on average")

    reference = models["torch"].encode(texts)
    cosine = {}
    for backend, model in models.items():
        cos = (model.encode(texts) * reference).sum(axis=1)  # also warms each backend up
        cosine[backend] = {"mean": float(cos.mean()), "min": float(cos.min())}

    per_round: list[dict[str, float]] = []
    order = list(EMBEDDING_BACKENDS)
    for r in range(rounds):
        seconds: dict[str, float] = {}
        for backend in order[r % len(order) :] + order[: r % len(order)]:
            start = time.perf_counter()
            models[backend].encode(texts)
            seconds[backend] = time.perf_counter() - start
            log(f"round {r + 1}: {backend} {len(texts) / seconds[backend]:.1f} passages/s")
        per_round.append(seconds)

    results: dict[str, Any] = {"passages": len(texts), "mean_word_pieces": statistics.mean(tokens)}
    for backend in EMBEDDING_BACKENDS:
        ratios = [s["torch"] / s[backend] for s in per_round]
        results[backend] = {
            "passages_per_s": [round(len(texts) / s[backend], 1) for s in per_round],
            "median_passages_per_s": round(
                statistics.median(len(texts) / s[backend] for s in per_round), 1
            ),
            "ratio_to_torch": [round(x, 2) for x in ratios],
            "median_ratio_to_torch": round(statistics.median(ratios), 2),
            "cosine_to_torch": cosine[backend],
            "load_s": round(load_s[backend], 1),
            "model_file": str(getattr(models[backend], "path", "")),
        }
    return results


def print_report(results: dict[str, Any]) -> None:
    print(
        f"{results['passages']} passages of ~{results['mean_word_pieces']:.0f} word pieces, "
        f"loadavg {results['loadavg_start']} -> {results['loadavg_end']}"
    )
    print(f"{'backend':<10} {'passages/s':>11} {'× torch':>8} {'per round':<18} cosine to torch")
    for backend in EMBEDDING_BACKENDS:
        r = results[backend]
        cos = r["cosine_to_torch"]
        print(
            f"{backend:<10} {r['median_passages_per_s']:>11.1f} {r['median_ratio_to_torch']:>8.2f} "
            f"{str(r['ratio_to_torch']):<18} mean {cos['mean']:.4f} min {cos['min']:.4f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.speed_backends",
        description="Embedding throughput of torch, onnx and onnx-int8 side by side.",
    )
    parser.add_argument("--passages", type=int, default=500, help="passages encoded per run")
    parser.add_argument("--rounds", type=int, default=3, help="runs of every backend")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="articles (JSONL)")
    args = parser.parse_args()
    results = run_header("bench.speed_backends")
    results.update(measure(args.corpus, args.passages, args.rounds))
    results["loadavg_end"] = loadavg()
    print_report(results)
    log(f"wrote {write_results('speed-backends', results)}")


if __name__ == "__main__":
    main()
