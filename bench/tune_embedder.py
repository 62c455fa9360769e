"""Adapting MiniLM to the corpus offline: does it rank realtimeqa passages better?

    python -m bench.tune_embedder                       # train on the corpus, rank tune's pools
    python -m bench.tune_embedder --set realtimeqa-dev --reuse   # the same model on dev
    python -m bench.tune_embedder --hard-negatives      # with a BM25 hard negative a pair

Issue 8 names one retrieval lever beyond the engine's settings: contrastive fine-tuning of
all-MiniLM-L6-v2 on pairs mined from the indexed articles. This mines them from the merged
realtimeqa index (both corpora, as the bot would index them; no question or answer is read):
each article's title with one of its passages, and its first sentence with one of its later
passages, passages without their title (with it, the pair would be matched by the title's own
words). A copy of the model is trained on them for one epoch with in-batch negatives (the
multiple-negatives ranking loss of sentence-transformers, written out: cross-entropy over the
scaled cosines of each query to every passage of its batch; `--hard-negatives` adds, for each
query, its best BM25 passage from another article to the batch) and saved in
bench/out/models/minilm-tuned-*/ (`--reuse` loads it).

Then each question's top `--pool` passages from `Searcher.search` (the configured hybrid
search) are ranked again with the base and the tuned model side by side: by cosine alone, and
fused with the pool's BM25 order as the searcher fuses (`rrf_k`, the dense and BM25 weights of
config.toml). With the base model the fused pool reproduces the searcher's own figures within a
question or two (both are printed), so the two models differ only in their vectors. A tuned
model could also bring passages from outside the pool; measuring that re-embeds the ~27,500
passages (30-45 minutes), which is worth doing only if the pools improve.

Writes bench/out/tune-embedder-<set>.json. Training takes ~10 minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import random
import re
import time
from pathlib import Path
from typing import Any

import numpy as np

from bench.common import (
    MODELS,
    add_dataset_args,
    chosen_dataset,
    dataset_settings,
    indexed,
    load_scorer,
    log,
    read_jsonl,
    write_results,
)
from bench.retrieval import with_intervals
from index.chunking import embed_text
from index.embedding import default_model_path
from index.fusion import reciprocal_rank_fusion
from index.store import Layout, Metadata, read_metadata

SCALE = 20.0  # the loss's cosine scale (sentence-transformers' default for this loss)
MIN_TITLE_WORDS = 4  # shorter titles ("Review", "Opinion") say nothing about the article
MIN_LEAD_WORDS = 8
SEED = 0


def mine_pairs(meta: Metadata, seed: int = SEED) -> list[tuple[str, str]]:
    """(query, passage) pairs from the articles of a snapshot's metadata."""
    passages: dict[str, list[str]] = {}
    for p in meta.passages:
        passages.setdefault(p.article_id, []).append(p.text)
    rng = random.Random(seed)
    pairs = []
    for article_id in sorted(meta.articles):
        article, texts = meta.articles[article_id], passages.get(article_id)
        if not texts:
            continue
        if article.title and len(article.title.split()) >= MIN_TITLE_WORDS:
            pairs.append((article.title, rng.choice(texts)))
        lead = re.split(r"(?<=[.!?])\s+", texts[0].strip(), maxsplit=1)[0]
        if len(texts) > 1 and len(lead.split()) >= MIN_LEAD_WORDS:
            pairs.append((lead, rng.choice(texts[1:])))
    rng.shuffle(pairs)
    return pairs


def hard_negatives(
    pairs: list[tuple[str, str]], searcher: Any, article_of: dict[str, str]
) -> list[str]:
    """For each pair, the best BM25 passage for its query from another article (a passage on a
    similar subject that does not answer it), else an empty string."""
    negatives = []
    for query, passage in pairs:
        own = article_of.get(passage)
        hits = searcher.search(query, k=5, mode="bm25")
        negatives.append(next((h.text for h in hits if h.article_id != own), ""))
    return negatives


def train(
    pairs: list[tuple[str, str]],
    out: Path,
    *,
    lr: float,
    batch_size: int,
    max_seq: int,
    negatives: list[str] | None = None,
) -> None:
    """Fine-tune a copy of the default model on `pairs` (one epoch) and save it to `out`; with
    `negatives`, each query's hard negative joins its batch's passages."""
    import torch
    from sentence_transformers import SentenceTransformer

    torch.manual_seed(SEED)
    model = SentenceTransformer(str(default_model_path()), device="cpu")
    model.max_seq_length = max_seq
    steps = len(pairs) // batch_size
    warmup = max(1, steps // 10)
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min(1.0, (s + 1) / warmup) * max(0.0, (steps - s) / steps)
    )

    def embed(texts: list[str]) -> Any:
        features = model.preprocess(texts)
        vectors = model(features)["sentence_embedding"]
        return torch.nn.functional.normalize(vectors, dim=-1)

    model.train()
    started = time.monotonic()
    for step in range(steps):
        batch = pairs[step * batch_size : (step + 1) * batch_size]
        queries = embed([q for q, _ in batch])
        texts = [p for _, p in batch]
        if negatives is not None:
            texts += [n for n in negatives[step * batch_size : (step + 1) * batch_size] if n]
        passages = embed(texts)
        logits = SCALE * queries @ passages.T
        loss = torch.nn.functional.cross_entropy(logits, torch.arange(len(batch)))
        loss.backward()
        optimizer.step()
        schedule.step()
        optimizer.zero_grad()
        if step % 20 == 0 or step == steps - 1:
            took = time.monotonic() - started
            log(f"step {step + 1}/{steps}: loss {loss.item():.3f}, {took:.0f}s")
    model.save(str(out))


