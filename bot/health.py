"""`newsbot health`: is the bot up? For process supervisors and container health checks.

The running bot (`newsbot run`) writes a small status file, `<data_dir>/bot-status.json`
(`bot-status-shards-0-7.json` for a process running shards 0 to 7 of several), when
it connects or disconnects and every `HEARTBEAT_SECONDS` in between: whether it is connected to
Discord, which snapshot it answers from, whether its first build is running or failed. `newsbot
health` reads that file, the data directory's current snapshot and the feed state, prints one
JSON line and exits 0 when the bot is connected and can answer (or is building its first index),
1 otherwise. A status file older than `STALE_SECONDS` means the process is gone or hung: not
connected, whatever the file says.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from index.errors import NewsbotError
from index.feeds import FeedState
from index.store import Layout, read_manifest, serving_snapshot

if TYPE_CHECKING:
    from bot.settings import Settings

log = logging.getLogger(__name__)

STATUS_FILE = "bot-status.json"
HEARTBEAT_SECONDS = 30.0  # how often the running bot rewrites its status file
STALE_SECONDS = 120.0  # four missed heartbeats: the bot is gone or hung


@dataclass(frozen=True)
class BotStatus:
    """What the running bot says about itself."""

    pid: int
    updated_at: str  # ISO time, UTC
    connected: bool  # to the Discord gateway
    snapshot: str | None  # the snapshot it answers from; None before one is loaded
    building: bool  # a build runs in the process (the first one, an upgrade, a refresh)
    progress: float | None  # how far that build is, percent
    build_error: str | None  # why its last build failed, None after one succeeds


def status_name(settings: Settings) -> str:
    """The status file of the process `settings` configure: one a shard range, so that bot
    processes running different shards on one data directory each have theirs (and `newsbot
    health` with the same config reads that process's)."""
    ids = settings.discord.shard_ids
    if not ids:
        return STATUS_FILE
    return f"bot-status-shards-{min(ids)}-{max(ids)}.json"


def write_status(data_dir: Path, status: BotStatus, name: str = STATUS_FILE) -> None:
    """Replace the status file atomically (a reader never sees half of it)."""
    path = data_dir / name
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{name}.tmp-{os.getpid()}")
    tmp.write_text(json.dumps(asdict(status)), encoding="utf-8")
    os.replace(tmp, path)


def read_status(data_dir: Path, name: str = STATUS_FILE) -> BotStatus | None:
    """The bot's last status, None when there is none (or it cannot be read)."""
    try:
        raw = json.loads((data_dir / name).read_text(encoding="utf-8"))
        return BotStatus(**raw)
    except (OSError, ValueError, TypeError):
        return None


@dataclass(frozen=True)
class Health:
    """One line of `newsbot health`."""

    ok: bool
    index_loaded: bool  # the bot answers from a snapshot
    snapshot: str | None  # that snapshot, else the data directory's current one
    snapshot_age_seconds: float | None  # since that snapshot was built
    last_refresh: str | None  # the newest feed refresh (feeds.json), None without feeds
    discord_connected: bool
    heartbeat_age_seconds: float | None
    indexing: float | None  # percent of the build running in the bot, None when none
    problems: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _parse(iso: str | None) -> datetime | None:
    if not iso:
        return None
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def check_health(data_dir: Path, now: datetime | None = None, name: str = STATUS_FILE) -> Health:
    """The bot's health from the files in `data_dir` (never loads the index or the model);
    `name` is the status file of the process asked about (`status_name`)."""
    now = now or datetime.now(UTC)
    problems: list[str] = []
    layout = Layout(data_dir)

    status = read_status(data_dir, name)
    beat = _parse(status.updated_at) if status is not None else None
    heartbeat_age = (now - beat).total_seconds() if beat is not None else None
    fresh = status is not None and heartbeat_age is not None and heartbeat_age <= STALE_SECONDS
    if status is None:
        problems.append(f"no bot status in {data_dir / name}: is `newsbot run` running?")
    elif not fresh:
        problems.append(
            f"the bot's status is {heartbeat_age or 0:.0f}s old (more than {STALE_SECONDS:.0f}s): "
            "the bot is not running or hangs"
        )
    elif not status.connected:
        problems.append("the bot is not connected to Discord")
    connected = bool(fresh and status is not None and status.connected)

    loaded = status.snapshot if fresh and status is not None else None
    snapshot: str | None = loaded
    if snapshot is None:
        try:
            snapshot = serving_snapshot(layout).name
        except NewsbotError as exc:
            problems.append(f"no index to serve: {exc}")
    age: float | None = None
    if snapshot is not None:
        with contextlib.suppress(NewsbotError):
            built = _parse(str(read_manifest(layout.snapshots / snapshot).get("built_at", "")))
            age = (now - built).total_seconds() if built is not None else None

    building = bool(fresh and status is not None and status.building)
    indexing = status.progress if building and status is not None else None
    if fresh and status is not None and loaded is None:
        if status.build_error and not building:
            problems.append(f"the bot has no index: its build failed ({status.build_error})")
        elif not building:
            problems.append("the bot has no index loaded")

    refreshed = [
        t for t in (_parse(s.checked_at) for s in FeedState.load(data_dir).feeds.values()) if t
    ]
    last_refresh = max(refreshed).isoformat(timespec="seconds") if refreshed else None

    ok = connected and (loaded is not None or building)
    return Health(
        ok=ok,
        index_loaded=loaded is not None,
        snapshot=snapshot,
        snapshot_age_seconds=round(age, 1) if age is not None else None,
        last_refresh=last_refresh,
        discord_connected=connected,
        heartbeat_age_seconds=round(heartbeat_age, 1) if heartbeat_age is not None else None,
        indexing=round(indexing, 1) if indexing is not None else None,
        problems=problems,
    )
