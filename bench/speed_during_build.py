"""Answers while a full rebuild runs in the same process, through the bot's own answer path.

    python -m bench.speed_during_build [--questions 200] [--concurrency 4] [--extra-articles 120]
                                       [--builds 2]

The sample corpus is indexed into a fresh data directory (the serving snapshot). Then, in one
process, `NewsBot.compute_answer` (what /ask and mentions call: the answer computed in a worker
thread that holds an in-flight slot) answers the questions `--concurrency` at a time:

1. idle: `--questions` questions, nothing else running;
2. during builds: full rebuilds (`Library.build(rebuild=True)`, in a worker thread as /reindex
   runs it) of the sample corpus plus the first `--extra-articles` articles of realtimeqa-tune
   (about 1,000 passages to embed, each build) run back to back, at least `--builds` of them and
   until `--questions` questions have been asked; questions keep coming until the last build has
   finished and switched, so each new snapshot's load and switch happen while questions are
   answered. During the first build the sample snapshot serves; during the next ones, the
   rebuilt (bigger) one;
3. idle again, on the rebuilt snapshot.

The questions are the seed questions, realtimeqa-tune's and the off-topic tuning set's, in that
order, cycled. The library is the bot's (`Library(settings)`: it loads the model for questions
and one for each build). Checks: no question fails or is refused; each answer comes wholly from
one snapshot (all its citations name articles of one snapshot that served, with that snapshot's
title and text at the cited span). Reports idle p50/p95 against the p50/p95 of the questions
asked during each build, side by side: build 1 against idle on the sample snapshot, later
builds against idle on the rebuilt one; with the builds' seconds and passages embedded.

Prints a table and writes bench/out/speed-during-build.json (about 20 minutes on the 2-core
machine, most of it the builds, which run at lower CPU priority while questions keep both cores
busy; the extra corpus is written to bench/out/during-build/ from ../shared/eval each run).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import shutil
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.common import (
    EVAL,
    OFFTOPIC_TUNE,
    OUT,
    SAMPLE,
    SEED_QUESTIONS,
    bench_settings,
    log,
    percentile,
    read_jsonl,
    run_header,
    write_results,
)
from bot.answer import Answerer
from bot.discord_bot import NewsBot, create_bot
from bot.models import Answer
from index.library import Library
from index.models import Article

WORK = OUT / "during-build"
EXTRA_CORPUS = EVAL / "realtimeqa-tune" / "corpus.jsonl"
TUNE_QUESTIONS = EVAL / "realtimeqa-tune" / "questions.jsonl"


def questions() -> list[str]:
    """Seed, realtimeqa-tune and off-topic tuning questions, in that order."""
    files = [SEED_QUESTIONS, TUNE_QUESTIONS, OFFTOPIC_TUNE]
    return [row["question"] for path in files for row in read_jsonl(path)]


def write_extra(count: int) -> Path:
    """The first `count` realtimeqa-tune articles, as a JSONL source of their own."""
    WORK.mkdir(parents=True, exist_ok=True)
    path = WORK / "extra.jsonl"
    with EXTRA_CORPUS.open(encoding="utf-8") as src:
        lines = list(itertools.islice(src, count))
    path.write_text("".join(lines), encoding="utf-8")
    return path


@dataclass
class Builds:
    """Full rebuilds run back to back in a worker thread while `more()` says so."""

    library: Library
    sources: list[str]
    more: Callable[[], bool]
    running: int = 0  # the build under way (1, 2, ...), 0 between builds
    reports: list[dict[str, Any]] = field(default_factory=list)
    snapshots: dict[str, dict[str, Article]] = field(default_factory=dict)

    def run(self) -> None:
        while self.more():
            self.running = len(self.reports) + 1
            try:
                report = self.library.build(self.sources, rebuild=True)
            finally:
                self.running = 0
            served = self.library.searcher()
            self.snapshots[served.name] = served.articles
            self.reports.append({"seconds": round(report.seconds, 1), "embedded": report.embedded})
            log(f"  build {len(self.reports)}: {report.summary()}")


@dataclass
class Asked:
    question: str
    seconds: float
    during_build: int  # the build under way when it was asked (0: none)
    answer: Answer | None = None
    error: str | None = None


async def ask_all(
    bot: NewsBot,
    texts: Iterator[str],
    concurrency: int,
    go_on: Callable[[int], bool],
    building: Callable[[], int],
) -> list[Asked]:
    """Ask `texts` through the bot's answer path, `concurrency` at a time, while `go_on(asked)`."""
    asked: list[Asked] = []

    async def worker() -> None:
        while go_on(len(asked)):
            question = next(texts)
            during = building()
            started = time.perf_counter()
            with bot.in_flight.slot() as slot:
                if not slot:
                    asked.append(Asked(question, 0.0, during, error="refused: every slot busy"))
                    continue
                row = Asked(question, 0.0, during)
                asked.append(row)
                try:
                    row.answer = await bot.compute_answer(slot, question)
                except Exception as exc:  # counted: the goal is none
                    row.error = f"{type(exc).__name__}: {exc}"
            row.seconds = time.perf_counter() - started

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return asked


def snapshots_of(answer: Answer, snapshots: dict[str, dict[str, Article]]) -> list[str]:
    """The snapshots that hold every citation of `answer` exactly as cited."""
    return [
        name
        for name, articles in snapshots.items()
        if all(
            c.article_id in articles
            and articles[c.article_id].title == c.title
            and articles[c.article_id].text[c.start : c.end] == c.text
            for c in answer.citations
        )
    ]


