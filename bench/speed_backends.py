"""Indexing throughput per embedding backend: torch fp32 against onnx and onnx-int8, side by side.

    python -m bench.speed_backends [--passages 500] [--build-passages 1000] [--rounds 3]
                                   [--corpus FILE] [--plot PNG]

Two measurements in one process, each in rounds: every round runs every row once, in a rotated
order, so that load on this noisy 2-core machine falls on all of them alike; ratios against torch
are taken within each round and reported per round and as the median.

1. Encoding: the first `--passages` passages of realtimeqa-tune, chunked as a build chunks them
   (title prefix + passage, `[chunking]` settings), encoded by `Embedder.encode` (bulk: all
   cores). Beside the three backends, two variants of onnx-int8 show what its settings are
   worth: batches cut by characters (sentence-transformers' order, which the ONNX embedder used
   before cutting them by tokens) and one intra-op thread instead of one a core. The padding of
   both batch orders is counted in word pieces. Each backend's vectors are compared with
   torch's (cosine, mean and minimum): the speed is only worth having with vectors close to them.
2. Whole builds: `Library.build` (ingest, clean, chunk, statements, embed, FAISS, BM25, SQLite,
   switch) of the first realtimeqa-tune articles that make `--build-passages` passages, with
   each backend, into a fresh data directory (a fresh embedding cache) each time; the time
   spent in `encode` and the rest are reported apart.

The ONNX exports go to bench/out/models (made on the first run, reused after). Prints tables,
writes bench/out/speed-backends.json and a bar plot of passages a second per backend
(bench/out/speed-backends.png, or `--plot PNG`). About 10 minutes with the defaults.
"""

from __future__ import annotations

import argparse
import copy
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from bench.common import (
    MODELS,
    OUT,
    bench_settings,
    dataset,
    loadavg,
    log,
    override,
    run_header,
    write_results,
)
from bench.speed_build import _one_pipeline_run, pipeline_texts
from index.config import EMBEDDING_BACKENDS, Settings
from index.embedding import Embedder, load_embedder

CORPUS = dataset("realtimeqa-tune").corpus
BY_CHARS = "onnx-int8, batches by characters"
ONE_THREAD = "onnx-int8, 1 thread"
GOAL, AIM = 2.0, 3.0  # issue 11: a build >= 2x torch fp32, aiming at 3x


def backend_settings(settings: Settings, backend: str) -> Settings:
    return override(settings, "embedding", backend=backend, cache_dir=str(MODELS))


def encode_by_chars(model: Any, texts: Sequence[str]) -> np.ndarray:
    """`model.encode` one batch at a time, batches cut by character length (longest first)."""
    order = np.argsort([-len(t) for t in texts], kind="stable")
    out = np.empty((len(texts), model.dimension), dtype=np.float32)
    for start in range(0, len(texts), model.batch_size):
        idx = order[start : start + model.batch_size]
        out[idx] = model.encode([texts[i] for i in idx])
    return out


def padding(lengths: Sequence[int], order: Sequence[int], batch_size: int) -> float:
    """Padding word pieces over real ones when `order` is cut into batches of `batch_size`."""
    sorted_lengths = np.asarray(lengths)[np.asarray(order)]
    padded = sum(
        int(sorted_lengths[i : i + batch_size].max()) * len(sorted_lengths[i : i + batch_size])
        for i in range(0, len(sorted_lengths), batch_size)
    )
    return padded / int(sorted_lengths.sum()) - 1


def rounds_of(
    runs: dict[str, Callable[[], float]], rounds: int, what: str
) -> list[dict[str, float]]:
    """Seconds of each run in each round, the order rotated every round."""
    order = list(runs)
    per_round: list[dict[str, float]] = []
    for r in range(rounds):
        seconds: dict[str, float] = {}
        for name in order[r % len(order) :] + order[: r % len(order)]:
            seconds[name] = runs[name]()
            log(f"{what} round {r + 1}: {name} {seconds[name]:.1f} s (loadavg {loadavg()[0]})")
        per_round.append(seconds)
    return per_round


def summary(per_round: list[dict[str, float]], n: int) -> dict[str, dict[str, Any]]:
    out = {}
    for name in per_round[0]:
        ratios = [s["torch"] / s[name] for s in per_round]
        out[name] = {
            "passages_per_s": [round(n / s[name], 1) for s in per_round],
            "median_passages_per_s": round(statistics.median(n / s[name] for s in per_round), 1),
            "ratio_to_torch": [round(x, 2) for x in ratios],
            "median_ratio_to_torch": round(statistics.median(ratios), 2),
        }
    return out


