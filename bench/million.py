"""A realistic million: 100k and 1M distinct passages, served through the real code path.

    python -m bench.million [--sizes 100000,1000000] [--kinds flat,hnsw,ivf-sq8,ivfpq]
                            [--questions 40] [--encode 1500]

Corpus (built once a size, cached in bench/out/million/n<size>/common): the realtimeqa-tune,
realtimeqa-dev and polnear-dev articles, then synthetic variants of them until `size` passages.
A variant of article A keeps A's sentences in order but replaces each, with probability 0.25,
by a sentence of a random other article; then a per-variant mapping renames up to six of its
most frequent capitalised words to other capitalised words of the corpus and permutes its
digits (so names, numbers and the vocabulary stay those of real news and every passage is
distinct). A's statements (rule-based extraction on the real article) follow into the variant
when their sentence survived, renamed the same way. Sentences are packed into passages of at
most 1,000 characters, about a real passage's 176 tokens.

Vectors: `--encode` real passages (title + text) are encoded with the configured model; every
other passage gets a random mixture of two of those (0.7/0.3) as its template's vector, and a
variant's passage its template passage's vector plus 0.3 of another real vector and gaussian
noise (std 0.02 a dimension), renormalised. They are synthetic (the dense side cannot find
meaning in them); what is real is the shape: clusters of near neighbours as in news.

Each index kind is a real snapshot (meta.sqlite, vectors.npy and bm25/ written by the store
and BM25 code once a size, hard-linked; dense.faiss built by `index.dense.build_faiss`, timed
and its peak memory taken in a fresh process; manifest with checksums). Then in a fresh
process each: cold start (model load, `Library.searcher()` with checksum verification, the
first `Answerer.answer`), the time until the statements, read behind the first answers, are
all in, resident memory (anonymous and file-backed RSS from /proc), then p50/p95
of `Searcher.search(q, k=10)` and of `Answerer.answer(q)` (extractive; realtimeqa-dev
questions and polnear-dev "What did X say?" questions), recall@10 of the dense side against an
exact scan of vectors.npy, and the memory of the old full metadata read against the lazy
tables. Writes bench/out/million.json and docs/million-latency.png.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import time
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from bench.common import (
    EVAL,
    MODELS,
    OUT,
    REPO,
    bench_settings,
    dataset,
    in_child,
    log,
    peak_mb,
    percentile,
    read_jsonl,
    run_header,
    write_results,
)

ROOT = OUT / "million"
SOURCES = [
    dataset("realtimeqa-tune").corpus,
    dataset("realtimeqa-dev").corpus,
    EVAL / "polnear-dev" / "articles.jsonl",
]
PASSAGE_CHARS = 1000
REPLACE_P = 0.25
NOISE = 0.02
PLOT = REPO / "docs" / "million-latency.png"


def memory_status() -> dict[str, float]:
    """RssAnon and RssFile of this process, MiB."""
    out: dict[str, float] = {}
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith(("RssAnon", "RssFile", "VmHWM")):
                key, value = line.split(":")
                out[key.lower() + "_mb"] = round(int(value.split()[0]) / 1024, 1)
    return out


# ---------------------------------------------------------------------------------------------
# The corpus


def _pack(sentences: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Article text (sentences joined by spaces) and its passages' spans."""
    text = " ".join(sentences)
    spans: list[tuple[int, int]] = []
    pos, start, end = 0, 0, 0
    for s in sentences:
        s_start, s_end = pos, pos + len(s)
        if s_end - start > PASSAGE_CHARS and end > start:
            spans.append((start, end))
            start = s_start
        end = s_end
        pos = s_end + 1
    if end > start:
        spans.append((start, end))
    return text, spans


_NAME = re.compile(r"\b[A-Z][a-z]{2,}\b")


