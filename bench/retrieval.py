"""Retrieval quality on realtimeqa-dev: BM25 alone, dense alone and hybrid, from one run.

    python -m bench.retrieval            # builds bench/out/rtqa-index once, then scores

Each mode writes the `newsbot search --batch --json` format to bench/out/ and is scored by
../shared/eval/score_retrieval.py (hits@1/5/10, MRR@10; gold = gold_urls_strict, else gold_urls).
"""

from __future__ import annotations

import argparse
import json

from bench.common import EVAL, OUT, load_scorer, log, read_jsonl, write_jsonl
from bot.settings import load_settings
from index.library import Library

MODES = ("bm25", "dense", "hybrid")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", default=str(OUT / "rtqa-index"))
    parser.add_argument("-k", type=int, default=10)
    args = parser.parse_args()

    settings = load_settings(None, args.data_dir)
    library = Library(settings)
    corpus = EVAL / "realtimeqa-dev" / "corpus.jsonl"
    report = library.build([str(corpus)])
    log(report.summary())
    searcher = library.searcher()
    qfile = EVAL / "realtimeqa-dev" / "questions.jsonl"
    questions = read_jsonl(qfile)
    scorer = load_scorer("score_retrieval")
    results = {}
    for mode in MODES:
        rows = [
            {
                "query": q["question"],
                "hits": [h.to_json() for h in searcher.search(q["question"], args.k, mode=mode)],
            }
            for q in questions
        ]
        out = OUT / f"retrieval-{mode}.jsonl"
        write_jsonl(out, rows)
        results[mode] = scorer.score(str(qfile), str(out))
    n = results["hybrid"]["n"]
    print(f"{'mode':8} {'hits@1':>7} {'hits@5':>7} {'hits@10':>8} {'mrr@10':>7}", end="")
    print(f"   (n={n} questions, {report.passages} passages)")
    for mode, r in results.items():
        print(
            f"{mode:8} {r['hits@1']:7.3f} {r['hits@5']:7.3f} {r['hits@10']:8.3f} {r['mrr@10']:7.3f}"
        )
    print(json.dumps(results))


if __name__ == "__main__":
    main()
