"""A process that makes its own index (index/bootstrap.py): from an empty data directory, from a
snapshot of an older or unreadable format, and after a failed build. Each test holds the build
at a gate to state what questions get meanwhile."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from index.bootstrap import Bootstrap, outdated
from index.errors import IndexMissingError, IndexNotReadyError
from index.library import Library
from index.store import SNAPSHOT_FORMAT, Layout, read_manifest
from tests.conftest import make_settings
from tests.fakes import FakeEmbedder
from tests.index.test_library import WAIT, Gate, ModelFake, add_marathon, corpus


@pytest.fixture
def gate() -> Iterator[Gate]:
    gate = Gate()
    yield gate
    gate.open()  # never leave a build held after a failed assertion


STILL_INDEXING = re.compile(r"still indexing, (\d+)%")


def test_an_empty_data_dir_answers_still_indexing_then_serves_the_first_build(
    tmp_path: Path, gate: Gate
) -> None:
    settings = make_settings(tmp_path / "data", corpus={"sources": [str(corpus(tmp_path))]})
    library = Library(settings, FakeEmbedder(), build_embedder=ModelFake(gate))
    bootstrap = Bootstrap(library)

    why = bootstrap.start()
    assert why is not None and "no index" in why
    assert gate.reached.wait(WAIT)  # the build is embedding
    with pytest.raises(IndexNotReadyError) as raised:
        library.searcher()
    found = STILL_INDEXING.search(str(raised.value))
    assert found is not None, str(raised.value)
    assert 30 <= int(found.group(1)) < 100  # chunking is done, embedding under way
    assert "embedding" in str(raised.value)

    gate.open()
    assert bootstrap.join(WAIT)
    searcher = library.searcher()
    assert searcher.name == Layout(settings.data_dir).current_name()
    assert searcher.search("harbour story", 3)[0].title == "News about the harbour"
    assert library.not_ready() is None


def test_a_failed_first_build_is_told_to_questions_and_tried_again(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()  # nothing to index yet: the build fails
    settings = make_settings(tmp_path / "data", corpus={"sources": [str(folder)]})
    library = Library(settings, FakeEmbedder())
    bootstrap = Bootstrap(library, retry_seconds=0.2)

    bootstrap.start()
    deadline_error = None
    for _ in range(int(WAIT / 0.05)):
        try:
            library.searcher()
        except IndexNotReadyError as exc:
            deadline_error = str(exc)
            if "failed" in deadline_error:
                break
        except IndexMissingError:
            pass
        bootstrap.join(0.05)
    assert deadline_error is not None and "building it failed" in deadline_error
    assert "no articles could be read" in deadline_error

    corpus(tmp_path)  # the source now holds articles: the next attempt succeeds
    assert bootstrap.join(WAIT)
    assert library.searcher().search("vaccine", 1)[0].title == "News about the vaccine"


def make_older(snapshot: Path) -> None:
    """Make a snapshot look written by newsbot before stories, checksums, backends and the
    extractor version were recorded: snapshot format 1."""
    path = snapshot / "manifest.json"
    manifest = json.loads(path.read_text())
    for key in ("files", "stories", "backend", "model_file", "extractor"):
        manifest.pop(key, None)
    manifest["format"] = 1
    path.write_text(json.dumps(manifest))
    db = sqlite3.connect(snapshot / "meta.sqlite")
    db.execute("ALTER TABLE articles DROP COLUMN story")
    db.commit()
    db.close()


def test_an_older_format_snapshot_keeps_serving_while_it_is_rebuilt(
    tmp_path: Path, gate: Gate
) -> None:
    folder = corpus(tmp_path)
    settings = make_settings(tmp_path / "data", corpus={"sources": [str(folder)]})
    Library(settings, FakeEmbedder()).build()
    old = Layout(settings.data_dir).current_dir()
    make_older(old)
    assert outdated(read_manifest(old)) is not None
    add_marathon(folder)  # the rebuild has one article to embed: it stops at the gate there

    library = Library(settings, FakeEmbedder(), build_embedder=ModelFake(gate))
    bootstrap = Bootstrap(library)
    why = bootstrap.start()
    assert why is not None and "format 1" in why
    assert gate.reached.wait(WAIT)
    searcher = library.searcher()  # the old snapshot answers while the rebuild runs
    assert searcher.name == old.name
    assert searcher.search("election", 1)[0].title == "News about the election"

    gate.open()
    assert bootstrap.join(WAIT)
    new = Layout(settings.data_dir).current_dir()
    assert new != old and library.searcher().name == new.name
    manifest = read_manifest(new)
    assert manifest["format"] == SNAPSHOT_FORMAT and outdated(manifest) is None
    assert library.searcher().search("marathon", 1)[0].title == "News about the marathon"
    assert Bootstrap(library).start() is None  # current now: nothing more to build


def test_a_snapshot_of_an_unreadable_format_is_rebuilt_not_a_crash(
    tmp_path: Path, gate: Gate
) -> None:
    folder = corpus(tmp_path)
    settings = make_settings(tmp_path / "data", corpus={"sources": [str(folder)]})
    Library(settings, FakeEmbedder()).build()
    old = Layout(settings.data_dir).current_dir()
    path = old / "manifest.json"
    path.write_text(json.dumps(json.loads(path.read_text()) | {"format": 0}))
    add_marathon(folder)

    library = Library(settings, FakeEmbedder(), build_embedder=ModelFake(gate))
    bootstrap = Bootstrap(library)
    why = bootstrap.start()
    assert why is not None and "not a newsbot snapshot of format" in why
    assert gate.reached.wait(WAIT)
    with pytest.raises(IndexNotReadyError, match=STILL_INDEXING):
        library.searcher()

    gate.open()
    assert bootstrap.join(WAIT)
    searcher = library.searcher()
    assert searcher.name != old.name
    assert searcher.search("marathon", 1)[0].title == "News about the marathon"