def measure_encoding(
    models: dict[str, Any], texts: list[str], rounds: int
) -> dict[str, dict[str, Any]]:
    reference = models["torch"].encode(texts)
    int8 = models["onnx-int8"]
    one_thread = copy.copy(int8)  # the same sessions; bulk encodes on one intra-op thread
    one_thread.threads = 1
    encoders: dict[str, Callable[[list[str]], np.ndarray]] = {
        **{b: models[b].encode for b in EMBEDDING_BACKENDS},
        BY_CHARS: lambda t: encode_by_chars(int8, t),
        ONE_THREAD: one_thread.encode,
    }
    cosine = {}
    for name, encode in encoders.items():
        cos = (encode(texts) * reference).sum(axis=1)  # also warms each one up
        cosine[name] = {"mean": round(float(cos.mean()), 4), "min": round(float(cos.min()), 4)}

    def timed(encode: Callable[[list[str]], np.ndarray]) -> Callable[[], float]:
        def run() -> float:
            start = time.perf_counter()
            encode(texts)
            return time.perf_counter() - start

        return run

    per_round = rounds_of({n: timed(e) for n, e in encoders.items()}, rounds, "encode")
    results = summary(per_round, len(texts))
    for name in results:
        results[name]["cosine_to_torch"] = cosine[name]
    return results


