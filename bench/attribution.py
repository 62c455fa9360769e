"""Who said what on polnear through the bot's own path, against a naive baseline, in one run.

    python -m bench.attribution                          # the configured [answer].max_quotes
    python -m bench.attribution --max-quotes 1,2,3,4,5   # one newsbot row per value
    python -m bench.attribution --set polnear-tune --fast --no-baseline   # rules, ~1.5 min

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
    python -m bench.attribution --fast --pool                 # tune, dev and both pooled
    python -m bench.attribution --set polnear-tune --fast --no-baseline --recall
                                    # and the extractor's recall of the annotated statements

Precision and hit rate carry bootstrap 95% intervals (2,000 resamples of the questions: the
hit rate is a share of speakers, precision a ratio of statement counts resampled by question).
`--pool` runs polnear-tune and polnear-dev in turn (each on its own index) and adds a row of
both sets' questions pooled.

    python -m bench.attribution --set polnear-tune --fast --no-baseline --slices 10
    python -m bench.attribution --set polnear-tune --fast --no-baseline --slices 10 --wrong

`--slices N` splits the set's articles into N slices by a seeded shuffle (polnear-tune in 10:
about 84 articles each, polnear-dev's size), makes each slice's questions from its own
attributions with score_attribution.py's `make-questions`, indexes and asks each slice on its
own, and prints every slice's figures, their mean and spread, and all slices' questions pooled.
The scorer counts a statement as wrong when it matches another speaker's annotated words
anywhere in the question file, and an index of more articles holds more namesakes, so a set's
size moves its figures: this tells the whole set's figures from those of a corpus of the
reporting set's size, as a held-out set of that size would be.

`--wrong` splits the statements the scorer counts wrong by what they match (`wrong_kinds`):
only annotated words of other articles (words in common: the scorer matches across the whole
question file), words of the statement's own article annotated to a speaker whose name holds
the listed speaker's surname (one person under two keys: "Mr. Nevins of Showtime" is keyed
"showtime"), or words of its own article annotated to another speaker. A found answer without
quotes, whose sentences the scorer reads, is in none of them.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from bench.common import (
    OUT,
    Dataset,
    add_dataset_args,
    answerer,
    ask_batch,
    bootstrap_interval,
    chosen_dataset,
    dataset_settings,
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
from index.models import Article, Statement
from index.quotes import extract_statements
from index.search import Searcher

BASELINE_PASSAGES = 5
BASELINE_SENTENCES = 3
COLUMNS = ("statements", "correct", "wrong", "precision", "hit_rate")
BOOTSTRAP_SAMPLES = 2000
SLICE_SEED = 8  # the shuffle that deals a set's articles into --slices

# Per question: (statements judged correct, statements judged wrong, at least one correct).
PerQuestion = list[tuple[int, int, bool]]


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


def statement_recall(
    scorer: Any, articles: list[dict[str, Any]], attributions: list[dict[str, Any]]
) -> dict[str, Any]:
    """The extractor alone: of the annotated statements the questions keep (6 words or more),
    how many it extracts from their article with the annotated speaker (the same surname key
    as the questions') and the annotated words (score_attribution.py's `match`)."""
    found: dict[str, list[Statement]] = {}
    for a in articles:
        art = Article(id=a["id"], title=a.get("title") or "", text=a["text"])
        found[a["id"]] = extract_statements(art)
    kept = [a for a in attributions if len(scorer.words(a["content"])) >= 6]
    hits = sum(
        any(
            scorer.key(st.speaker or "") == scorer.key(a["speaker"])
            and scorer.match(st.text, a["content"])
            for st in found.get(a["article_id"], [])
        )
        for a in kept
    )
    return {
        "annotated": len(kept),
        "extracted": hits,
        "recall": round(hits / max(len(kept), 1), 3),
    }


def per_question(
    scorer: Any, questions: list[dict[str, Any]], rows: list[dict[str, Any]]
) -> PerQuestion:
    """score_attribution.py's judgement of each answer, question by question (its `score`
    gives only the totals, which these add up to)."""
    others = [(q["key"], g) for q in questions for g in q["gold"]]
    out: PerQuestion = []
    for q, r in zip(questions, rows, strict=True):
        stmts = [x.get("text", "") for x in (r.get("quotes") or [])]
        if not stmts and r.get("found", True):  # the scorer then reads the answer's sentences
            answer = re.sub(r"\[\d+\]", "", r.get("answer") or "")
            stmts = [x for x in re.split(r"(?<=[.!?])\s+", answer) if x.strip()]
        good = [any(scorer.match(s, g) for g in q["gold"]) for s in stmts]
        bad = [
            not ok and any(scorer.match(s, g) for k, g in others if k != q["key"])
            for s, ok in zip(stmts, good, strict=True)
        ]
        out.append((sum(good), sum(bad), any(good)))
    return out


WRONG_KINDS = ("another article's words", "the same surname keyed otherwise", "another speaker")


def wrong_kinds(
    scorer: Any,
    questions: list[dict[str, Any]],
    rows: list[dict[str, Any]],
    attributions: list[dict[str, Any]],
) -> dict[str, int]:
    """The statements the scorer counts wrong, by what they match (`WRONG_KINDS`): only
    annotated words of other articles (the scorer matches words across the whole file, so
    these are words in common, not a speaker confused); in the statement's own article, words
    annotated to a speaker whose name holds the listed speaker's surname ("Mr. Nevins of
    Showtime" for David Nevins: one person, keyed "showtime"); or to another speaker there."""
    golds = {(q["key"], g) for q in questions for g in q["gold"]}  # what the scorer reads
    kept = [a for a in attributions if (scorer.key(a["speaker"]), a["content"]) in golds]
    counts = dict.fromkeys(WRONG_KINDS, 0)
    for q, r in zip(questions, rows, strict=True):
        article_of = {c["n"]: c.get("article_id") for c in r.get("citations") or []}
        for quote in r.get("quotes") or []:
            text = quote.get("text", "")
            if any(scorer.match(text, g) for g in q["gold"]):
                continue
            matched = [
                a
                for a in kept
                if scorer.key(a["speaker"]) != q["key"] and scorer.match(text, a["content"])
            ]
            if not matched:
                continue  # unknown to the scorer, not wrong
            here = [a for a in matched if a["article_id"] == article_of.get(quote.get("citation"))]
            surname = (quote.get("speaker") or "").split()[-1:] or [""]
            if not here:
                counts[WRONG_KINDS[0]] += 1
            elif surname[0] and all(surname[0].lower() in a["speaker"].lower() for a in here):
                counts[WRONG_KINDS[1]] += 1
            else:
                counts[WRONG_KINDS[2]] += 1
    return counts


