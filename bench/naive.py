"""The issue's naive retrieval baseline beside newsbot's search, on the same merged corpus.

    python -m bench.naive                 # tune and dev, naive and newsbot, pooled too
    python -m bench.naive --chunk-chars 1000 --rrf-k 60

Issue 8 measured newsbot "at the level of a naive baseline" on held-out weeks: fixed
1,000-character chunks of each article's text, all-MiniLM-L6-v2 vectors in an exact FAISS index,
bm25s over the same chunks, fused by textbook reciprocal rank fusion (k = 60, equal weights).
This builds that baseline over the realtimeqa-tune and -dev corpora together (the articles
newsbot's merged index holds, every copy of a duplicate kept: the baseline does not dedupe) and
scores it, in the same run, beside `Searcher.search` on newsbot's merged index
(bench/out/rtqa-merged-index, the index `bench.retrieval` uses), with
../shared/eval/score_retrieval.py's rule (gold = gold_urls_strict, else gold_urls) and bootstrap
95% intervals.

Both sides embed with the configured backend of the same model (onnx by default). The baseline's
chunk vectors are kept in bench/out/naive-<chunk chars>/ (keyed by the chunks' digest, resumed
if a run is cut off): the first run embeds 27,210 chunks (about 25 minutes on two cores), later
runs take half a minute. Besides each side's figures, `<set>/newsbot-minus-naive` gives the
paired difference (question by question) of hits@5 and MRR@10 with its bootstrap interval: a gap
whose interval excludes 0 is more than the sets' noise. Each side's figures are checked against
score_retrieval.py's own output on the written files. Results: bench/out/naive.json,
bench/out/naive-<set>.jsonl and naive-<set>-newsbot.jsonl (`newsbot search --batch --json`
format).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from bench.common import (
    EVAL,
    OUT,
    REALTIMEQA,
    dataset,
    dataset_settings,
    indexed,
    load_scorer,
    log,
    read_jsonl,
    write_jsonl,
    write_results,
)
from bench.retrieval import first_hit, paired_gap, with_intervals
from index.fusion import reciprocal_rank_fusion

CHUNK_CHARS = 1000  # the naive chunk size
RRF_K = 60  # textbook reciprocal rank fusion
DEPTH = 100  # candidates each ranker gives the fusion
SHOWN = 10  # hits scored (score_retrieval reads the first 10)
ENCODE_BATCH = 512  # chunks embedded between saves of the partial vectors


@dataclass(frozen=True)
class Chunk:
    article: dict[str, Any]
    text: str


def chunks_of(text: str, size: int) -> list[str]:
    """`text` cut into pieces of at most `size` characters, each cut at the last whitespace
    before the limit (a word longer than `size` is cut where it must be)."""
    out: list[str] = []
    rest = text.strip()
    while rest:
        if len(rest) <= size:
            out.append(rest)
            break
        cut = rest.rfind(" ", 0, size + 1)
        cut = cut if cut > 0 else size
        out.append(rest[:cut].strip())
        rest = rest[cut:].strip()
    return [c for c in out if c]


def corpus_chunks(paths: Sequence[Path], size: int) -> list[Chunk]:
    chunks = []
    for path in paths:
        for article in read_jsonl(path):
            for piece in chunks_of(re.sub(r"\s+", " ", article.get("text") or ""), size):
                chunks.append(Chunk(article, piece))
    return chunks


def chunk_vectors(chunks: Sequence[Chunk], embedder: Any, folder: Path) -> np.ndarray:
    """The chunks' unit vectors, embedded once and kept in `folder` (resumed if cut off)."""
    digest = hashlib.sha256("\x00".join(c.text for c in chunks).encode()).hexdigest()[:16]
    folder.mkdir(parents=True, exist_ok=True)
    done, partial = folder / f"vectors-{digest}.npy", folder / f"partial-{digest}.npy"
    if done.exists():
        return np.load(done)
    parts = [np.load(partial)] if partial.exists() else []
    have = sum(len(p) for p in parts)
    while have < len(chunks):
        batch = [c.text for c in chunks[have : have + ENCODE_BATCH]]
        parts.append(embedder.encode(batch))
        have += len(batch)
        np.save(partial, np.concatenate(parts))
        log(f"naive baseline: {have} of {len(chunks)} chunks embedded")
    vectors = np.ascontiguousarray(np.concatenate(parts), dtype=np.float32)
    np.save(done, vectors)
    partial.unlink(missing_ok=True)
    return vectors


