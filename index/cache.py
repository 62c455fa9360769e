"""A persistent embedding cache keyed by model and embedded text.

Re-indexing an unchanged corpus embeds nothing; a changed article re-embeds only the passages
whose text changed. The cache is an SQLite file beside the snapshots, shared by all builds.
"""

from __future__ import annotations

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
    """Maps (model, text) to a float32 vector; safe to reopen after a crash (SQLite WAL)."""

    def __init__(self, path: Path, model: str, dimension: int) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.model = model
        self.dimension = dimension
        try:
            self._db = self._open(path)
        except sqlite3.DatabaseError as exc:
            # A cache is only a cache: a corrupt one is moved aside and rebuilt.
            log.warning("embedding cache %s is unreadable (%s); starting a new one", path, exc)
            path.rename(path.with_suffix(".corrupt"))
            self._db = self._open(path)

    @staticmethod
    def _open(path: Path) -> sqlite3.Connection:
        db = sqlite3.connect(path, check_same_thread=False)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vec BLOB NOT NULL)")
        db.execute("SELECT count(*) FROM vectors").fetchone()
        return db

    def get_many(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """Cached vectors of `texts`, by text; texts not cached are absent."""
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
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO vectors (key, vec) VALUES (?, ?)", rows)

    def close(self) -> None:
        self._db.close()