def make_corpus(size: int, out: str, encode: int, seed: int = 0) -> dict[str, Any]:
    """Write meta.sqlite, vectors.npy and bm25/ of `size` passages into `out` (in a child)."""
    from index.bm25 import BM25Index
    from index.chunking import split_sentences
    from index.embedding import load_embedder
    from index.ingest.loader import load_articles
    from index.models import Article, Passage, Statement
    from index.quotes.extraction import extract_statements
    from index.store import save_vectors, write_metadata

    started = time.perf_counter()
    rng = np.random.default_rng(seed)
    real = load_articles([str(p) for p in SOURCES])
    t = time.perf_counter()
    real_statements = {a.id: extract_statements(a) for a in real}
    extract_s = time.perf_counter() - t
    sentences = [[a.text[s:e] for s, e in split_sentences(a.text)] for a in real]
    pool = [s for ss in sentences for s in ss if len(s) > 40]
    names = [w for w, n in Counter(_NAME.findall(" ".join(pool))).items() if n >= 3]

    articles: list[Article] = []
    passages: list[Passage] = []
    statements: list[Statement] = []
    template: list[int] = []  # passage row -> row of its real template passage
    real_rows: list[list[int]] = []  # real article -> its passage rows
    seen: set[bytes] = set()
    duplicates = 0

    def add(article: Article, spans: list[tuple[int, int]], base: list[int] | None) -> None:
        nonlocal duplicates
        articles.append(article)
        rows = []
        for i, (s, e) in enumerate(spans):
            if len(passages) >= size:
                break
            text = article.text[s:e]
            key = hash(text).to_bytes(8, "little", signed=True)
            if key in seen:
                duplicates += 1
                continue
            seen.add(key)
            rows.append(len(passages))
            template.append(len(passages) if base is None else base[min(i, len(base) - 1)])
            passages.append(Passage(Passage.make_id(article.id, s, e), article.id, s, e, text))
        if base is None:
            real_rows.append(rows)

    for a, ss in zip(real, sentences, strict=True):
        text, spans = _pack(ss)
        kept = replace(a, text=text)
        add(kept, spans, None)
        for st in real_statements[a.id]:
            at = text.find(st.text)
            if at >= 0:
                statements.append(replace(st, start=at, end=at + len(st.text)))
    n_real = len(passages)
    variant = 0
    while len(passages) < size:
        variant += 1
        for k in rng.permutation(len(real)):
            if len(passages) >= size:
                break
            a, ss = real[k], sentences[k]
            if not ss or not real_rows[k]:
                continue
            own = Counter(_NAME.findall(a.text)).most_common(6)
            mapping = {w: names[int(rng.integers(len(names)))] for w, _ in own}
            digits = str.maketrans("0123456789", "".join(rng.permutation(list("0123456789"))))

            def change(s: str, mapping: dict[str, str] = mapping, digits: Any = digits) -> str:
                return _NAME.sub(lambda m: mapping.get(m.group(0), m.group(0)), s).translate(digits)

            chosen = [
                s if rng.random() >= REPLACE_P else pool[int(rng.integers(len(pool)))] for s in ss
            ]
            text, spans = _pack([change(s) for s in chosen])
            aid = f"{a.id}~v{variant}"
            art = Article(
                id=aid,
                title=change(a.title),
                text=text,
                url=f"{a.url}#v{variant}" if a.url else None,
                source=a.source,
                author=a.author,
                published_at=a.published_at,
                origin=f"{a.origin}~v{variant}",
            )
            add(art, spans, real_rows[k])
            for st in real_statements[a.id]:
                changed = change(st.text)
                at = text.find(changed)
                if at >= 0:
                    statements.append(
                        replace(
                            st,
                            article_id=aid,
                            speaker=change(st.speaker),
                            text=changed,
                            start=at,
                            end=at + len(changed),
                        )
                    )
    gen_s = time.perf_counter() - started
    titles = {a.id: a.title for a in articles}
    texts = [f"{titles[p.article_id]}\n{p.text}" for p in passages]

    # Vectors: real ones for `encode` real passages, mixtures of them for the rest.
    t = time.perf_counter()
    settings = bench_settings(out)
    embedder = load_embedder(settings.embedding)
    encoded_rows = np.sort(rng.choice(n_real, min(encode, n_real), replace=False))
    real_vectors = embedder.encode([texts[r] for r in encoded_rows]).astype(np.float32)
    encode_s = time.perf_counter() - t
    dim = real_vectors.shape[1]
    m = len(real_vectors)
    base = np.empty((n_real, dim), dtype=np.float32)
    for start in range(0, n_real, 65536):
        stop = min(n_real, start + 65536)
        i, j = rng.integers(m, size=stop - start), rng.integers(m, size=stop - start)
        base[start:stop] = 0.7 * real_vectors[i] + 0.3 * real_vectors[j]
    base[encoded_rows] = real_vectors
    base /= np.linalg.norm(base, axis=1, keepdims=True)
    vectors = np.empty((len(passages), dim), dtype=np.float32)
    vectors[:n_real] = base
    tmpl = np.asarray(template, dtype=np.int64)
    for start in range(n_real, len(passages), 65536):
        stop = min(len(passages), start + 65536)
        v = base[tmpl[start:stop]] + 0.3 * real_vectors[rng.integers(m, size=stop - start)]
        v += rng.normal(0.0, NOISE, size=v.shape).astype(np.float32)
        vectors[start:stop] = v / np.linalg.norm(v, axis=1, keepdims=True)

    root = Path(out)
    root.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    write_metadata(root / "meta.sqlite", articles, passages, statements)
    meta_s = time.perf_counter() - t
    save_vectors(root / "vectors.npy", vectors)
    del vectors, base
    articles.clear()
    passages.clear()
    t = time.perf_counter()
    BM25Index.build(texts).save(root / "bm25")
    bm25_s = time.perf_counter() - t
    info = {
        "size": size,
        "real_passages": n_real,
        "articles": len(titles),
        "statements": len(statements),
        "variants_per_article": variant,
        "duplicate_passages_skipped": duplicates,
        "encoded_passages": m,
        "dimension": dim,
        "model": embedder.name,
        "model_file": getattr(embedder, "model_file", None),
        "seconds": {
            "statements_real": round(extract_s, 1),
            "generate": round(gen_s, 1),
            "encode": round(encode_s, 1),
            "metadata_write": round(meta_s, 1),
            "bm25_build": round(bm25_s, 1),
            "total": round(time.perf_counter() - started, 1),
        },
        "peak_mb": round(peak_mb(), 1),
    }
    (root / "info.json").write_text(json.dumps(info, indent=2), encoding="utf-8")
    return info


