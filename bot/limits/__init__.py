"""Abuse limits: a per-user and a per-address message rate, a cap on concurrent answers, and event de-duplication.

Two backends with one API: in memory (the default; one worker) and Redis (``NZAP_REDIS_URL``;
shared by every worker). :func:`build_limits` picks one from the settings.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.limits.base import ConcurrencyCap, Decision, RateLimiter, answer_slot
from bot.limits.memory import InMemoryConcurrencyCap, InMemoryRateLimiter, InMemorySeenEvents
from bot.limits.notices import busy_notice, too_fast_notice
from bot.settings import LimitsSettings
from bot.types import SeenEvents

__all__ = [
    "ConcurrencyCap",
    "Decision",
    "Limits",
    "RateLimiter",
    "SeenEvents",
    "answer_slot",
    "build_limits",
    "busy_notice",
    "too_fast_notice",
]


@dataclass(frozen=True)
class Limits:
    """The limits a worker applies, built once at start-up."""

    messages: RateLimiter
    addresses: RateLimiter
    """Web chat messages per client address, whatever sessions the client uses."""
    answers: ConcurrencyCap
    seen: SeenEvents
    seen_ttl_seconds: int
    backend: str
    """``memory`` or ``redis``, for the start-up log line and ``/readyz``."""


def build_limits(settings: LimitsSettings, redis_url: str | None, namespace: str = "nzap") -> Limits:
    """Redis-backed limits when ``redis_url`` is given, in-memory ones otherwise."""
    if redis_url:
        from bot.limits.redis_store import RedisConcurrencyCap, RedisRateLimiter, RedisSeenEvents, connect

        client = connect(redis_url)
        return Limits(
            messages=RedisRateLimiter(client, settings.messages_per_minute, settings.burst, namespace),
            addresses=RedisRateLimiter(
                client, settings.messages_per_minute_per_address, settings.burst_per_address, f"{namespace}:address"
            ),
            answers=RedisConcurrencyCap(
                client, settings.max_concurrent_answers_per_user, settings.answer_slot_seconds, namespace
            ),
            seen=RedisSeenEvents(client, namespace),
            seen_ttl_seconds=settings.seen_event_seconds,
            backend="redis",
        )
    return Limits(
        messages=InMemoryRateLimiter(settings.messages_per_minute, settings.burst),
        addresses=InMemoryRateLimiter(settings.messages_per_minute_per_address, settings.burst_per_address),
        answers=InMemoryConcurrencyCap(settings.max_concurrent_answers_per_user),
        seen=InMemorySeenEvents(),
        seen_ttl_seconds=settings.seen_event_seconds,
        backend="memory",
    )
