"""Answer accuracy on realtimeqa through the bot's own path (`Answerer`, as `newsbot ask --batch
--json` uses it), with its baseline and the candidate-sentence coverage from the same run.

    python -m bench.answers [--set realtimeqa-dev] [--no-lead-baseline]
                            [--sentence-candidates 0,12] [--sentence-backends snapshot,onnx]
                            [--passages 5,12,16] [--date-weights 0,0.1,0.2]
                            [--constant KEEP_RATIO=0.5,0.7 ...] [--dense-weights 0.5,0.7]
                            [--as-asked-today] [--lower-case] [--framed]

1. Accuracy: an answer is correct when the answer string appears in the answer text (as a whole
   word, the retrieval scorer's rule) and in the text of one of its citations.
2. Baseline in the same run: the top-1 hybrid passage as the answer (and its citation).
3. Coverage: the share of questions whose answer string is in at least one candidate sentence of
   the passages the answerer retrieves (`[answer].passages` hits for the question's search
   text): the most sentence selection could reach.
4. ../shared/eval/score_rtqa_answers.py on the same answers: accuracy, found_rate and
   mean_answer_words; with --no-lead-baseline also on the answers without their lead span
   (bot/lead.py switched off: the three-sentence extractive answer from before issue 8).
5. With --sentence-candidates 0,12,24: the same questions answered again with each
   `[answer].sentence_candidates` (0: every candidate sentence encoded, the path before
   issue 11), in the same run: accuracy, found, the scorer's figures, and how many answers
   equal the configured path's.
6. With --sentence-backends snapshot,onnx: the same for each `[answer].sentence_backend` (the
   model that scores candidate sentences; the configured one is onnx-int8).
7. With --passages 5,12,16: the same for each `[answer].passages` (how many retrieved passages
   the answer's sentences come from; its found decision reads them too).
8. With --date-weights 0,0.1,0.2: the same for each `[answer].date_weight` (the bonus of a
   sentence from the retrieved articles nearest the asked period, or the newest; 0: dates play
   no part in choosing sentences).
9. With --constant NAME=0.5,0.7 (repeatable): the same for each value of one of
   `bot/answer.py`'s sentence-choosing constants (SELECTION_CONSTANTS) or of `bot/lead.py`'s
   span scores and runner-up ratio (LEAD_CONSTANTS), patched for that run only, with each run's
   lead figures. The relevance weights are not among them: the found decision is fitted on them.
10. With --dense-weights 0.5,0.7: the same for each weight of the sentence's cosine in its
   relevance (DENSE_WEIGHT, the word overlap taking the rest: LEXICAL_WEIGHT = 1 - it), the
   support model held as fitted, so the found rate moves with them too.
11. With --as-asked-today: the same questions answered as `newsbot ask` answers them without
   --as-of (today is "now": a question's "this week" is the week it is run in, and the recency
   preference counts from today), against the configured answers (asked with no "now").
   With --lower-case: the same questions typed in lower case, as the bot answers them
   (recased from the passages it retrieves, bot/casing.py) and read as typed, in the same run.
   With --framed: the same questions in a chat framing ("hey, …", "can you tell me …",
   "… thanks!": bench.common.FRAMINGS, the report side's for realtimeqa-dev, the tune side's
   otherwise), as the bot answers them (bot/framing.py) and read as typed, in the same run.

12. `lead_accuracy`: the share of questions whose answer starts with a lead span (`lead_of`:
   the span before the first "[n].") holding the gold answer; `leads_given`, the share that
   start with one at all; `lead_precision`, the share of those leads holding the gold. With
   --questions bench/questions/user-answers.jsonl: questions a user would type over the merged
   index, with answers read from its articles (written while choosing lead rules: a tune set).

Writes bench/out/answers-<set>.jsonl (one answer a line, with `gold`, `correct`, `baseline`,
`covered`, `lead`, `lead_correct`) and bench/out/answers-<set>.json.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from unittest import mock

from bench.common import (
    OUT,
    RECASING_CHECK,
    UNFRAMING,
    add_dataset_args,
    answerer,
    ask_batch,
    chosen_dataset,
    dataset_settings,
    framed,
    indexed,
    load_scorer,
    override,
    parse_list,
    read_jsonl,
    write_jsonl,
    write_results,
)
from bot.answer import candidate_sentences
from bot.question import parse_question
from index.search import check_query


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    add_dataset_args(parser, "realtimeqa-dev", ("realtimeqa-dev", "realtimeqa-tune"))
    parser.add_argument(
        "--no-lead-baseline", action="store_true", help="also score answers without a lead span"
    )
    parser.add_argument(
        "--sentence-candidates",
        type=parse_list,
        default=[],
        help="also answer with each of these [answer].sentence_candidates (0: all)",
    )
    parser.add_argument(
        "--passages",
        type=parse_list,
        default=[],
        help="also answer with each of these [answer].passages (passages read for sentences)",
    )
    parser.add_argument(
        "--date-weights",
        type=lambda v: parse_list(v, float),
        default=[],
        help="also answer with each of these [answer].date_weight (0: no date preference)",
    )
    parser.add_argument(
        "--constant",
        type=parse_constant,
        action="append",
        default=[],
        metavar="NAME=V1,V2",
        help=f"also answer with each value of a constant of bot/answer.py or bot/lead.py: one "
        f"of {', '.join(SELECTION_CONSTANTS + LEAD_CONSTANTS)}",
    )
    parser.add_argument(
        "--lower-case",
        action="store_true",
        help="also answer every question typed in lower case, recased by the bot and not",
    )
    parser.add_argument(
        "--framed",
        action="store_true",
        help="also answer every question in a chat framing, unframed by the bot and not",
    )
    parser.add_argument(
        "--as-asked-today",
        action="store_true",
        help="also answer as `newsbot ask` does without --as-of: with today as now",
    )
    parser.add_argument(
        "--dense-weights",
        type=lambda v: parse_list(v, float),
        default=[],
        help="also answer with each of these DENSE_WEIGHT (LEXICAL_WEIGHT = 1 - it)",
    )
    parser.add_argument(
        "--sentence-backends",
        type=lambda v: [b for b in v.split(",") if b],
        default=[],
        help="also answer with each of these [answer].sentence_backend (snapshot, onnx, ...)",
    )
    args = parser.parse_args()

    data = chosen_dataset(args)
    settings = dataset_settings(data)
    library = indexed(data, settings)
    searcher = library.searcher()
    has_answer = load_scorer("score_retrieval").has_answer
    questions = read_jsonl(data.questions)
    answers = ask_batch(answerer(library, settings), [q["question"] for q in questions])
    accurate = _accuracy(has_answer)

    def led(given: dict[str, Any], gold: str) -> dict[str, Any]:
        """An answer's lead span and whether it holds the gold answer."""
        lead = lead_of(given["answer"])
        return {"lead": lead, "lead_correct": lead is not None and has_answer(lead, gold)}

    rows = []
    for q, a in zip(questions, answers, strict=True):
        gold = q["answer"]
        correct = accurate(q, a)
        top = searcher.search(q["question"], k=1)
        baseline = bool(top) and has_answer(top[0].text, gold)
        # the passages the answerer picks its sentences from (Answerer.answer's search)
        asked = parse_question(check_query(q["question"], settings.search.max_query_chars))
        hits = searcher.search(asked.search_text, k=settings.answer.passages)
        covered = any(has_answer(s.text, gold) for s in candidate_sentences(hits))
        rows.append(
            a
            | {"gold": gold, "correct": correct, "baseline": baseline, "covered": covered}
            | led(a, gold)
        )
    write_jsonl(OUT / f"answers-{data.label}.jsonl", rows)

    n = len(rows)
    results = {
        "n": n,
        "answer_accuracy": round(sum(r["correct"] for r in rows) / n, 3),
        "baseline_top1_passage": round(sum(r["baseline"] for r in rows) / n, 3),
        "found": round(sum(r["found"] for r in rows) / n, 3),
        "answer_in_candidate_sentences": round(sum(r["covered"] for r in rows) / n, 3),
        **lead_summary(rows),
        "passages": settings.answer.passages,
    }
    results["score_rtqa_answers"] = score_rtqa(data.questions, answers, f"{data.label}-asked")
    if args.no_lead_baseline:
        bot = answerer(library, settings)
        with mock.patch(NO_LEAD, return_value=[]):
            plain = ask_batch(bot, [q["question"] for q in questions])
        results["no_lead"] = score_rtqa(data.questions, plain, f"{data.label}-no-lead")

    def scored(given: list[dict[str, Any]], label: str) -> dict[str, Any]:
        """A variant's answers against the configured ones."""
        return {
            "answer_accuracy": round(
                sum(accurate(q, a) for q, a in zip(questions, given, strict=True)) / n, 3
            ),
            "found": round(sum(a["found"] for a in given) / n, 3),
            "same_as_configured": sum(
                (a["answer"], a["found"]) == (b["answer"], b["found"])
                for a, b in zip(given, answers, strict=True)
            ),
            "score_rtqa_answers": score_rtqa(data.questions, given, f"{data.label}-{label}"),
            **lead_summary([led(a, q["answer"]) for q, a in zip(questions, given, strict=True)]),
        }

    # The same questions again with one [answer] value changed:
    # ([answer] key, results key, file label, value).
    variants = [
        ("sentence_candidates", "sentence_candidates", "candidates", v)
        for v in args.sentence_candidates
    ]
    variants += [
        ("sentence_backend", "sentence_backends", "sentences", v) for v in args.sentence_backends
    ]
    variants += [("passages", "passages_read", "passages", v) for v in args.passages]
    variants += [("date_weight", "date_weights", "dated", v) for v in args.date_weights]
    for key, section, label, value in variants:
        varied = override(settings, "answer", **{key: value})
        given = ask_batch(answerer(library, varied), [q["question"] for q in questions])
        results.setdefault(section, {})[str(value)] = scored(given, f"{label}-{value}")
    for weight in args.dense_weights:
        lexical = round(1.0 - weight, 6)
        with (
            mock.patch("bot.answer.DENSE_WEIGHT", weight),
            mock.patch("bot.answer.LEXICAL_WEIGHT", lexical),
        ):
            given = ask_batch(answerer(library, settings), [q["question"] for q in questions])
        results.setdefault("dense_weights", {})[str(weight)] = scored(given, f"dense-{weight}")
    for name, values in args.constant:
        for value in values:
            module = "bot.lead" if name in LEAD_CONSTANTS else "bot.answer"
            with mock.patch(f"{module}.{name}", value):
                given = ask_batch(answerer(library, settings), [q["question"] for q in questions])
            results.setdefault("constants", {}).setdefault(name, {})[str(value)] = scored(
                given, f"{name.lower()}-{value}"
            )
    if args.as_asked_today:
        # `newsbot ask` without --as-of: "now" is this moment, so "this week" is the asker's
        # week and the recency preference counts from today, not from the questions' dates
        today = datetime.now(UTC)
        given = ask_batch(answerer(library, settings), [q["question"] for q in questions], today)
        results["as_asked_today"] = {"now": today.date().isoformat()} | scored(given, "today")
    if args.framed:
        # in a chat framing (greetings, "can you tell me …", thanks): the tune side's framings
        # for the tune set and its question files, the report side's for dev; unframed by the
        # bot (bot/framing.py), and read as typed
        side = "report" if data.name == "realtimeqa-dev" else "tune"
        chatted = [framed(q["question"], n, side) for n, q in enumerate(questions)]
        given = ask_batch(answerer(library, settings), chatted)
        results["framed"] = scored(given, "framed")
        with mock.patch(UNFRAMING, side_effect=lambda text: text):
            given = ask_batch(answerer(library, settings), chatted)
        results["framed_as_typed"] = scored(given, "framed-as-typed")
    if args.lower_case:
        # typed in lower case, as chat users type: recased from the retrieved passages by the
        # bot (bot/casing.py), and read as typed
        lowered = [q["question"].lower() for q in questions]
        given = ask_batch(answerer(library, settings), lowered)
        results["lower_case"] = scored(given, "lower-case")
        with mock.patch(RECASING_CHECK, return_value=False):
            given = ask_batch(answerer(library, settings), lowered)
        results["lower_case_as_typed"] = scored(given, "lower-case-as-typed")
    write_results(f"answers-{data.label}", results)
    print(f"{data.name} answers:", json.dumps(results))


