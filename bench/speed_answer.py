"""What a user waits for: `Answerer.answer` end to end against `Searcher.search` alone, the old
answer path and the new one side by side in one process, idle and while a build runs.

    python -m bench.speed_answer [--set realtimeqa-tune] [--limit 150] [--during-build]
                                 [--profile] [--variants old,shortlist,cache,snapshot,onnx,new]
                                 [--lower-case]

One library over the set's index (`bench/out/rtqa-merged-index` for realtimeqa, served as it
is when it exists, else built as `bench.answers` builds it; `--corpus/--questions/--data-dir`
for other files). Each question is timed, in a rotating order, through (answers as the bot
asks them: as of now):

- `search`: `Searcher.search` alone, with the answer path's `[answer].passages`;
- `old`: `Answerer.answer` as before issue 11 (`[answer].sentence_candidates = 0`: every
  candidate sentence encoded; `vector_cache = 0`: nothing remembered, the question encoded twice);
- `shortlist`: only the best `sentence_candidates` sentences encoded, no cache;
- `cache`: every sentence, with the per-snapshot vector cache;
- `snapshot`: shortlist and cache, the sentences scored by the snapshot's model (torch);
- `onnx`: the same, sentences scored by the snapshot's model run by onnxruntime in fp32;
- `new`: the configured defaults (shortlist, cache, sentences scored by onnx-int8).

Each variant is its own `Answerer` over the same loaded snapshot, so the cache of `new` fills
as the questions come, as in a bot. Reports p50/p95/mean (the mean is the marginal cost of a
question: total time over questions) and how many answers equal the old path's (text and found).
`--lower-case` adds `lower`: the configured path with each question typed in lower case, which
the bot recases from the passages of a first search (bot/casing.py) before answering.
`--during-build` repeats the timing while full rebuilds (`bench.speed_during_build`'s, of the
sample plus realtimeqa-tune articles, into a scratch data directory) run in a worker thread of
the same process. `--profile` prints where the `new` path's time goes (cProfile, cumulative).
`--speakers polnear-tune`: the speaker index over that set's articles' statements (extracted
afresh, no model needed), each speaker question's lookup (name and topic, as the answerer asks
it) timed through the word index against scoring every speaker (the lookup before issue 11),
with how many give the same matches.

Writes bench/out/speed-answer.json.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import functools
import io
import itertools
import json
import pstats
import shutil
import threading
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from bench.common import (
    OUT,
    SAMPLE,
    add_dataset_args,
    bench_settings,
    chosen_dataset,
    indexed,
    loadavg,
    log,
    override,
    percentile,
    read_jsonl,
    run_header,
    write_results,
)
from bench.speed_during_build import Builds, write_extra
from bot.answer import Answerer
from bot.settings import Settings
from index.errors import NewsbotError
from index.library import Library
from index.store import Layout

SNAPSHOT = {"sentence_backend": "snapshot"}
VARIANTS = {
    "old": {"sentence_candidates": 0, "vector_cache": 0} | SNAPSHOT,
    "shortlist": {"vector_cache": 0} | SNAPSHOT,
    "cache": {"sentence_candidates": 0} | SNAPSHOT,
    "snapshot": SNAPSHOT,
    "onnx": {"sentence_backend": "onnx"},
    "new": {},
}
BUILD_DIR = OUT / "speed-answer-build"


def answerers(library: Library, settings: Settings, names: Sequence[str]) -> dict[str, Answerer]:
    """One `Answerer` a variant, its sentence model loaded (a bot loads it at its first
    question, in the background if it must be exported)."""
    runs = {n: Answerer(library, override(settings, "answer", **VARIANTS[n])) for n in names}
    for answerer in runs.values():
        answerer.sentence_model.wait()
    return runs


def summary(times: Sequence[float]) -> dict[str, Any]:
    return {
        "questions": len(times),
        "p50_ms": round(1000 * percentile(times, 50), 1),
        "p95_ms": round(1000 * percentile(times, 95), 1),
        "mean_ms": round(1000 * sum(times) / len(times), 1),
    }


def time_all(
    library: Library,
    settings: Settings,
    names: Sequence[str],
    questions: Sequence[str],
    lower_case: bool = False,
) -> dict[str, Any]:
    """Each question through `search` and each answer variant, in a rotating order; with
    `lower_case`, also through the configured path typed in lower case (`lower`: the bot
    recases it from a first search, bot/casing.py)."""
    searcher = library.searcher()
    k = settings.answer.passages
    runs = answerers(library, settings, names)
    tasks: dict[str, Callable[[str], Any]] = {"search": lambda q: searcher.search(q, k=k)}
    # As the bot asks: as of now (nothing published later), which leaves out no article here.
    tasks |= {n: functools.partial(a.answer, now=datetime.now(UTC)) for n, a in runs.items()}
    if lower_case:
        lower = runs["lower"] = answerers(library, settings, ["new"])["new"]
        tasks["lower"] = lambda q: lower.answer(q.lower(), now=datetime.now(UTC))
    times: dict[str, list[float]] = {n: [] for n in tasks}
    answers: dict[str, list[Any]] = {n: [] for n in runs}
    order = list(tasks)
    for i, question in enumerate(questions):
        for name in order[i % len(order) :] + order[: i % len(order)]:
            started = time.perf_counter()
            try:
                out = tasks[name](question)
            except NewsbotError as exc:
                out = f"refused: {exc}"
            times[name].append(time.perf_counter() - started)
            if name in answers:
                answers[name].append(out)
    result: dict[str, Any] = {n: summary(t) for n, t in times.items()}
    if "old" in answers:
        for name, given in answers.items():
            same = sum(1 for a, b in zip(given, answers["old"], strict=True) if _key(a) == _key(b))
            result[name]["same_answer_as_old"] = same
    for name, a in runs.items():
        cache = a.vectors.of(searcher, a.sentence_model.model())  # the sentence scores' cache
        if cache is not None:
            result[name]["vector_cache"] = {
                "hits": cache.hits,
                "misses": cache.misses,
                "entries": len(cache),
            }
    return result


def _key(answer: Any) -> tuple[str, bool]:
    return (answer, False) if isinstance(answer, str) else (answer.text, answer.found)


def profile(library: Library, settings: Settings, questions: Sequence[str]) -> str:
    """Where the configured answer path's time goes, cumulative, the top 30 functions."""
    answerer = Answerer(library, settings)
    prof = cProfile.Profile()
    prof.enable()
    for q in questions:
        with contextlib.suppress(NewsbotError):
            answerer.answer(q)
    prof.disable()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(30)
    return out.getvalue()


