"""Retrieval quality on realtimeqa: BM25 alone, dense alone and hybrid, from one run.

    python -m bench.retrieval                                  # the configured fusion
    python -m bench.retrieval --rrf-k 60 --dense-weight 1      # textbook fusion
    python -m bench.retrieval --no-dedup                       # near-duplicates kept
    python -m bench.retrieval --grid                           # rrf_k x dense_weight on tune
    python -m bench.retrieval --backend onnx-int8              # another embedding backend

Indexes the realtimeqa-tune and -dev corpora together (bench/out/rtqa-merged-index, kept between
runs), runs each question through `Searcher.search` in each mode (the `newsbot search --batch
--json` format, written to bench/out/retrieval-<set>[-<overrides>]-<mode>.jsonl) and scores it with
../shared/eval/score_retrieval.py (hits@1/5/10, MRR@10; gold = gold_urls_strict, else gold_urls).
Fusion options override the parsed [search] settings for this run only.
"""

from __future__ import annotations

import argparse
from typing import Any

import numpy as np

from bench.common import (
    OUT,
    REALTIMEQA,
    Dataset,
    add_dataset_args,
    bootstrap_interval,
    chosen_dataset,
    dataset,
    dataset_settings,
    indexed,
    load_scorer,
    override,
    parse_list,
    read_jsonl,
    write_jsonl,
    write_results,
)
from index.library import Library

MODES = ("bm25", "dense", "hybrid")
NO_DEDUP = float("inf")  # no cosine reaches it, so no passage is collapsed


def search_overrides(args: argparse.Namespace) -> dict[str, Any]:
    """The [search] values given on the command line."""
    values: dict[str, Any] = {}
    if args.rrf_k is not None:
        values["rrf_k"] = args.rrf_k
    if args.dense_weight is not None:
        values["dense_weight"] = args.dense_weight
    if args.bm25_weight is not None:
        values["bm25_weight"] = args.bm25_weight
    if args.no_dedup:
        values["dedup_similarity"] = NO_DEDUP
    return values


def first_hit(question: dict[str, Any], hits: list[dict[str, Any]], has_answer: Any) -> int | None:
    """Rank (0-based) of the first top-10 hit that counts, by score_retrieval.py's rule."""
    gold = set(question.get("gold_urls_strict") or question["gold_urls"])
    return next(
        (
            i
            for i, h in enumerate(hits[:10])
            if h.get("url") in gold and has_answer(h.get("text", ""), question["answer"])
        ),
        None,
    )


def with_intervals(ranks: list[int | None]) -> dict[str, Any]:
    """hits@1/5/10 and MRR@10 of per-question first-hit ranks, with bootstrap 95% intervals."""
    per = {
        "hits@1": [r is not None and r < 1 for r in ranks],
        "hits@5": [r is not None and r < 5 for r in ranks],
        "hits@10": [r is not None for r in ranks],
        "mrr@10": [0.0 if r is None else 1 / (r + 1) for r in ranks],
    }
    out: dict[str, Any] = {"n": len(ranks)}
    for name, values in per.items():
        low, high = bootstrap_interval(values)
        out[name] = round(sum(values) / len(values), 3)
        out[f"{name}_ci95"] = [round(low, 3), round(high, 3)]
    return out


def paired_gap(ours: list[int | None], base: list[int | None]) -> dict[str, Any]:
    """hits@5 and MRR@10 of `ours` minus `base`'s, question by question (the same questions,
    in the same order), each with the bootstrap 95% interval of the paired difference: whether
    a gap is more than the sets' noise."""
    values = {
        "hits@5": lambda r: float(r is not None and r < 5),
        "mrr@10": lambda r: 0.0 if r is None else 1 / (r + 1),
    }
    out: dict[str, Any] = {"n": len(ours)}
    for name, value in values.items():
        diff = [value(o) - value(b) for o, b in zip(ours, base, strict=True)]
        out[name] = round(float(np.mean(diff)), 3)
        out[f"{name}_ci95"] = [round(v, 3) for v in bootstrap_interval(diff)]
    return out


GRID_RRF_K = (5, 10, 20, 40, 60)
GRID_DENSE_WEIGHT = (0.3, 0.5, 0.7, 1.0)


