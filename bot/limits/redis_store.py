"""Limits shared by every worker through Redis (``NZAP_REDIS_URL``).

Each check is one round trip: a Lua script (atomic on the server, so two workers can never
both take the last token) or ``SET NX EX``. Times come from the Redis server's clock, so
workers whose clocks disagree still agree on a user's allowance.

When Redis cannot be reached the limits *fail open*: messages are allowed and event ids are
reported as new, which hands de-duplication back to the database's processed-event table.
An outage of Redis then costs the abuse limits for a while, never the service itself.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

import redis

from bot.limits.base import Decision, hashed

logger = logging.getLogger(__name__)

Clock = Callable[[], float]

# KEYS[1] bucket hash; ARGV: tokens per second, capacity, now in seconds ('' = the server's clock).
_TOKEN_BUCKET = """
local rate = tonumber(ARGV[1])
local capacity = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
if now == nil then
  local t = redis.call('TIME')
  now = tonumber(t[1]) + tonumber(t[2]) / 1000000
end
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil or at == nil then
  tokens = capacity
  at = now
end
if now > at then
  tokens = math.min(capacity, tokens + (now - at) * rate)
  at = now
end
local allowed = 0
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
else
  wait = (1 - tokens) / rate
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(at))
redis.call('PEXPIRE', KEYS[1], math.ceil((capacity / rate) * 1000) + 1000)
-- Lua numbers would reach the client as integers: the wait goes back as a string.
return {allowed, tostring(wait)}
"""

# KEYS[1] counter; ARGV: limit, expiry in milliseconds.
_ACQUIRE = """
local held = tonumber(redis.call('GET', KEYS[1]) or '0')
if held >= tonumber(ARGV[1]) then
  return 0
end
redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
"""

# KEYS[1] counter. A counter that expired meanwhile goes to -1 here and is deleted as well.
_RELEASE = """
local held = redis.call('DECR', KEYS[1])
if held <= 0 then
  redis.call('DEL', KEYS[1])
end
return held
"""


def connect(url: str, timeout_seconds: float = 0.5) -> redis.Redis:
    """A client for ``url`` with short timeouts: a limit check must never hold up a webhook for long."""
    return redis.Redis.from_url(
        url, socket_timeout=timeout_seconds, socket_connect_timeout=timeout_seconds, health_check_interval=30
    )


class _Outage:
    """Logs a Redis failure at most once a minute, so an outage does not flood the logs."""

    def __init__(self, what: str) -> None:
        self._what = what
        self._last = -math.inf
        self._lock = threading.Lock()

    def report(self, error: redis.RedisError) -> None:
        with self._lock:
            now = time.monotonic()
            if now - self._last < 60:
                return
            self._last = now
        logger.warning("Redis unavailable for %s (%s); failing open", self._what, type(error).__name__)


class RedisRateLimiter:
    """A token bucket per key in Redis: ``burst`` messages at once, refilled at ``per_minute`` a minute."""

    def __init__(
        self,
        client: redis.Redis,
        per_minute: float,
        burst: int,
        namespace: str = "nzap",
        clock: Clock | None = None,
    ) -> None:
        if per_minute <= 0 or burst < 1:
            raise ValueError("per_minute must be positive and burst at least 1")
        self._rate = per_minute / 60.0
        self._capacity = burst
        self._prefix = f"{namespace}:rate:"
        self._script = client.register_script(_TOKEN_BUCKET)
        # Tests pass a clock to move time without waiting; production uses the server's clock.
        self._clock = clock
        self._outage = _Outage("rate limits")

    def allow(self, key: str) -> Decision:
        """Spend one token of ``key``, or say how long until one is back (allowed when Redis is down)."""
        now = "" if self._clock is None else repr(self._clock())
        try:
            allowed, wait = self._script(keys=[self._prefix + hashed(key)], args=[self._rate, self._capacity, now])
        except redis.RedisError as error:
            self._outage.report(error)
            return Decision(True)
        return Decision(bool(allowed), float(_text(wait)))


class RedisConcurrencyCap:
    """At most ``limit`` slots per key across all workers; a slot expires after ``slot_seconds``.

    The expiry frees the slots of a worker that died while answering. It applies to the
    key's counter as a whole (taking a slot renews it), which is exact for the default
    limit of one answer at a time.
    """

    def __init__(self, client: redis.Redis, limit: int, slot_seconds: float, namespace: str = "nzap") -> None:
        if limit < 1:
            raise ValueError("limit must be at least 1")
        self._limit = limit
        self._expiry_ms = max(1, int(slot_seconds * 1000))
        self._prefix = f"{namespace}:answers:"
        self._acquire = client.register_script(_ACQUIRE)
        self._release = client.register_script(_RELEASE)
        self._outage = _Outage("answer slots")

    def acquire(self, key: str) -> bool:
        """Take a slot of ``key`` if one is free (always, when Redis is down)."""
        try:
            return bool(self._acquire(keys=[self._prefix + hashed(key)], args=[self._limit, self._expiry_ms]))
        except redis.RedisError as error:
            self._outage.report(error)
            return True

    def release(self, key: str) -> None:
        """Give a slot of ``key`` back (its expiry frees it if Redis cannot be reached now)."""
        try:
            self._release(keys=[self._prefix + hashed(key)])
        except redis.RedisError as error:
            self._outage.report(error)


class RedisSeenEvents:
    """Webhook event ids remembered in Redis by every worker (``SET NX EX``)."""

    def __init__(self, client: redis.Redis, namespace: str = "nzap") -> None:
        self._client = client
        self._prefix = f"{namespace}:seen:"
        self._outage = _Outage("event de-duplication")

    def first_time(self, channel: str, event_id: str, ttl_seconds: int) -> bool:
        """``True`` for the first worker to see ``(channel, event_id)``; also ``True`` when Redis is down."""
        key = self._prefix + hashed(f"{channel}\x00{event_id}")
        try:
            return bool(self._client.set(key, b"1", nx=True, ex=max(1, int(ttl_seconds))))
        except redis.RedisError as error:
            self._outage.report(error)
            return True

    def known(self, channel: str, event_id: str) -> bool:
        """Whether a worker remembered ``(channel, event_id)``; ``False`` if Redis is down (the database decides)."""
        key = self._prefix + hashed(f"{channel}\x00{event_id}")
        try:
            return bool(self._client.exists(key))
        except redis.RedisError as error:
            self._outage.report(error)
            return False

    def known_among(self, channel: str, event_ids: Sequence[str]) -> set[str]:
        """The ids a worker remembered, asked in one pipeline (one round trip per batch of webhooks, not per event);
        none if Redis is down (the database decides)."""
        ids = list(event_ids)
        pipeline = self._client.pipeline(transaction=False)
        for event_id in ids:
            pipeline.exists(self._prefix + hashed(f"{channel}\x00{event_id}"))
        try:
            found = pipeline.execute()
        except redis.RedisError as error:
            self._outage.report(error)
            return set()
        return {event_id for event_id, exists in zip(ids, found, strict=True) if exists}


def _text(value: Any) -> str:
    """A script's string reply, which arrives as bytes unless the client decodes responses."""
    return value.decode() if isinstance(value, bytes) else str(value)
