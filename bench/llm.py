"""How often the optional LLM writer's answers are used, against a real endpoint.

    python -m bench.llm --base-url http://127.0.0.1:8080/v1 --model smollm2
    python -m bench.llm --set realtimeqa-dev --limit 100 --timeout 60

Runs the questions of a set (default: the seed questions over data/sample) through the bot's
own `Answerer` with `[llm] enabled = true` pointed at the endpoint, and counts, from the
writer's own counters, how many answers the LLM wrote (every sentence checked), fell back to
the extractive answer for unsupported text, timed out, or failed; questions the LLM is never
asked (who-said-what, nothing found) are counted apart. Each question's outcome goes to
bench/out/llm-<set>.jsonl, the counts to bench/out/llm-<set>.json. Needs a running server
(docs/llm.md); the API key, if any, comes from [llm].api_key_env as in the bot.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, fields
from typing import Any

from bench.common import (
    OUT,
    add_dataset_args,
    answerer,
    chosen_dataset,
    dataset_settings,
    indexed,
    log,
    override,
    read_jsonl,
    run_header,
    write_jsonl,
    write_results,
)
from bot.llm import Usage
from index.errors import NewsbotError

NOT_ASKED = "not asked"  # who-said-what, or nothing found: the extractive answer stands


def outcomes(answerer: Any, questions: Iterable[str]) -> list[dict[str, Any]]:
    """Each question's answer and how the LLM writer (`answerer.llm`) dealt with it."""
    writer = answerer.llm
    rows = []
    for question in questions:
        before = asdict(writer.total)
        start = time.monotonic()
        try:
            answer = answerer.answer(question)
            text, found = answer.text, answer.found
        except NewsbotError as exc:
            text, found = str(exc), False
        seconds = time.monotonic() - start
        after = asdict(writer.total)
        changed = [name for name in after if after[name] != before[name]]
        outcome = changed[0] if changed else NOT_ASKED
        row = {"question": question, "outcome": outcome, "seconds": round(seconds, 2)}
        rows.append(row | {"found": found, "answer": text})
    return rows


def summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The counts of each outcome, and the answer times."""
    counts = Counter(row["outcome"] for row in rows)
    times = sorted(row["seconds"] for row in rows)
    return {
        "questions": len(rows),
        **{f.name: counts[f.name] for f in fields(Usage)},
        NOT_ASKED: counts[NOT_ASKED],
        "max_seconds": times[-1] if times else 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.llm", description=__doc__.split("\n")[0])
    add_dataset_args(parser, "sample", ["sample", "realtimeqa-dev", "realtimeqa-tune"])
    parser.add_argument("--base-url", help="the endpoint (default: [llm].base_url)")
    parser.add_argument("--model", help="the model name (default: [llm].model)")
    parser.add_argument("--timeout", type=float, help="[llm].timeout_seconds")
    parser.add_argument("--max-tokens", type=int, help="[llm].max_tokens")
    parser.add_argument("--context-tokens", type=int, help="[llm].context_tokens")
    parser.add_argument("--limit", type=int, help="ask only the first N questions")
    args = parser.parse_args()

    data = chosen_dataset(args)
    settings = dataset_settings(data)
    chosen = {
        "base_url": args.base_url,
        "model": args.model,
        "timeout_seconds": args.timeout,
        "max_tokens": args.max_tokens,
        "context_tokens": args.context_tokens,
    }
    settings = override(
        settings, "llm", enabled=True, **{k: v for k, v in chosen.items() if v is not None}
    )
    settings.validate()
    library = indexed(data, settings)
    questions = [row["question"] for row in read_jsonl(data.questions)][: args.limit]
    log(f"{data.name}: {len(questions)} questions to {settings.llm.base_url}")
    rows = outcomes(answerer(library, settings), questions)
    write_jsonl(OUT / f"llm-{data.label}.jsonl", rows)
    llm = settings.llm
    results = run_header("bench.llm") | {
        "set": data.name,
        "base_url": llm.base_url,
        "model": llm.model,
        "timeout_seconds": llm.timeout_seconds,
        "max_tokens": llm.max_tokens,
        "context_tokens": llm.context_tokens,
        **summary(rows),
    }
    log(str(results))
    write_results(f"llm-{data.label}", results)


if __name__ == "__main__":
    main()
