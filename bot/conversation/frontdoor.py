"""The abuse limits at the engine's front door (:mod:`bot.limits`, when the engine is given them).

A message over the user's rate is not processed; the first one refused gets the friendly
notice and further ones within the wait that notice announced get no reply at all (a notice
per extra message would itself be the flood). A question while the same user's previous one
is still being answered gets the "still answering" notice.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from bot.conversation.turn import Outcome, TurnState
from bot.limits import Limits, answer_slot, busy_notice, too_fast_notice
from bot.observability.metrics import count_limited
from bot.types import IncomingMessage, TextReply

LanguageOf = Callable[[str, str], str]
"""``(channel, platform user id) -> language``, reading without writing."""


def limit_key(channel: str, platform_user_id: str) -> str:
    """The key of a user's rate and answer slots (the limits hash it before storing)."""
    return f"{channel}:{platform_user_id}"


class FrontDoor:
    """The user's message rate and answer slots; without limits every message comes in and never waits."""

    def __init__(self, limits: Limits | None, language_of: LanguageOf) -> None:
        """``language_of`` finds the language of a refused user's notice without storing anything."""
        self._limits = limits
        self._language_of = language_of

    def refuse(self, incoming: IncomingMessage, key: str) -> Outcome | None:
        """``None`` when the message is within the rate of ``key``; else the notice (once per wait) or silence."""
        if self._limits is None:
            return None
        verdict = self._limits.messages.allow(key)
        if verdict.allowed:
            return None
        count_limited(incoming.channel, "rate")
        # One notice per window: the first refusal remembers itself for as long as the wait it
        # announces (shared through Redis), so a flood gets one polite line, not one per message.
        wait = max(1, math.ceil(verdict.retry_after_seconds))
        if not self._limits.seen.first_time("limits", f"rate-notice:{key}", wait):
            return Outcome([], limited="rate")
        # Read-only: a refused message writes nothing, not even "last seen".
        language = self._language_of(incoming.channel, incoming.user_id)
        return Outcome([TextReply(too_fast_notice(verdict.retry_after_seconds, language))], limited="rate")

    def one_at_a_time(self, turn: TurnState, answer: Callable[[], Outcome]) -> Outcome:
        """``answer()`` inside one of the user's answer slots, or the "still answering" notice when none is free."""
        if self._limits is None:
            return answer()
        with answer_slot(self._limits.answers, turn.limit_key) as free:
            if not free:
                count_limited(turn.channel, "busy")
                return Outcome([TextReply(busy_notice(turn.language))], limited="busy")
            return answer()
