"""The limits every worker shares through a real Redis (``NZAP_TEST_REDIS_URL``)."""

from __future__ import annotations

import logging
import multiprocessing

import pytest
import redis

from bot.limits import Decision, answer_slot, build_limits
from bot.limits.redis_store import RedisConcurrencyCap, RedisRateLimiter, RedisSeenEvents, connect
from bot.settings import LimitsSettings
from tests.bot.limits.conftest import needs_redis
from tests.server_thread import free_port

pytestmark = [needs_redis, pytest.mark.needs_system]

USER = "line:U77876d5dde94562bf069c560b4846074"


class ManualClock:
    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_passes_then_the_next_message_waits_for_the_refill(client: redis.Redis, namespace: str) -> None:
    clock = ManualClock()
    limiter = RedisRateLimiter(client, per_minute=12, burst=3, namespace=namespace, clock=clock)
    assert [limiter.allow(USER).allowed for _ in range(3)] == [True, True, True]
    assert limiter.allow(USER) == Decision(False, pytest.approx(5.0))
    clock.now += 4.0
    assert limiter.allow(USER) == Decision(False, pytest.approx(1.0))
    clock.now += 1.0
    assert limiter.allow(USER).allowed
    assert not limiter.allow(USER).allowed
    assert limiter.allow("line:Uanother").allowed


def test_on_the_server_clock_a_spent_allowance_is_refused_with_a_wait(client: redis.Redis, namespace: str) -> None:
    # One message a minute: nothing refills while the test runs.
    limiter = RedisRateLimiter(client, per_minute=1, burst=2, namespace=namespace)
    assert limiter.allow(USER).allowed
    assert limiter.allow(USER).allowed
    refused = limiter.allow(USER)
    assert not refused.allowed
    assert 0 < refused.retry_after_seconds <= 60


def test_two_workers_share_one_allowance(redis_url: str, namespace: str) -> None:
    first, second = connect(redis_url), connect(redis_url)
    clock = ManualClock()
    worker_a = RedisRateLimiter(first, per_minute=12, burst=4, namespace=namespace, clock=clock)
    worker_b = RedisRateLimiter(second, per_minute=12, burst=4, namespace=namespace, clock=clock)
    decisions = [(worker_a if i % 2 else worker_b).allow(USER).allowed for i in range(6)]
    assert decisions == [True, True, True, True, False, False]
    first.close()
    second.close()


def _spend(redis_url: str, namespace: str, attempts: int) -> int:
    """One worker process: try ``attempts`` messages of the same user; return how many passed."""
    limiter = RedisRateLimiter(connect(redis_url), per_minute=0.001, burst=10, namespace=namespace)
    return sum(limiter.allow(USER).allowed for _ in range(attempts))


def test_two_worker_processes_racing_never_pass_more_than_the_burst(redis_url: str, namespace: str) -> None:
    context = multiprocessing.get_context("spawn")
    with context.Pool(2) as pool:
        passed = pool.starmap(_spend, [(redis_url, namespace, 40), (redis_url, namespace, 40)])
    assert sum(passed) == 10


def test_one_answer_at_a_time_across_workers(redis_url: str, namespace: str) -> None:
    first, second = connect(redis_url), connect(redis_url)
    worker_a = RedisConcurrencyCap(first, limit=1, slot_seconds=300, namespace=namespace)
    worker_b = RedisConcurrencyCap(second, limit=1, slot_seconds=300, namespace=namespace)
    with answer_slot(worker_a, USER) as held:
        assert held
        assert not worker_b.acquire(USER)
        assert worker_b.acquire("line:Uother")
    assert worker_b.acquire(USER)
    worker_b.release(USER)
    worker_b.release("line:Uother")
    assert list(first.scan_iter(match=f"{namespace}:answers:*")) == []
    first.close()
    second.close()


def test_a_held_slot_expires_so_a_dead_worker_cannot_block_a_user_forever(client: redis.Redis, namespace: str) -> None:
    cap = RedisConcurrencyCap(client, limit=1, slot_seconds=120, namespace=namespace)
    assert cap.acquire(USER)
    [key] = list(client.scan_iter(match=f"{namespace}:answers:*"))
    assert 0 < client.pttl(key) <= 120_000
    client.delete(key)  # what the expiry does when the time is up
    assert cap.acquire(USER)
    cap.release(USER)
    cap.release(USER)  # a second release must not leave a negative count that would grant two slots
    assert cap.acquire(USER) and not cap.acquire(USER)


def test_an_event_id_is_new_for_exactly_one_worker(redis_url: str, namespace: str) -> None:
    first, second = connect(redis_url), connect(redis_url)
    worker_a, worker_b = RedisSeenEvents(first, namespace), RedisSeenEvents(second, namespace)
    assert worker_a.first_time("line", "01JABCDEF", 3600)
    assert not worker_b.first_time("line", "01JABCDEF", 3600)
    assert not worker_a.first_time("line", "01JABCDEF", 3600)
    assert worker_b.first_time("telegram", "01JABCDEF", 3600)
    [key, *_] = list(first.scan_iter(match=f"{namespace}:seen:*"))
    assert 0 < first.ttl(key) <= 3600
    first.close()
    second.close()


def test_redis_keeps_no_user_id_in_its_keys(client: redis.Redis, redis_url: str, namespace: str) -> None:
    limits = build_limits(LimitsSettings(), redis_url, namespace)
    limits.messages.allow(USER)
    limits.answers.acquire(USER)
    keys = [k.decode() for k in client.scan_iter(match=f"{namespace}:*")]
    assert len(keys) == 2
    assert not any("U77876d5dde94562bf069c560b4846074" in k for k in keys)


def test_the_settings_choose_redis_when_a_url_is_given(redis_url: str, namespace: str) -> None:
    limits = build_limits(LimitsSettings(burst=2, messages_per_minute=1), redis_url, namespace)
    assert limits.backend == "redis"
    assert [limits.messages.allow(USER).allowed for _ in range(3)] == [True, True, False]


def test_when_redis_is_down_the_limits_fail_open_and_say_so_once(caplog: pytest.LogCaptureFixture) -> None:
    dead = connect(f"redis://127.0.0.1:{free_port()}/0", timeout_seconds=0.2)
    limiter = RedisRateLimiter(dead, per_minute=1, burst=1)
    cap = RedisConcurrencyCap(dead, limit=1, slot_seconds=60)
    seen = RedisSeenEvents(dead)
    with caplog.at_level(logging.WARNING, logger="bot.limits.redis_store"):
        assert all(limiter.allow(USER).allowed for _ in range(3))
        assert cap.acquire(USER) and cap.acquire(USER)
        cap.release(USER)
        assert seen.first_time("line", "e1", 60) and seen.first_time("line", "e1", 60)
    warnings = [r.getMessage() for r in caplog.records]
    assert len(warnings) == 3  # one per limit, not one per call
    assert all("failing open" in w for w in warnings)
