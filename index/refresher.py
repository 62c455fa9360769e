"""The refresher: reads each feed again when its interval has passed, and what each source holds.

A pass finds the feeds that are due (never refreshed, or refreshed `interval_minutes` ago) and
runs one build that reads only them (`Library.build(refresh=...)`): the other sources keep what
they hold, unchanged articles keep their passages and vectors, and the new snapshot replaces the
old one atomically, as with any build. Builds never overlap: when another build is running, the
pass is given up and tried again `BUSY_RETRY_SECONDS` later, so a refresh that falls due during a
build runs after it. `watch` repeats passes until told to stop (`newsbot refresh --watch`; the
bot runs passes from an asyncio task instead). Nothing here knows about any chat interface.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from index.config import Settings, require_builder
from index.errors import BuildInProgressError, IndexCorruptError, IndexMissingError, NewsbotError
from index.feeds import FeedState
from index.progress import BuildReport
from index.sources import Source, configured_sources
from index.store import Layout, read_manifest, serving_snapshot

log = logging.getLogger(__name__)

BUSY_RETRY_SECONDS = 5.0  # a pass that met another build tries again this much later
MAX_SLEEP_SECONDS = 60.0  # a source added meanwhile is noticed within this time
ERROR_CHARS = 300

Build = Callable[..., BuildReport]  # Library.build: accepts refresh=<source names>


@dataclass(frozen=True)
class PassResult:
    """What one pass did: the feeds it refreshed and the build's report, or why not."""

    feeds: tuple[str, ...]
    report: BuildReport | None = None
    busy: bool = False  # another build was running: tried again later
    error: str | None = None


@dataclass(frozen=True)
class SourceOverview:
    """One source as `/sources list` and `newsbot refresh` show it."""

    name: str
    kind: str  # "files" or "feed"
    location: str
    added: bool  # added at run time (removable), not in the config file
    articles: int
    newest: str | None  # publication date of its newest article
    refreshed_at: str | None  # ISO time of the last refresh (feeds only)
    ok: bool | None  # how it went; None before the first refresh
    error: str | None


class Refresher:
    """Refreshes due feeds through `build`; thread-safe, one pass at a time."""

    def __init__(
        self,
        settings: Settings,
        build: Build,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.settings = settings
        self._build = build
        self._clock = clock
        self._pass = threading.Lock()
        # In memory: a failed build writes no state, but is not to be retried at once.
        self._attempted: dict[str, datetime] = {}
        self._failed: dict[str, str] = {}
        self._prune = False

    def sources(self) -> list[Source]:
        return configured_sources(self.settings)

    @property
    def prune_pending(self) -> bool:
        return self._prune

    def request_prune(self) -> None:
        """Ask the next pass to build even with no feed due (a source was removed)."""
        self._prune = True

    def _last(self, source: Source, state: FeedState) -> datetime | None:
        status = state.feeds.get(source.name)
        times = [self._attempted.get(source.name)]
        if status is not None and status.location == source.location:
            times.append(_parse(status.checked_at))
        known = [t for t in times if t is not None]
        return max(known) if known else None

    def due(self, now: datetime | None = None) -> list[Source]:
        """The feeds whose interval has passed since their last refresh (or never refreshed)."""
        now = now or self._clock()
        state = FeedState.load(self.settings.data_dir)
        out = []
        for source in self.sources():
            if source.kind != "feed":
                continue
            last = self._last(source, state)
            if last is None or now - last >= timedelta(minutes=source.interval_minutes):
                out.append(source)
        return out

    def seconds_to_next(self, now: datetime | None = None) -> float:
        """How long until a feed falls due (at most MAX_SLEEP_SECONDS)."""
        now = now or self._clock()
        state = FeedState.load(self.settings.data_dir)
        wait = MAX_SLEEP_SECONDS
        for source in self.sources():
            if source.kind != "feed":
                continue
            last = self._last(source, state)
            if last is None:
                return 0.0
            due_at = last + timedelta(minutes=source.interval_minutes)
            wait = min(wait, max(0.0, (due_at - now).total_seconds()))
        return wait

    def run_once(self, everything: bool = False) -> PassResult | None:
        """Refresh the due feeds (every feed with `everything`) in one build; None when
        nothing was due. Never raises for a failed build: the result says what went wrong;
        raises `NotBuilderError` in a process configured not to build."""
        require_builder(self.settings)
        with self._pass:
            now = self._clock()
            try:
                feeds = [s for s in self.sources() if s.kind == "feed"] if everything else None
                feeds = feeds if feeds is not None else self.due(now)
            except NewsbotError as exc:  # a sources file edited by hand into nonsense
                log.error("cannot list the sources: %s", exc)
                return PassResult((), error=str(exc))
            if not feeds and not self._prune:
                return None
            names = tuple(s.name for s in feeds)
            try:
                report = self._build(refresh=set(names))
            except BuildInProgressError:
                log.info("a build is running; the feed refresh waits for it")
                return PassResult(names, busy=True)
            except Exception as exc:
                if isinstance(exc, NewsbotError):
                    why = str(exc)
                    log.warning("refresh of %s failed: %s", ", ".join(names), why)
                else:
                    why = f"unexpected error ({type(exc).__name__}; details in the log)"
                    log.exception("refresh of %s failed", ", ".join(names))
                for name in names:
                    self._attempted[name] = now
                    self._failed[name] = why[:ERROR_CHARS]
                return PassResult(names, error=why)
            self._prune = False
            for name in names:
                self._attempted[name] = now
                self._failed.pop(name, None)
            log.info("refreshed %s: %s", ", ".join(names) or "nothing", report.summary())
            return PassResult(names, report=report)

    def watch(self, stop: threading.Event) -> None:
        """Run passes until `stop` is set, sleeping until the next feed falls due."""
        while not stop.is_set():
            result = self.run_once()
            wait = BUSY_RETRY_SECONDS if result is not None and result.busy else None
            stop.wait(wait if wait is not None else max(1.0, self.seconds_to_next()))

    def overview(self) -> list[SourceOverview]:
        """Each configured source: its articles in the current index, newest article, and
        how its last refresh went."""
        try:
            manifest = read_manifest(serving_snapshot(Layout(self.settings.data_dir)))
            by_source = manifest.get("by_source") or {}
        except (IndexMissingError, IndexCorruptError):
            by_source = {}
        state = FeedState.load(self.settings.data_dir)
        out = []
        for source in self.sources():
            held = by_source.get(source.name) or {}
            status = state.feeds.get(source.name)
            if status is not None and status.location != source.location:
                status = None
            refreshed_at, ok, error = None, None, None
            if status is not None:
                refreshed_at, ok, error = status.checked_at, status.ok, status.error
            if source.name in self._failed:
                attempted = self._attempted[source.name]
                refreshed_at = attempted.isoformat(timespec="seconds")
                ok, error = False, self._failed[source.name]
            out.append(
                SourceOverview(
                    name=source.name,
                    kind=source.kind,
                    location=source.location,
                    added=source.added,
                    articles=int(held.get("articles", 0)),
                    newest=held.get("newest"),
                    refreshed_at=refreshed_at,
                    ok=ok,
                    error=error,
                )
            )
        return out


def _parse(iso: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
