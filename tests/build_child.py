"""A build that announces each of its steps and stops at one to be killed: the subprocess that
tests/test_build_kills.py SIGKILLs.

    python -m tests.build_child DATA_DIR CORPUS STOP

Each step (a progress report, a write of each snapshot file, each fsync and rename, each
embedding-cache write, each old snapshot removed) prints "<n> <label>" before it happens; at
step STOP the build waits there for the parent's SIGKILL. STOP = -1 runs the build to the end,
which is how the parent learns how many steps there are. The build is deterministic (the fake
embedder, a fixed corpus), so step n is the same point of the build in every run.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import index.build as build
import index.vectors as vectors
from index.bm25 import BM25Index
from index.cache import EmbeddingCache
from index.library import Library
from tests.conftest import make_settings
from tests.fakes import FakeEmbedder

EMBED_BATCH = 8  # several embedding batches, so that kills land between cache writes too


def synced(fd: int, root: Path) -> str:
    """The path an fsynced descriptor names inside the data dir, the same in every run."""
    try:
        path = Path(os.readlink(f"/proc/self/fd/{fd}"))
    except OSError:  # no /proc: the label only helps a person reading a failure
        return "a file"
    where = (
        f"data dir/{path.relative_to(root).as_posix()}" if path.is_relative_to(root) else path.name
    )
    where = re.sub(r"\d{6}-\w+-\w{4}", "<snapshot>", where)  # named by time and chance
    return re.sub(r"current\.tmp-\d+", "current.tmp-<pid>", where)


def main(data: str, corpus: str, stop: int) -> None:
    count = 0

    def step(label: str) -> None:
        nonlocal count
        print(f"{count} {label}", flush=True)
        if count == stop:
            time.sleep(600)  # the parent's SIGKILL lands here
        count += 1

    def around(owner: Any, name: str, label: Callable[..., str]) -> None:
        real = getattr(owner, name)

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            step(f"before {label(*args)}")
            out = real(*args, **kwargs)
            step(f"after {label(*args)}")
            return out

        setattr(owner, name, wrapper)

    for name in ("save_vectors", "write_metadata", "write_manifest"):
        around(build, name, lambda *args, name=name: name)
    around(vectors, "save_faiss", lambda *args: "save_faiss")  # the FAISS store's write
    around(BM25Index, "save", lambda self, path: "bm25 save")
    around(EmbeddingCache, "put_many", lambda self, items: "embedding cache write")
    around(build, "finish_snapshot", lambda partial: "finish_snapshot")
    around(build, "switch_current", lambda layout, name: "switch_current")
    root = Path(data).resolve()
    around(os, "fsync", lambda fd: f"fsync {synced(fd, root)}")
    around(os, "replace", lambda src, dst: f"rename to {Path(dst).name.split('-')[0]}")
    around(shutil, "rmtree", lambda path, **kw: "remove an old snapshot")
    build.EMBED_BATCH = EMBED_BATCH

    settings = make_settings(Path(data), corpus={"sources": [corpus]})
    Library(settings, FakeEmbedder()).build(
        progress=lambda p: step(f"progress {p.phase} {p.done}/{p.total}")
    )
    step("done")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