# Patched to answer without a lead (--no-lead-baseline): no span is ever found.
NO_LEAD = "bot.answer.ranked_leads"


# What --constant may vary: how sentences are chosen and ordered, not the relevance the
# found decision (bot/evidence.py) was fitted on.
SELECTION_CONSTANTS = (
    "NUMBER_BONUS",
    "DATE_BONUS",
    "NAME_BONUS",
    "FORM_PENALTY",
    "MMR_REDUNDANCY",
    "KEEP_RATIO",
    "REPEAT_SIMILARITY",
    "YEAR_PENALTY",
    "ROLE_BONUS",
)


# ... and bot/lead.py's scores of a lead span (which span leads, not whether one is found), and
# how close a runner-up must come for its sentence to follow the lead's.
LEAD_CONSTANTS = (
    "ACT_BONUS",
    "AGREEMENT_BONUS",
    "KIND_BONUS",
    "FULL_NAME_BONUS",
    "QUESTION_OVERLAP_PENALTY",
    "RUNNER_UP_RATIO",
)


def parse_constant(text: str) -> tuple[str, list[float]]:
    """ "KEEP_RATIO=0.5,0.7" -> ("KEEP_RATIO", [0.5, 0.7]), for a constant allowed to vary."""
    name, sep, values = text.partition("=")
    allowed = SELECTION_CONSTANTS + LEAD_CONSTANTS
    if not sep or name not in allowed:
        raise argparse.ArgumentTypeError(
            f"expected NAME=V1,V2 with NAME one of {', '.join(allowed)}, got {text!r}"
        )
    return name, parse_list(values, float)