def corpus_slice(
    corpus: Path, embedder: Any, settings: Settings, passages: int, work: Path
) -> Path:
    """A file of the first articles of `corpus` that make at least `passages` passages."""
    with open(corpus, encoding="utf-8") as fh:
        lines = [line for line in fh if line.strip()]
    target = work / "corpus.jsonl"
    k = max(1, passages // 10)
    while True:
        target.write_text("".join(lines[:k]), encoding="utf-8")
        if k >= len(lines) or len(pipeline_texts(target, embedder, settings)) >= passages:
            return target
        k = min(len(lines), k + max(1, k // 10))


def measure_builds(
    models: dict[str, Any], settings: Settings, corpus: Path, passages: int, rounds: int
) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="newsbot-speed-backends-"))
    try:
        source = corpus_slice(corpus, models["torch"], settings, passages, work)
        warm = work / "warm.jsonl"
        warm.write_text("".join(source.read_text(encoding="utf-8").splitlines(True)[:3]))
        details: dict[str, list[dict[str, Any]]] = {b: [] for b in EMBEDDING_BACKENDS}
        runs_done = 0

        def build(backend: str) -> Callable[[], float]:
            def run() -> float:
                nonlocal runs_done
                runs_done += 1
                data_dir = work / f"run{runs_done}-{backend}"  # fresh: nothing cached
                one = _one_pipeline_run(
                    source, data_dir, models[backend], backend_settings(settings, backend), False
                )
                shutil.rmtree(data_dir, ignore_errors=True)
                details[backend].append(one)
                return float(one["seconds"])

            return run

        for backend in EMBEDDING_BACKENDS:  # untimed: imports, first FAISS/BM25/SQLite calls
            _one_pipeline_run(
                warm,
                work / f"warm-{backend}",
                models[backend],
                backend_settings(settings, backend),
                False,
            )
        per_round = rounds_of({b: build(b) for b in EMBEDDING_BACKENDS}, rounds, "build")
        n = details["torch"][0]["passages"]
        results: dict[str, Any] = {
            "articles": sum(1 for line in source.open(encoding="utf-8") if line.strip()),
            "passages": n,
            "embedded": details["torch"][0]["embedded"],
            "backends": summary(per_round, n),
        }
        for backend, runs in details.items():
            assert all(r["passages"] == n for r in runs), "every backend indexes the same passages"
            results["backends"][backend].update(
                median_s=round(statistics.median(r["seconds"] for r in runs), 2),
                median_encode_s=round(statistics.median(r["encode_s"] for r in runs), 2),
                median_rest_s=round(
                    statistics.median(r["seconds"] - r["encode_s"] for r in runs), 2
                ),
                phases_s=runs[0]["phases_s"],
            )
        return results
    finally:
        shutil.rmtree(work, ignore_errors=True)


def measure(corpus: Path, n_passages: int, build_passages: int, rounds: int) -> dict[str, Any]:
    settings = bench_settings(OUT / "speed-backends-data")
    models: dict[str, Embedder] = {}
    load_s: dict[str, float] = {}
    for backend in EMBEDDING_BACKENDS:
        start = time.perf_counter()
        models[backend] = load_embedder(backend_settings(settings, backend).embedding)
        load_s[backend] = round(time.perf_counter() - start, 1)
        log(f"loaded {backend} in {load_s[backend]:.1f} s")
    texts = pipeline_texts(corpus, models["torch"], settings, n_passages)
    pieces = [
        min(n + models["torch"].special_tokens, models["torch"].max_tokens)
        for n in models["torch"].count_tokens(texts)
    ]
    batch = settings.embedding.batch_size
    log(f"{len(texts)} passages, {statistics.mean(pieces):.0f} word pieces on average")
    results: dict[str, Any] = {
        "passages": len(texts),
        "mean_word_pieces": round(statistics.mean(pieces), 1),
        "load_s": load_s,
        "model_files": {b: str(getattr(m, "path", "")) for b, m in models.items()},
        "padding": {
            "batches_by_characters": round(
                padding(pieces, np.argsort([-len(t) for t in texts], kind="stable"), batch), 4
            ),
            "batches_by_tokens": round(
                padding(pieces, np.argsort([-p for p in pieces], kind="stable"), batch), 4
            ),
        },
        "encode": measure_encoding(models, texts, rounds),
    }
    if build_passages:
        results["build"] = measure_builds(models, settings, corpus, build_passages, rounds)
    return results


def print_report(results: dict[str, Any]) -> None:
    pad = results["padding"]
    print(
        f"Encoding {results['passages']} passages of ~{results['mean_word_pieces']:.0f} word "
        f"pieces; padding: batches by characters {pad['batches_by_characters']:.1%}, by tokens "
        f"{pad['batches_by_tokens']:.1%}; loadavg {results['loadavg_start']} -> "
        f"{results['loadavg_end']}"
    )
    print(f"{'':34} {'passages/s':>11} {'× torch':>8} {'per round':<20} cosine to torch")
    for name, r in results["encode"].items():
        cos = r["cosine_to_torch"]
        print(
            f"{name:34} {r['median_passages_per_s']:>11.1f} {r['median_ratio_to_torch']:>8.2f} "
            f"{str(r['ratio_to_torch']):<20} mean {cos['mean']:.4f} min {cos['min']:.4f}"
        )
    if "build" not in results:
        return
    b = results["build"]
    print(
        f"\nWhole builds: {b['articles']} articles, {b['passages']} passages "
        f"({b['embedded']} embedded), fresh data directory each"
    )
    print(
        f"{'':10} {'passages/s':>11} {'× torch':>8} {'per round':<20} "
        f"{'build s':>8} {'encode s':>9} {'rest s':>7}"
    )
    for name, r in b["backends"].items():
        print(
            f"{name:10} {r['median_passages_per_s']:>11.1f} {r['median_ratio_to_torch']:>8.2f} "
            f"{str(r['ratio_to_torch']):<20} {r['median_s']:>8.1f} {r['median_encode_s']:>9.1f} "
            f"{r['median_rest_s']:>7.1f}"
        )
    best = max(r["median_ratio_to_torch"] for r in b["backends"].values())
    print(f"fastest build {best:.2f}× torch (goal >= {GOAL}×, aiming at {AIM}×)")


def plot(results: dict[str, Any], path: Path) -> None:
    """Bars of passages a second per backend: encoding alone and whole builds."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    groups = [("encoding alone", results["encode"])]
    if "build" in results:
        groups.append(("whole build", results["build"]["backends"]))
    fig, ax = plt.subplots(figsize=(8, 4.2))
    width = 0.8 / len(groups)
    x = np.arange(len(EMBEDDING_BACKENDS))
    for i, (label, rows) in enumerate(groups):
        values = [rows[b]["median_passages_per_s"] for b in EMBEDDING_BACKENDS]
        bars = ax.bar(x + (i - (len(groups) - 1) / 2) * width, values, width, label=label)
        ax.bar_label(
            bars,
            labels=[
                f"{v:.0f}/s\n{rows[b]['median_ratio_to_torch']:.2f}×"
                for b, v in zip(EMBEDDING_BACKENDS, values, strict=True)
            ],
            fontsize=8,
        )
    ax.set_xticks(x, ["torch fp32", "onnx fp32", "onnx int8"])
    ax.set_ylabel("passages a second (median of rounds)")
    load = [results.get(k, ["?"])[0] for k in ("loadavg_start", "loadavg_end")]
    ax.set_title(
        f"Indexing throughput per [embedding].backend ({results['cpus']} cores, "
        f"load average {load[0]} -> {load[1]})"
    )
    ax.margins(y=0.2)
    ax.legend(loc="upper left")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main() -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.speed_backends",
        description="Encoding and whole-build throughput of torch, onnx and onnx-int8 side by "
        "side.",
    )
    parser.add_argument("--passages", type=int, default=500, help="passages encoded per run")
    parser.add_argument(
        "--build-passages", type=int, default=1000, help="passages a build indexes (0: no builds)"
    )
    parser.add_argument("--rounds", type=int, default=3, help="runs of every row")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="articles (JSONL)")
    parser.add_argument(
        "--plot", type=Path, default=OUT / "speed-backends.png", help="where the bar plot goes"
    )
    args = parser.parse_args()
    results = run_header("bench.speed_backends")
    results.update(measure(args.corpus, args.passages, args.build_passages, args.rounds))
    results["loadavg_end"] = loadavg()
    print_report(results)
    plot(results, args.plot)
    log(f"wrote {write_results('speed-backends', results)} and {args.plot}")


if __name__ == "__main__":
    main()
