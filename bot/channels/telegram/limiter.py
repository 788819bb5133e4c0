"""Flood limits for outgoing messages: about one a second per chat, 20 a minute per group.

PTB's :class:`~telegram.ext.AIORateLimiter` (extra ``rate-limiter``) already keeps the
overall rate (30/s) and the per-group rate (20/min), and retries after a ``RetryAfter``, but
it does not pace messages to one private chat. This limiter adds a leaky bucket per chat in
front of it, and waits out a ``RetryAfter`` itself, as often as each call allows
(``rate_limit_args``: the outbox relay passes :data:`NO_RETRIES` and keeps its own backoff). Chat actions,
callback answers and polling are not messages and pass straight through, so a typing
indicator never waits behind an answer.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable, Coroutine
from typing import Any

from aiolimiter import AsyncLimiter
from telegram.error import RetryAfter
from telegram.ext import AIORateLimiter, BaseRateLimiter

JSONDict = dict[str, Any]
Result = bool | JSONDict | list[JSONDict]
Callback = Callable[..., Coroutine[Any, Any, Result]]
_UNLIMITED = frozenset(
    {"sendChatAction", "answerCallbackQuery", "getUpdates", "getMe", "deleteWebhook", "setWebhook", "getWebhookInfo"}
)
_MAX_IDLE_CHATS = 1024
NO_RETRIES = -1
"""``rate_limit_args`` for a call that must not wait out a 429 (PTB drops a 0 before the limiter sees it)."""


class ChatRateLimiter(BaseRateLimiter[int]):
    """Per-chat pacing on top of PTB's overall and per-group limits."""

    def __init__(
        self,
        per_chat_interval: float = 1.0,
        group_max_rate: float = 20,
        group_time_period: float = 60,
        overall_max_rate: float = 30,
        max_retries: int = 2,
    ) -> None:
        self._interval = per_chat_interval
        self._max_retries = max_retries
        # No retries inside: PTB's limiter reads a per-call 0 as "the default", so retries are counted here.
        self._inner = AIORateLimiter(
            overall_max_rate=overall_max_rate,
            overall_time_period=1,
            group_max_rate=group_max_rate,
            group_time_period=group_time_period,
            max_retries=0,
        )
        self._chats: dict[str, AsyncLimiter] = {}

    async def initialize(self) -> None:
        """Start the inner limiter."""
        await self._inner.initialize()

    async def shutdown(self) -> None:
        """Stop the inner limiter."""
        await self._inner.shutdown()

    def _chat_limiter(self, chat_id: str) -> AsyncLimiter:
        if len(self._chats) > _MAX_IDLE_CHATS:
            for key, limiter in list(self._chats.items()):
                if key != chat_id and limiter.has_capacity(limiter.max_rate):
                    del self._chats[key]
        if chat_id not in self._chats:
            self._chats[chat_id] = AsyncLimiter(1, self._interval)
        return self._chats[chat_id]

    async def process_request(
        self,
        callback: Callback,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Result:
        """Wait for the chat's turn, then for the group's and the bot's, then send; a 429 is waited out
        ``rate_limit_args`` times (default ``max_retries``), then raised."""
        if endpoint in _UNLIMITED:
            return await callback(*args, **kwargs)
        retries = self._max_retries if rate_limit_args is None else max(0, rate_limit_args)
        for attempt in range(retries + 1):
            try:
                return await self._paced(callback, args, kwargs, endpoint, data)
            except RetryAfter as error:
                if attempt == retries:
                    raise
                wait = error.retry_after
                await asyncio.sleep(wait.total_seconds() if isinstance(wait, dt.timedelta) else float(wait))
        raise AssertionError("unreachable: the last attempt raises")

    async def _paced(
        self, callback: Callback, args: Any, kwargs: dict[str, Any], endpoint: str, data: JSONDict
    ) -> Result:
        chat_id = data.get("chat_id")
        if chat_id is None or not self._interval:
            return await self._inner.process_request(callback, args, kwargs, endpoint, data, None)
        async with self._chat_limiter(str(chat_id)):
            return await self._inner.process_request(callback, args, kwargs, endpoint, data, None)
