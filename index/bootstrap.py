"""A long-running process makes its own index: built when missing, upgraded when outdated.

`newsbot run` and `newsbot chat` start with whatever the data directory holds. With nothing to
serve (an empty directory on a fresh machine, a snapshot of a format this newsbot cannot read,
one built with another model) they build the index from the configured sources in a background
thread, and questions meanwhile are told "still indexing, N%" (`Library.not_ready`). With a
snapshot that serves but was written by an older newsbot (an older snapshot format, older
statement-extraction rules), it keeps serving while a build writes the current format, and the
switch is the usual atomic one. A build that fails is logged with its reason, told to
questions while nothing serves, and tried again `RETRY_SECONDS` later (or sooner by any other
build: `/reindex`, `newsbot index`). The builds are `Library.build`: the same lock, the same
atomic switch as every other build. Nothing here knows about any chat interface.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping
from typing import Any

from index.errors import BuildInProgressError, IndexCorruptError, IndexMissingError, NewsbotError
from index.library import Library
from index.quotes import EXTRACTOR_VERSION
from index.store import SNAPSHOT_FORMAT

log = logging.getLogger(__name__)

RETRY_SECONDS = 300.0  # after a failed build, the next attempt
BUSY_SECONDS = 5.0  # another build held the lock: look again this much later


def outdated(manifest: Mapping[str, Any]) -> str | None:
    """Why a snapshot that serves should be rebuilt by this newsbot, or None when it is current.

    Older snapshots lack fields newer builds record (stories, checksums, the backend, the
    extractor version); what a reader needs from them it does without, so they serve until
    the rebuild switches."""
    fmt = manifest.get("format")
    if not isinstance(fmt, int) or fmt < SNAPSHOT_FORMAT:
        return f"it is of snapshot format {fmt}, this newsbot writes format {SNAPSHOT_FORMAT}"
    extractor = manifest.get("extractor")
    if extractor != EXTRACTOR_VERSION:
        return (
            f"its statements were extracted by rules version {extractor}, this newsbot has "
            f"version {EXTRACTOR_VERSION}"
        )
    return None


class Bootstrap:
    """Makes sure a library has a current index to serve, building it in the background."""

    def __init__(
        self,
        library: Library,
        retry_seconds: float = RETRY_SECONDS,
        busy_seconds: float = BUSY_SECONDS,
    ) -> None:
        self.library = library
        self.retry_seconds = retry_seconds
        self.busy_seconds = busy_seconds
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def needed(self) -> str | None:
        """Why a build is needed (nothing serves, or what serves is outdated), or None. Loads
        the current snapshot (and the question model) when there is one."""
        try:
            searcher = self.library.searcher()
        except (IndexMissingError, IndexCorruptError) as exc:
            if self.library.building:  # the build under way is the answer
                return "the index is being built"
            return f"there is no index to serve ({exc})"
        why = outdated(searcher.manifest) or self.library.model_change(searcher)
        return None if why is None else f"snapshot {searcher.name} is outdated: {why}"

    def start(self) -> str | None:
        """Load the index, and start a background build when one is needed; says why (for the
        log and the terminal), None when the index is ready and current."""
        why = self.needed()
        if why is None:
            return None
        if not self.library.settings.index.builder:
            # Builds run in one process of several ([index].builder); this one serves what it
            # switches to, loaded on the first question after the switch.
            log.warning(
                "%s; builds run on %s, whose next snapshot is served here",
                why,
                self.library.settings.index.builds_run_on,
            )
            return why
        log.warning("%s; building the index from the configured sources in the background", why)
        self.library.build_pending = True
        self._thread = threading.Thread(target=self._run, name="bootstrap build", daemon=True)
        self._thread.start()
        return why

    def stop(self) -> None:
        """Stop retrying (a build under way finishes; the thread is a daemon)."""
        self._stop.set()

    def join(self, timeout: float | None = None) -> bool:
        """Wait for the background builds to be done; True when they are."""
        if self._thread is not None:
            self._thread.join(timeout)
            return not self._thread.is_alive()
        return True

    def _run(self) -> None:
        try:
            self._until_current()
        finally:
            self.library.build_pending = False

    def _until_current(self) -> None:
        while not self._stop.is_set():
            why = self.needed()
            if why is None:
                return
            try:
                report = self.library.build()
            except BuildInProgressError:
                # Another build (a /reindex, a feed refresh, `newsbot index` elsewhere) is under
                # way; when it switches, the check above sees the new snapshot.
                log.info("another build is running; the start-up build waits for it")
                self._stop.wait(self.busy_seconds)
                continue
            except Exception as exc:
                if isinstance(exc, NewsbotError):
                    log.error(
                        "building the index failed: %s; trying again in %.0f s",
                        exc,
                        self.retry_seconds,
                    )
                else:
                    log.exception(
                        "building the index failed; trying again in %.0f s", self.retry_seconds
                    )
                self._stop.wait(self.retry_seconds)
                continue
            log.info("the index is ready: %s", report.summary())
