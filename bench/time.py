"""Time-bound questions on realtimeqa: retrieval and answers replayed as of each question's date.

    python -m bench.time --grid                       # recency x period weight on tune
    python -m bench.time                              # tune and dev, side by side
    python -m bench.time --answers realtimeqa-dev     # and answer accuracy on dev

Each realtimeqa question carries the `date` of its quiz. A run "as of" sets "now" to that date
plus 2 days (some gold articles are dated up to 2 days after the quiz), exactly as
`newsbot ask/search --as-of DATE` does: the question's time words become a period or a recency
preference relative to now, articles published after now are excluded, and the recency prior
([search].recency_weight, recency_half_life_days) adds a small bonus to newer articles. The same
run without it is the bot without a "now" (no period is placed, so "this week" stays in its
search; "recently" is left out in both). A period the question names ("this week") adds
[search].period_weight to the articles dated in it; both bonuses go to an article's best passage.

Both are scored by ../shared/eval/score_retrieval.py's rule (hits@1/5/10, MRR@10) with the
default gold (gold_urls_strict, else gold_urls) and with gold_urls_recent (the gold articles
published 31 days before to 2 days after the quiz), over all questions (a question without a
recent gold article falls back to gold_urls, as the scorer does) and over the questions that
have one. With --answers, answer accuracy (score_rtqa_answers.py) of `Answerer.answer` with and
without `now`. Indexes both realtimeqa corpora together (bench/out/rtqa-merged-index).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from bench.common import (
    OUT,
    REALTIMEQA,
    answerer,
    bench_settings,
    dataset,
    indexed,
    load_scorer,
    override,
    parse_list,
    read_jsonl,
    write_jsonl,
    write_results,
)
from bench.retrieval import with_intervals
from bot.answer import Answerer, TimeWindow
from bot.question import parse_question
from bot.timeframe import TimeFrame

GOLDS = ("gold_urls_strict", "gold_urls_recent")  # the scorer's default, and the recent gold
AFTER_QUIZ_DAYS = 2  # gold articles are dated up to this many days after the quiz
GRID_WEIGHTS = (0.0, 0.01, 0.02, 0.03, 0.04)
GRID_PERIOD_WEIGHTS = (0.0, 0.01, 0.03, 0.05)


def as_of(question: dict[str, Any]) -> date:
    """'Now' for a question: its quiz date plus AFTER_QUIZ_DAYS."""
    return date.fromisoformat(question["date"]) + timedelta(days=AFTER_QUIZ_DAYS)


def retrieve(
    bot: Answerer, question: dict[str, Any], replay: bool, periods: bool, k: int = 10
) -> list[dict[str, Any]]:
    """The top-k hits the answerer's own retrieval gives, as of the question's date or not."""
    now = as_of(question) if replay else None
    q = parse_question(question["question"], now=now)
    if not periods:  # a period named in the question counts only as recency
        q = replace(q, time=TimeFrame(recent=q.time.recent or q.time.period))
    searcher = bot.library.searcher()
    hits, _ = bot.retrieve(q, searcher, TimeWindow.of(q.time, now, None), k=k)
    return [h.to_json() for h in hits]


def first_hit(question: dict[str, Any], hits: list[dict[str, Any]], gold_key: str) -> int | None:
    """Rank (0-based) of the first top-10 hit that counts, by score_retrieval.py's rule."""
    has_answer = load_scorer("score_retrieval").has_answer
    gold = set(question.get(gold_key) or question["gold_urls"])
    return next(
        (
            i
            for i, h in enumerate(hits[:10])
            if h.get("url") in gold and has_answer(h.get("text", ""), question["answer"])
        ),
        None,
    )


def score_run(questions: list[dict[str, Any]], runs: list[list[dict[str, Any]]]) -> dict[str, Any]:
    """hits@k and MRR@10 with each gold, over all questions and those with a recent gold."""
    out: dict[str, Any] = {}
    for gold in GOLDS:
        ranks = [first_hit(q, hits, gold) for q, hits in zip(questions, runs, strict=True)]
        out[gold] = with_intervals(ranks)
    subset = [i for i, q in enumerate(questions) if q["gold_urls_recent"]]
    ranks = [first_hit(questions[i], runs[i], "gold_urls_recent") for i in subset]
    out["gold_urls_recent_only"] = with_intervals(ranks)
    return out


def run_sets(
    bot: Answerer, replay: bool, periods: bool, sets: list[str]
) -> dict[str, dict[str, Any]]:
    results = {}
    for name in sets:
        questions = read_jsonl(dataset(name).questions)
        runs = [retrieve(bot, q, replay, periods) for q in questions]
        tag = "as-of" if replay else "no-as-of"
        path = OUT / f"time-{name}-{tag}{'' if periods else '-no-periods'}.jsonl"
        write_jsonl(
            path,
            [{"query": q["question"], "hits": h} for q, h in zip(questions, runs, strict=True)],
        )
        scorer = load_scorer("score_retrieval")
        for gold in GOLDS:  # the official scorer agrees with ours
            official = scorer.score(str(dataset(name).questions), str(path), gold)
            assert official["hits@5"] == score_run(questions, runs)[gold]["hits@5"]
        results[name] = score_run(questions, runs)
    return results