def grid(data: Dataset) -> None:
    """The fusion settings are chosen here: hybrid retrieval of the realtimeqa-tune questions
    for each (rrf_k, dense_weight), over the merged index."""
    settings = dataset_settings(data)
    library = indexed(data, settings)
    scorer = load_scorer("score_retrieval")
    questions = read_jsonl(dataset("realtimeqa-tune").questions)
    table: dict[str, Any] = {}
    print("realtimeqa-tune hybrid hits@5 / MRR@10 (rows rrf_k, columns dense_weight)")
    print("rrf_k " + "".join(f"{w:>14}" for w in GRID_DENSE_WEIGHT))
    for k in GRID_RRF_K:
        line = f"{k:5} "
        for w in GRID_DENSE_WEIGHT:
            tried = override(settings, "search", rrf_k=k, dense_weight=w)
            searcher = Library(tried, library.embedder).searcher()
            ranks = [
                first_hit(
                    q, [h.to_json() for h in searcher.search(q["question"], 10)], scorer.has_answer
                )
                for q in questions
            ]
            r = with_intervals(ranks)
            table[f"rrf_k={k},dense_weight={w}"] = r
            line += f"   {r['hits@5']:.3f}/{r['mrr@10']:.3f}"
        print(line, flush=True)
    write_results("retrieval-grid", table)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    add_dataset_args(parser, "realtimeqa-dev", ("realtimeqa-dev", "realtimeqa-tune"))
    parser.add_argument("-k", type=int, default=10)
    parser.add_argument("--modes", type=lambda v: parse_list(v, str), default=list(MODES))
    parser.add_argument("--rrf-k", type=int, help="[search].rrf_k for this run")
    parser.add_argument("--dense-weight", type=float, help="[search].dense_weight for this run")
    parser.add_argument("--bm25-weight", type=float, help="[search].bm25_weight for this run")
    parser.add_argument(
        "--no-dedup", action="store_true", help="keep near-duplicate passages ([search])"
    )
    parser.add_argument(
        "--grid",
        action="store_true",
        help="hybrid hits@5 / MRR@10 on the tune questions for each rrf_k and dense_weight",
    )
    args = parser.parse_args()
    if args.grid:
        grid(chosen_dataset(args))
        return

    data = chosen_dataset(args)
    values = search_overrides(args)
    settings = override(dataset_settings(data), "search", **values)
    library = indexed(data, settings)
    searcher = library.searcher()
    scorer = load_scorer("score_retrieval")
    tag = "".join(
        "-no-dedup" if v == NO_DEDUP else f"-{k.replace('_', '-')}={v}" for k, v in values.items()
    ) + (f"-backend={data.backend}" if data.backend else "")
    # The realtimeqa sets share one index: both are asked, reported apart and pooled.
    sets = [data] if args.questions else [dataset(n) for n in REALTIMEQA]
    results: dict[str, dict[str, Any]] = {}
    for mode in args.modes:
        pooled: list[int | None] = []
        for d in sets:
            questions = read_jsonl(d.questions)
            rows = [
                {
                    "query": q["question"],
                    "hits": [
                        h.to_json() for h in searcher.search(q["question"], args.k, mode=mode)
                    ],
                }
                for q in questions
            ]
            out = OUT / f"retrieval-{d.name}{tag}-{mode}.jsonl"
            write_jsonl(out, rows)
            ranks = [
                first_hit(q, r["hits"], scorer.has_answer)
                for q, r in zip(questions, rows, strict=True)
            ]
            mine = with_intervals(ranks)
            official = scorer.score(str(d.questions), str(out))
            assert all(official[m] == mine[m] for m in ("hits@1", "hits@5", "hits@10", "mrr@10"))
            results[f"{d.name}/{mode}"] = mine
            pooled += ranks
        if len(sets) > 1:
            results[f"pooled/{mode}"] = with_intervals(pooled)
    s = settings.search
    print(
        f"{len(searcher.passages)} passages; rrf_k={s.rrf_k}, dense_weight={s.dense_weight}, "
        f"bm25_weight={s.bm25_weight}, dedup_similarity={s.dedup_similarity}; "
        f"embedder {library.embedder.name}"
    )
    print(f"{'set/mode':24} {'n':>4} {'hits@1':>7} {'hits@5':>16} {'hits@10':>8} {'mrr@10':>16}")
    for name, r in results.items():
        h5, m = r["hits@5_ci95"], r["mrr@10_ci95"]
        print(
            f"{name:24} {r['n']:4} {r['hits@1']:7.3f} {r['hits@5']:6.3f} [{h5[0]:.2f}-{h5[1]:.2f}] "
            f"{r['hits@10']:8.3f} {r['mrr@10']:6.3f} [{m[0]:.2f}-{m[1]:.2f}]"
        )
    write_results(
        f"retrieval{tag}",
        {"search": values, "embedder": library.embedder.name, "results": results},
    )


if __name__ == "__main__":
    main()
