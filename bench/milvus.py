"""Retrieval with the vectors in Milvus beside FAISS: same questions, same snapshot contents.

    python -m bench.milvus                       # realtimeqa-dev over the merged index
    python -m bench.milvus --milvus-uri http://host:19530   # an existing server instead

Builds the FAISS index as bench.retrieval does (bench/out/rtqa-merged-index, kept between runs),
copies that data directory to bench/out/rtqa-merged-index-milvus and builds there with
[index].store = "milvus" (the embedding cache and the previous snapshot come along, so nothing
is re-embedded or re-chunked), against a Milvus standalone server this command starts on
loopback (the `milvus` package; stopped at the end) unless --milvus-uri names one. Then asks
every question of the set through both searchers in each mode (hits@1/5/10, MRR@10, how many
top-10 lists differ) and times the dense search (`Searcher.dense`, FAISS index vs Milvus
collection, the same query vector) and the whole hybrid search, interleaved, one query at a
time. Writes bench/out/milvus.json.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path
from typing import Any

from bench.common import (
    OUT,
    add_dataset_args,
    bench_settings,
    chosen_dataset,
    indexed,
    load_scorer,
    log,
    parse_list,
    percentile,
    read_jsonl,
    write_results,
)
from bench.retrieval import MODES, first_hit, with_intervals
from index.library import Library


def milvus_server(stack: ExitStack, uri: str | None) -> str:
    """`uri`, or a standalone server started on loopback for this run."""
    if uri:
        return uri
    from tests.milvus_server import running_server

    base = Path(tempfile.mkdtemp(prefix="bench-milvus-"))
    log("starting a Milvus standalone server")
    server = stack.enter_context(running_server(base))
    return server.uri


def timings(values: list[float]) -> dict[str, float]:
    ms = [v * 1000 for v in values]
    return {
        "median_ms": round(statistics.median(ms), 2),
        "p95_ms": round(percentile(ms, 95), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    add_dataset_args(parser, "realtimeqa-dev", ("realtimeqa-dev", "realtimeqa-tune"))
    parser.add_argument("-k", type=int, default=10)
    parser.add_argument("--modes", type=lambda v: parse_list(v, str), default=list(MODES))
    parser.add_argument("--milvus-uri", help="an existing Milvus server (default: start one)")
    parser.add_argument("--limit", type=int, help="ask only the first N questions")
    args = parser.parse_args()

    data = chosen_dataset(args)
    faiss_lib = indexed(data)
    milvus_dir = data.index_dir.with_name(data.index_dir.name + "-milvus")
    with ExitStack() as stack:
        uri = milvus_server(stack, args.milvus_uri)
        if milvus_dir.exists():
            shutil.rmtree(milvus_dir)
        shutil.copytree(data.index_dir, milvus_dir)
        base = bench_settings(milvus_dir)
        settings = replace(
            base,
            index=replace(
                base.index, store="milvus", milvus_uri=uri, milvus_prefix="bench_retrieval"
            ),
        )
        milvus_lib = Library(settings, faiss_lib.embedder)
        started = time.monotonic()
        report = milvus_lib.build(data.sources)
        build_s = time.monotonic() - started
        log(f"milvus build: {report.summary()}")
        stores = {"faiss": faiss_lib.searcher(), "milvus": milvus_lib.searcher()}
        assert len(stores["faiss"].passages) == len(stores["milvus"].passages)

        scorer = load_scorer("score_retrieval")
        questions = read_jsonl(data.questions)[: args.limit]
        results: dict[str, Any] = {}
        differ: dict[str, int] = {}
        for mode in args.modes:
            ranked: dict[str, list[list[dict[str, Any]]]] = {}
            for name, searcher in stores.items():
                ranked[name] = [
                    [h.to_json() for h in searcher.search(q["question"], args.k, mode=mode)]
                    for q in questions
                ]
                ranks = [
                    first_hit(q, hits, scorer.has_answer)
                    for q, hits in zip(questions, ranked[name], strict=True)
                ]
                results[f"{name}/{mode}"] = with_intervals(ranks)
            differ[mode] = sum(
                [h["passage_id"] for h in a] != [h["passage_id"] for h in b]
                for a, b in zip(ranked["faiss"], ranked["milvus"], strict=True)
            )

        n = stores["faiss"].settings.search.candidates
        dense: dict[str, list[float]] = {name: [] for name in stores}
        hybrid: dict[str, list[float]] = {name: [] for name in stores}
        for q in questions:
            qvec = stores["faiss"].encode_query(q["question"])
            for name, searcher in stores.items():  # interleaved: the same load for both
                t = time.perf_counter()
                searcher.dense(qvec, n)
                dense[name].append(time.perf_counter() - t)
                t = time.perf_counter()
                searcher.search(q["question"], args.k)
                hybrid[name].append(time.perf_counter() - t)
        latency = {
            name: {"dense": timings(dense[name]), "hybrid_search": timings(hybrid[name])}
            for name in stores
        }

    passages = len(stores["faiss"].passages)
    print(f"{data.name}: {len(questions)} questions, {passages} passages; Milvus uri {uri}")
    print(
        f"milvus build (from the FAISS snapshot and cache): {build_s:.1f} s, "
        f"{report.embedded} passages embedded"
    )
    print(f"{'store/mode':16} {'hits@1':>7} {'hits@5':>7} {'hits@10':>8} {'mrr@10':>7}")
    for name, r in results.items():
        print(
            f"{name:16} {r['hits@1']:7.3f} {r['hits@5']:7.3f} {r['hits@10']:8.3f} "
            f"{r['mrr@10']:7.3f}"
        )
    print(f"top-10 lists that differ (of {len(questions)}): {differ}")
    print(f"latency ({n} candidates)   dense median / p95     hybrid search median / p95")
    for name, lat in latency.items():
        d, h = lat["dense"], lat["hybrid_search"]
        print(
            f"{name:24} {d['median_ms']:8.2f} / {d['p95_ms']:8.2f} ms "
            f"{h['median_ms']:8.2f} / {h['p95_ms']:8.2f} ms"
        )
    write_results(
        "milvus",
        {
            "set": data.name,
            "questions": len(questions),
            "passages": passages,
            "milvus_build_seconds": round(build_s, 1),
            "milvus_build_embedded": report.embedded,
            "results": results,
            "top10_differ": differ,
            "latency": latency,
            "out": str(OUT),
        },
    )


if __name__ == "__main__":
    main()
