"""Sending to LINE: reply with the token when there is one, push otherwise, five messages a call.

Pushes carry an ``X-Line-Retry-Key`` (a UUID; the ``i``-th push of one send uses
:func:`~bot.mentoring.outbox.batch_retry_key`) and are retried with the same key after a
5xx, a 429 or a lost connection; LINE answers a retry of an accepted push with 409, which
counts as sent. A reply has no retry key, but its token works once. When LINE says it did not
take the reply (a 4xx such as an expired token, a 429, a 5xx) or the connection was refused
(nothing was sent), the messages are pushed instead. After a time-out or a connection lost
mid-request they may have arrived, and pushing could show them twice: the same reply is sent
once more with the same token, and LINE decides (taken, or 400 because the first arrived); if
that answer is lost too they are counted as sent (and logged).

With a :class:`~bot.channels.reply_journal.ReplyJournal` (an event's answer, taken from the
record), the reply is written down before and after it is sent, and a worker that takes the
event over does not answer twice; see that module for the decision.

:meth:`LineSender.send` reports how far it got, so the caller can leave the rest to the outbox
relay, which goes on with the same retry keys: if LINE did take a push whose answer was lost,
it recognises the repeat. One sender (over one ``AsyncApiClient``) serves the whole process:
the channel's answers, the mentor group's replies and the relay's pushes.
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
    AsyncApiClient,
    AsyncMessagingApi,
    Configuration,
    MulticastRequest,
    PushMessageRequest,
    ReplyMessageRequest,
    ShowLoadingAnimationRequest,
)

from bot.channels.base import Progress, SendReport
from bot.channels.line.render import MAX_MESSAGES
from bot.channels.reply_journal import ACCEPTED, ATTEMPTED, REFUSED, ReplyJournal
from bot.mentoring.outbox import batch_retry_key
from bot.settings import LineSettings

logger = logging.getLogger(__name__)

_RETRYABLE = frozenset({429, 500, 502, 503, 504})
ReplyOutcome = Literal["accepted", "refused", "unknown"]
_NETWORK_ERRORS = (aiohttp.ClientError, TimeoutError)


@dataclass(frozen=True)
class PushResult:
    """How one push attempt ended: ``accepted`` (LINE has it), ``retry`` (try again later) or ``refused``."""

    outcome: Literal["accepted", "retry", "refused"]
    error: str = ""
    retry_after: float | None = None
    """Seconds LINE asked us to wait (``Retry-After`` on a 429), when it said."""


class LineSender:
    """Delivers rendered messages through the SDK's ``AsyncMessagingApi``; opened by each user, closed by the last.

    The SDK's client needs the running event loop, so it is created by the first :meth:`open`.
    """

    def __init__(
        self,
        configuration: Configuration,
        attempts: int = 3,
        backoff_seconds: float = 0.5,
        request_timeout_seconds: float = 10.0,
    ) -> None:
        self._configuration = configuration
        self._attempts = attempts
        self._backoff = backoff_seconds
        self._timeout = request_timeout_seconds
        self._client: AsyncApiClient | None = None
        self._api: Any = None
        self._users = 0

    @classmethod
    def from_settings(
        cls, settings: LineSettings, backoff_seconds: float = 0.5, request_timeout_seconds: float = 10.0
    ) -> LineSender:
        """The process's sender, pointed at ``settings.api_base_url`` with the channel access token."""
        if settings.channel_access_token is None:
            raise ValueError("LINE delivery needs NZAP_LINE__CHANNEL_ACCESS_TOKEN")
        token = settings.channel_access_token.get_secret_value()
        configuration = Configuration(host=settings.api_base_url, access_token=token)
        return cls(configuration, backoff_seconds=backoff_seconds, request_timeout_seconds=request_timeout_seconds)

    async def open(self) -> None:
        """Count a user in; the first opens the SDK's HTTP client."""
        self._users += 1
        if self._client is None:
            self._client = AsyncApiClient(self._configuration)
            self._api = AsyncMessagingApi(self._client)

    async def close(self) -> None:
        """Count a user out; the last closes the HTTP client."""
        self._users = max(0, self._users - 1)
        if self._users == 0 and self._client is not None:
            await self._client.close()
            self._client, self._api = None, None

    async def show_loading(self, user_id: str, seconds: int) -> None:
        """The loading animation in a one-to-one chat; a failure only loses the animation."""
        try:
            await self._ready().show_loading_animation(
                ShowLoadingAnimationRequest(chat_id=user_id, loading_seconds=seconds), _request_timeout=self._timeout
            )
        except (ApiException, *_NETWORK_ERRORS) as error:
            logger.warning("LINE loading animation failed: %s", _describe(error))

    async def display_name(self, user_id: str) -> str | None:
        """The user's LINE display name from their profile; ``None`` when LINE cannot say now (asked again later)."""
        try:
            profile = await self._ready().get_profile(user_id, _request_timeout=self._timeout)
        except (ApiException, *_NETWORK_ERRORS) as error:
            logger.warning("LINE profile not read: %s", _describe(error))
            return None
        name = str(getattr(profile, "display_name", "") or "").strip()
        return name or None

    async def send(
        self,
        to: str,
        reply_token: str | None,
        messages: Sequence[Any],
        retry_key: str | None = None,
        *,
        start: int = 0,
        progress: Progress | None = None,
        patient: bool = True,
        journal: ReplyJournal | None = None,
    ) -> SendReport:
        """Reply (when a token is given) with the first five messages and push the rest, in order.

        Stops at the first call that does not go through, so what is left can be sent later in
        the same order with the same keys (see :class:`~bot.channels.base.SendReport`).
        ``start``: the calls already accepted (the relay resumes after them); ``patient``:
        someone is waiting, so failed pushes are tried again here before giving up (the relay
        keeps its own backoff). ``progress`` is told after each accepted call but the last.
        ``journal``: the reply is recorded there, and what an earlier attempt recorded is respected.
        """
        key = retry_key or str(uuid.uuid4())
        batches = [list(messages[i : i + MAX_MESSAGES]) for i in range(0, len(messages), MAX_MESSAGES)]
        if start == 0 and batches:
            if journal is not None:
                start = await self._journaled_reply(reply_token, batches[0], journal)
            elif reply_token and (await self._reply(reply_token, batches[0]))[0] != "refused":
                start = 1
        for index in range(start, len(batches)):
            batch_key = batch_retry_key(key, index)
            result = await (
                self.push(to, batches[index], batch_key) if patient else self.push_once(to, batches[index], batch_key)
            )
            if result.outcome != "accepted":
                retryable = result.outcome == "retry"
                return SendReport(len(batches), index, retryable, result.error, result.retry_after, retry_key=key)
            if progress is not None and index + 1 < len(batches):
                await progress(index + 1)
        return SendReport(len(batches), len(batches), retry_key=key)

    async def push(self, to: str, messages: Sequence[Any], retry_key: str | None = None) -> PushResult:
        """Push up to five messages with one retry key, retrying transient failures here a few times."""
        key = retry_key or str(uuid.uuid4())
        result = PushResult("retry")
        for attempt in range(1, self._attempts + 1):
            result = await self.push_once(to, messages, key)
            if result.outcome != "retry":
                return result
            logger.warning("LINE push attempt %d failed: %s", attempt, result.error)
            if attempt < self._attempts:
                await asyncio.sleep(self._backoff * 2 ** (attempt - 1))
        logger.error("LINE push gave up after %d attempts", self._attempts)
        return result

    async def push_once(self, to: str, messages: Sequence[Any], retry_key: str) -> PushResult:
        """One push with the caller's ``X-Line-Retry-Key`` (the same key on every retry of the same messages).

        A 409 means an earlier attempt with this key was accepted: it counts as accepted. 429, 5xx,
        time-outs and lost connections are worth retrying; other 4xx are refused for good.
        """
        request = PushMessageRequest(to=to, messages=list(messages))
        return await self._keyed(
            self._ready().push_message(request, x_line_retry_key=retry_key, _request_timeout=self._timeout)
        )

    async def multicast_once(self, to: Sequence[str], messages: Sequence[Any], retry_key: str) -> PushResult:
        """One multicast (at most 500 users, five messages) with a retry key; outcomes as in :meth:`push_once`."""
        request = MulticastRequest(to=list(to), messages=list(messages))
        return await self._keyed(
            self._ready().multicast(request, x_line_retry_key=retry_key, _request_timeout=self._timeout)
        )

    async def _keyed(self, call: Any) -> PushResult:
        """The outcome of a push or multicast carrying a retry key."""
        try:
            await call
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

    async def _journaled_reply(self, token: str | None, messages: list[Any], journal: ReplyJournal) -> int:
        """Reply to an event taken from the record, written down in ``journal``; the pushes to start from.

        0: the first batch still has to be pushed; 1: the user has it (or it is being decided by
        LINE's single-use reply token). See :mod:`bot.channels.reply_journal` for the cases.
        """
        previous = journal.previous
        if previous == ACCEPTED:
            logger.warning("an earlier worker's reply to this event was accepted: not sent again")
            return 1
        if previous == REFUSED or token is None:
            if previous == ATTEMPTED:
                logger.warning("an earlier worker's reply may have arrived and its token expired: pushing")
            return 0
        await journal.note(ATTEMPTED)
        outcome, status = await self._reply(token, messages)
        if outcome == "refused" and previous == ATTEMPTED and status == 400:
            # The same token, sent again by the worker that took over: LINE takes a token once, so
            # refusing it now means it took the earlier worker's reply. The user has the answer.
            logger.warning("the reply token was used by an earlier worker: its reply arrived, not sent again")
            outcome = "accepted"
        await journal.note(REFUSED if outcome == "refused" else ACCEPTED)
        return 0 if outcome == "refused" else 1

    async def _reply(self, token: str, messages: list[Any]) -> tuple[ReplyOutcome, int]:
        """How the reply ended, and LINE's status when it refused it (0 otherwise).

        ``accepted``; ``unknown`` when it may have gone out (do not send these again either);
        ``refused`` when LINE did not take it.

        A reply whose answer was lost (a time-out, a connection cut mid-request) is sent once
        more with the same token. The reply endpoint takes no ``X-Line-Retry-Key``, but a token
        works once, so LINE itself decides: it takes the second (the first never arrived) or
        refuses it with 400 (the first did). Only when the second is lost too, or refused for
        another reason, does it stay ``unknown``. Pushing instead could show the answer twice.
        """
        outcome, status = await self._reply_once(token, messages)
        if outcome != "unknown":
            return outcome, status
        await asyncio.sleep(self._backoff)
        again, status = await self._reply_once(token, messages, repeat=True)
        if again == "accepted":
            logger.warning("LINE reply sent again after a lost answer: taken the second time")
            return "accepted", 0
        if again == "refused" and status == 400:
            logger.warning("LINE reply sent again after a lost answer: the token was used, the first one arrived")
            return "accepted", 0
        return "unknown", 0

    async def _reply_once(self, token: str, messages: list[Any], *, repeat: bool = False) -> tuple[ReplyOutcome, int]:
        """One reply call; ``repeat``: the same token again after a lost answer (LINE's refusal is expected)."""
        try:
            await self._ready().reply_message(
                ReplyMessageRequest(reply_token=token, messages=messages), _request_timeout=self._timeout
            )
            return "accepted", 0
        except ApiException as error:
            # LINE answered, and not with success: 4xx (an expired or used token), 429 and 5xx
            # mean it did not take the messages, so pushing them shows them once.
            if not repeat:
                logger.warning("LINE reply not taken, pushing instead: %s", _describe(error))
            return "refused", int(error.status or 0)
        except aiohttp.ClientConnectorError as error:  # no connection: nothing was sent
            if not repeat:
                logger.warning("LINE reply could not connect, pushing instead: %s", _describe(error))
            return "refused", 0
        except _NETWORK_ERRORS as error:
            # The request went out and its answer was lost: it may have arrived. A push could show
            # it twice, and a reply token works once, so it is counted as sent.
            logger.error("LINE reply may or may not have arrived: %s", _describe(error))
            return "unknown", 0

    def _ready(self) -> Any:
        if self._api is None:
            raise RuntimeError("LineSender.open() was not called (run the app with its lifespan)")
        return self._api


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
