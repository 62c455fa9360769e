"""Rate limits for questions: a per-user cooldown and a global limit on answers in flight.

Both live on the event loop thread only, so they need no locks (work in a worker thread gives
its slot back through a done callback, which runs on the loop). Time comes from
`time.monotonic()`, looked up at each call (not bound at import) so tests can drive the clock.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

log = logging.getLogger(__name__)

# Forget users who have not asked for this many cooldown periods (bounds the memory).
_PRUNE_AFTER_ENTRIES = 10_000

T = TypeVar("T")


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
    A slot counts the work, not the waiter: work started with `Slot.run` keeps its slot until
    its thread has finished, even when the coroutine awaiting it is cancelled.
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
    def slot(self) -> Iterator[Slot]:
        """Yield a slot held for the block (and for the work it runs), or a false one when all
        slots are busy."""
        if self.full:
            yield Slot(None)
            return
        self.active += 1
        slot = Slot(self)
        try:
            yield slot
        finally:
            slot._drop()


class Slot:
    """One admitted answer: true when admitted. Held by its block and by each `run` under way;
    given back when the last of them ends."""

    def __init__(self, limit: InFlightLimit | None) -> None:
        self._limit = limit
        self._holders = 1 if limit is not None else 0

    def __bool__(self) -> bool:
        return self._limit is not None

    async def run(
        self,
        offload: Callable[..., Awaitable[T]],
        func: Callable[..., T],
        *args: Any,
        **kwargs: Any,
    ) -> T:
        """`func(*args, **kwargs)` through `offload` (a worker thread); the slot stays taken
        until it has returned, even if this coroutine is cancelled meanwhile (the thread cannot
        be)."""
        if self._limit is None:
            raise RuntimeError("this slot was refused: check it before running work in it")
        work = asyncio.ensure_future(offload(func, *args, **kwargs))
        self._holders += 1
        work.add_done_callback(lambda _: self._drop())
        try:
            return await asyncio.shield(work)
        except asyncio.CancelledError:
            work.add_done_callback(_log_orphan_failure)
            raise

    def _drop(self) -> None:
        self._holders -= 1
        if self._holders == 0 and self._limit is not None:
            self._limit.active -= 1


def _log_orphan_failure(work: asyncio.Future[Any]) -> None:
    """Report the failure of work whose waiter was cancelled (nobody else will see it)."""
    if not work.cancelled() and work.exception() is not None:
        log.error("work for a cancelled request failed", exc_info=work.exception())
