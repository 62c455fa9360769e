"""Readers' "Not helpful" feedback: the answers it can refer to, and the recorded items.

Both live in the data directory, beside the index, so they survive restarts and re-indexing:

    answers.sqlite    the last `ANSWERS_KEPT` answers shown with a feedback button, by key
    feedback.jsonl    one JSON object a line per "Not helpful" click, appended under a lock

An answer's key travels in its button's custom_id; a click looks the answer up here, so a
button keeps working after the bot restarts. Each user records an answer at most once.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from bot.models import Answer
from index.store import Layout

log = logging.getLogger(__name__)

FEEDBACK_FILE = "feedback.jsonl"
ANSWERS_FILE = "answers.sqlite"
# Answers a button can still refer to; a click on an older one is told it is too old.
ANSWERS_KEPT = 10_000
SQLITE_TIMEOUT_SECONDS = 10.0

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS answers "
    "(key TEXT PRIMARY KEY, created_at TEXT NOT NULL, record TEXT NOT NULL)"
)


def new_key() -> str:
    """A fresh answer key: 32 hex digits, unguessable, fits in a custom_id."""
    return uuid.uuid4().hex


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class CitedSource:
    """What feedback keeps of a citation: enough to find the article again."""

    n: int
    url: str | None
    title: str

    def to_json(self) -> dict[str, object]:
        return {"n": self.n, "url": self.url, "title": self.title}


@dataclass(frozen=True)
class ShownAnswer:
    """An answer as it was shown with a feedback button."""

    key: str
    question: str
    text: str
    citations: tuple[CitedSource, ...]
    snapshot: str | None  # the index snapshot serving when the answer was given
    created_at: str

    @classmethod
    def of(cls, key: str, answer: Answer, snapshot: str | None) -> ShownAnswer:
        citations = tuple(CitedSource(c.n, c.url, c.title) for c in answer.citations)
        return cls(key, answer.question, answer.text, citations, snapshot, _now())

    def to_json(self) -> dict[str, object]:
        return {
            "answer_key": self.key,
            "question": self.question,
            "answer": self.text,
            "citations": [c.to_json() for c in self.citations],
            "snapshot": self.snapshot,
            "answered_at": self.created_at,
        }

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> ShownAnswer:
        citations = tuple(
            CitedSource(int(c["n"]), c.get("url"), str(c.get("title") or ""))
            for c in obj.get("citations") or []
        )
        return cls(
            key=str(obj["answer_key"]),
            question=str(obj["question"]),
            text=str(obj["answer"]),
            citations=citations,
            snapshot=obj.get("snapshot"),
            created_at=str(obj.get("answered_at") or ""),
        )


@dataclass(frozen=True)
class Feedback:
    """One reader saying an answer was not helpful."""

    answer: ShownAnswer
    user_id: int
    user_name: str
    guild_id: int | None
    channel_id: int | None
    recorded_at: str

    def to_json(self) -> dict[str, object]:
        return self.answer.to_json() | {
            "user_id": self.user_id,
            "user_name": self.user_name,
            "guild_id": self.guild_id,
            "channel_id": self.channel_id,
            "recorded_at": self.recorded_at,
        }

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> Feedback:
        return cls(
            answer=ShownAnswer.from_json(obj),
            user_id=int(obj["user_id"]),
            user_name=str(obj.get("user_name") or ""),
            guild_id=obj.get("guild_id"),
            channel_id=obj.get("channel_id"),
            recorded_at=str(obj["recorded_at"]),
        )


class FeedbackStore:
    """Shown answers and feedback items under one data directory (blocking file I/O: call it
    from a worker thread in the bot)."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.feedback_file = self.data_dir / FEEDBACK_FILE
        self.answers_file = self.data_dir / ANSWERS_FILE

    # ------------------------------------------------------------------ answers

    @contextmanager
    def _answers_db(self) -> Iterator[sqlite3.Connection]:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.answers_file, timeout=SQLITE_TIMEOUT_SECONDS)
        # closing() closes it; `with db` makes one transaction, committed on success.
        with closing(connection) as db, db:
            db.execute(_SCHEMA)
            yield db

    def remember(self, key: str, answer: Answer) -> ShownAnswer:
        """Keep `answer` under `key` for later feedback; forgets the oldest past ANSWERS_KEPT."""
        shown = ShownAnswer.of(key, answer, Layout(self.data_dir).current_name())
        with self._answers_db() as db:
            db.execute(
                "INSERT OR REPLACE INTO answers (key, created_at, record) VALUES (?, ?, ?)",
                (key, shown.created_at, json.dumps(shown.to_json(), ensure_ascii=False)),
            )
            db.execute(
                "DELETE FROM answers WHERE rowid <= (SELECT MAX(rowid) FROM answers) - ?",
                (ANSWERS_KEPT,),
            )
        return shown

    def shown(self, key: str) -> ShownAnswer | None:
        """The answer kept under `key`, or None when it is unknown or was forgotten."""
        if not self.answers_file.exists():
            return None
        with self._answers_db() as db:
            row = db.execute("SELECT record FROM answers WHERE key = ?", (key,)).fetchone()
        return ShownAnswer.from_json(json.loads(row[0])) if row else None

    # ------------------------------------------------------------------ feedback

    @contextmanager
    def _locked(self, exclusive: bool) -> Iterator[IO[bytes]]:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        # flock locks conflict between open files even within one process, so concurrent
        # clicks in worker threads serialise here as well as across processes.
        with open(self.feedback_file, "a+b") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
            try:
                fh.seek(0)
                yield fh
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def record(self, item: Feedback) -> bool:
        """Append `item`; False (and nothing written) when this user already recorded this
        answer."""
        line = json.dumps(item.to_json(), ensure_ascii=False).encode() + b"\n"
        with self._locked(exclusive=True) as fh:
            data = fh.read()
            for earlier in _parse(data, self.feedback_file, warn=False):
                if earlier.answer.key == item.answer.key and earlier.user_id == item.user_id:
                    return False
            if data and not data.endswith(b"\n"):
                line = b"\n" + line  # a torn last line stays apart from this one
            fh.write(line)  # "a" mode: always at the end, in one write
            fh.flush()
            os.fsync(fh.fileno())
        return True

    def items(self) -> list[Feedback]:
        """Every recorded item, newest first; unreadable lines are skipped with a warning."""
        if not self.feedback_file.exists():
            return []
        with self._locked(exclusive=False) as fh:
            data = fh.read()
        return list(reversed(list(_parse(data, self.feedback_file))))


def _parse(data: bytes, path: Path, *, warn: bool = True) -> Iterator[Feedback]:
    for number, raw in enumerate(data.split(b"\n"), start=1):
        if not raw.strip():
            continue
        try:
            yield Feedback.from_json(json.loads(raw))
        except (ValueError, KeyError, TypeError, AttributeError):
            if warn:
                log.warning("%s line %d is not a feedback record; skipped", path, number)
