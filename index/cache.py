"""A persistent embedding cache keyed by model and embedded text.

Re-indexing an unchanged corpus embeds nothing; a changed article re-embeds only the passages
whose text changed. The cache is an SQLite file beside the snapshots, shared by all builds.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

_BATCH = 500  # SQLite's variable limit is 999 on old builds


def cache_key(model: str, text: str) -> str:
    return hashlib.sha1(f"{model}\x1f{text}".encode()).hexdigest()


class EmbeddingCache:
    """Maps (model, text) to a float32 vector; safe to reopen after a crash (SQLite WAL).

    A cache is only a cache: a damaged one (found at open or on use) is set aside under a
    `.corrupt` name with its -wal/-shm files, never deleted, and an empty one takes its place,
    so the build re-embeds what it needs instead of failing.
    """

    def __init__(self, path: Path, model: str, dimension: int) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.model = model
        self.dimension = dimension
        self.set_aside: list[Path] = []  # damaged caches moved away while this one was open
        try:
            self._db = self._open(path)
        except sqlite3.DatabaseError as exc:
            self._db = self._replace(exc)

    @classmethod
    def _open(cls, path: Path) -> sqlite3.Connection:
        if path.exists():
            # Checked read-only first: a writer's close would fold a leftover -wal into the
            # damaged file, and the set-aside copy should be the files exactly as found.
            ro = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
            try:
                cls._check(ro)
            finally:
                ro.close()
        db = sqlite3.connect(path, check_same_thread=False)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vec BLOB NOT NULL)")
        return db

    @staticmethod
    def _check(db: sqlite3.Connection) -> None:
        """Read every page once: `quick_check` finds a damaged data page that a query through
        the key index alone never touches. (integrity_check also cross-checks the index
        against the rows: far slower, and it would find nothing a re-embed does not fix.)"""
        problems = [row[0] for row in db.execute("PRAGMA quick_check(3)")]
        if problems != ["ok"]:
            raise sqlite3.DatabaseError("; ".join(problems))

    def _replace(self, exc: sqlite3.DatabaseError) -> sqlite3.Connection:
        """Move the damaged database and its side files aside; open an empty one instead."""
        aside = self.path.with_suffix(".corrupt")
        n = 1
        while aside.exists():
            n += 1
            aside = self.path.with_suffix(f".corrupt-{n}")
        for side in ("", "-wal", "-shm"):
            src = Path(f"{self.path}{side}")
            if src.exists():
                src.rename(f"{aside}{side}")
        self.set_aside.append(aside)
        log.warning(
            "embedding cache %s is damaged (%s): set aside as %s; the passages it held are "
            "embedded again (delete the set-aside copy once you no longer need it)",
            self.path,
            exc,
            aside,
        )
        return self._open(self.path)

    def _recover(self, exc: sqlite3.DatabaseError) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._db.close()
        self._db = self._replace(exc)

    def get_many(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """Cached vectors of `texts`, by text; texts not cached are absent."""
        try:
            return self._get_many(texts)
        except sqlite3.DatabaseError as exc:
            self._recover(exc)
            return {}

    def _get_many(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        keys = {cache_key(self.model, t): t for t in texts}
        found: dict[str, np.ndarray] = {}
        key_list = list(keys)
        for i in range(0, len(key_list), _BATCH):
            part = key_list[i : i + _BATCH]
            marks = ",".join("?" * len(part))
            rows = self._db.execute(
                f"SELECT key, vec FROM vectors WHERE key IN ({marks})", part
            ).fetchall()
            for key, blob in rows:
                vec = np.frombuffer(blob, dtype=np.float32)
                if vec.shape[0] == self.dimension:
                    found[keys[key]] = vec
        return found

    def put_many(self, items: Iterable[tuple[str, np.ndarray]]) -> None:
        rows = [
            (cache_key(self.model, t), np.asarray(v, dtype=np.float32).tobytes()) for t, v in items
        ]
        try:
            self._insert(rows)
        except sqlite3.DatabaseError as exc:
            self._recover(exc)
            self._insert(rows)

    def _insert(self, rows: list[tuple[str, bytes]]) -> None:
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO vectors (key, vec) VALUES (?, ?)", rows)

    def close(self) -> None:
        self._db.close()