def answers(bot: Answerer, name: str, replay: bool) -> dict[str, Any]:
    """score_rtqa_answers.py on the answers to `name`'s questions, as of their dates or not."""
    questions = read_jsonl(dataset(name).questions)
    rows = []
    for q in questions:
        a = bot.answer(q["question"], now=as_of(q) if replay else None)
        rows.append(a.to_json())
    path = OUT / f"time-answers-{name}-{'as-of' if replay else 'no-as-of'}.jsonl"
    write_jsonl(path, rows)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        load_scorer("score_rtqa_answers").main(str(dataset(name).questions), str(path))
    result: dict[str, Any] = json.loads(printed.getvalue())
    return result


def h5(r: dict[str, Any], gold: str) -> str:
    return f"{r[gold]['hits@5']:.3f}"


def cell(r: dict[str, Any]) -> str:
    """A grid cell: hits@5 with each gold, and MRR@10 with the default gold."""
    return f"{h5(r, GOLDS[0])} / {h5(r, GOLDS[1])} ({r[GOLDS[0]]['mrr@10']:.3f})"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--recency-weight", type=float, help="[search].recency_weight")
    parser.add_argument("--half-life", type=float, help="[search].recency_half_life_days")
    parser.add_argument(
        "--no-periods", action="store_true", help="periods in questions count only as recency"
    )
    parser.add_argument(
        "--grid", action="store_true", help="recency x period weight on tune (at --half-life)"
    )
    parser.add_argument("--weights", type=lambda v: parse_list(v, float), default=GRID_WEIGHTS)
    parser.add_argument(
        "--period-weights", type=lambda v: parse_list(v, float), default=GRID_PERIOD_WEIGHTS
    )
    parser.add_argument("--period-weight", type=float, help="[search].period_weight")
    parser.add_argument(
        "--answers",
        nargs="?",
        const=",".join(REALTIMEQA),
        type=lambda v: parse_list(v, str),
        help="also answer accuracy (of these sets; default both)",
    )
    args = parser.parse_args()

    data = dataset("realtimeqa-dev")
    settings = bench_settings(data.index_dir)
    library = indexed(data, settings)
    periods = not args.no_periods
    if args.grid:
        if args.half_life is not None:
            settings = override(settings, "search", recency_half_life_days=args.half_life)
        half_life = f"{settings.search.recency_half_life_days:g}"
        table: dict[str, Any] = {}
        base = run_sets(answerer(library, settings), False, periods, ["realtimeqa-tune"])
        r = table["no-as-of"] = base["realtimeqa-tune"]
        print(f"realtimeqa-tune without --as-of: {cell(r)}")
        print(f"as of date+2, half-life {half_life} days: hits@5 default / recent (MRR@10 default)")
        print("recency   " + "".join(f"{'period ' + str(p):>24}" for p in args.period_weights))
        for w in args.weights:
            line = f"{w:<9} "
            for pw in args.period_weights:
                tried = override(settings, "search", recency_weight=w, period_weight=pw)
                bot = answerer(library, tried)
                r = run_sets(bot, True, periods, ["realtimeqa-tune"])["realtimeqa-tune"]
                table[f"recency_weight={w},period_weight={pw}"] = r
                line += f"   {cell(r)}"
            print(line, flush=True)
        suffix = ("" if periods else "-no-periods") + (
            f"-half-life-{half_life}" if args.half_life else ""
        )
        write_results("time-grid" + suffix, table)
        return

    values: dict[str, Any] = {}
    if args.recency_weight is not None:
        values["recency_weight"] = args.recency_weight
    if args.half_life is not None:
        values["recency_half_life_days"] = args.half_life
    if args.period_weight is not None:
        values["period_weight"] = args.period_weight
    tried = override(settings, "search", **values)
    bot = answerer(library, tried)
    sets = list(REALTIMEQA)
    results: dict[str, Any] = {
        "search": {
            "recency_weight": tried.search.recency_weight,
            "recency_half_life_days": tried.search.recency_half_life_days,
            "period_weight": tried.search.period_weight,
            "periods": periods,
        },
        "without": run_sets(bot, False, periods, sets),
        "as_of": run_sets(bot, True, periods, sets),
    }
    if args.answers:
        results["answers"] = {
            name: {"without": answers(bot, name, False), "as_of": answers(bot, name, True)}
            for name in args.answers
        }
    print(json.dumps(results["search"]))
    print(f"{'set':18} {'gold':22} {'n':>3}  {'hits@5 without':>15} {'hits@5 as-of':>13}  mrr@10")
    for name in sets:
        for gold in (*GOLDS, "gold_urls_recent_only"):
            a, b = results["without"][name][gold], results["as_of"][name][gold]
            print(
                f"{name:18} {gold:22} {a['n']:3}  {a['hits@5']:15.3f} {b['hits@5']:13.3f}  "
                f"{a['mrr@10']:.3f} -> {b['mrr@10']:.3f}"
            )
    if args.answers:
        for name, r in results["answers"].items():
            print(f"{name} accuracy: {r['without']['accuracy']} -> {r['as_of']['accuracy']}")
    suffix = "" if periods else "-no-periods"
    write_results(f"time{suffix}", results)


if __name__ == "__main__":
    main()
