"""Who-said-what benchmark on PolNeAR-dev: the speaker index against a naive baseline.

    python -m bench.attribution [--out DIR] [--eval-dir DIR] [--limit N]

1. Reads `articles.jsonl` as `Article`s (text untouched, so annotation offsets stay valid).
2. Extracts statements from every article and builds one `SpeakerIndex` over all of them.
3. Answers each line of `speaker-questions.jsonl` ("What did X say?") over the whole corpus
   (the questions are not article-scoped): the bot's `parse_question` names the speaker,
   `lookup` finds them; the statements of the best match become the answer's `quotes`.
4. Baseline, measured in the same run: every article split into sentences (blingfire, per
   paragraph); the sentences containing the asked speaker's last name are ranked by BM25
   (k1=1.2, b=0.75, idf over all sentences) against the question's words, and the top 3
   become the `quotes`.
5. Scores both with `score_attribution.py score` and prints them side by side.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import blingfire

from bench.common import EVAL
from bot.question import parse_question
from index.models import Article, Statement
from index.quotes import extract_statements
from index.speakers import SpeakerIndex

log = logging.getLogger(__name__)

EVAL_DIR = EVAL / "polnear-dev"
SCORER = EVAL / "score_attribution.py"
BASELINE_TOP = 3
DEFAULT_LIMIT = 3


def load_articles(path: Path) -> list[Article]:
    """JSON lines with id, title, url, source, author, published_at, text; text kept as is."""
    articles = []
    with path.open(encoding="utf-8", newline="") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
                articles.append(
                    Article(
                        id=d["id"],
                        title=d.get("title") or "",
                        text=d["text"],
                        url=d.get("url"),
                        source=d.get("source"),
                        author=d.get("author"),
                        published_at=d.get("published_at"),
                        origin=f"{path}:{lineno}",
                    )
                )
            except (json.JSONDecodeError, KeyError) as e:
                raise SystemExit(
                    f"{path}:{lineno}: not an article line ({e}); fix or remove it"
                ) from e
    return articles


def _citation(n: int, art: Article, start: int, end: int) -> dict[str, Any]:
    return {
        "n": n,
        "article_id": art.id,
        "title": art.title,
        "url": art.url,
        "source": art.source,
        "published_at": art.published_at,
        "text": art.text[start:end],
        "start": start,
        "end": end,
    }


def answer_with_index(
    index: SpeakerIndex, articles: dict[str, Article], question: str, limit: int
) -> dict[str, Any]:
    name = parse_question(question).speaker
    matches = index.lookup(name, limit=limit) if name else []
    if not matches:
        return {
            "question": question,
            "answer": "I found no statement by that speaker.",
            "quotes": [],
            "citations": [],
            "found": False,
        }
    best = matches[0]
    statements: list[Statement] = list(best.statements)
    who = best.speaker + (f" ({best.role})" if best.role else "")
    lines, quotes, citations = [], [], []
    if len(matches) > 1:
        others = ", ".join(m.speaker for m in matches[1:4])
        lines.append(f"Answering about {who}; also matching: {others}.")
    for n, st in enumerate(statements, 1):
        art = articles[st.article_id]
        citations.append(_citation(n, art, st.start, st.end))
        quotes.append({"speaker": st.speaker, "text": st.text, "citation": n})
        lines.append(f"{who} {st.cue or 'said'}: {st.text} [{n}]")
    return {
        "question": question,
        "answer": "\n".join(lines),
        "quotes": quotes,
        "citations": citations,
        "found": True,
    }


def _sentences(art: Article) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = 0
    for line in art.text.split("\n"):
        if line.strip():
            _, offsets = blingfire.text_to_sentences_and_offsets(line)
            out.extend((pos + s, pos + e) for s, e in offsets)
        pos += len(line) + 1
    return out


def _toks(s: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", s.lower())


class Baseline:
    """Sentences naming the speaker's last name, ranked by BM25 against the question."""

    def __init__(self, articles: list[Article]) -> None:
        self.sents = [(a, s, e) for a in articles for s, e in _sentences(a)]
        self.tokens = [_toks(a.text[s:e]) for a, s, e in self.sents]
        df: Counter[str] = Counter()
        for t in self.tokens:
            df.update(set(t))
        n = len(self.tokens)
        self.idf = {w: math.log(1 + (n - c + 0.5) / (c + 0.5)) for w, c in df.items()}
        self.avg = sum(map(len, self.tokens)) / max(n, 1)

    def answer(self, question: str, speaker: str) -> dict[str, Any]:
        last = _toks(speaker)[-1] if _toks(speaker) else ""
        q = _toks(question)
        scored = []
        for i, toks in enumerate(self.tokens):
            if last not in toks:
                continue
            tf = Counter(toks)
            score = sum(
                self.idf.get(w, 0)
                * tf[w]
                * 2.2
                / (tf[w] + 1.2 * (0.25 + 0.75 * len(toks) / self.avg))
                for w in q
                if w in tf
            )
            scored.append((score, i))
        scored.sort(key=lambda x: (-x[0], x[1]))
        quotes: list[dict[str, Any]] = []
        citations: list[dict[str, Any]] = []
        for n, (_, i) in enumerate(scored[:BASELINE_TOP], 1):
            art, s, e = self.sents[i]
            citations.append(_citation(n, art, s, e))
            quotes.append({"speaker": speaker, "text": art.text[s:e], "citation": n})
        return {
            "question": question,
            "answer": " ".join(str(q["text"]) for q in quotes),
            "quotes": quotes,
            "citations": citations,
            "found": bool(quotes),
        }


def _score(questions: Path, answers: Path) -> dict[str, Any]:
    res = subprocess.run(
        [sys.executable, str(SCORER), "score", str(questions), str(answers)],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(res.stdout.strip().splitlines()[-1])
    return result


def _write(path: Path, rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, help="directory for answers (default: a temp dir)")
    ap.add_argument("--eval-dir", type=Path, default=EVAL_DIR)
    ap.add_argument(
        "--limit", type=int, default=DEFAULT_LIMIT, help="statements returned per question"
    )
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    out = args.out or Path(tempfile.mkdtemp(prefix="newsbot-attribution-"))
    out.mkdir(parents=True, exist_ok=True)
    qfile = args.eval_dir / "speaker-questions.jsonl"

    articles = load_articles(args.eval_dir / "articles.jsonl")
    by_id = {a.id: a for a in articles}
    statements = [st for a in articles for st in extract_statements(a)]
    index = SpeakerIndex(statements)
    questions = [json.loads(line) for line in qfile.open(encoding="utf-8") if line.strip()]

    ours = [answer_with_index(index, by_id, q["question"], args.limit) for q in questions]
    base_model = Baseline(articles)
    base = [
        base_model.answer(q["question"], parse_question(q["question"]).speaker or "")
        for q in questions
    ]
    _write(out / "answers.jsonl", ours)
    _write(out / "baseline-answers.jsonl", base)
    r_ours, r_base = (
        _score(qfile, out / "answers.jsonl"),
        _score(qfile, out / "baseline-answers.jsonl"),
    )

    print(
        f"polnear-dev: {len(articles)} articles, {len(statements)} statements extracted, "
        f"{len(index)} speakers, {len(questions)} questions"
    )
    print(f"{'':22}{'speaker index':>15}{'baseline':>12}")
    for k in ("statements", "correct", "wrong", "precision", "hit_rate"):
        print(f"{k:22}{r_ours[k]!s:>15}{r_base[k]!s:>12}")
    print(f"answers: {out}/answers.jsonl, {out}/baseline-answers.jsonl")
    return 0


if __name__ == "__main__":
    sys.exit(main())