class NaiveBaseline:
    """Exact FAISS inner product and bm25s over the chunks, fused by RRF."""

    def __init__(self, chunks: Sequence[Chunk], vectors: np.ndarray, embedder: Any, k: int):
        import bm25s
        import faiss

        self.chunks, self.embedder, self.k = chunks, embedder, k
        self.dense = faiss.IndexFlatIP(vectors.shape[1])
        self.dense.add(vectors)
        self.bm25 = bm25s.BM25()
        self.bm25.index(
            bm25s.tokenize([c.text for c in chunks], stopwords="en", show_progress=False),
            show_progress=False,
        )

    def search(self, question: str) -> list[dict[str, Any]]:
        import bm25s

        _, dense = self.dense.search(self.embedder.encode([question]), DEPTH)
        tokens = bm25s.tokenize([question], stopwords="en", show_progress=False)
        lexical: list[int] = []
        if tokens.ids and tokens.ids[0]:
            found, _ = self.bm25.retrieve(
                tokens, k=min(DEPTH, len(self.chunks)), show_progress=False
            )
            lexical = [int(i) for i in found[0]]
        dense_ids = [int(i) for i in dense[0] if i >= 0]
        best = reciprocal_rank_fusion([dense_ids, lexical], k=self.k)[:SHOWN]
        return [
            {
                "rank": n + 1,
                "score": round(score, 6),
                "url": self.chunks[i].article.get("url"),
                "title": self.chunks[i].article.get("title"),
                "text": self.chunks[i].text,
            }
            for n, (i, score) in enumerate(best)
        ]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--chunk-chars", type=int, default=CHUNK_CHARS, help="chunk size")
    parser.add_argument("--rrf-k", type=int, default=RRF_K, help="the fusion's k")
    args = parser.parse_args()

    data = dataset(REALTIMEQA[0])
    settings = dataset_settings(data)
    library = indexed(data, settings)  # newsbot's merged index, as bench.retrieval uses it
    searcher = library.searcher()
    embedder = library.embedder
    chunks = corpus_chunks([EVAL / name / "corpus.jsonl" for name in REALTIMEQA], args.chunk_chars)
    log(f"naive baseline: {len(chunks)} chunks of at most {args.chunk_chars} characters")
    vectors = chunk_vectors(chunks, embedder, OUT / f"naive-{args.chunk_chars}")
    naive = NaiveBaseline(chunks, vectors, embedder, args.rrf_k)
    scorer = load_scorer("score_retrieval")

    results: dict[str, Any] = {
        "chunk_chars": args.chunk_chars,
        "rrf_k": args.rrf_k,
        "chunks": len(chunks),
        "embedder": embedder.name,
        "results": {},
    }
    # each question's rank (0-based) of its first hit by score_retrieval.py's rule, or None
    pooled: dict[str, list[int | None]] = {"naive": [], "newsbot": []}
    spans: dict[str, tuple[int, int]] = {}  # each set's questions in the pooled lists
    for name in REALTIMEQA:
        qfile = EVAL / name / "questions.jsonl"
        questions = read_jsonl(qfile)
        naive_rows = [
            {"query": q["question"], "hits": naive.search(q["question"])} for q in questions
        ]
        ours = [
            {
                "query": q["question"],
                "hits": [h.to_json() for h in searcher.search(q["question"], k=SHOWN)],
            }
            for q in questions
        ]
        files = {
            "naive": OUT / f"naive-{name}.jsonl",
            "newsbot": OUT / f"naive-{name}-newsbot.jsonl",
        }
        write_jsonl(files["naive"], naive_rows)
        write_jsonl(files["newsbot"], ours)
        spans[name] = (len(pooled["naive"]), len(pooled["naive"]) + len(questions))
        for label, rows in (("naive", naive_rows), ("newsbot", ours)):
            ranks = [
                first_hit(q, r["hits"], scorer.has_answer)
                for q, r in zip(questions, rows, strict=True)
            ]
            pooled[label] += ranks
            figures = results["results"][f"{name}/{label}"] = with_intervals(ranks)
            official = scorer.score(str(qfile), str(files[label]))
            if any(figures[k] != official[k] for k in ("hits@1", "hits@5", "hits@10", "mrr@10")):
                raise SystemExit(f"{name}/{label}: {figures} is not the scorer's {official}")
    for label, ranks in pooled.items():
        results["results"][f"pooled/{label}"] = with_intervals(ranks)
    spans["pooled"] = (0, len(pooled["naive"]))
    # newsbot minus the baseline, question by question (paired): its interval says whether the
    # gap is more than the sets' noise
    for set_name, (start, end) in spans.items():
        results["results"][f"{set_name}/newsbot-minus-naive"] = paired_gap(
            pooled["newsbot"][start:end], pooled["naive"][start:end]
        )
    path = write_results("naive", results)
    print(json.dumps(results["results"], indent=1))
    log(f"wrote {path}")


if __name__ == "__main__":
    main()