# ---------------------------------------------------------------------------------------------
# One snapshot a kind


def make_snapshot(common: str, data_dir: str, kind: str) -> dict[str, Any]:
    """A snapshot in `data_dir` of the common files and a FAISS index of `kind` (in a child)."""
    from index.dense import build_faiss, save_faiss
    from index.store import (
        PARTIAL,
        SNAPSHOT_FORMAT,
        Layout,
        finish_snapshot,
        switch_current,
        write_manifest,
    )

    src = Path(common)
    info = json.loads((src / "info.json").read_text(encoding="utf-8"))
    settings = bench_settings(data_dir)
    layout = Layout(Path(data_dir))
    name = layout.new_snapshot_name()
    partial = layout.snapshots / (name + PARTIAL)
    partial.mkdir(parents=True)
    for f in ("meta.sqlite", "vectors.npy"):
        os.link(src / f, partial / f)
    shutil.copytree(src / "bm25", partial / "bm25", copy_function=os.link)
    vectors = np.load(src / "vectors.npy", mmap_mode="r")
    rss0 = memory_status()
    t = time.perf_counter()
    index, factory = build_faiss(vectors, replace(settings.index, faiss=kind))
    build_s = time.perf_counter() - t
    save_faiss(index, partial / "dense.faiss")
    del index
    write_manifest(
        partial / "manifest.json",
        {
            "format": SNAPSHOT_FORMAT,
            "name": name,
            "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "model": info["model"],
            "dimension": info["dimension"],
            "faiss": factory,
            "articles": info["articles"],
            "passages": info["size"],
            "statements": info["statements"],
            "synthetic": "bench.million",
        },
    )
    finish_snapshot(partial)
    switch_current(layout, name)
    return {
        "kind": kind,
        "factory": factory,
        "build_s": round(build_s, 1),
        "rss_before_mb": rss0,
        "peak_mb": round(peak_mb(), 1),
        "dense_faiss_mb": round((layout.snapshots / name / "dense.faiss").stat().st_size / 2**20),
    }