def first_relevant(order: Any, relevant: list[bool]) -> int | None:
    """The 0-based position in `order` of the first relevant passage, or None."""
    return next((i for i, j in enumerate(order) if relevant[j]), None)


def summary(ranks: list[int | None]) -> dict[str, Any]:
    """hits@1/5/10 and MRR@10 of first-relevant positions in a pool, with 95% intervals: the
    retrieval bench's figures, for which a first relevant passage past the tenth is a miss."""
    return with_intervals([r if r is not None and r < 10 else None for r in ranks])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    add_dataset_args(parser, "realtimeqa-tune", ("realtimeqa-tune", "realtimeqa-dev"))
    parser.add_argument("--pool", type=int, default=50, help="passages ranked again a question")
    parser.add_argument("--lr", type=float, default=2e-5, help="learning rate")
    parser.add_argument("--batch-size", type=int, default=32, help="pairs a step")
    parser.add_argument("--max-seq", type=int, default=128, help="word pieces a text in training")
    parser.add_argument("--reuse", action="store_true", help="load the tuned model if saved")
    parser.add_argument(
        "--hard-negatives",
        action="store_true",
        help="add each query's best BM25 passage from another article as a negative",
    )
    args = parser.parse_args()

    from sentence_transformers import SentenceTransformer

    data = chosen_dataset(args)
    settings = dataset_settings(data)
    library = indexed(data, settings)
    searcher = library.searcher()
    variant = f"lr{args.lr:g}-b{args.batch_size}-s{args.max_seq}"
    tuned_dir = MODELS / f"minilm-tuned-{variant}{'-hard' if args.hard_negatives else ''}"
    meta = read_metadata(Layout(data.index_dir).current_dir() / "meta.sqlite")
    pairs = mine_pairs(meta)
    log(f"{len(pairs)} pairs from {data.index_dir.name}")
    if not (args.reuse and (tuned_dir / "config.json").exists()):
        negatives = None
        if args.hard_negatives:
            article_of = {p.text: p.article_id for p in meta.passages}
            negatives = hard_negatives(pairs, searcher, article_of)
        train(
            pairs,
            tuned_dir,
            lr=args.lr,
            batch_size=args.batch_size,
            max_seq=args.max_seq,
            negatives=negatives,
        )

    has_answer = load_scorer("score_retrieval").has_answer
    questions = read_jsonl(data.questions)
    pools = []
    configured: list[int | None] = []
    for q in questions:
        hits = searcher.search(q["question"], k=args.pool)
        gold = set(q.get("gold_urls_strict") or q["gold_urls"])
        relevant = [h.url in gold and has_answer(h.text, q["answer"]) for h in hits]
        configured.append(first_relevant(range(len(hits)), relevant))
        bm25 = sorted(range(len(hits)), key=lambda i: -hits[i].bm25_score)
        pools.append(([embed_text(h.title, h.text) for h in hits], bm25, relevant))

    cfg = settings.search
    results: dict[str, Any] = {
        "n": len(questions),
        "pairs": len(pairs),
        "pool": args.pool,
        "lr": args.lr,
        "batch_size": args.batch_size,
        "max_seq": args.max_seq,
        "hard_negatives": args.hard_negatives,
        "searcher (configured hybrid)": summary(configured),
    }
    for name, path in (("base", default_model_path()), ("tuned", tuned_dir)):
        model = SentenceTransformer(str(path), device="cpu")
        dense_ranks: list[int | None] = []
        fused_ranks: list[int | None] = []
        for q, (texts, bm25, relevant) in zip(questions, pools, strict=True):
            if not texts:
                dense_ranks.append(None)
                fused_ranks.append(None)
                continue
            vectors = model.encode([q["question"], *texts], normalize_embeddings=True)
            dense = [int(i) for i in np.argsort(-(vectors[1:] @ vectors[0]), kind="stable")]
            fused = reciprocal_rank_fusion(
                [dense, bm25], [cfg.dense_weight, cfg.bm25_weight], k=cfg.rrf_k
            )
            dense_ranks.append(first_relevant(dense, relevant))
            fused_ranks.append(first_relevant([i for i, _ in fused], relevant))
        results[f"{name}: dense in pool"] = summary(dense_ranks)
        results[f"{name}: fused in pool"] = summary(fused_ranks)
        log(f"{name}: dense {results[f'{name}: dense in pool']}")
        log(f"{name}: fused {results[f'{name}: fused in pool']}")
    hard = "-hard" if args.hard_negatives else ""
    write_results(f"tune-embedder-{data.label}{hard}", results)
    for key, value in results.items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
