"""What the abuse limits promise, whichever backend keeps their state.

Every backend hashes the keys it is given (a platform user id, for example) before storing
them: the limit state lives in Redis or in memory for minutes, and need not name anyone.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Decision:
    """The verdict on one message: allowed, or refused with the wait until the next one would pass."""

    allowed: bool
    retry_after_seconds: float = 0.0


class RateLimiter(Protocol):
    """A per-key message rate limit (a token bucket: ``burst`` at once, then a steady rate)."""

    def allow(self, key: str) -> Decision:
        """Spend one message of ``key``'s allowance, or say how long to wait."""
        ...


class ConcurrencyCap(Protocol):
    """At most N answers in progress per key."""

    def acquire(self, key: str) -> bool:
        """Take a slot for ``key``; ``False`` when all its slots are taken."""
        ...

    def release(self, key: str) -> None:
        """Give back a slot taken with :meth:`acquire`."""
        ...


@contextmanager
def answer_slot(cap: ConcurrencyCap, key: str) -> Iterator[bool]:
    """Hold one of ``key``'s answer slots for the ``with`` block; yields whether one was free.

    The slot is released on the way out, also when the block raises, and only if it was taken.
    """
    acquired = cap.acquire(key)
    try:
        yield acquired
    finally:
        if acquired:
            cap.release(key)


def hashed(key: str) -> str:
    """A short, stable stand-in for ``key`` (a user id) used as the stored key."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