# ---------------------------------------------------------------------------------------------
# Serving


def questions(count: int) -> list[str]:
    rtqa = [q["question"] for q in read_jsonl(dataset("realtimeqa-dev").questions)]
    who = [q["question"] for q in read_jsonl(EVAL / "polnear-dev" / "speaker-questions.jsonl")]
    return rtqa[: count * 2 // 3] + who[: count - count * 2 // 3]


def serve(data_dir: str, kind: str, count: int, rounds: int) -> dict[str, Any]:
    """Cold start, memory, latency and recall of the snapshot in `data_dir` (in a child)."""
    t0 = time.perf_counter()
    from bot.answer import Answerer
    from bot.settings import load_settings
    from index.library import Library

    settings = load_settings(None, data_dir)
    # The ONNX exports of the sentence model are made once an install (bench/out/models here).
    settings = replace(
        settings,
        index=replace(settings.index, faiss=kind),
        embedding=replace(settings.embedding, cache_dir=str(MODELS)),
    )
    asked = questions(count)
    library = Library(settings)  # loads its model as the bot does
    answerer = Answerer(library, settings)
    answerer.sentence_model.model()  # as the bot does at its start
    t1 = time.perf_counter()
    searcher = library.searcher()
    load_s = time.perf_counter() - t1
    first = answerer.answer(asked[0])
    cold_s = time.perf_counter() - t0
    mem_loaded = memory_status()
    # The statements are read behind the first answers (index/tables.py); latency is timed
    # once they are, as a snapshot that replaces a serving one has them before it serves.
    t2 = time.perf_counter()
    searcher.read_statements()
    statements_wait_s = time.perf_counter() - t2
    statements_done_s = time.perf_counter() - t0

    search_ms: list[float] = []
    answer_ms: list[float] = []
    found = 0
    for r in range(rounds):
        for q in asked:
            t = time.perf_counter()
            searcher.search(q, k=10)
            search_ms.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            a = answerer.answer(q)
            answer_ms.append((time.perf_counter() - t) * 1000)
            found += r == 0 and bool(a.citations)
    mem_served = memory_status()

    # Recall@10 of the dense side against an exact scan of vectors.npy.
    qv = searcher.encode(asked)
    recall = []
    vectors = searcher.vectors
    for q in qv:
        sims = np.empty(len(vectors), dtype=np.float32)
        for start in range(0, len(vectors), 131072):
            sims[start : start + 131072] = np.asarray(vectors[start : start + 131072]) @ q
        exact = set(np.argpartition(-sims, 10)[:10].tolist())
        got = {r for r, _ in searcher.dense(q, 10)}
        recall.append(len(exact & got) / 10)

    def pct(xs: list[float]) -> dict[str, float]:
        return {"p50_ms": round(percentile(xs, 50), 1), "p95_ms": round(percentile(xs, 95), 1)}

    return {
        "kind": kind,
        "factory": searcher.manifest.get("faiss"),
        "passages": len(searcher.passages),
        "questions": len(asked),
        "rounds": rounds,
        "cold_start_s": round(cold_s, 2),
        "searcher_load_s": round(load_s, 2),
        # from the process start until every statement was read, and how long of it the
        # timing below waited for after the first answer
        "statements_read_s": round(statements_done_s, 2),
        "statements_wait_s": round(statements_wait_s, 2),
        "first_answer_found": bool(first.citations),
        "found_share": round(found / len(asked), 3),
        "search": pct(search_ms),
        "answer": pct(answer_ms),
        "recall_at_10": round(float(np.mean(recall)), 4),
        "recall_at_10_min": round(float(np.min(recall)), 2),
        "memory_loaded": mem_loaded,
        "memory_served": mem_served,
        "loadavg_end": [round(x, 2) for x in os.getloadavg()],
    }


def text_memory(common: str) -> dict[str, Any]:
    """RSS added by the old full metadata read against the lazy tables (in a child)."""
    from index.store import read_metadata
    from index.tables import open_tables

    path = Path(common) / "meta.sqlite"
    out: dict[str, Any] = {}
    for name, load in (("lazy_tables", open_tables), ("full_read_metadata", read_metadata)):
        before = memory_status()["rssanon_mb"]
        t = time.perf_counter()
        loaded = load(path)
        out[name] = {
            "seconds": round(time.perf_counter() - t, 2),
            "added_mb": round(memory_status()["rssanon_mb"] - before, 1),
        }
        del loaded
    return out


# ---------------------------------------------------------------------------------------------


def plot(results: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(10, 4))
    for ax, what, title in (
        (axes[0], "search", "Searcher.search (k=10)"),
        (axes[1], "answer", "Answerer.answer (extractive)"),
    ):
        kinds = sorted({r["kind"] for r in results["serve"]})
        for kind in kinds:
            rows = sorted(
                (r for r in results["serve"] if r["kind"] == kind), key=lambda r: r["passages"]
            )
            xs = [r["passages"] for r in rows]
            ax.plot(xs, [r[what]["p50_ms"] for r in rows], marker="o", label=f"{kind} p50")
            ax.plot(
                xs,
                [r[what]["p95_ms"] for r in rows],
                marker="x",
                linestyle="--",
                label=f"{kind} p95",
            )
        ax.set_xscale("log")
        ax.set_xlabel("passages")
        ax.set_ylabel("ms")
        ax.set_title(title)
        ax.grid(True, alpha=0.3)
    axes[1].legend(fontsize=7)
    fig.suptitle("Latency against index size per FAISS index (bench.million, 2 cores)")
    fig.tight_layout()
    fig.savefig(path, dpi=100)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--kinds", default="flat,hnsw,ivf-sq8,ivfpq")
    parser.add_argument("--questions", type=int, default=30, help="timed questions (2/3 rtqa)")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--encode", type=int, default=1500, help="real passages encoded")
    parser.add_argument("--root", default=str(ROOT), help="where corpora and snapshots are kept")
    parser.add_argument("--no-plot", action="store_true")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    kinds = [k for k in args.kinds.split(",") if k.strip()]

    started = time.perf_counter()
    results = run_header("bench.million")
    results.update(corpus=[], snapshots=[], serve=[], text_memory={})
    previous = OUT / "million.json"
    if previous.exists():  # keep rows of sizes and kinds not rerun
        old = json.loads(previous.read_text(encoding="utf-8"))
        for key in ("corpus", "snapshots", "serve"):
            results[key] = [
                r
                for r in old.get(key, [])
                if not (
                    r.get("size", r.get("passages")) in sizes and r.get("kind", kinds[0]) in kinds
                )
            ]
        results["text_memory"] = old.get("text_memory", {})
    root = Path(args.root)
    for size in sizes:
        common = root / f"n{size}" / "common"
        if not (common / "info.json").exists():
            shutil.rmtree(common, ignore_errors=True)
            log(f"million: generating {size} passages in {common}")
            info = in_child(make_corpus, size, str(common), args.encode)
        else:
            info = json.loads((common / "info.json").read_text(encoding="utf-8"))
        results["corpus"] = [r for r in results["corpus"] if r["size"] != size] + [info]
        results["text_memory"][str(size)] = in_child(text_memory, str(common))
        log(f"million: {size}: text memory {results['text_memory'][str(size)]}")
        for kind in kinds:
            data_dir = root / f"n{size}" / kind
            if not (data_dir / "current").exists():
                shutil.rmtree(data_dir, ignore_errors=True)
                log(f"million: {size}: building {kind}")
                snap = in_child(make_snapshot, str(common), str(data_dir), kind)
                snap["size"] = size
                results["snapshots"].append(snap)
                log(f"million: {snap}")
            log(f"million: {size}: serving {kind}")
            row = in_child(serve, str(data_dir), kind, args.questions, args.rounds)
            results["serve"].append(row)
            log(f"million: {row}")
            write_results("million", results)
    results["seconds"] = round(time.perf_counter() - started, 1)
    path = write_results("million", results)
    if not args.no_plot:
        plot(results, PLOT)
        log(f"million: plot in {PLOT}")
    log(f"wrote {path} ({results['seconds']:.0f}s)")


if __name__ == "__main__":
    main()
