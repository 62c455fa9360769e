"""Not-found calibration: the relevance of real questions against questions no news corpus answers.

    python -m bench.notfound --set sample            # data/sample, the seed questions
    python -m bench.notfound --set realtimeqa-dev    # the dev corpus, its 61 questions

Relevance is the `Answerer`'s own number for a question: its best candidate sentence's
0.6 x cosine + 0.4 x IDF-weighted share of the question's content words. It is read from the
answerer's "best relevance" log record, with [answer].min_relevance overridden to infinity for
this run so that every question that reaches the extractive path reports it. The on-topic
questions are the set's (the seed questions without `expect_none`); the off-topic ones are
bench/questions/offtopic-tune.jsonl (--offtopic FILE for another set). Questions answered by
the speaker index ("What did X say?") have no relevance; they are counted apart.

Prints, for each group, the relevance range and median and where the configured thresholds put
the questions (not found / hedged / answered); writes bench/out/notfound-<set>.jsonl and .json.
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
from pathlib import Path
from typing import Any

from bench.common import (
    OFFTOPIC_TUNE,
    OUT,
    add_dataset_args,
    answerer,
    ask_batch,
    bench_settings,
    chosen_dataset,
    indexed,
    override,
    read_jsonl,
    write_jsonl,
    write_results,
)

RELEVANCE_RECORD = "best relevance"  # the answerer's log line that carries the number


class RelevanceLog(logging.Handler):
    """Collects the relevance the answerer logs when it decides that nothing was found."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.values: list[float] = []

    def emit(self, record: logging.LogRecord) -> None:
        args = record.args if isinstance(record.args, tuple) else ()
        if str(record.msg).startswith(RELEVANCE_RECORD) and args:
            self.values.append(float(args[0]))  # type: ignore[arg-type]


def measure(bot: Any, questions: list[str], relevance: RelevanceLog) -> list[dict[str, Any]]:
    """Each question's answer row with the relevance the answerer computed (None: not scored)."""
    rows = []
    for question in questions:
        relevance.values.clear()
        (row,) = ask_batch(bot, [question])
        score = relevance.values[-1] if relevance.values else None
        rows.append(
            {"question": question, "relevance": score, "found": row["found"]}
            | ({"error": row["error"]} if "error" in row else {})
        )
    return rows


def summary(rows: list[dict[str, Any]], low: float, confident: float) -> dict[str, Any]:
    scores = sorted(r["relevance"] for r in rows if r["relevance"] is not None)
    unscored = [r for r in rows if r["relevance"] is None]
    out: dict[str, Any] = {"questions": len(rows), "scored": len(scores)}
    if scores:
        out |= {
            "min": round(scores[0], 3),
            "median": round(statistics.median(scores), 3),
            "max": round(scores[-1], 3),
            "not_found": sum(s < low for s in scores),
            "hedged": sum(low <= s < confident for s in scores),
            "answered": sum(s >= confident for s in scores),
        }
    out["speaker_path_found"] = sum(r["found"] for r in unscored)
    out["speaker_path_not_found"] = sum(not r["found"] for r in unscored)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    add_dataset_args(parser, "sample", ("sample", "realtimeqa-dev", "realtimeqa-tune"))
    parser.add_argument("--offtopic", type=Path, default=OFFTOPIC_TUNE)
    args = parser.parse_args()

    data = chosen_dataset(args)
    settings = bench_settings(data.index_dir)
    library = indexed(data, settings)
    low, confident = settings.answer.min_relevance, settings.answer.confident_relevance
    bot = answerer(library, override(settings, "answer", min_relevance=float("inf")))
    on_topic = [q["question"] for q in read_jsonl(data.questions) if not q.get("expect_none")]
    off_topic = [q["question"] for q in read_jsonl(args.offtopic)]

    relevance = RelevanceLog()
    answer_log = logging.getLogger(type(bot).__module__)
    answer_log.addHandler(relevance)
    answer_log.setLevel(logging.INFO)
    try:
        groups = {"on-topic": measure(bot, on_topic, relevance)}
        groups["off-topic"] = measure(bot, off_topic, relevance)
    finally:
        answer_log.removeHandler(relevance)

    write_jsonl(
        OUT / f"notfound-{data.name}.jsonl",
        [r | {"group": g} for g, rows in groups.items() for r in rows],
    )
    results = {
        "min_relevance": low,
        "confident_relevance": confident,
        "offtopic": str(args.offtopic),
        **{g: summary(rows, low, confident) for g, rows in groups.items()},
    }
    write_results(f"notfound-{data.name}", results)
    print(f"{data.name}: relevance, thresholds {low} (not found) and {confident} (hedged)")
    for g in groups:
        print(f"  {g:9} {json.dumps(results[g])}")


if __name__ == "__main__":
    main()