# The lead span as an answer's text starts with it: "Salt Lake City [1]. ..." (a sentence's
# citation is not followed by a full stop).
_LEAD = re.compile(r"^(?P<lead>[^\n]{1,120}?) \[\d+\]\.(?:\s|$)")


def lead_summary(rows: list[dict[str, Any]]) -> dict[str, float | None]:
    """How often answers lead with a span (`leads_given`), how often that span holds the gold
    answer over all questions (`lead_accuracy`) and over those led (`lead_precision`: a wrong
    lead is read first, so it misleads more than none)."""
    n = len(rows)
    given = sum(r["lead"] is not None for r in rows)
    right = sum(r["lead_correct"] for r in rows)
    return {
        "leads_given": round(given / n, 3) if n else None,
        "lead_accuracy": round(right / n, 3) if n else None,
        "lead_precision": round(right / given, 3) if given else None,
    }


def lead_of(text: str) -> str | None:
    """The lead span an answer's text starts with, or None when it starts with a sentence."""
    m = _LEAD.match(text)
    return m.group("lead") if m else None


def _accuracy(has_answer: Any) -> Any:
    """Correct: the gold answer in the answer text and in one of its citations."""

    def correct(q: dict[str, Any], a: dict[str, Any]) -> bool:
        gold = q["answer"]
        return bool(
            has_answer(a["answer"], gold)
            and any(has_answer(c["text"], gold) for c in a["citations"])
        )

    return correct


def score_rtqa(questions: Path, answers: list[dict[str, Any]], name: str) -> dict[str, Any]:
    """../shared/eval/score_rtqa_answers.py on `answers` (written to bench/out/answers-NAME)."""
    path = OUT / f"answers-{name}.jsonl"
    write_jsonl(path, answers)
    scorer = load_scorer("score_rtqa_answers")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        scorer.main(str(questions), str(path))
    result: dict[str, Any] = json.loads(printed.getvalue())
    return result


if __name__ == "__main__":
    main()
