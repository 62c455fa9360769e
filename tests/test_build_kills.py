"""SIGKILL a build at 20 seeded-random points of its progress: after each kill the current
snapshot verifies, loads and answers the seed questions, and the next build cleans up and
succeeds.

The build runs in a subprocess (tests/build_child.py, the fake embedder) that announces each of
its steps (progress reports, each snapshot file written, each fsync and rename, each embedding-
cache write, each old snapshot removed) and waits at the chosen one for this test's SIGKILL.
The build is deterministic, so a first full run numbers the steps and the kills land at the
same points every time.
"""

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from bot.answer import Answerer
from index.library import Library
from index.store import PARTIAL, Layout, verify_current
from tests.conftest import REPO, SAMPLE, SHARED, make_settings
from tests.fakes import FakeEmbedder

KILLS = 20
SEED = 9
TIMEOUT = 120  # seconds for one subprocess, far above its ~1 s
SEED_QUESTIONS = [
    json.loads(line)
    for line in (SHARED / "eval" / "seed-questions.jsonl").read_text().splitlines()
    if line.strip()
]
WORDS = (
    "harbour crane ferry council budget storm river bridge school rail market festival "
    "museum tower garden farm mine port road clinic"
).split()


def write_corpus(folder: Path, extras: int, changed: int | None = None) -> None:
    """The sample plus `extras` local reports, report number `changed` rewritten."""
    folder.mkdir()
    for path in SAMPLE.iterdir():
        shutil.copy(path, folder / path.name)
    rng = random.Random(SEED)
    for i in range(extras):
        sentences = []
        for _ in range(25):
            w = rng.sample(WORDS, 4)
            sentences.append(
                f"The {w[0]} near the {w[1]} saw {rng.randint(2, 900)} visitors, "
                f"the {w[2]} board said of the {w[3]}."
            )
        if i == changed:
            sentences.append("The board has since revised its figures.")
        title = f"Local report {i}: the {WORDS[i]}"
        (folder / f"extra{i:02d}.txt").write_text(f"{title}\n\n{' '.join(sentences)}\n")


def article_ids(settings) -> set[str]:
    return set(Library(settings, FakeEmbedder()).searcher().articles)


def assert_answers_the_seed_questions(library: Library, settings) -> None:
    answerer = Answerer(library, settings)
    for q in SEED_QUESTIONS:
        answer = answerer.answer(q["question"])
        if q.get("expect_none"):
            assert not answer.found and not answer.citations, q["id"]
            continue
        text = " ".join([answer.text, *(quote.text for quote in answer.quotes)]).lower()
        assert any(s.lower() in text for s in q["expect_any"]), (q["id"], answer.text)
        assert any(c.article_id == "000_57a03034e1c4b1e0" for c in answer.citations), q["id"]


def run_child(data: Path, corpus: Path, stop: int) -> tuple[subprocess.Popen, list[str]]:
    """Start the build; with stop >= 0, SIGKILL it once it waits at step `stop`."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.build_child", str(data), str(corpus), str(stop)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(REPO)),
    )
    watchdog = threading.Timer(TIMEOUT, proc.kill)
    watchdog.start()
    steps: list[str] = []
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            n, label = line.rstrip("\n").split(" ", 1)
            steps.append(label)
            if int(n) == stop:
                os.kill(proc.pid, signal.SIGKILL)
                break
        proc.wait()
    finally:
        watchdog.cancel()
    return proc, steps


@pytest.fixture(scope="module")
def setup(tmp_path_factory) -> tuple[Path, Path, Path, set[str], set[str]]:
    """A data dir holding two snapshots (corpus A, then more of it) and corpus B, which
    changes one article of A and adds four: the build the subprocess runs and is killed in."""
    root = tmp_path_factory.mktemp("kills")
    first, corpus_a, corpus_b = root / "a0", root / "a", root / "b"
    write_corpus(first, 6)
    write_corpus(corpus_a, 8)
    write_corpus(corpus_b, 12, changed=3)
    template = root / "template"
    fake = FakeEmbedder()
    for corpus in (first, corpus_a):
        Library(make_settings(template, corpus={"sources": [str(corpus)]}), fake).build()
    ids_a = article_ids(make_settings(template))
    return template, corpus_a, corpus_b, ids_a, ids_a | {f"extra{i:02d}" for i in range(8, 12)}


def test_a_build_killed_at_20_random_points_leaves_a_serving_index(setup, tmp_path):
    template, _, corpus_b, ids_a, ids_b = setup
    assert len(ids_b) == len(ids_a) + 4

    dry = tmp_path / "dry"
    shutil.copytree(template, dry)
    proc, steps = run_child(dry, corpus_b, -1)
    assert proc.returncode == 0, proc.stderr.read()[-2000:] if proc.stderr else ""
    assert steps[-1] == "done" and "remove an old snapshot" in " ".join(steps)
    switch = steps.index("after rename to current")  # from here on, the new snapshot serves
    points = sorted(random.Random(SEED).sample(range(len(steps) - 1), KILLS))
    assert any(p < switch for p in points) and any(p >= switch for p in points)

    for stop in points:
        data = tmp_path / f"kill-{stop}"
        shutil.copytree(template, data)
        proc, seen = run_child(data, corpus_b, stop)
        where = f"killed at step {stop} ({steps[stop]})"
        assert proc.returncode == -signal.SIGKILL, (where, proc.stderr and proc.stderr.read())
        assert seen == steps[: stop + 1], where  # the same build, stopped where planned

        settings = make_settings(data, corpus={"sources": [str(corpus_b)]})
        layout = Layout(data)
        verify_current(layout)  # the current snapshot's files match their checksums
        library = Library(settings, FakeEmbedder())
        searcher = library.searcher()
        assert searcher.name == layout.current_name(), where  # no fallback was needed
        assert set(searcher.articles) == (ids_b if stop >= switch else ids_a), where
        assert_answers_the_seed_questions(library, settings)

        report = library.build()  # the next build cleans up and succeeds
        names = sorted(p.name for p in layout.snapshots.iterdir())
        assert not any(n.endswith(PARTIAL) for n in names), (where, names)
        assert not list(data.glob("current.tmp-*")), where
        assert len(names) <= settings.index.keep_snapshots and names[-1] == report.snapshot
        assert library.searcher().name == report.snapshot
        assert set(library.searcher().articles) == ids_b, where
        assert_answers_the_seed_questions(library, settings)
