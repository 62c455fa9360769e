"""Shared helpers for the benchmarks (not tests): data sets, eval indexes, the bot's own answer
path, scoring, settings overrides, and process measurements for the speed benchmarks."""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import resource
import sys
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from multiprocessing import get_context
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

from bot.settings import Settings, load_settings
from index.chunking import embed_text, fit_title
from index.config import EMBEDDING_BACKENDS
from index.errors import NewsbotError
from index.library import Library
from index.store import Layout, read_metadata

# The model comes from disk (index.embedding says so too, before it loads the model).
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("NEWSBOT_SHARED", REPO.parent / "shared"))
EVAL = SHARED / "eval"
OUT = REPO / "bench" / "out"
MODELS = OUT / "models"  # ONNX exports of the benchmarks' runs (made once, reused)
QUESTIONS = REPO / "bench" / "questions"  # question sets of the benchmarks themselves
# What a bench patches to return False so that a question typed without capitals is read as
# typed, not recased from the passages it finds (bot/casing.py): the side-by-side baseline.
RECASING_CHECK = "bot.answer.typed_without_capitals"
# What a bench patches to return no words so that no word of a question typed in lower case is
# respelled as a word of the news or taken for a name for being in no indexed article: the
# side-by-side baseline.
SPELLINGS = "bot.answer._spellings"
OFFTOPIC_TUNE = QUESTIONS / "offtopic-tune.jsonl"
# What a bench patches to return its text unchanged so that a framed question ("hey, can you
# tell me who X is? thanks") is read as typed (bot/framing.py): the side-by-side baseline.
UNFRAMING = "bot.answer.unframed"
SAMPLE = REPO / "data" / "sample"
SEED_QUESTIONS = EVAL / "seed-questions.jsonl"


@dataclass(frozen=True)
class Dataset:
    """An evaluation set: the articles to index and the questions asked over them."""

    name: str
    corpus: Path
    questions: Path
    index_dir: Path  # where its index (and embedding cache) is kept between runs
    extra: tuple[Path, ...] = ()  # more articles indexed with `corpus` (distractors)
    backend: str | None = None  # [embedding].backend for this run (None: the configured one)
    asked: str = ""  # the name of a question file given instead of the set's (--questions)

    @property
    def label(self) -> str:
        """The name its output files carry: with the question file's name when one is given
        (so that its answers do not overwrite the set's), and the backend when one is chosen."""
        label = f"{self.name}-{self.asked}" if self.asked else self.name
        return f"{label}-backend={self.backend}" if self.backend else label

    @property
    def sources(self) -> list[str]:
        return [str(self.corpus), *map(str, self.extra)]


# The realtimeqa sets are asked over one index of both corpora (about 2,900 articles): a
# realistic size, where the 750-article dev corpus alone is too easy. Settings are chosen on the
# tune questions and reported on the dev questions, over the same index.
REALTIMEQA = ("realtimeqa-tune", "realtimeqa-dev")


def dataset(name: str) -> Dataset:
    """realtimeqa-dev/-tune (news quiz questions over both corpora), polnear-dev/-tune ("What
    did X say?"), or sample (data/sample with ../shared/eval/seed-questions.jsonl)."""
    folder = EVAL / name
    if name == "sample":  # the bundled corpus and the seed questions about it
        return Dataset(name, SAMPLE, SEED_QUESTIONS, OUT / "sample-index")
    if name in REALTIMEQA:
        # One order whichever set is asked: which copy of a duplicate article is kept depends
        # on it, and the same index serves both sets.
        corpus, *extra = (EVAL / n / "corpus.jsonl" for n in REALTIMEQA)
        questions = folder / "questions.jsonl"
        return Dataset(name, corpus, questions, OUT / "rtqa-merged-index", tuple(extra))
    if name.startswith("polnear-"):
        corpus, questions = folder / "articles.jsonl", folder / "speaker-questions.jsonl"
        short = {"polnear-dev": "polnear-index"}  # the folder earlier runs used (its cache)
        return Dataset(name, corpus, questions, OUT / short.get(name, f"{name}-index"))
    raise SystemExit(f"unknown data set {name!r}")


