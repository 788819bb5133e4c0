"""Opaque ``callback_data`` for inline keyboard buttons.

Telegram carries 1-64 bytes of callback data per button, and a Thai character takes three
bytes, so labels never go into it. An engine action that is printable ASCII and fits is sent
as is after a prefix (``a:escalate:yes``): any worker, before or after a restart, understands
it. Any other action (``topic:`` plus a Thai title) is kept in a small in-memory map under a
short hash (``t:`` plus 16 hex digits) for ``ttl_seconds``; a press after that, or on another
worker, is answered as an expired button. The channel's own buttons use ``c:`` (consent) and
``l:`` (language).
"""

from __future__ import annotations

import hashlib
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

CALLBACK_DATA_LIMIT = 64
"""Telegram's limit on ``callback_data``, in bytes."""

_ACTION = "a:"
_TOKEN = "t:"
_CONSENT = "c:"
_LANGUAGE = "l:"

PressKind = Literal["action", "consent", "language"]


@dataclass(frozen=True)
class Pressed:
    """What a pressed button means: an engine action, a consent answer, or a language choice."""

    kind: PressKind
    value: str


class CallbackCodec:
    """Encodes button meanings into callback data and back."""

    def __init__(
        self, ttl_seconds: float = 86_400, capacity: int = 10_000, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._ttl = ttl_seconds
        self._capacity = capacity
        self._clock = clock
        self._actions: OrderedDict[str, tuple[str, float]] = OrderedDict()

    def action(self, action: str) -> str:
        """Callback data for an engine action."""
        direct = _ACTION + action
        if action.isascii() and action.isprintable() and len(direct) <= CALLBACK_DATA_LIMIT:
            return direct
        token = _TOKEN + hashlib.sha256(action.encode("utf-8")).hexdigest()[:16]
        self._actions[token] = (action, self._clock() + self._ttl)
        self._actions.move_to_end(token)
        while len(self._actions) > self._capacity:
            self._actions.popitem(last=False)
        return token

    @staticmethod
    def consent(accepted: bool) -> str:
        """Callback data for the consent buttons."""
        return _CONSENT + ("yes" if accepted else "no")

    @staticmethod
    def language(code: str) -> str:
        """Callback data for a language button."""
        return _LANGUAGE + code

    def decode(self, data: str | None) -> Pressed | None:
        """The meaning of ``data``; ``None`` when it is unknown or has expired."""
        if not data:
            return None
        if data.startswith(_ACTION) and len(data) > len(_ACTION):
            return Pressed("action", data.removeprefix(_ACTION))
        if data.startswith(_TOKEN):
            kept = self._actions.get(data)
            if kept is None:
                return None
            action, expires = kept
            if self._clock() > expires:
                del self._actions[data]
                return None
            return Pressed("action", action)
        if data in (_CONSENT + "yes", _CONSENT + "no"):
            return Pressed("consent", data.removeprefix(_CONSENT))
        if data.startswith(_LANGUAGE) and data.removeprefix(_LANGUAGE) in ("th", "en"):
            return Pressed("language", data.removeprefix(_LANGUAGE))
        return None
