"""Who said what on polnear through the bot's own path, against a naive baseline, in one run.

    python -m bench.attribution                          # the configured [answer].max_quotes
    python -m bench.attribution --max-quotes 1,2,3,4,5   # one newsbot row per value

1. Indexes the set's articles with the real pipeline (bench/out/polnear-index for polnear-dev).
2. Asks each line of `speaker-questions.jsonl` ("What did X say?") through the `Answerer`, giving
   exactly what `newsbot ask --batch FILE --json` prints, once per `--max-quotes` value (the
   parsed [answer] settings overridden for that pass; config.toml is not touched).
3. Baseline, in the same run (the issue's naive anchor): the sentences of the top-5 BM25
   passages that contain the speaker's last name, at most 3.
4. Scores every pass with ../shared/eval/score_attribution.py (precision: returned statements
   the annotators attribute to the asked speaker among those attributed to anyone; hit rate:
   speakers with at least one correct statement).

Answers go to bench/out/attribution-<set>-newsbot-q<N>.jsonl and …-baseline.jsonl, the scores
to bench/out/attribution-<set>.json.

Choose extraction rules on `--set polnear-tune` (840 articles), report on `--set polnear-dev`.
`--fast` indexes with a hash embedder instead of the model (seconds, not minutes, and rebuilt
every run so that statements are extracted afresh): who-said-what answers come from the speaker
index (statements extracted from the articles, looked up by name, ranked by the question's topic
words), not from the vectors, so the newsbot figures are the real model's (on polnear-dev 0.948 /
0.856 both ways before issue 8); only the baseline, which searches passages, differs.

    python -m bench.attribution --set polnear-tune --fast     # while choosing rules
    python -m bench.attribution --set polnear-dev             # the report, real model
"""

from __future__ import annotations

import argparse
import hashlib
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from bench.common import (
    OUT,
    add_dataset_args,
    answerer,
    ask_batch,
    bench_settings,
    chosen_dataset,
    indexed,
    load_scorer,
    log,
    override,
    parse_list,
    read_jsonl,
    write_jsonl,
    write_results,
)
from bot.answer import candidate_sentences
from index.library import Library
from index.search import Searcher

BASELINE_PASSAGES = 5
BASELINE_SENTENCES = 3
COLUMNS = ("statements", "correct", "wrong", "precision", "hit_rate")


class HashEmbedder:
    """Vectors from hashed words, no model: for `--fast`, where the vectors do not matter."""

    name = "hash-embedder"
    dimension = 64
    max_tokens = 256
    special_tokens = 2

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return [len(re.findall(r"\w+|[^\w\s]", t)) for t in texts]

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                h = int.from_bytes(hashlib.md5(word.encode()).digest()[:4], "little")
                out[i, h % self.dimension] += 1.0
            out[i] /= max(float(np.linalg.norm(out[i])), 1e-9)
        return out


def baseline_answer(searcher: Searcher, question: str, speaker: str) -> dict[str, Any]:
    """The top BM25 passages' sentences that name the speaker's last name, as `quotes`."""
    last = speaker.split()[-1]
    hits = searcher.search(question, k=BASELINE_PASSAGES, mode="bm25")
    sentences = [
        s.text for s in candidate_sentences(hits) if re.search(rf"\b{re.escape(last)}\b", s.text)
    ][:BASELINE_SENTENCES]
    return {
        "question": question,
        "answer": "",
        "found": bool(sentences),
        "quotes": [{"speaker": speaker, "text": s, "citation": 1} for s in sentences],
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    add_dataset_args(parser, "polnear-dev", ("polnear-dev", "polnear-tune"))
    parser.add_argument(
        "--max-quotes", type=parse_list, help="[answer].max_quotes values, e.g. 1,2,3,4,5"
    )
    parser.add_argument(
        "--fast", action="store_true", help="index with a hash embedder instead of the model"
    )
    args = parser.parse_args()

    data = chosen_dataset(args)
    if args.fast:
        data = replace(data, index_dir=data.index_dir.with_name(data.index_dir.name + "-fast"))
        settings = bench_settings(data.index_dir)
        library = Library(settings, HashEmbedder())
        log(f"{data.name}: " + library.build(data.sources, rebuild=True).summary())
    else:
        settings = bench_settings(data.index_dir)
        library = indexed(data, settings)
    searcher = library.searcher()
    questions = read_jsonl(data.questions)
    scorer = load_scorer("score_attribution")

    def score(name: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
        path = OUT / f"attribution-{data.name}-{name}.jsonl"
        write_jsonl(path, rows)
        result: dict[str, Any] = scorer.score(str(data.questions), str(path))
        return result

    results: dict[str, dict[str, Any]] = {}
    for quotes in args.max_quotes or [settings.answer.max_quotes]:
        mine = override(settings, "answer", max_quotes=quotes)
        rows = ask_batch(answerer(library, mine), [q["question"] for q in questions])
        results[f"newsbot q{quotes}"] = score(f"newsbot-q{quotes}", rows)
    base = [baseline_answer(searcher, q["question"], q["speaker"]) for q in questions]
    results["baseline"] = score("baseline", base)

    print(
        f"{data.name}: {len(searcher.articles)} articles, {len(searcher.statements)} statements, "
        f"{len(searcher.speakers)} speakers, {len(questions)} questions"
    )
    print(f"{'':14}" + "".join(f"{c:>11}" for c in COLUMNS))
    for name, r in results.items():
        print(f"{name:14}" + "".join(f"{r[c]!s:>11}" for c in COLUMNS))
    write_results(f"attribution-{data.name}", results)


if __name__ == "__main__":
    main()
