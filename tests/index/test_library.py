"""Questions during a build (index/library.py): they never wait for the build's model or for the
new snapshot's load. These tests state the order of events, not times: each holds the build at
a gate and checks what a question gets meanwhile."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import index.embedding
import index.search
from bot.answer import Answerer
from index.errors import NotBuilderError
from index.library import Library
from index.progress import BuildReport
from index.search import Searcher
from index.store import Layout
from tests.conftest import make_settings
from tests.fakes import FakeEmbedder

WAIT = 30  # seconds: only ever reached when the order is wrong (a deadlock guard)
BUILDER = "builder"


class Gate:
    """Holds whoever reaches it until `open()`; `reached` tells the test it is held there."""

    def __init__(self) -> None:
        self.reached = threading.Event()
        self._open = threading.Event()

    def hold(self) -> None:
        self.reached.set()
        # Longer than any wait of the test's, so a test that times out finds the gate still shut.
        assert self._open.wait(3 * WAIT), "the gate was never opened"

    def open(self) -> None:
        self._open.set()

    def close(self) -> None:
        self.reached.clear()
        self._open.clear()


class ModelFake(FakeEmbedder):
    """A fake with the real model's rule: one encode at a time on an instance. Its encodes stop
    at `gate` (when one is set) while holding the instance."""

    def __init__(self, gate: Gate | None) -> None:
        super().__init__()
        self.gate = gate
        self._model = threading.Lock()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        with self._model:
            if self.gate is not None:
                self.gate.hold()
            return super().encode(texts)


def in_thread(fn: Callable[[], Any], name: str = "question") -> tuple[threading.Thread, list[Any]]:
    """Run `fn` in a thread; its result (or exception) lands in the returned list."""
    out: list[Any] = []

    def run() -> None:
        try:
            out.append(fn())
        except BaseException as exc:  # handed to the test
            out.append(exc)

    thread = threading.Thread(target=run, name=name, daemon=True)
    thread.start()
    return thread, out


def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir(exist_ok=True)
    for topic in ("harbour", "election", "vaccine"):
        body = " ".join(f"The {topic} story goes on with detail {j}." for j in range(30))
        (folder / f"{topic}.txt").write_text(f"News about the {topic}\n\n{body}\n")
    return folder


def add_marathon(folder: Path) -> None:
    (folder / "marathon.txt").write_text("News about the marathon\n\nThe marathon was run.\n")


@pytest.fixture
def gate() -> Iterator[Gate]:
    gate = Gate()
    yield gate
    gate.open()  # never leave a thread held after a failed assertion


def test_a_question_during_a_build_does_not_wait_for_the_builds_model(
    tmp_path: Path, gate: Gate, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The library loads its models itself, as in the bot: each load is a new instance.
    loaded: list[ModelFake] = []

    def load(*args: Any) -> ModelFake:
        loaded.append(ModelFake(gate if loaded else None))  # the first answers the questions
        return loaded[-1]

    monkeypatch.setattr(index.embedding, "load_embedder", load)
    settings = make_settings(tmp_path / "data", corpus={"sources": [str(corpus(tmp_path))]})
    lib = Library(settings)
    gate.open()
    lib.build()
    answerer = Answerer(lib, settings)
    assert answerer.answer("What happened to the harbour?").found

    gate.close()
    builder, built = in_thread(lambda: lib.build(rebuild=True), name=BUILDER)
    assert gate.reached.wait(WAIT)  # the build is encoding, holding its model

    question, answered = in_thread(lambda: answerer.answer("What happened to the harbour?"))
    question.join(WAIT)
    waited, held = question.is_alive(), builder.is_alive()
    gate.open()
    builder.join(WAIT)
    assert not waited, "the question waited for the build's model"
    assert held, "the build was still holding its model when the question was answered"
    assert answered[0].found and "harbour" in answered[0].text
    assert not isinstance(built[0], BaseException), built[0]


def test_a_question_while_a_new_snapshot_loads_is_answered_from_the_old_one(
    tmp_path: Path, gate: Gate, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = corpus(tmp_path)
    settings = make_settings(tmp_path / "data", corpus={"sources": [str(folder)]})
    lib = Library(settings, FakeEmbedder())
    first = lib.build()
    old = lib.searcher()
    loads: list[str] = []

    class HeldSearcher(Searcher):
        def __init__(self, snapshot: Path, *args: Any) -> None:
            loads.append(snapshot.name)
            gate.hold()  # the new snapshot is being loaded
            super().__init__(snapshot, *args)

    monkeypatch.setattr(index.search, "Searcher", HeldSearcher)
    add_marathon(folder)
    builder, built = in_thread(lib.build, name=BUILDER)
    assert gate.reached.wait(WAIT)
    assert Layout(settings.data_dir).current_name() != first.snapshot  # switched, not loaded

    answerer = Answerer(lib, settings)
    questions = [
        in_thread(lambda: (lib.searcher(), answerer.answer("What happened at the marathon?")))
        for _ in range(3)
    ]
    for thread, _ in questions:
        thread.join(WAIT)
    waited = [thread.is_alive() for thread, _ in questions]
    gate.open()
    builder.join(WAIT)

    assert waited == [False, False, False], "a question waited for the snapshot's load"
    for _, out in questions:
        searcher, answer = out[0]
        assert searcher is old
        assert not answer.found  # the old snapshot has no marathon
    assert loads == [built[0].snapshot]  # one load, by the build, not one per question
    assert lib.searcher().path.name == built[0].snapshot
    assert answerer.answer("What happened at the marathon?").found


def switched_by_another_process(tmp_path: Path) -> tuple[Library, Searcher, BuildReport]:
    """A library serving its first snapshot, and the report of the build by which another
    library (e.g. `newsbot index` meanwhile) has since switched `current` to a new one."""
    folder = corpus(tmp_path)
    settings = make_settings(tmp_path / "data", corpus={"sources": [str(folder)]})
    lib = Library(settings, FakeEmbedder())
    lib.build()
    old = lib.searcher()
    add_marathon(folder)
    return lib, old, Library(settings, FakeEmbedder()).build()


def test_a_switch_by_another_process_is_loaded_in_the_background(
    tmp_path: Path, gate: Gate, monkeypatch: pytest.MonkeyPatch
) -> None:
    lib, old, report = switched_by_another_process(tmp_path)

    class HeldSearcher(Searcher):
        def __init__(self, *args: Any) -> None:
            gate.hold()
            super().__init__(*args)

    monkeypatch.setattr(index.search, "Searcher", HeldSearcher)
    question, got = in_thread(lib.searcher)
    question.join(WAIT)
    assert not question.is_alive() and got == [old]  # answered while the new one loads
    assert gate.reached.wait(WAIT)  # ... which a background thread does
    assert lib.searcher() is old
    gate.open()
    for _ in range(WAIT * 10):
        if lib.searcher().path.name == report.snapshot:
            break
        threading.Event().wait(0.1)
    assert lib.searcher().path.name == report.snapshot
    assert "marathon" in {a.title.split()[-1] for a in lib.searcher().articles.values()}


def test_a_snapshot_that_fails_to_load_in_the_background_is_not_retried_per_question(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    lib, old, _ = switched_by_another_process(tmp_path)
    loads: list[int] = []

    class BrokenSearcher(Searcher):
        def __init__(self, *args: Any) -> None:
            loads.append(1)
            raise OSError("Input/output error")

    monkeypatch.setattr(index.search, "Searcher", BrokenSearcher)
    for _ in range(5):
        assert lib.searcher() is old  # the old snapshot keeps answering
        for thread in threading.enumerate():
            if thread.name.startswith("load "):
                thread.join(WAIT)
    assert loads == [1]  # one failed load, not one a question
    assert "still serving the old one" in caplog.text


def test_a_library_configured_not_to_build_refuses_without_taking_the_build_lock(
    tmp_path: Path,
) -> None:
    settings = make_settings(tmp_path / "data", index={"builder": False, "builder_name": "bot-0"})

    with pytest.raises(NotBuilderError, match=r"\[index\]\.builder = false.* run on bot-0"):
        Library(settings, FakeEmbedder()).build()

    assert not Layout(settings.data_dir).lock_file.exists()  # the lock was never opened
    assert not (settings.data_dir / "snapshots").exists()  # nothing written


def test_a_non_builder_serves_and_follows_what_the_builder_switches_to(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    builder = make_settings(tmp_path / "data", corpus={"sources": [str(folder)]})
    reader = replace(builder, index=replace(builder.index, builder=False))
    first = Library(builder, FakeEmbedder()).build()
    served = Library(reader, FakeEmbedder())
    assert served.searcher().path.name == first.snapshot

    add_marathon(folder)
    second = Library(builder, FakeEmbedder()).build()

    for _ in range(WAIT * 10):  # loaded in the background; the old one serves meanwhile
        if served.searcher().path.name == second.snapshot:
            break
        threading.Event().wait(0.1)
    assert served.searcher().path.name == second.snapshot


def test_a_new_snapshot_replaces_a_serving_one_with_its_statements_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # At a first load nothing serves: questions are answered while the statements (only
    # who-said-what needs them all) are read behind. A snapshot replacing a serving one has
    # them all read first, so no question waits on the new snapshot.
    warmed: list[str] = []
    real_warm = Searcher.warm_statements

    def warm(self: Searcher) -> None:
        warmed.append(self.path.name)
        real_warm(self)

    monkeypatch.setattr(Searcher, "warm_statements", warm)
    lib, old, report = switched_by_another_process(tmp_path)
    assert warmed[0] == old.path.name  # lib's first load (the other library's build follows)
    before = list(warmed)
    for _ in range(WAIT * 10):
        if lib.searcher().path.name == report.snapshot:
            break
        threading.Event().wait(0.1)
    new = lib.searcher()
    assert new.path.name == report.snapshot and new._statements.loaded
    assert warmed == before  # lib read them before the swap, not behind it