def add_dataset_args(parser: argparse.ArgumentParser, default: str, choices: Sequence[str]) -> None:
    """--set, and --corpus/--questions/--data-dir to run the same bench on other files."""
    parser.add_argument("--set", default=default, choices=choices, help="evaluation set")
    parser.add_argument("--corpus", type=Path, help="articles to index instead of the set's")
    parser.add_argument("--questions", type=Path, help="questions instead of the set's")
    parser.add_argument("--data-dir", type=Path, help="index directory instead of bench/out/…")
    parser.add_argument(
        "--backend",
        choices=EMBEDDING_BACKENDS,
        help="[embedding].backend for this run; its index is bench/out/<set's index>-<backend> "
        "(vectors of one backend never mix with another's)",
    )


def chosen_dataset(args: argparse.Namespace) -> Dataset:
    d = dataset(args.set)
    backend = getattr(args, "backend", None)
    index_dir = d.index_dir.with_name(f"{d.index_dir.name}-{backend}") if backend else d.index_dir
    return Dataset(
        d.name,
        args.corpus or d.corpus,
        args.questions or d.questions,
        args.data_dir or index_dir,
        () if args.corpus else d.extra,
        backend,
        Path(args.questions).stem if args.questions else "",
    )


def dataset_settings(data: Dataset) -> Settings:
    """The settings `data` is indexed and asked with: the project's, on its index directory,
    with its embedding backend when one is chosen (ONNX exports shared in bench/out/models)."""
    settings = bench_settings(data.index_dir)
    if data.backend is None:
        return settings
    return override(settings, "embedding", backend=data.backend, cache_dir=str(MODELS))


def parse_list(value: str, kind: Callable[[str], Any] = int) -> list[Any]:
    """ "1,2,3" -> [1, 2, 3] (an argparse type for sweeps)."""
    return [kind(v) for v in value.split(",") if v.strip()]


# ---------------------------------------------------------------------------------------------
# Settings, indexes and the bot's answer path


def bench_settings(data_dir: Path | str) -> Settings:
    """The project's settings (./config.toml when present) on another data directory."""
    return load_settings(None, data_dir)


def override(settings: Settings, section: str, **values: Any) -> Settings:
    """`settings` with some values of one section replaced (config.toml is never edited)."""
    if not values:
        return settings
    return replace(settings, **{section: replace(getattr(settings, section), **values)})


def indexed(data: Dataset, settings: Settings | None = None) -> Library:
    """A library over `data`'s corpus, built with the real pipeline (cached embeddings reused)."""
    settings = settings or dataset_settings(data)
    library = Library(settings)
    log(f"{data.name}: " + library.build(data.sources).summary())
    return library


def answerer(library: Library, settings: Settings) -> Any:
    """The bot's `Answerer`, constructed as `newsbot ask` constructs it."""
    from bot.answer import Answerer

    answerer = Answerer(library, settings)
    answerer.sentence_model.wait()  # every question scored by the configured sentence model
    return answerer


def ask_batch(
    answerer: Any, questions: Iterable[str], now: datetime | None = None
) -> list[dict[str, Any]]:
    """What `newsbot ask --batch FILE --json` prints for `questions`, one dict a question
    (with `now`, as of that moment: what `newsbot ask` does with today)."""
    from bot.models import Answer

    rows = []
    for question in questions:
        try:
            row = answerer.answer(question, now=now).to_json()
        except NewsbotError as exc:
            refused = Answer(question=question, text=str(exc), found=False)
            row = refused.to_json() | {"error": str(exc)}
        rows.append(row)
    return rows