def with_intervals(perq: PerQuestion, seed: int = 0) -> dict[str, Any]:
    """Precision and hit rate with bootstrap 95% intervals over the questions."""
    data = np.asarray(perq, dtype=float).reshape(-1, 3)
    correct, wrong, hits = data[:, 0], data[:, 1], data[:, 2]
    low, high = bootstrap_interval(hits.tolist(), samples=BOOTSTRAP_SAMPLES, seed=seed)
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(data), size=(BOOTSTRAP_SAMPLES, len(data)))
    c, w = correct[picks].sum(axis=1), wrong[picks].sum(axis=1)
    precision = c / np.maximum(c + w, 1)
    return {
        "questions": len(data),
        "correct": int(correct.sum()),
        "wrong": int(wrong.sum()),
        "precision": round(float(correct.sum() / max(correct.sum() + wrong.sum(), 1)), 3),
        "precision_ci95": [
            round(float(np.percentile(precision, 2.5)), 3),
            round(float(np.percentile(precision, 97.5)), 3),
        ],
        "hit_rate": round(float(hits.mean()), 3),
        "hit_rate_ci95": [round(low, 3), round(high, 3)],
    }


def run_set(
    args: argparse.Namespace, data: Dataset
) -> tuple[dict[str, Any], dict[str, PerQuestion]]:
    """Index one set, answer its questions, print and write its scores; the per-question
    judgements of each row, for pooling."""
    if args.fast:
        data = replace(data, index_dir=data.index_dir.with_name(data.index_dir.name + "-fast"))
        settings = dataset_settings(data)
        library = Library(settings, HashEmbedder())
        log(f"{data.name}: " + library.build(data.sources, rebuild=True).summary())
    else:
        settings = dataset_settings(data)
        library = indexed(data, settings)
    searcher = library.searcher()
    questions = read_jsonl(data.questions)
    scorer = load_scorer("score_attribution")
    judged: dict[str, PerQuestion] = {}

    def score(name: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
        path = OUT / f"attribution-{data.label}-{name.replace(' ', '-')}.jsonl"
        write_jsonl(path, rows)
        result: dict[str, Any] = scorer.score(str(data.questions), str(path))
        perq = per_question(scorer, questions, rows)
        judged[name] = perq
        ci = with_intervals(perq)
        assert (ci["correct"], ci["wrong"]) == (result["correct"], result["wrong"])
        result["precision_ci95"], result["hit_rate_ci95"] = (
            ci["precision_ci95"],
            ci["hit_rate_ci95"],
        )
        return result

    results: dict[str, dict[str, Any]] = {}
    attributions = (
        read_jsonl(data.questions.with_name("attributions.jsonl"))
        if args.wrong or args.recall
        else []
    )
    for quotes in args.max_quotes or [settings.answer.max_quotes]:
        mine = override(settings, "answer", max_quotes=quotes)
        rows = ask_batch(answerer(library, mine), [q["question"] for q in questions])
        row = results[f"newsbot q{quotes}"] = score(f"newsbot q{quotes}", rows)
        if args.wrong:
            row["wrong_kinds"] = wrong_kinds(scorer, questions, rows, attributions)
    if not args.no_baseline:
        base = [baseline_answer(searcher, q["question"], q["speaker"]) for q in questions]
        results["baseline"] = score("baseline", base)

    print(
        f"{data.name}: {len(searcher.articles)} articles, {len(searcher.statements)} statements, "
        f"{len(searcher.speakers)} speakers, {len(questions)} questions"
    )
    print_table(results)
    print_wrong(results)
    if args.recall:
        articles = read_jsonl(data.corpus)
        results["extractor"] = statement_recall(scorer, articles, attributions)
        r = results["extractor"]
        print(
            f"extractor: {r['extracted']} of {r['annotated']} annotated statements "
            f"(6 words or more) extracted with their speaker: recall {r['recall']}"
        )
    write_results(f"attribution-{data.label}", results)
    return results, judged


def sliced(data: Dataset, count: int) -> list[Dataset]:
    """`data`'s articles dealt into `count` slices by a seeded shuffle, each written with its
    own attributions and questions (score_attribution.py's `make-questions`) under
    bench/out/<set>-slices/."""
    articles = read_jsonl(data.corpus)
    if not 1 < count <= len(articles):
        raise SystemExit(f"--slices must be between 2 and the set's {len(articles)} articles")
    attributions = read_jsonl(data.corpus.with_name("attributions.jsonl"))
    random.Random(SLICE_SEED).shuffle(articles)
    scorer = load_scorer("score_attribution")
    out = []
    for i in range(count):
        part = articles[i::count]
        ids = {a["id"] for a in part}
        folder = OUT / f"{data.name}-slices" / f"slice{i + 1}"
        folder.mkdir(parents=True, exist_ok=True)
        write_jsonl(folder / "articles.jsonl", part)
        write_jsonl(
            folder / "attributions.jsonl", [a for a in attributions if a["article_id"] in ids]
        )
        scorer.make_questions(str(folder / "attributions.jsonl"), str(folder / "questions.jsonl"))
        out.append(
            Dataset(
                f"{data.name}-slice{i + 1}",
                folder / "articles.jsonl",
                folder / "questions.jsonl",
                folder / "index",
            )
        )
    return out


def run_slices(args: argparse.Namespace, data: Dataset) -> None:
    """Each slice of `data` indexed and asked on its own; every slice's figures, their mean and
    spread, and all slices' questions pooled."""
    rows: dict[str, dict[str, Any]] = {}  # "slice3 newsbot q3": that slice's figures
    by_row: dict[str, list[dict[str, Any]]] = {}  # "newsbot q3": each slice's figures
    pooled: dict[str, PerQuestion] = {}
    for part in sliced(data, args.slices):
        results, judged = run_set(args, part)
        for row, perq in judged.items():
            pooled.setdefault(row, []).extend(perq)
            by_row.setdefault(row, []).append(results[row])
            rows[f"{part.name.rsplit('-', 1)[-1]} {row}"] = results[row]
    summary: dict[str, Any] = {"slices": rows}
    print(f"{data.name} in {args.slices} slices, each indexed and asked on its own")
    print_table(rows)
    for row, perq in pooled.items():
        spread = {}
        for k in ("precision", "hit_rate"):
            values = [float(r[k]) for r in by_row[row]]
            spread[k] = [round(float(np.mean(values)), 3), min(values), max(values)]
        summary[row] = {"pooled": with_intervals(perq), "mean_min_max": spread}
        print(
            f"{row}: slices' precision mean {spread['precision'][0]} "
            f"(min {spread['precision'][1]}, max {spread['precision'][2]}), hit rate mean "
            f"{spread['hit_rate'][0]} (min {spread['hit_rate'][1]}, max {spread['hit_rate'][2]})"
        )
    for row, results in by_row.items():
        if all("wrong_kinds" in r for r in results):
            kinds = [r["wrong_kinds"] for r in results]
            summary[row]["pooled"]["wrong_kinds"] = {k: sum(c[k] for c in kinds) for k in kinds[0]}
    print_table({f"pooled {row}": summary[row]["pooled"] for row in pooled})
    print_wrong({f"pooled {row}": summary[row]["pooled"] for row in pooled})
    write_results(f"attribution-{data.label}-slices", summary)


def print_wrong(results: dict[str, dict[str, Any]]) -> None:
    """Each row's wrong statements by kind (`--wrong`)."""
    for name, r in results.items():
        if "wrong_kinds" in r:
            kinds = ", ".join(f"{k} {v}" for k, v in r["wrong_kinds"].items())
            print(f"{name}: of {r['wrong']} statements counted wrong: {kinds}")


def print_table(results: dict[str, dict[str, Any]]) -> None:
    width = max([14, *(len(name) + 1 for name in results)])  # "slice10 newsbot q3" fits
    print(
        f"{'':{width}}"
        + "".join(f"{c:>11}" for c in COLUMNS)
        + f"{'precision 95%':>16}{'hit rate 95%':>16}"
    )
    for name, r in results.items():
        ci = "".join(
            f"{'–'.join(f'{x:.3f}' for x in r[k]):>16}" for k in ("precision_ci95", "hit_rate_ci95")
        )
        print(f"{name:{width}}" + "".join(f"{r.get(c, '')!s:>11}" for c in COLUMNS) + ci)


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
    parser.add_argument(
        "--no-baseline",
        action="store_true",
        help="skip the BM25 baseline (most of a --fast run's time): for choosing rules",
    )
    parser.add_argument(
        "--recall",
        action="store_true",
        help="also report the extractor's recall of the annotated statements (seconds)",
    )
    parser.add_argument(
        "--wrong",
        action="store_true",
        help="also split the statements counted wrong by what they match (seconds)",
    )
    parser.add_argument(
        "--pool",
        action="store_true",
        help="run polnear-tune and polnear-dev and add both pooled (ignores --set)",
    )
    parser.add_argument(
        "--slices",
        type=int,
        default=0,
        help="split the set's articles into this many slices, each indexed and asked on its own",
    )
    args = parser.parse_args()
    if args.slices:
        run_slices(args, chosen_dataset(args))
        return
    if not args.pool:
        run_set(args, chosen_dataset(args))
        return
    pooled: dict[str, PerQuestion] = {}
    for name in ("polnear-tune", "polnear-dev"):
        args.set = name
        _, judged = run_set(args, chosen_dataset(args))
        for row, perq in judged.items():
            pooled.setdefault(row, []).extend(perq)
    results = {row: with_intervals(perq) for row, perq in pooled.items()}
    print(f"pooled: polnear-tune and polnear-dev, {len(next(iter(pooled.values())))} questions")
    print_table(results)
    backend = f"-backend={args.backend}" if args.backend else ""
    write_results(f"attribution-pooled{backend}", results)


if __name__ == "__main__":
    main()
