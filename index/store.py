"""Versioned snapshots on disk and the atomic `current` pointer.

    <data_dir>/
      current                  name of the snapshot being served (replaced atomically)
      build.lock               held (flock) by the one build allowed at a time
      cache/embeddings.sqlite  the embedding cache, shared by all builds
      snapshots/<name>/        one complete build: manifest.json, meta.sqlite, dense.faiss,
                               vectors.npy, bm25/, origins.json
      snapshots/<name>.partial a build in progress (or one that crashed: removed next time)

A snapshot directory is written under a `.partial` name, fsynced, renamed, and only then named
in `current`; a reader therefore never sees half a snapshot, and a crash at any point leaves the
previous snapshot serving. The manifest, written last, records each other file's size and
CRC-32; a reader verifies them and, when `current` is damaged, serves the newest older snapshot
that verifies (`serving_snapshot`).
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
import zlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from index.errors import BuildInProgressError, DataDirError, IndexCorruptError, IndexMissingError
from index.models import Article, Passage, Statement

log = logging.getLogger(__name__)

# 2: articles carry their story (index/stories.py). A format-1 snapshot is still served, each
# article its own story, until the next build groups them.
SNAPSHOT_FORMAT = 2
READABLE_FORMATS = (1, 2)
PARTIAL = ".partial"

SCHEMA = """
CREATE TABLE articles (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, url TEXT, source TEXT, author TEXT,
    published_at TEXT, text TEXT NOT NULL, origin TEXT NOT NULL, content_hash TEXT NOT NULL,
    story TEXT
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
        except (OSError, UnicodeDecodeError) as exc:
            raise data_dir_error(self.root, exc, "read") from None
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


def data_dir_error(root: Path, exc: OSError | UnicodeDecodeError, action: str) -> DataDirError:
    """A DataDirError naming the data directory, what went wrong and what to do."""
    if root.exists() and not root.is_dir():
        why, fix = f"the data directory {root} is a file, not a folder", "move the file away"
    else:
        if isinstance(exc, OSError):
            same = exc.filename in (None, str(root))
            detail = exc.strerror if same else f"{exc.filename}: {exc.strerror}"
        else:
            detail = str(exc)
        why = f"cannot {action} the data directory {root} ({detail})"
        fix = f"make it {'writable' if action == 'write to' else 'readable'} by this user"
    return DataDirError(
        f"{why}; {fix}, or choose another data directory with --data-dir or NEWSBOT_DATA_DIR"
    )


@contextlib.contextmanager
def build_lock(layout: Layout) -> Iterator[None]:
    """Exclusive, non-blocking build lock; released by the kernel if the process dies."""
    try:
        layout.root.mkdir(parents=True, exist_ok=True)
        fh = open(layout.lock_file, "a+")  # noqa: SIM115 - held for the whole build
    except OSError as exc:
        raise data_dir_error(layout.root, exc, "write to") from None
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
    # Keep the newest `keep - 1` old snapshots that verify, for a reader to fall back to when
    # the current one is damaged; a damaged old one could never be served.
    kept = 0
    for path in reversed([p for p in complete if p.name != current]):
        if kept < keep - 1:
            problem = snapshot_problem(path)
            if problem is None:
                kept += 1
                continue
            log.warning("removing damaged snapshot %s: %s", path.name, problem)
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path.name)
    for tmp in layout.root.glob("current.tmp-*"):
        tmp.unlink(missing_ok=True)
    if removed:
        log.info("removed old or unfinished snapshots: %s", ", ".join(removed))
    return removed


def complete_snapshots(layout: Layout) -> list[str]:
    """Names of the snapshot folders that were finished (renamed from `.partial`)."""
    if not layout.snapshots.is_dir():
        return []
    return sorted(
        p.name
        for p in layout.snapshots.iterdir()
        if p.is_dir() and not p.name.endswith(PARTIAL) and (p / "manifest.json").exists()
    )


