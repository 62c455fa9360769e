"""The per-user cooldown and the global limit on answers in flight."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from bot.limits import Cooldown, InFlightLimit


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(time, "monotonic", fake)
    return fake


def test_cooldown_tells_each_user_how_long_to_wait(clock: Clock) -> None:
    cooldown = Cooldown(10)
    assert cooldown.try_acquire(1) == 0.0
    clock.now += 4
    assert cooldown.try_acquire(1) == pytest.approx(6)
    assert cooldown.try_acquire(2) == 0.0  # another user is not affected
    clock.now += 6
    assert cooldown.try_acquire(1) == 0.0


def test_a_refused_wait_does_not_restart_the_cooldown(clock: Clock) -> None:
    cooldown = Cooldown(10)
    cooldown.try_acquire(1)
    clock.now += 9
    assert cooldown.try_acquire(1) == pytest.approx(1)
    clock.now += 1
    assert cooldown.try_acquire(1) == 0.0


def test_reset_forgets_a_question_that_was_not_answered(clock: Clock) -> None:
    cooldown = Cooldown(10)
    cooldown.try_acquire(1)
    cooldown.reset(1)
    assert cooldown.try_acquire(1) == 0.0


def test_zero_seconds_disables_the_cooldown(clock: Clock) -> None:
    cooldown = Cooldown(0)
    assert [cooldown.try_acquire(1) for _ in range(3)] == [0.0, 0.0, 0.0]


def test_in_flight_limit_refuses_beyond_the_limit_and_frees_slots() -> None:
    limit = InFlightLimit(2)
    with limit.slot() as a, limit.slot() as b:
        assert a and b
        with limit.slot() as c:
            assert not c
        assert limit.active == 2
    assert limit.active == 0
    with limit.slot() as d:
        assert d


def test_a_slot_is_freed_when_the_answer_fails() -> None:
    limit = InFlightLimit(1)
    with pytest.raises(RuntimeError), limit.slot():
        raise RuntimeError("boom")
    assert limit.active == 0


@pytest.mark.parametrize("bad", [0, -1])
def test_in_flight_limit_must_be_positive(bad: int) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        InFlightLimit(bad)


async def test_a_cancelled_answer_keeps_its_slot_until_its_thread_finishes() -> None:
    limit = InFlightLimit(1)
    started, finish = threading.Event(), threading.Event()

    def work() -> str:
        started.set()
        assert finish.wait(30)
        return "answer"

    async def ask() -> str:
        with limit.slot() as slot:
            assert slot
            return await slot.run(asyncio.to_thread, work)

    waiter = asyncio.create_task(ask())
    assert await asyncio.to_thread(started.wait, 30)
    waiter.cancel()  # e.g. the interaction went away
    with pytest.raises(asyncio.CancelledError):
        await waiter
    assert limit.full  # the thread still computes: its slot stays taken
    with limit.slot() as other:
        assert not other
    finish.set()
    for _ in range(3000):
        if not limit.full:
            break
        await asyncio.sleep(0.01)
    assert limit.active == 0
    with limit.slot() as again:
        assert again


async def test_a_failed_answer_gives_its_slot_back_and_reports_the_error() -> None:
    limit = InFlightLimit(1)

    def fail() -> None:
        raise ValueError("no answer")

    with limit.slot() as slot, pytest.raises(ValueError, match="no answer"):
        await slot.run(asyncio.to_thread, fail)
    assert limit.active == 0
