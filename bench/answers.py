"""Answer quality through the product's own path (`Answerer`, as `newsbot ask --batch` uses it).

    python -m bench.answers [--only rtqa|polnear]

1. realtimeqa-dev answer accuracy: an answer is correct when the answer string appears in the
   answer text (as a whole word, the retrieval scorer's rule) and a citation's text contains it.
   Baseline in the same run: the top-1 hybrid passage as the answer (and its citation).
2. polnear-dev who-said-what through the answerer, over an index of all 84 articles, scored by
   ../shared/eval/score_attribution.py. Baseline in the same run (the issue's naive anchor): the
   sentences of the top-5 BM25 passages that name the speaker's last name.
"""

from __future__ import annotations

import argparse
import json
import re

from bench.common import EVAL, OUT, load_scorer, log, read_jsonl, write_jsonl
from bot.answer import Answerer, candidate_sentences
from bot.settings import load_settings
from index.library import Library


def rtqa(data_dir: str) -> dict[str, object]:
    settings = load_settings(None, data_dir)
    library = Library(settings)
    log(library.build([str(EVAL / "realtimeqa-dev" / "corpus.jsonl")]).summary())
    answerer = Answerer(library, settings)
    searcher = library.searcher()
    has_answer = load_scorer("score_retrieval").has_answer
    questions = read_jsonl(EVAL / "realtimeqa-dev" / "questions.jsonl")
    ours = base = found = 0
    rows = []
    for q in questions:
        a = answerer.answer(q["question"])
        ok = has_answer(a.text, q["answer"]) and any(
            has_answer(c.text, q["answer"]) for c in a.citations
        )
        top = searcher.search(q["question"], k=1)
        base_ok = bool(top) and has_answer(top[0].text, q["answer"])
        ours += ok
        base += base_ok
        found += a.found
        rows.append(a.to_json() | {"gold": q["answer"], "correct": ok, "baseline": base_ok})
    write_jsonl(OUT / "answers-rtqa.jsonl", rows)
    n = len(questions)
    return {
        "n": n,
        "answer_accuracy": round(ours / n, 3),
        "baseline_top1_passage": round(base / n, 3),
        "found": round(found / n, 3),
    }


def polnear(data_dir: str) -> dict[str, object]:
    settings = load_settings(None, data_dir)
    library = Library(settings)
    log(library.build([str(EVAL / "polnear-dev" / "articles.jsonl")]).summary())
    answerer = Answerer(library, settings)
    searcher = library.searcher()
    qfile = EVAL / "polnear-dev" / "speaker-questions.jsonl"
    questions = read_jsonl(qfile)
    ours, base = [], []
    for q in questions:
        ours.append(answerer.answer(q["question"]).to_json())
        last = q["speaker"].split()[-1]
        hits = searcher.search(q["question"], k=5, mode="bm25")
        sents = [
            s.text
            for s in candidate_sentences(hits)
            if re.search(rf"\b{re.escape(last)}\b", s.text)
        ][:3]
        base.append(
            {
                "question": q["question"],
                "answer": "",
                "found": bool(sents),
                "quotes": [{"speaker": q["speaker"], "text": s, "citation": 1} for s in sents],
            }
        )
    scorer = load_scorer("score_attribution")
    results = {}
    for name, rows in (("newsbot", ours), ("baseline", base)):
        path = OUT / f"attribution-{name}.jsonl"
        write_jsonl(path, rows)
        results[name] = scorer.score(str(qfile), str(path))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", choices=["rtqa", "polnear"])
    args = parser.parse_args()
    out: dict[str, object] = {}
    if args.only in (None, "rtqa"):
        out["realtimeqa"] = rtqa(str(OUT / "rtqa-index"))
        print("realtimeqa-dev answers:", json.dumps(out["realtimeqa"]))
    if args.only in (None, "polnear"):
        out["polnear"] = polnear(str(OUT / "polnear-index"))
        print("polnear-dev who-said-what:", json.dumps(out["polnear"]))
    (OUT / "answers.json").write_text(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
