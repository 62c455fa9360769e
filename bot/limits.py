"""Rate limits for questions: a per-user cooldown and a global limit on answers in flight.

Both live on the event loop thread only, so they need no locks. Time comes from
`time.monotonic()`, looked up at each call (not bound at import) so tests can drive the clock.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager

log = logging.getLogger(__name__)

# Forget users who have not asked for this many cooldown periods (bounds the memory).
_PRUNE_AFTER_ENTRIES = 10_000


class Cooldown:
    """One question per `seconds` for each user; 0 seconds disables the cooldown."""

    def __init__(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("cooldown seconds must be 0 or more")
        self.seconds = seconds
        self._last: dict[int, float] = {}

    def retry_after(self, user_id: int) -> float:
        """Seconds until `user_id` may ask again (0.0 when they may ask now)."""
        last = self._last.get(user_id)
        if last is None or self.seconds == 0:
            return 0.0
        return max(0.0, last + self.seconds - time.monotonic())

    def try_acquire(self, user_id: int) -> float:
        """Record a question now and return 0.0, or return the seconds left to wait."""
        wait = self.retry_after(user_id)
        if wait > 0:
            return wait
        now = time.monotonic()
        self._last[user_id] = now
        if len(self._last) > _PRUNE_AFTER_ENTRIES:
            self._last = {u: t for u, t in self._last.items() if now - t < self.seconds}
        return 0.0

    def reset(self, user_id: int) -> None:
        """Forget `user_id`'s last question (used when it was refused for another reason)."""
        self._last.pop(user_id, None)


class InFlightLimit:
    """At most `limit` answers computed at once; extra requests are refused, not queued.

    Refusing keeps a burst of questions from piling up minutes of CPU work behind each
    other (and past Discord's interaction deadlines); the user is told to retry shortly.
    """

    def __init__(self, limit: int) -> None:
        if limit <= 0:
            raise ValueError("the in-flight limit must be at least 1")
        self.limit = limit
        self.active = 0

    @property
    def full(self) -> bool:
        return self.active >= self.limit

    @contextmanager
    def slot(self) -> Iterator[bool]:
        """Yield True with a slot held for the block, or False when all slots are busy."""
        if self.full:
            yield False
            return
        self.active += 1
        try:
            yield True
        finally:
            self.active -= 1
