"""A learned re-ranking of the hybrid search's top passages, cross-validated on realtimeqa-tune.

    python -m bench.rerank                  # 5-fold CV on tune (fits on 4/5, ranks the other 1/5)
    python -m bench.rerank --report         # fit on all of tune, rank dev once
    python -m bench.rerank --depth 50       # re-rank the top 50 instead of 30

The issue's retrieval levers include "fusion by learned weights chosen on tune". Of the 150 tune
questions, the answer's passage is in the hybrid top 5 for about 0.71 but in the top 20 for 0.83:
an order that reads more than two ranks could lift some of the rest. This measures one: each
candidate passage of `Searcher.search` (the merged index's hybrid order, `--depth` deep) gets a
few features (its fused rank, its dense and BM25 scores, the IDF share of the question's words
in the passage and in its article's title, the share of the question's word pairs it holds,
whether it opens its article, how many of the candidates its article has), and an L2-regularised
logistic regression (`bench.notfound.fit_logistic`), fitted on tune questions' candidates
(label: score_retrieval.py's hit, a gold article's passage holding the answer), orders them.

Folds are by question; the held-out folds' hits@1/5/10 and MRR@10 are pooled over the 150
questions and set beside the hybrid order's on the same questions, with the paired gap's
bootstrap interval. Nothing here is used by the bot unless it is kept (docs/benchmarks.md,
"Retrieval quality").
"""

from __future__ import annotations

import argparse
import math
from collections import Counter
from typing import Any

import numpy as np

from bench.common import (
    dataset,
    dataset_settings,
    indexed,
    load_scorer,
    log,
    read_jsonl,
    write_results,
)
from bench.notfound import fit_logistic
from bench.retrieval import paired_gap, with_intervals
from bot.answer import lexical_overlap
from bot.question import content_words

DEPTH = 30
FOLDS = 5
PENALTY = 0.001
FEATURES = (
    "inverse_rank",
    "fused_share",
    "dense",
    "bm25_share",
    "passage_coverage",
    "title_coverage",
    "pair_share",
    "opens_article",
    "article_candidates",
)


def pairs(text: str) -> set[tuple[str, str]]:
    """The consecutive pairs of `text`'s content words (each word once, in order)."""
    words = content_words(text)
    return set(zip(words, words[1:], strict=False))


def candidate_rows(searcher: Any, question: dict[str, Any], depth: int, has: Any) -> dict[str, Any]:
    """The features and labels of one question's candidates, in the hybrid order."""
    hits = searcher.search(question["question"], k=depth)
    keys = list(content_words(question["question"]))
    weights = [float(w) for w in searcher.term_weights(keys)] if keys else []
    asked_pairs = pairs(question["question"])
    per_article = Counter(h.article_id for h in hits)
    top_fused = max((h.score for h in hits), default=1.0) or 1.0
    top_bm25 = max((h.bm25_score for h in hits), default=1.0) or 1.0
    gold = set(question.get("gold_urls_strict") or question["gold_urls"])
    x, y = [], []
    for h in hits:
        x.append(
            [
                1.0 / h.rank,
                h.score / top_fused,
                h.dense_score,
                h.bm25_score / top_bm25,
                lexical_overlap(keys, h.text, weights),
                lexical_overlap(keys, h.title or "", weights),
                len(asked_pairs & pairs(h.text)) / len(asked_pairs) if asked_pairs else 0.0,
                float(h.start == 0),
                math.log(per_article[h.article_id]),
            ]
        )
        y.append(float(h.url in gold and has(h.text, question["answer"])))
    return {"x": np.array(x, dtype=float).reshape(-1, len(FEATURES)), "y": np.array(y)}


def first_relevant(labels: np.ndarray, order: np.ndarray) -> int | None:
    """Rank (0-based) of the first relevant candidate within the top 10 of `order`."""
    for rank, i in enumerate(order[:10]):
        if labels[i]:
            return rank
    return None


def standardise(train: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mean, std = train.mean(axis=0), train.std(axis=0)
    return mean, np.where(std > 0, std, 1.0)


def fit(rows: list[dict[str, Any]], penalty: float) -> tuple[np.ndarray, float, Any]:
    x = np.vstack([r["x"] for r in rows])
    y = np.concatenate([r["y"] for r in rows])
    mean, std = standardise(x)
    w, b = fit_logistic((x - mean) / std, y, penalty)
    return w, b, (mean, std)


def ranked(row: dict[str, Any], model: tuple[np.ndarray, float, Any]) -> np.ndarray:
    w, b, (mean, std) = model
    if len(row["y"]) == 0:
        return np.zeros(0, dtype=int)
    score = ((row["x"] - mean) / std) @ w + b
    return np.argsort(-score, kind="stable")


def summary(base: list[int | None], new: list[int | None]) -> dict[str, Any]:
    return {
        "hybrid": with_intervals(base),
        "reranked": with_intervals(new),
        "reranked_minus_hybrid": paired_gap(new, base),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--depth", type=int, default=DEPTH)
    parser.add_argument("--penalty", type=float, default=PENALTY)
    parser.add_argument("--report", action="store_true", help="fit on tune, rank dev once")
    args = parser.parse_args()
    tune = dataset("realtimeqa-tune")
    library = indexed(tune, dataset_settings(tune))
    searcher = library.searcher()
    has = load_scorer("score_retrieval").has_answer
    rows = {
        name: [
            candidate_rows(searcher, q, args.depth, has)
            for q in read_jsonl(dataset(name).questions)
        ]
        for name in ("realtimeqa-tune", "realtimeqa-dev")
    }
    results: dict[str, Any] = {"depth": args.depth, "penalty": args.penalty, "features": FEATURES}
    data = rows["realtimeqa-tune"]
    base = [first_relevant(r["y"], np.arange(len(r["y"]))) for r in data]
    new: list[int | None] = [None] * len(data)
    folds = np.arange(len(data)) % FOLDS
    for fold in range(FOLDS):
        train = [r for r, f in zip(data, folds, strict=True) if f != fold]
        model = fit(train, args.penalty)
        for i in np.flatnonzero(folds == fold):
            new[i] = first_relevant(data[i]["y"], ranked(data[i], model))
    results["tune_cv"] = summary(base, new)
    log(f"tune, {FOLDS}-fold CV: {results['tune_cv']}")
    model = fit(data, args.penalty)
    results["weights"] = dict(zip(FEATURES, [round(float(v), 3) for v in model[0]], strict=True))
    log(f"weights on all of tune (standardised features): {results['weights']}")
    if args.report:
        dev = rows["realtimeqa-dev"]
        base = [first_relevant(r["y"], np.arange(len(r["y"]))) for r in dev]
        new = [first_relevant(r["y"], ranked(r, model)) for r in dev]
        results["dev"] = summary(base, new)
        log(f"dev: {results['dev']}")
    write_results("rerank", results)


if __name__ == "__main__":
    main()