def summary(rows: Sequence[Asked]) -> dict[str, Any]:
    times = [r.seconds for r in rows]
    return {
        "questions": len(rows),
        "p50_s": round(percentile(times, 50), 3) if times else None,
        "p95_s": round(percentile(times, 95), 3) if times else None,
        "max_s": round(max(times), 3) if times else None,
        "found": sum(1 for r in rows if r.answer is not None and r.answer.found),
    }


async def measure(args: argparse.Namespace) -> dict[str, Any]:
    shutil.rmtree(WORK / "index", ignore_errors=True)
    settings = bench_settings(WORK / "index")
    library = Library(settings)
    log("indexing the sample corpus (the serving snapshot)")
    log("  " + library.build([str(SAMPLE)]).summary())
    first = library.searcher()
    snapshots = {first.name: first.articles}
    bot = create_bot(settings, library, Answerer(library, settings))
    cycle = itertools.cycle(questions())
    n = args.questions

    log(f"idle: {n} questions, {args.concurrency} at a time")
    idle = await ask_all(bot, cycle, args.concurrency, lambda k: k < n, lambda: False)

    extra = write_extra(args.extra_articles)
    done_asking = threading.Event()
    builds = Builds(
        library,
        [str(SAMPLE), str(extra)],
        lambda: len(builds.reports) < args.builds or not done_asking.is_set(),
    )
    log(f"during builds: {args.builds} or more, {n} questions or more, until the last switch")
    build_thread = asyncio.create_task(asyncio.to_thread(builds.run))

    def go_on(asked: int) -> bool:
        if asked >= n:
            done_asking.set()  # no new build starts; the running one is waited for
        return asked < n or not build_thread.done()

    during = await ask_all(
        bot, cycle, args.concurrency, go_on, lambda: builds.running or len(builds.reports) + 1
    )
    await build_thread
    snapshots.update(builds.snapshots)

    log(f"idle again, on the rebuilt snapshot: {n} questions")
    after = await ask_all(bot, cycle, args.concurrency, lambda k: k < n, lambda: False)

    everything = [*idle, *during, *after]
    errors = [r for r in everything if r.error]
    mixed = [
        r.question
        for r in everything
        if r.answer is not None and not snapshots_of(r.answer, snapshots)
    ]
    served_by = {name: 0 for name in snapshots}
    for r in during:
        if r.answer is not None and r.answer.citations:
            for name in snapshots_of(r.answer, snapshots):
                served_by[name] += 1
    first_build = [r for r in during if r.during_build == 1 and not r.error]
    later_builds = [r for r in during if r.during_build > 1 and not r.error]
    return {
        "questions_per_phase": n,
        "concurrency": args.concurrency,
        "max_in_flight": settings.discord.max_in_flight,
        "extra_articles": args.extra_articles,
        "idle": summary([r for r in idle if not r.error]),
        "during_first_build": summary(first_build),
        "during_later_builds": summary(later_builds),
        "during_phase_all": summary([r for r in during if not r.error]),
        "idle_after": summary([r for r in after if not r.error]),
        "builds": builds.reports,
        "errors": len(errors),
        "error_examples": [f"{r.question!r}: {r.error}" for r in errors[:5]],
        "answers_not_from_one_snapshot": len(mixed),
        "answers_citing_each_snapshot_during_builds": served_by,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--questions", type=int, default=200, help="questions per phase")
    parser.add_argument("--concurrency", type=int, default=4, help="questions at a time")
    parser.add_argument("--builds", type=int, default=2, help="full rebuilds, at least")
    parser.add_argument(
        "--extra-articles", type=int, default=120, help="realtimeqa-tune articles added"
    )
    args = parser.parse_args()

    started = time.perf_counter()
    results = run_header("bench.speed_during_build")
    results.update(asyncio.run(measure(args)))
    results["seconds"] = round(time.perf_counter() - started, 1)
    path = write_results("speed-during-build", results)

    idle, after = results["idle"], results["idle_after"]
    first, later = results["during_first_build"], results["during_later_builds"]
    print(f"\nAnswers through NewsBot.compute_answer, {args.concurrency} at a time (seconds)")
    print(f"{'phase':>34} {'questions':>9} {'p50':>7} {'p95':>7} {'max':>7}")
    for name, row in [
        ("idle, sample snapshot", idle),
        ("during build 1, sample serving", first),
        ("idle, rebuilt snapshot", after),
        ("during builds 2+, rebuilt serving", later),
    ]:
        if not row["questions"]:
            continue
        print(
            f"{name:>34} {row['questions']:>9} {row['p50_s']:>7.2f} {row['p95_s']:>7.2f} "
            f"{row['max_s']:>7.2f}"
        )
    for i, b in enumerate(results["builds"], start=1):
        print(f"build {i}: {b['embedded']} passages embedded in {b['seconds']} s")
    ratio = first["p95_s"] / idle["p95_s"]
    print(f"p95 during build 1 / idle on the sample snapshot: {ratio:.1f}x")
    if later["questions"]:
        ratio = later["p95_s"] / after["p95_s"]
        print(f"p95 during builds 2+ / idle on the rebuilt snapshot: {ratio:.1f}x")
    print(
        f"errors: {results['errors']}; answers not wholly from one snapshot: "
        f"{results['answers_not_from_one_snapshot']}"
    )
    print(f"wrote {path}")
    print(json.dumps(results["answers_citing_each_snapshot_during_builds"]))


if __name__ == "__main__":
    main()
