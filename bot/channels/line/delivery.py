"""Sending to LINE: reply with the token when there is one, push otherwise, five messages a call.

Pushes carry an ``X-Line-Retry-Key`` (a UUID) and are retried with the same key after a
5xx, a 429 or a lost connection; LINE answers a retry of an accepted push with 409, which
counts as sent. A reply has no retry key, so a failed reply is not retried: after a 4xx
(an expired or unknown token: nothing was sent) the messages are pushed instead; after a
5xx or a lost connection they may have arrived, and pushing could show them twice.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import aiohttp
from linebot.v3.messaging import (
    ApiException,
    PushMessageRequest,
    ReplyMessageRequest,
    ShowLoadingAnimationRequest,
)

from bot.channels.line.render import MAX_MESSAGES

logger = logging.getLogger(__name__)

_RETRYABLE = frozenset({429, 500, 502, 503, 504})
_NETWORK_ERRORS = (aiohttp.ClientError, TimeoutError)


@dataclass(frozen=True)
class PushResult:
    """How one push attempt ended: ``accepted`` (LINE has it), ``retry`` (try again later) or ``refused``."""

    outcome: Literal["accepted", "retry", "refused"]
    error: str = ""
    retry_after: float | None = None
    """Seconds LINE asked us to wait (``Retry-After`` on a 429), when it said."""


class LineSender:
    """Delivers rendered messages through the SDK's ``AsyncMessagingApi``."""

    def __init__(
        self, api: Any, attempts: int = 3, backoff_seconds: float = 0.5, request_timeout_seconds: float = 10.0
    ) -> None:
        self._api = api
        self._attempts = attempts
        self._backoff = backoff_seconds
        self._timeout = request_timeout_seconds

    async def show_loading(self, user_id: str, seconds: int) -> None:
        """The loading animation in a one-to-one chat; a failure only loses the animation."""
        try:
            await self._api.show_loading_animation(
                ShowLoadingAnimationRequest(chat_id=user_id, loading_seconds=seconds), _request_timeout=self._timeout
            )
        except (ApiException, *_NETWORK_ERRORS) as error:
            logger.warning("LINE loading animation failed: %s", _describe(error))

    async def send(self, to: str, reply_token: str | None, messages: Sequence[Any]) -> bool:
        """Reply (when a token is given) with the first five messages and push the rest; True if all went out."""
        batches = [list(messages[i : i + MAX_MESSAGES]) for i in range(0, len(messages), MAX_MESSAGES)]
        if not batches:
            return True
        first, rest = batches[0], batches[1:]
        sent = await self._reply(reply_token, first) if reply_token else None
        if sent is None:
            sent = await self.push(to, first)
        for batch in rest:
            sent = await self.push(to, batch) and sent
        return sent

    async def push(self, to: str, messages: Sequence[Any]) -> bool:
        """Push up to five messages with one retry key, retrying transient failures; True when accepted."""
        key = str(uuid.uuid4())
        for attempt in range(1, self._attempts + 1):
            result = await self.push_once(to, messages, key)
            if result.outcome != "retry":
                return result.outcome == "accepted"
            logger.warning("LINE push attempt %d failed: %s", attempt, result.error)
            if attempt < self._attempts:
                await asyncio.sleep(self._backoff * 2 ** (attempt - 1))
        logger.error("LINE push to %s gave up after %d attempts", to, self._attempts)
        return False

    async def push_once(self, to: str, messages: Sequence[Any], retry_key: str) -> PushResult:
        """One push with the caller's ``X-Line-Retry-Key`` (the same key on every retry of the same messages).

        A 409 means an earlier attempt with this key was accepted: it counts as accepted. 429, 5xx,
        time-outs and lost connections are worth retrying; other 4xx are refused for good.
        """
        request = PushMessageRequest(to=to, messages=list(messages))
        try:
            await self._api.push_message(request, x_line_retry_key=retry_key, _request_timeout=self._timeout)
            return PushResult("accepted")
        except ApiException as error:
            if error.status == 409:
                return PushResult("accepted")
            if error.status not in _RETRYABLE:
                logger.error("LINE push refused: %s", _describe(error))
                return PushResult("refused", _describe(error))
            return PushResult("retry", _describe(error), _retry_after(error))
        except _NETWORK_ERRORS as error:
            return PushResult("retry", _describe(error))

    async def _reply(self, token: str, messages: list[Any]) -> bool | None:
        """True when replied; False when it may have arrived; None when nothing was sent (push instead)."""
        try:
            await self._api.reply_message(
                ReplyMessageRequest(reply_token=token, messages=messages), _request_timeout=self._timeout
            )
            return True
        except ApiException as error:
            if 400 <= (error.status or 0) < 500:
                logger.warning("LINE reply refused, pushing instead: %s", _describe(error))
                return None
            logger.error("LINE reply failed: %s", _describe(error))
        except _NETWORK_ERRORS as error:
            logger.error("LINE reply failed: %s", _describe(error))
        return False


def _retry_after(error: ApiException) -> float | None:
    """The ``Retry-After`` seconds of a 429, if LINE sent them."""
    if error.status != 429 or not error.headers:
        return None
    value = dict(error.headers).get("Retry-After") or dict(error.headers).get("retry-after")
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def _describe(error: BaseException) -> str:
    if isinstance(error, ApiException):
        return f"HTTP {error.status}: {error.body!r}"
    return repr(error)
