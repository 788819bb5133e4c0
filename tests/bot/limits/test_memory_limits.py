"""The in-process limits (one worker): a token bucket, answer slots, remembered event ids."""

from __future__ import annotations

import threading

import pytest

from bot.limits import Decision, answer_slot, build_limits
from bot.limits.memory import InMemoryConcurrencyCap, InMemoryRateLimiter, InMemorySeenEvents
from bot.settings import LimitsSettings


class ManualClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_passes_then_the_next_message_waits_for_the_refill() -> None:
    clock = ManualClock()
    limiter = InMemoryRateLimiter(per_minute=12, burst=3, clock=clock)
    assert [limiter.allow("line:U1").allowed for _ in range(3)] == [True, True, True]
    refused = limiter.allow("line:U1")
    assert refused == Decision(False, pytest.approx(5.0))  # 12 a minute: one message every 5 s
    clock.now += 4.0
    assert limiter.allow("line:U1") == Decision(False, pytest.approx(1.0))
    clock.now += 1.0
    assert limiter.allow("line:U1").allowed
    assert not limiter.allow("line:U1").allowed


def test_users_have_their_own_allowance() -> None:
    limiter = InMemoryRateLimiter(per_minute=12, burst=1, clock=ManualClock())
    assert limiter.allow("line:U1").allowed
    assert not limiter.allow("line:U1").allowed
    assert limiter.allow("line:U2").allowed
    assert limiter.allow("telegram:U1").allowed


def test_a_long_pause_refills_only_up_to_the_burst() -> None:
    clock = ManualClock()
    limiter = InMemoryRateLimiter(per_minute=60, burst=2, clock=clock)
    clock.now += 3600
    assert [limiter.allow("u").allowed for _ in range(3)] == [True, True, False]


def test_nonsense_limits_are_refused() -> None:
    with pytest.raises(ValueError):
        InMemoryRateLimiter(per_minute=0, burst=1)
    with pytest.raises(ValueError):
        InMemoryRateLimiter(per_minute=1, burst=0)
    with pytest.raises(ValueError):
        InMemoryConcurrencyCap(0)


def test_one_answer_at_a_time_per_user() -> None:
    cap = InMemoryConcurrencyCap(1)
    assert cap.acquire("line:U1")
    assert not cap.acquire("line:U1")
    assert cap.acquire("line:U2")
    cap.release("line:U1")
    assert cap.acquire("line:U1")


def test_the_slot_is_released_when_answering_fails_and_a_stray_release_frees_nothing_extra() -> None:
    cap = InMemoryConcurrencyCap(2)
    with pytest.raises(RuntimeError), answer_slot(cap, "u") as acquired:
        assert acquired
        raise RuntimeError("the answerer failed")
    cap.release("u")  # nothing held: must not leave a negative count behind
    assert [cap.acquire("u") for _ in range(3)] == [True, True, False]


def test_a_refused_slot_is_not_released_by_the_context_manager() -> None:
    cap = InMemoryConcurrencyCap(1)
    assert cap.acquire("u")
    with answer_slot(cap, "u") as acquired:
        assert not acquired
    assert not cap.acquire("u")  # the first holder still has it


def test_threads_racing_for_one_slot_get_exactly_one() -> None:
    cap = InMemoryConcurrencyCap(1)
    start = threading.Barrier(8)
    results: list[bool] = []

    def worker() -> None:
        start.wait()
        results.append(cap.acquire("u"))

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False] * 7 + [True]


def test_an_event_is_new_once_until_its_time_to_live_ends() -> None:
    clock = ManualClock()
    seen = InMemorySeenEvents(clock)
    assert seen.first_time("line", "01HZX", 60)
    assert not seen.first_time("line", "01HZX", 60)
    assert seen.first_time("telegram", "01HZX", 60)
    clock.now += 60
    assert seen.first_time("line", "01HZX", 60)


def test_without_redis_the_limits_live_in_memory() -> None:
    limits = build_limits(LimitsSettings(burst=2), None)
    assert limits.backend == "memory"
    assert [limits.messages.allow("u").allowed for _ in range(3)] == [True, True, False]
    assert limits.answers.acquire("u") and not limits.answers.acquire("u")
    assert limits.seen.first_time("line", "e1", limits.seen_ttl_seconds)
