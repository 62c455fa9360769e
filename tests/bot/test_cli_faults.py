"""What the `newsbot` command says when the disk or the config is at fault: a message naming
the file and the fix, exit code 1, never a traceback."""

import json
import random
from pathlib import Path

import numpy as np
import pytest

from bot.cli import main
from index.store import Layout
from tests.conftest import SAMPLE

COMMANDS = [
    ("index", str(SAMPLE)),
    ("ask", "What did Peskov say?"),
    ("stats",),
]


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def assert_refused(code: int, err: str, *named: str) -> None:
    assert code == 1, err
    assert "Traceback" not in err and err.startswith("newsbot: ")
    for text in named:
        assert text in err, err


@pytest.fixture
def indexed(capsys, tmp_path, monkeypatch, fake_embedder) -> Path:
    """A data dir with the sample indexed (the fake embedder stands in for the model)."""
    monkeypatch.setattr("index.embedding.load_embedder", lambda settings: fake_embedder)
    data = tmp_path / "data"
    code, _, err = run(capsys, "index", str(SAMPLE), "--data-dir", str(data))
    assert code == 0, err
    return data


def current(data: Path) -> Path:
    return Layout(data).current_dir()


def scribble(path: Path) -> None:
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 16] = random.Random(1).randbytes(16)
    path.write_bytes(bytes(data))


# --------------------------------------------------------------------------- damaged snapshots


def test_stats_on_a_damaged_snapshot_names_the_file_and_fails(capsys, indexed):
    damaged = current(indexed) / "dense.faiss"
    scribble(damaged)
    code, _, err = run(capsys, "stats", "--data-dir", str(indexed))
    assert_refused(code, err, str(damaged), "newsbot index")


def test_stats_on_a_damaged_snapshot_says_which_one_answers_meanwhile(capsys, indexed):
    first = current(indexed).name
    # a second snapshot (an unchanged corpus writes none: --rebuild does)
    assert run(capsys, "index", str(SAMPLE), "--rebuild", "--data-dir", str(indexed))[0] == 0
    damaged = current(indexed) / "vectors.npy"
    scribble(damaged)
    code, _, err = run(capsys, "stats", "--data-dir", str(indexed))
    assert_refused(code, err, str(damaged), f"previous snapshot {first}")
    code, out, err = run(capsys, "ask", "What did Peskov say?", "--data-dir", str(indexed))
    assert code == 0 and "Peskov" in out, err  # answered from the previous snapshot


def drop_checksums(snapshot: Path) -> None:
    """Make the snapshot look like one written before checksums were recorded."""
    path = snapshot / "manifest.json"
    manifest = json.loads(path.read_text())
    manifest.pop("files", None)
    path.write_text(json.dumps(manifest))


@pytest.mark.parametrize("array", ["indices", "indptr"])
@pytest.mark.parametrize("command", ["ask", "search"])
def test_bm25_indices_out_of_range_are_a_clear_error(capsys, indexed, array, command):
    snapshot = current(indexed)
    drop_checksums(snapshot)  # so that the BM25 file's own check is what speaks
    path = snapshot / "bm25" / f"{array}.csc.index.npy"
    values = np.load(path)
    np.save(path, values + 1000)
    code, _, err = run(capsys, command, "What did Peskov say?", "--data-dir", str(indexed))
    assert_refused(code, err, str(snapshot / "bm25"), "newsbot index --rebuild")


# --------------------------------------------------------------------------- the data directory


@pytest.mark.parametrize("command", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_a_data_dir_that_is_a_file_is_named(capsys, tmp_path, command, fake_embedder, monkeypatch):
    monkeypatch.setattr("index.embedding.load_embedder", lambda settings: fake_embedder)
    data = tmp_path / "data"
    data.write_text("not a folder")
    code, _, err = run(capsys, *command, "--data-dir", str(data))
    assert_refused(code, err, str(data), "--data-dir")


def test_an_unwritable_data_dir_is_named_with_the_fix(capsys, tmp_path, monkeypatch, fake_embedder):
    monkeypatch.setattr("index.embedding.load_embedder", lambda settings: fake_embedder)
    data = tmp_path / "data"
    real_mkdir = Path.mkdir

    def refuse(self: Path, *args, **kwargs) -> None:
        if self.is_relative_to(data):  # as a folder this user may not write to does
            raise PermissionError(13, "Permission denied", str(self))
        real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", refuse)
    code, _, err = run(capsys, "index", str(SAMPLE), "--data-dir", str(data))
    assert_refused(code, err, str(data), "Permission denied", "--data-dir")


def test_a_read_only_snapshots_folder_is_named(capsys, indexed, monkeypatch):
    snapshots = Layout(indexed).snapshots
    real_mkdir = Path.mkdir

    def refuse(self: Path, *args, **kwargs) -> None:
        if self.parent == snapshots:
            raise OSError(30, "Read-only file system", str(self))
        real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", refuse)
    (SAMPLE_COPY := indexed.parent / "more").mkdir()
    (SAMPLE_COPY / "a.txt").write_text("A title\n\nSome new text about the harbour.\n")
    code, _, err = run(capsys, "index", str(SAMPLE_COPY), "--data-dir", str(indexed))
    assert_refused(code, err, str(snapshots), "Read-only file system")


# --------------------------------------------------------------------------- the config file


@pytest.mark.parametrize("command", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_a_config_that_is_not_utf8_is_named_with_the_fix(capsys, tmp_path, command):
    cfg = tmp_path / "config.toml"
    cfg.write_bytes('[data]\ndir = "données"\n'.encode("latin-1"))
    code, _, err = run(capsys, *command, "--config", str(cfg), "--data-dir", str(tmp_path))
    assert_refused(code, err, str(cfg), "UTF-8", "line 2")


def test_a_config_that_is_a_folder_is_named(capsys, tmp_path):
    code, _, err = run(capsys, "stats", "--config", str(tmp_path))
    assert_refused(code, err, str(tmp_path))


def test_a_config_with_a_byte_order_mark_is_read(capsys, tmp_path):
    cfg = tmp_path / "config.toml"
    cfg.write_bytes("\ufeff[search]\nkay = 3\n".encode())  # as Notepad saves UTF-8
    code, _, err = run(capsys, "stats", "--config", str(cfg))
    assert_refused(code, err, "[search].kay")  # parsed: the unknown key is what is refused