def during_build(
    library: Library, settings: Settings, names: Sequence[str], questions: Sequence[str]
) -> dict[str, Any]:
    """The same timing while full rebuilds run in a worker thread of this process."""
    shutil.rmtree(BUILD_DIR, ignore_errors=True)
    builder = Library(bench_settings(BUILD_DIR))
    done = threading.Event()
    builds = Builds(builder, [str(SAMPLE), str(write_extra(120))], lambda: not done.is_set())
    thread = threading.Thread(target=builds.run, daemon=True)
    thread.start()
    time.sleep(5)  # the build's model loaded and its embedding under way
    try:
        result = time_all(library, settings, names, questions)
        result["builds_running_at_end"] = thread.is_alive()
    finally:
        done.set()
        thread.join()
    result["builds"] = builds.reports
    return result


def speakers(name: str) -> dict[str, Any]:
    """Speaker lookups through the word index against scoring every speaker, side by side."""
    from unittest import mock

    from bench.common import dataset
    from bot.question import parse_question
    from index.ingest import load_articles
    from index.quotes import extract_statements
    from index.speakers import SpeakerIndex

    data = dataset(name)
    articles = load_articles([data.corpus])
    statements = [st for a in articles for st in extract_statements(a)]
    index = SpeakerIndex(statements)
    asked = [parse_question(r["question"]) for r in read_jsonl(data.questions)]
    asked = [q for q in asked if q.speaker]
    times: dict[str, list[float]] = {"word_index": [], "every_speaker": []}
    same = 0
    ways = list(times)
    for i, q in enumerate(asked):
        found = {}
        for way in ways if i % 2 == 0 else ways[::-1]:
            patch = (
                mock.patch.object(SpeakerIndex, "_candidates", lambda self, a: self._speakers)
                if way == "every_speaker"
                else contextlib.nullcontext()
            )
            with patch:
                started = time.perf_counter()
                found[way] = index.lookup(q.speaker or "", topic=q.topic, limit=3)
                times[way].append(time.perf_counter() - started)
        same += found["word_index"] == found["every_speaker"]
    return {
        "set": name,
        "articles": len(articles),
        "statements": len(statements),
        "speakers": len(index),
        "lookups": len(asked),
        "same_matches": same,
        **{way: summary(t) for way, t in times.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    add_dataset_args(
        parser, "realtimeqa-tune", ("realtimeqa-tune", "realtimeqa-dev", "polnear-tune", "sample")
    )
    parser.add_argument("--limit", type=int, default=150, help="questions timed (>= 50)")
    parser.add_argument("--warmup", type=int, default=3, help="questions asked first, untimed")
    parser.add_argument(
        "--variants",
        default="old,snapshot,onnx,new",
        help=f"answer paths timed, of {','.join(VARIANTS)}",
    )
    parser.add_argument(
        "--lower-case",
        action="store_true",
        help="also time the configured path with each question typed in lower case",
    )
    parser.add_argument("--during-build", action="store_true", help="also time during builds")
    parser.add_argument("--profile", action="store_true", help="profile the configured path")
    parser.add_argument("--speakers", metavar="SET", help="time speaker lookups on SET only")
    args = parser.parse_args()
    names = [n for n in args.variants.split(",") if n]
    if unknown := set(names) - set(VARIANTS):
        raise SystemExit(f"unknown variants {sorted(unknown)}; choose from {list(VARIANTS)}")

    started = time.perf_counter()
    results = run_header("bench.speed_answer")
    if args.speakers:
        results["speaker_lookup"] = speakers(args.speakers)
        path = write_results("speed-answer-speakers", results)
        print(json.dumps(results["speaker_lookup"], indent=1))
        print(f"wrote {path}")
        return
    data = chosen_dataset(args)
    settings = bench_settings(data.index_dir)
    # An index already there is served as it is: a build (even one with nothing to do) runs at
    # low priority, which a busy machine starves for minutes.
    current = Layout(data.index_dir).current_name()
    library = Library(settings) if current else indexed(data, settings)
    searcher = library.searcher()
    questions = [r["question"] for r in read_jsonl(data.questions)]
    asked = list(itertools.islice(itertools.cycle(questions), args.limit))
    results |= {"set": data.name, "passages": len(searcher.passages), "variants": VARIANTS}
    for q in questions[: args.warmup]:  # the model's first calls and lazy structures
        Answerer(library, settings).answer(q)
    log(f"idle: {len(asked)} questions through search and {names}")
    results["idle"] = time_all(library, settings, names, asked, args.lower_case)
    if args.during_build:
        log("during builds")
        results["during_build"] = during_build(library, settings, names, asked)
    if args.profile:
        text = profile(library, settings, asked[: min(len(asked), 50)])
        print(text)
        results["profile_top"] = text.splitlines()[:60]
    results["loadavg_end"] = loadavg()
    results["seconds"] = round(time.perf_counter() - started, 1)
    path = write_results("speed-answer", results)

    for phase in ("idle", "during_build"):
        if phase not in results:
            continue
        print(f"\n{phase}: {data.name}, {results['passages']:,} passages (ms)")
        print(f"{'path':>10} {'p50':>8} {'p95':>8} {'mean':>8} {'same as old':>12}")
        for name, row in results[phase].items():
            if not isinstance(row, dict) or "p50_ms" not in row:
                continue
            same = row.get("same_answer_as_old", "")
            print(
                f"{name:>10} {row['p50_ms']:>8} {row['p95_ms']:>8} {row['mean_ms']:>8} {same!s:>12}"
            )
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
