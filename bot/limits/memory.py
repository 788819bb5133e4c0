"""In-process limits: the default for a single worker, and nothing to install.

State lives in dictionaries guarded by one lock each, because answers run on a thread pool.
A second worker process would keep its own state; set ``NZAP_REDIS_URL`` to share it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence

from bot.limits.base import Decision, hashed

Clock = Callable[[], float]
"""Seconds on a clock that only moves forward (``time.monotonic`` unless a test drives it)."""

_SWEEP_EVERY = 1024
"""Forget idle keys after this many calls, so memory follows active users, not all users ever seen."""


class InMemoryRateLimiter:
    """A token bucket per key: ``burst`` messages at once, refilled at ``per_minute`` a minute."""

    def __init__(self, per_minute: float, burst: int, clock: Clock = time.monotonic) -> None:
        if per_minute <= 0 or burst < 1:
            raise ValueError("per_minute must be positive and burst at least 1")
        self._rate = per_minute / 60.0
        self._capacity = float(burst)
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens, at)
        self._lock = threading.Lock()
        self._calls = 0

    def allow(self, key: str) -> Decision:
        """Spend one token of ``key``, or say how long until one is back."""
        stored = hashed(key)
        with self._lock:
            now = self._clock()
            tokens, at = self._buckets.get(stored, (self._capacity, now))
            tokens = min(self._capacity, tokens + max(0.0, now - at) * self._rate)
            if tokens >= 1.0:
                decision = Decision(True)
                tokens -= 1.0
            else:
                decision = Decision(False, (1.0 - tokens) / self._rate)
            self._buckets[stored] = (tokens, now)
            self._calls += 1
            if self._calls % _SWEEP_EVERY == 0:
                self._sweep(now)
            return decision

    def _sweep(self, now: float) -> None:
        """Drop buckets that have refilled completely: they hold nothing a fresh bucket would not."""
        full_after = self._capacity / self._rate
        for stored in [k for k, (_, at) in self._buckets.items() if now - at >= full_after]:
            del self._buckets[stored]


class InMemoryConcurrencyCap:
    """At most ``limit`` slots per key, counted in this process."""

    def __init__(self, limit: int) -> None:
        if limit < 1:
            raise ValueError("limit must be at least 1")
        self._limit = limit
        self._held: dict[str, int] = {}
        self._lock = threading.Lock()

    def acquire(self, key: str) -> bool:
        """Take a slot of ``key`` if one is free."""
        stored = hashed(key)
        with self._lock:
            held = self._held.get(stored, 0)
            if held >= self._limit:
                return False
            self._held[stored] = held + 1
            return True

    def release(self, key: str) -> None:
        """Give a slot of ``key`` back; a key with no slot held is left alone."""
        stored = hashed(key)
        with self._lock:
            held = self._held.get(stored, 0) - 1
            if held > 0:
                self._held[stored] = held
            else:
                self._held.pop(stored, None)


class InMemorySeenEvents:
    """Event ids remembered in this process until their time to live runs out."""

    def __init__(self, clock: Clock = time.monotonic) -> None:
        self._clock = clock
        self._expires: dict[str, float] = {}
        self._lock = threading.Lock()
        self._calls = 0

    def first_time(self, channel: str, event_id: str, ttl_seconds: int) -> bool:
        """``True`` unless ``(channel, event_id)`` was seen and has not expired yet."""
        stored = hashed(f"{channel}\x00{event_id}")
        with self._lock:
            now = self._clock()
            self._calls += 1
            if self._calls % _SWEEP_EVERY == 0:
                for old in [k for k, expires in self._expires.items() if expires <= now]:
                    del self._expires[old]
            expires = self._expires.get(stored)
            if expires is not None and expires > now:
                return False
            self._expires[stored] = now + ttl_seconds
            return True

    def known(self, channel: str, event_id: str) -> bool:
        """``True`` while ``(channel, event_id)`` is remembered."""
        stored = hashed(f"{channel}\x00{event_id}")
        with self._lock:
            expires = self._expires.get(stored)
            return expires is not None and expires > self._clock()

    def known_among(self, channel: str, event_ids: Sequence[str]) -> set[str]:
        """The ids of ``event_ids`` remembered and not expired."""
        return {event_id for event_id in event_ids if self.known(channel, event_id)}
