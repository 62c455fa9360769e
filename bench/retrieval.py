"""Retrieval quality on realtimeqa: BM25 alone, dense alone and hybrid, from one run.

    python -m bench.retrieval                                  # the configured fusion
    python -m bench.retrieval --rrf-k 60 --dense-weight 1      # textbook fusion
    python -m bench.retrieval --no-dedup                       # near-duplicates kept

Indexes the realtimeqa-tune and -dev corpora together (bench/out/rtqa-merged-index, kept between
runs), runs each question through `Searcher.search` in each mode (the `newsbot search --batch
--json` format, written to bench/out/retrieval-<set>[-<overrides>]-<mode>.jsonl) and scores it with
../shared/eval/score_retrieval.py (hits@1/5/10, MRR@10; gold = gold_urls_strict, else gold_urls).
Fusion options override the parsed [search] settings for this run only.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from bench.common import (
    OUT,
    add_dataset_args,
    bench_settings,
    chosen_dataset,
    indexed,
    load_scorer,
    override,
    parse_list,
    read_jsonl,
    write_jsonl,
    write_results,
)

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
    args = parser.parse_args()

    data = chosen_dataset(args)
    values = search_overrides(args)
    settings = override(bench_settings(data.index_dir), "search", **values)
    library = indexed(data, settings)
    searcher = library.searcher()
    questions = read_jsonl(data.questions)
    scorer = load_scorer("score_retrieval")
    tag = "".join(
        "-no-dedup" if v == NO_DEDUP else f"-{k.replace('_', '-')}={v}" for k, v in values.items()
    )
    results = {}
    for mode in args.modes:
        rows = [
            {
                "query": q["question"],
                "hits": [h.to_json() for h in searcher.search(q["question"], args.k, mode=mode)],
            }
            for q in questions
        ]
        out = OUT / f"retrieval-{data.name}{tag}-{mode}.jsonl"
        write_jsonl(out, rows)
        results[mode] = scorer.score(str(data.questions), str(out))
    s = settings.search
    print(
        f"{data.name}: {len(questions)} questions, {len(searcher.passages)} passages; "
        f"rrf_k={s.rrf_k}, dense_weight={s.dense_weight}, bm25_weight={s.bm25_weight}, "
        f"dedup_similarity={s.dedup_similarity}"
    )
    print(f"{'mode':8} {'hits@1':>7} {'hits@5':>7} {'hits@10':>8} {'mrr@10':>7}")
    for mode, r in results.items():
        print(
            f"{mode:8} {r['hits@1']:7.3f} {r['hits@5']:7.3f} {r['hits@10']:8.3f} {r['mrr@10']:7.3f}"
        )
    write_results(f"retrieval-{data.name}{tag}", {"search": values, "results": results})
    print(json.dumps(results))


if __name__ == "__main__":
    main()
