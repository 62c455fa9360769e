"""Versioned snapshots on disk and the atomic `current` pointer.

    <data_dir>/
      current                  name of the snapshot being served (replaced atomically)
      build.lock               held (flock) by the one build allowed at a time
      cache/embeddings.sqlite  the embedding cache, shared by all builds
      snapshots/<name>/        one complete build: manifest.json, meta.sqlite, dense.faiss,
                               vectors.npy, bm25/
      snapshots/<name>.partial a build in progress (or one that crashed: removed next time)

A snapshot directory is written under a `.partial` name, fsynced, renamed, and only then named
in `current`; a reader therefore never sees half a snapshot, and a crash at any point leaves the
previous snapshot serving.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import shutil
import sqlite3
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from index.errors import BuildInProgressError, IndexCorruptError, IndexMissingError
from index.models import Article, Passage, Statement

log = logging.getLogger(__name__)

SNAPSHOT_FORMAT = 1
PARTIAL = ".partial"

SCHEMA = """
CREATE TABLE articles (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, url TEXT, source TEXT, author TEXT,
    published_at TEXT, text TEXT NOT NULL, origin TEXT NOT NULL, content_hash TEXT NOT NULL
);
CREATE TABLE passages (
    row INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, article_id TEXT NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL
);
CREATE TABLE statements (
    row INTEGER PRIMARY KEY, speaker TEXT NOT NULL, text TEXT NOT NULL, start INTEGER NOT NULL,
    "end" INTEGER NOT NULL, article_id TEXT NOT NULL, role TEXT, aliases TEXT NOT NULL,
    cue TEXT, kind TEXT NOT NULL
);
CREATE INDEX passages_article ON passages(article_id);
"""


@dataclass(frozen=True)
class Layout:
    """Paths under one data directory."""

    root: Path

    @property
    def snapshots(self) -> Path:
        return self.root / "snapshots"

    @property
    def current_file(self) -> Path:
        return self.root / "current"

    @property
    def lock_file(self) -> Path:
        return self.root / "build.lock"

    @property
    def cache_file(self) -> Path:
        return self.root / "cache" / "embeddings.sqlite"

    def current_name(self) -> str | None:
        try:
            name = self.current_file.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        return name or None

    def current_dir(self) -> Path:
        name = self.current_name()
        if name is None:
            raise IndexMissingError(
                f"no index has been built in {self.root}; run `newsbot index` first"
            )
        path = self.snapshots / name
        if not path.is_dir():
            raise IndexCorruptError(
                f"{self.current_file} names snapshot {name!r}, which does not exist; "
                "run `newsbot index --rebuild`"
            )
        return path

    def new_snapshot_name(self) -> str:
        """A name that sorts after every existing snapshot (called under the build lock)."""
        seq = 0
        if self.snapshots.is_dir():
            for path in self.snapshots.iterdir():
                head = path.name.split("-", 1)[0]
                if head.isdigit():
                    seq = max(seq, int(head))
        stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
        return f"{seq + 1:06d}-{stamp}-{uuid.uuid4().hex[:4]}"


@contextlib.contextmanager
def build_lock(layout: Layout) -> Iterator[None]:
    """Exclusive, non-blocking build lock; released by the kernel if the process dies."""
    layout.root.mkdir(parents=True, exist_ok=True)
    fh = open(layout.lock_file, "a+")  # noqa: SIM115 - held for the whole build
    try:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildInProgressError(
                f"another build is running on {layout.root}; wait for it to finish"
            ) from None
        yield
    finally:
        fh.close()


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def switch_current(layout: Layout, name: str) -> None:
    """Point `current` at snapshot `name` atomically (write a temp file, rename over)."""
    tmp = layout.current_file.with_suffix(f".tmp-{os.getpid()}")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(name + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, layout.current_file)
    _fsync_dir(layout.root)


def clean_leftovers(layout: Layout, keep: int) -> list[str]:
    """Remove crashed partial builds and all but the `keep` newest complete snapshots."""
    removed: list[str] = []
    if not layout.snapshots.is_dir():
        return removed
    current = layout.current_name()
    complete = []
    for path in sorted(layout.snapshots.iterdir()):
        if path.name.endswith(PARTIAL) or not (path / "manifest.json").exists():
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path.name)
        else:
            complete.append(path)
    if current is not None:
        # Complete but never switched to (a build that died before the switch): not served.
        for path in [p for p in complete if p.name > current]:
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path.name)
            complete.remove(path)
    old = [p for p in complete if p.name != current]
    for path in old[: max(0, len(old) - (keep - 1))]:
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path.name)
    for tmp in layout.root.glob("current.tmp-*"):
        tmp.unlink(missing_ok=True)
    if removed:
        log.info("removed old or unfinished snapshots: %s", ", ".join(removed))
    return removed


def write_metadata(
    path: Path,
    articles: Sequence[Article],
    passages: Sequence[Passage],
    statements: Sequence[Statement],
) -> None:
    db = sqlite3.connect(path)
    try:
        db.executescript(SCHEMA)
        db.executemany(
            "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    a.id,
                    a.title,
                    a.url,
                    a.source,
                    a.author,
                    a.published_at,
                    a.text,
                    a.origin,
                    a.content_hash,
                )
                for a in articles
            ],
        )
        db.executemany(
            'INSERT INTO passages (row, id, article_id, start, "end") VALUES (?, ?, ?, ?, ?)',
            [(i, p.id, p.article_id, p.start, p.end) for i, p in enumerate(passages)],
        )
        db.executemany(
            'INSERT INTO statements (speaker, text, start, "end", article_id, role, aliases, '
            "cue, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    s.speaker,
                    s.text,
                    s.start,
                    s.end,
                    s.article_id,
                    s.role,
                    json.dumps(list(s.aliases)),
                    s.cue,
                    s.kind,
                )
                for s in statements
            ],
        )
        db.commit()
    finally:
        db.close()


@dataclass
class Metadata:
    """Everything in meta.sqlite, in memory."""

    articles: dict[str, Article]
    passages: list[Passage]  # index = faiss / bm25 row
    statements: list[Statement]


def read_metadata(path: Path) -> Metadata:
    if not path.exists():
        raise IndexCorruptError(f"{path} is missing; run `newsbot index --rebuild`")
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            articles = {
                row[0]: Article(
                    id=row[0],
                    title=row[1],
                    url=row[2],
                    source=row[3],
                    author=row[4],
                    published_at=row[5],
                    text=row[6],
                    origin=row[7],
                )
                for row in db.execute(
                    "SELECT id, title, url, source, author, published_at, text, origin "
                    "FROM articles"
                )
            }
            passages: list[Passage] = []
            for row, pid, aid, start, end in db.execute(
                'SELECT row, id, article_id, start, "end" FROM passages ORDER BY row'
            ):
                if row != len(passages) or aid not in articles:
                    raise IndexCorruptError(f"{path}: passage rows are inconsistent")
                passages.append(Passage(pid, aid, start, end, articles[aid].text[start:end]))
            statements = [
                Statement(
                    speaker=r[0],
                    text=r[1],
                    start=r[2],
                    end=r[3],
                    article_id=r[4],
                    role=r[5],
                    aliases=tuple(json.loads(r[6])),
                    cue=r[7],
                    kind=r[8],
                )
                for r in db.execute(
                    'SELECT speaker, text, start, "end", article_id, role, aliases, cue, kind '
                    "FROM statements ORDER BY row"
                )
            ]
        finally:
            db.close()
    except sqlite3.DatabaseError as exc:
        raise IndexCorruptError(
            f"{path} is not a readable index database ({exc}); run `newsbot index --rebuild`"
        ) from exc
    return Metadata(articles, passages, statements)


def write_manifest(path: Path, manifest: dict[str, Any]) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, indent=2, sort_keys=True)
        fh.flush()
        os.fsync(fh.fileno())


def read_manifest(snapshot: Path) -> dict[str, Any]:
    path = snapshot / "manifest.json"
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise IndexCorruptError(
            f"{path} is unreadable ({exc}); run `newsbot index --rebuild`"
        ) from exc
    if not isinstance(manifest, dict) or manifest.get("format") != SNAPSHOT_FORMAT:
        raise IndexCorruptError(
            f"{path} is not a newsbot snapshot of format {SNAPSHOT_FORMAT}; "
            "run `newsbot index --rebuild`"
        )
    return manifest


def save_vectors(path: Path, vectors: np.ndarray) -> None:
    np.save(path, vectors)


def load_vectors(path: Path, count: int, dimension: int) -> np.ndarray:
    try:
        vectors = np.load(path, mmap_mode="r")
    except (OSError, ValueError) as exc:
        raise IndexCorruptError(
            f"{path} is unreadable ({exc}); run `newsbot index --rebuild`"
        ) from exc
    if vectors.shape != (count, dimension):
        raise IndexCorruptError(
            f"{path} holds {vectors.shape}, expected ({count}, {dimension}); "
            "run `newsbot index --rebuild`"
        )
    return vectors


def finish_snapshot(partial: Path) -> Path:
    """fsync a written snapshot and rename it to its final name.

    The folders are fsynced too (bm25/ and the snapshot's own): a file's fsync makes its bytes
    durable, not its name, and without the folders a power loss after the switch could leave
    `current` naming an empty snapshot.
    """
    folders = [partial]
    for path in partial.rglob("*"):
        if path.is_dir():
            folders.append(path)
        elif path.is_file():
            with open(path, "rb") as fh:
                os.fsync(fh.fileno())
    for folder in reversed(folders):  # the deepest first, the snapshot's own last
        _fsync_dir(folder)
    final = partial.with_name(partial.name.removesuffix(PARTIAL))
    os.replace(partial, final)
    _fsync_dir(final.parent)
    return final