# Chat framings around a question as written (bench.notfound --framed, bench.answers
# --framed): {q} is the question, {i} the question asked indirectly ("who X is", "what X said").
# Tune-side sets are framed with the first list; report-side sets (realtimeqa-dev, the unfitted
# off-topic sets, who-is-dev) with the second, written before its first run with greetings and
# frames of its own.
FRAMINGS = {
    "tune": (
        "hey, {q}",
        "Hi newsbot! {q}",
        "{q} thanks!",
        "quick question: {q}",
        "can you tell me {i}",
        "do you know {i}",
        "I was wondering {i}",
        "hey {q} thx",
    ),
    "report": (
        "hello there, {q}",
        "Good evening newsbot. {q}",
        "{q} Thank you!",
        "Q: {q}",
        "Could you please tell me {i}",
        "does anybody know {i}",
        "I'm curious {i}",
        "yo, {q} cheers",
        "Sorry to bother you, but {i}",
        "Morning all! {q} 🙂",
    ),
}
_WHO_IS = re.compile(r"^Who (is|are|was|were) (.+?)\?$")
_WHAT_SAID = re.compile(r"^What did (.+?) say\b(.*?)\??$")


def framed(question: str, n: int, side: str) -> str:
    """`question` (the `n`th of its set) in one of `side`'s chat framings, in turn."""
    framing = FRAMINGS[side][n % len(FRAMINGS[side])]
    who, said = _WHO_IS.match(question), _WHAT_SAID.match(question)
    if who:
        indirect = f"who {who.group(2)} {who.group(1)}?"
    elif said:
        indirect = f"what {said.group(1)} said{said.group(2)}?"
    else:
        indirect = _first_lowered(question)
    # after a comma or a word the question goes on in lower case, as chat users type it
    direct = _first_lowered(question) if re.search(r"[,\w] \{q\}", framing) else question
    return framing.format(q=direct, i=indirect)


def _first_lowered(question: str) -> str:
    """ "Which city …" -> "which city …"; "NFL …", "US …" keep their capitals."""
    return question if question[1:2].isupper() else question[:1].lower() + question[1:]


def snapshot_texts(data_dir: Path, embedder: Any) -> list[str]:
    """The embed texts of the passages of `data_dir`'s current snapshot, in row order."""
    meta = read_metadata(Layout(data_dir).current_dir() / "meta.sqlite")
    titles = {aid: fit_title(a.title, embedder.count_tokens) for aid, a in meta.articles.items()}
    return [embed_text(titles[p.article_id], p.text) for p in meta.passages]


# ---------------------------------------------------------------------------------------------
# Files and scorers


def load_scorer(name: str) -> ModuleType:
    """Import one of ../shared/eval's scorer scripts as a module."""
    path = EVAL / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load scorer {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def write_results(name: str, results: dict[str, Any]) -> Path:
    """Write `results` to bench/out/<name>.json and return the path."""
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{name}.json"
    path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return path


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# Process measurements (speed benchmarks)


def rss_mb() -> float:
    """Resident set size of this process now, in MiB (Linux /proc)."""
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def peak_mb() -> float:
    """Peak resident set size of this process so far (ru_maxrss, KiB on Linux), in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def in_child(fn: Callable[..., dict[str, Any]], *args: Any) -> dict[str, Any]:
    """Run `fn(*args)` in a fresh process, so that its peak memory is its own."""
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
        return pool.submit(fn, *args).result()


def percentile(values: Sequence[float], q: float) -> float:
    return float(np.percentile(np.asarray(values, dtype=np.float64), q))


def loadavg() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def run_header(module: str) -> dict[str, Any]:
    """The command line, date and machine state that a speed result is read against."""
    return {
        "command": f"python -m {module} " + " ".join(sys.argv[1:]),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "loadavg_start": loadavg(),
    }


def bootstrap_interval(
    values: Sequence[float | bool], samples: int = 2000, seed: int = 0
) -> tuple[float, float]:
    """A 95% bootstrap interval of the mean of `values` (the sets are small: 61 questions, so
    one question is 1.6 points; a change inside the interval may be noise)."""
    data = np.asarray(values, dtype=float)
    if len(data) == 0:
        return (float("nan"), float("nan"))
    rng = np.random.default_rng(seed)
    means = data[rng.integers(0, len(data), size=(samples, len(data)))].mean(axis=1)
    return float(np.percentile(means, 2.5)), float(np.percentile(means, 97.5))