def write_metadata(
    path: Path,
    articles: Sequence[Article],
    passages: Sequence[Passage],
    statements: Sequence[Statement],
    stories: Mapping[str, str] | None = None,
) -> None:
    """Write meta.sqlite; `stories` maps article ids to story ids (index/stories.py)."""
    stories = stories or {}
    db = sqlite3.connect(path)
    try:
        db.executescript(SCHEMA)
        db.executemany(
            "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                    stories.get(a.id),
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
    stories: dict[str, str] = field(default_factory=dict)  # article id -> story id


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
            stories = read_stories(db)
            passages: list[Passage] = []
            for row, pid, aid, start, end in db.execute(
                'SELECT row, id, article_id, start, "end" FROM passages ORDER BY row'
            ):
                if row != len(passages) or aid not in articles:
                    raise IndexCorruptError(f"{path}: passage rows are inconsistent")
                passages.append(Passage(pid, aid, start, end, articles[aid].text[start:end]))
            statements = read_statements(db)
        finally:
            db.close()
    except sqlite3.DatabaseError as exc:
        raise IndexCorruptError(
            f"{path} is not a readable index database ({exc}); run `newsbot index --rebuild`"
        ) from exc
    return Metadata(articles, passages, statements, stories)


def read_stories(db: sqlite3.Connection) -> dict[str, str]:
    """Article id -> story id from an open meta.sqlite (none before format 2)."""
    columns = {row[1] for row in db.execute("PRAGMA table_info(articles)")}
    if "story" not in columns:
        return {}
    return {
        aid: story
        for aid, story in db.execute("SELECT id, story FROM articles")
        if story is not None
    }


def read_statements(
    db: sqlite3.Connection, article_ids: Sequence[str] | None = None
) -> list[Statement]:
    """Every statement of an open meta.sqlite (or only those of `article_ids`), in row order."""
    where, params = "", list(article_ids or ())
    if article_ids is not None:
        where = f"WHERE article_id IN ({', '.join('?' * len(params))}) " if params else "WHERE 0 "
    return [
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
            f"FROM statements {where}ORDER BY row",
            params,
        )
    ]


def write_manifest(path: Path, manifest: dict[str, Any]) -> None:
    """Write the manifest, the snapshot's last file: it records the size and checksum of every
    other file of the snapshot (`files`), which a reader verifies before trusting them."""
    manifest = manifest | {"files": snapshot_checksums(path.parent)}
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, indent=2, sort_keys=True)
        fh.flush()
        os.fsync(fh.fileno())


def read_manifest(snapshot: Path) -> dict[str, Any]:
    manifest, problem = _parse_manifest(snapshot)
    if manifest is None:
        raise IndexCorruptError(f"{problem}; run `newsbot index --rebuild`")
    return manifest


def _parse_manifest(snapshot: Path) -> tuple[dict[str, Any] | None, str]:
    """The snapshot's manifest, or None and what is wrong with it."""
    path = snapshot / "manifest.json"
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return None, f"{path} is unreadable ({exc})"
    if not isinstance(manifest, dict) or manifest.get("format") not in READABLE_FORMATS:
        return None, f"{path} is not a newsbot snapshot of format {SNAPSHOT_FORMAT}"
    return manifest, ""


# CRC-32 (zlib's, hardware-assisted: ~6.6 GB/s here against ~1.9 for SHA-256 and ~1.3 for
# BLAKE2b) with the size: the checksums guard against accidents (a bad sector, a torn or
# half-copied file, random bytes), not against an attacker, who could rewrite the manifest as
# well; for accidents a 32-bit CRC misses one damaged file in 4 billion and catches every burst
# of up to 32 bits. Verifying costs one read of the snapshot at load (docs/reliability.md).
CHECKSUM = "crc32"
_CHUNK = 1 << 20


def file_checksum(path: Path) -> dict[str, Any]:
    """{"size": bytes, "crc32": 8 hex digits} of a file, read in 1 MiB chunks."""
    crc, size = 0, 0
    buf = bytearray(_CHUNK)
    view = memoryview(buf)
    with open(path, "rb", buffering=0) as fh:
        while n := fh.readinto(buf):
            crc = zlib.crc32(view[:n], crc)
            size += n
    return {"size": size, CHECKSUM: f"{crc:08x}"}


def snapshot_checksums(snapshot: Path) -> dict[str, dict[str, Any]]:
    """The checksum of every file of a snapshot but its manifest, by path inside it."""
    return {
        path.relative_to(snapshot).as_posix(): file_checksum(path)
        for path in sorted(snapshot.rglob("*"))
        if path.is_file() and path.name != "manifest.json"
    }


def _damage(snapshot: Path, manifest: dict[str, Any]) -> str | None:
    """What is wrong with the snapshot's files against its manifest, or None."""
    recorded = manifest.get("files")
    if recorded is None:
        log.debug("%s has no checksums (written before they were recorded); not verified", snapshot)
        return None
    for name, expected in sorted(recorded.items()):
        path = snapshot / name
        try:
            size = path.stat().st_size
            if size != expected["size"]:
                return f"{path} is damaged: it holds {size} bytes, {expected['size']} were written"
            if file_checksum(path) != expected:
                return f"{path} is damaged: its bytes do not match the checksum written with it"
        except FileNotFoundError:
            return f"{path} is missing"
        except OSError as exc:
            return f"{path} is unreadable ({exc.strerror or exc})"
    return None


