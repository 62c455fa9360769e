"""Snapshots on disk: what is made durable, checksums of the files, and what a reader trusts."""

import os
from pathlib import Path

from index.library import Library
from index.store import Layout
from tests.conftest import make_settings
from tests.fakes import FakeEmbedder


def test_a_build_fsyncs_the_snapshot_folders_before_the_switch_and_the_root_after(
    tmp_path, monkeypatch
):
    lib = Library(make_settings(tmp_path / "data"), FakeEmbedder())
    layout = Layout(lib.settings.data_dir)
    synced: list[tuple[int, str | None]] = []  # (inode, `current` at that moment)
    real_fsync = os.fsync

    def record(fd: int) -> None:
        synced.append((os.fstat(fd).st_ino, layout.current_name()))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", record)
    name = lib.build().snapshot
    snapshot = layout.snapshots / name

    def when(path: Path) -> list[str | None]:
        """`current` as it was at each fsync of `path`."""
        return [current for ino, current in synced if ino == path.stat().st_ino]

    for path in [snapshot, snapshot / "bm25", *snapshot.rglob("*")]:
        assert None in when(path), f"{path} was not fsynced before the switch"
    assert None in when(layout.snapshots)  # the rename of the .partial folder
    assert name in when(layout.root)  # the `current` switch itself