# Snapshot folders never change once written, so a verdict holds until their files do: keyed by
# the files' sizes, times and inodes, a repeated check (every question asks which snapshot to
# serve) costs a few stat calls, not a read of the whole snapshot.
_verdicts: dict[Path, tuple[tuple[tuple[str, int, int, int], ...], str | None]] = {}
_announced: set[tuple[Path, Path]] = set()


def _signature(snapshot: Path) -> tuple[tuple[str, int, int, int], ...]:
    out = []
    for path in sorted(snapshot.rglob("*")):
        with contextlib.suppress(OSError):
            st = path.stat()
            out.append((str(path), st.st_size, st.st_mtime_ns, st.st_ino))
    return tuple(out)


def snapshot_problem(snapshot: Path) -> str | None:
    """Why `snapshot` must not be served (unreadable manifest, damaged or missing file), or
    None when its files match the checksums recorded when it was written."""
    signature = _signature(snapshot)
    known = _verdicts.get(snapshot)
    if known is not None and known[0] == signature:
        return known[1]
    manifest, problem = _parse_manifest(snapshot)
    verdict = problem if manifest is None else _damage(snapshot, manifest)
    _verdicts[snapshot] = (signature, verdict)
    return verdict


def verify_snapshot(snapshot: Path) -> None:
    """Raise IndexCorruptError, naming the damaged file, unless the snapshot verifies."""
    problem = snapshot_problem(snapshot)
    if problem is not None:
        raise IndexCorruptError(f"{problem}; run `newsbot index --rebuild`")


def _older_good(layout: Layout, current: Path) -> Path | None:
    """The newest complete snapshot before `current` that verifies."""
    if not layout.snapshots.is_dir():
        return None
    older = sorted(
        (
            p
            for p in layout.snapshots.iterdir()
            if p.name < current.name and not p.name.endswith(PARTIAL) and p.is_dir()
        ),
        reverse=True,
    )
    return next((p for p in older if snapshot_problem(p) is None), None)


def serving_snapshot(layout: Layout) -> Path:
    """The snapshot to answer from: `current` when it verifies, else the newest older one that
    does (an error says so once), else IndexCorruptError naming the damage."""
    current = layout.current_dir()
    problem = snapshot_problem(current)
    if problem is None:
        return current
    fallback = _older_good(layout, current)
    if fallback is None:
        raise IndexCorruptError(f"{problem}; run `newsbot index --rebuild`")
    if (current, fallback) not in _announced:
        _announced.add((current, fallback))
        log.error(
            "snapshot %s cannot be served: %s; answering from the previous snapshot %s "
            "until `newsbot index` writes a new one",
            current.name,
            problem,
            fallback.name,
        )
    return fallback


def verify_current(layout: Layout) -> None:
    """Raise IndexCorruptError naming the damaged file when `current` does not verify."""
    current = layout.current_dir()
    problem = snapshot_problem(current)
    if problem is None:
        return
    fallback = _older_good(layout, current)
    served = (
        f"questions are answered from the previous snapshot {fallback.name} meanwhile; "
        if fallback is not None
        else ""
    )
    raise IndexCorruptError(
        f"the current snapshot {current.name} cannot be served: {problem}; {served}"
        "run `newsbot index` to write a new snapshot"
    )


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


ORIGINS_FILE = "origins.json"


@dataclass(frozen=True)
class ArticleOrigin:
    """Which source an article came from and when a build first saw it (ISO time, UTC)."""

    source: str
    first_seen: str


def write_origins(snapshot: Path, origins: dict[str, ArticleOrigin]) -> None:
    """Record each article's source and first sighting: what retention and feeds need."""
    doc = {aid: [o.source, o.first_seen] for aid, o in sorted(origins.items())}
    with open(snapshot / ORIGINS_FILE, "w", encoding="utf-8") as fh:
        json.dump({"articles": doc}, fh, separators=(",", ":"))


def read_origins(snapshot: Path) -> dict[str, ArticleOrigin]:
    """The snapshot's article origins; none for a snapshot written before they were kept."""
    try:
        raw = json.loads((snapshot / ORIGINS_FILE).read_text(encoding="utf-8"))
        return {aid: ArticleOrigin(str(s), str(t)) for aid, (s, t) in raw["articles"].items()}
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise IndexCorruptError(
            f"{snapshot / ORIGINS_FILE} is unreadable ({exc}); run `newsbot index --rebuild`"
        ) from None
