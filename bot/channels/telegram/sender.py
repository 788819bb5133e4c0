"""Sending to Telegram: the process's one Bot API client, and every send reporting what happened.

Like :class:`~bot.channels.line.delivery.LineSender`: :meth:`TelegramSender.send` never raises
for Telegram's answers; it returns a :class:`~bot.channels.base.SendReport` (all sent, the
rest worth sending later, or refused for good). The channel's answers, the mentor group's
posts and the outbox relay all go through one sender over one ``ExtBot``, so the flood
limits (about one message a second per chat, 20 a minute per group) hold across all of them.

Telegram has no idempotency key: only what it certainly did not take (a 429, a 5xx, no
connection) may be sent again without risk; a time-out after the request went out may have
delivered the message, and the report says so (``uncertain``).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass

import httpx
from telegram import InlineKeyboardMarkup, Message, ReplyParameters
from telegram.constants import ChatAction, ParseMode
from telegram.error import BadRequest, InvalidToken, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.ext import BaseRateLimiter, ExtBot
from telegram.request import HTTPXRequest

from bot.channels.base import Progress, SendReport
from bot.channels.telegram.limiter import NO_RETRIES, ChatRateLimiter
from bot.channels.telegram.render import OutgoingMessage
from bot.settings import TelegramSettings

logger = logging.getLogger(__name__)

NETWORK_RETRY_PAUSES = (0.5, 2.0)
"""Pauses before sending again after a lost connection, when the caller waits for the answer."""


def build_bot(settings: TelegramSettings, rate_limiter: BaseRateLimiter[int] | None = None) -> ExtBot[int]:
    """The Bot API client of the process (built once, in the composition root), paced by ``rate_limiter``."""
    if settings.bot_token is None:
        raise ValueError("the Telegram channel needs a bot token (NZAP_TELEGRAM__BOT_TOKEN)")
    return ExtBot(
        settings.bot_token.get_secret_value(),
        base_url=settings.api_base_url,
        request=HTTPXRequest(connection_pool_size=64, pool_timeout=10.0),
        get_updates_request=HTTPXRequest(connection_pool_size=2),
        rate_limiter=rate_limiter or ChatRateLimiter(),
    )


@dataclass(frozen=True)
class Target:
    """Where messages go: the chat, the forum topic, and the message to reply to (in groups)."""

    chat_id: int | str
    thread_id: int | None = None
    reply_to: int | None = None


@dataclass(frozen=True)
class TelegramReport(SendReport):
    """A :class:`SendReport` that also says whether the stopping call may have arrived after all."""

    uncertain: bool = False
    """A time-out after the request went out: Telegram may have shown it (sending again may repeat it)."""


def chat_id_of(recipient: str) -> int | str:
    """An outbox recipient as a Bot API ``chat_id``: numeric ids as numbers, ``@channel`` names as they are."""
    return int(recipient) if recipient.lstrip("-").isdigit() else recipient


class TelegramSender:
    """Sends, edits and acknowledges through one ``ExtBot``; opened by each user, closed by the last."""

    def __init__(self, bot: ExtBot[int]) -> None:
        self._bot = bot
        self._ready = asyncio.Lock()
        self._users = 0

    @property
    def bot(self) -> ExtBot[int]:
        """The Bot API client (for reading updates and the bot's own name and id)."""
        return self._bot

    async def open(self) -> None:
        """Count a user in; the bot is initialised (``getMe``) by :meth:`ready`, so an outage only delays."""
        self._users += 1

    async def close(self) -> None:
        """Count a user out; the last one closes the bot's HTTP clients."""
        self._users = max(0, self._users - 1)
        if self._users == 0:
            await self._bot.shutdown()

    async def ready(self) -> bool:
        """Initialise the bot once (``getMe``: its name is needed to read mentions); False while Telegram is away."""
        try:
            async with self._ready:
                await self._bot.initialize()
        except InvalidToken:
            raise
        except TelegramError as error:
            logger.warning("Telegram Bot API not reachable (%s)", error)
            return False
        return True

    async def send(
        self,
        target: Target,
        messages: Sequence[OutgoingMessage],
        *,
        start: int = 0,
        progress: Progress | None = None,
        patient: bool = True,
        timeout: float | None = None,
    ) -> TelegramReport:
        """Send ``messages[start:]`` in order, each as HTML (plain text when Telegram refuses the markup).

        ``patient``: someone is waiting, so lost connections are tried again here and a 429 is
        waited out in the rate limiter; the relay sends impatiently and keeps its own backoff.
        ``progress`` is told after each message but the last. Only the first message replies
        to ``target.reply_to``.
        """
        ids: list[int] = []
        if not await self.ready():
            return TelegramReport(len(messages), start, retryable=True, error="Telegram: getMe failed")
        for index in range(start, len(messages)):
            out = messages[index]
            reply = None
            if target.reply_to is not None and index == 0:
                reply = ReplyParameters(target.reply_to, allow_sending_without_reply=True)
            try:
                try:
                    sent = await self._send_message(target, out.html, out.keyboard, reply, patient, timeout, html=True)
                except BadRequest as error:
                    if not _markup_refused(error):
                        raise
                    # Telegram refused the formatted text (nothing was shown): the same words without markup.
                    logger.warning("sendMessage refused the HTML (%s); sending plain text", error)
                    sent = await self._send_message(target, out.plain, out.keyboard, reply, patient, timeout)
            except TelegramError as error:
                logger.warning("sendMessage to chat %s stopped at message %d: %s", target.chat_id, index, error)
                return _stopped(len(messages), index, error, tuple(ids))
            ids.append(sent.message_id)
            if progress is not None and index + 1 < len(messages):
                await progress(index + 1)
        return TelegramReport(len(messages), len(messages), message_ids=tuple(ids))

    async def typing(self, target: Target) -> None:
        """Show "typing…"; a courtesy, so a failure is only logged."""
        try:
            await self._bot.send_chat_action(target.chat_id, ChatAction.TYPING, message_thread_id=target.thread_id)
        except TelegramError as error:
            logger.info("typing indicator failed: %s", error)

    async def answer_callback(self, query_id: str, notice: str | None = None, alert: bool = False) -> None:
        """Stop a pressed button's spinner (with a notice); a query too old to answer still counted."""
        try:
            await self._bot.answer_callback_query(query_id, text=notice, show_alert=alert)
        except BadRequest as error:
            logger.info("callback query %s not answered: %s", query_id, error)

    async def edit(self, chat_id: int, message_id: int, message: OutgoingMessage | None) -> bool:
        """Replace a message's text and buttons (``None``: only take its buttons off); False when Telegram would not."""
        try:
            if message is None:
                await self._bot.edit_message_reply_markup(chat_id, message_id, reply_markup=None)
            else:
                await self._bot.edit_message_text(
                    message.html,
                    chat_id=chat_id,
                    message_id=message_id,
                    parse_mode=ParseMode.HTML,
                    reply_markup=message.keyboard,
                )
        except TelegramError as error:  # "message is not modified", a deleted message: nothing to do
            logger.info("could not edit message %s: %s", message_id, error)
            return False
        return True

    async def _send_message(
        self,
        target: Target,
        body: str,
        keyboard: InlineKeyboardMarkup | None,
        reply: ReplyParameters | None,
        patient: bool,
        timeout: float | None,
        html: bool = False,
    ) -> Message:
        """``sendMessage``; if ``patient``, again after a lost connection (not after a time-out: it may be there)."""
        pauses = (*NETWORK_RETRY_PAUSES, None) if patient else (None,)
        for pause in pauses:
            try:
                return await self._bot.send_message(
                    target.chat_id,
                    body,
                    parse_mode=ParseMode.HTML if html else None,
                    reply_markup=keyboard,
                    message_thread_id=target.thread_id,
                    reply_parameters=reply,
                    read_timeout=timeout,
                    write_timeout=timeout,
                    connect_timeout=timeout,
                    # Only a bot with a rate limiter takes the argument (a bare ExtBot refuses it).
                    rate_limit_args=NO_RETRIES if not patient and self._bot.rate_limiter else None,
                )
            except (TimedOut, BadRequest):  # a time-out may have delivered it; a 400 will not change
                raise
            except NetworkError as error:
                if pause is None:
                    raise
                logger.warning("sendMessage to chat %s failed (%s); retrying", target.chat_id, error)
                await asyncio.sleep(pause)
        raise AssertionError("unreachable: the last pause is None")


def _markup_refused(error: BadRequest) -> bool:
    """Whether a 400 is about the HTML (``can't parse entities``), which the plain text avoids."""
    described = str(error).lower()
    return "parse" in described or "entit" in described


def _stopped(calls: int, index: int, error: TelegramError, ids: tuple[int, ...]) -> TelegramReport:
    """The report of a send that stopped at message ``index`` on ``error``."""
    described = f"Telegram: {error!r}"
    if isinstance(error, RetryAfter):
        return TelegramReport(calls, index, True, described, _seconds(error.retry_after), message_ids=ids)
    if isinstance(error, TimedOut):
        # Only a time-out while connecting certainly sent nothing.
        sent_nothing = isinstance(error.__cause__, httpx.ConnectTimeout | httpx.PoolTimeout)
        return TelegramReport(calls, index, True, described, message_ids=ids, uncertain=not sent_nothing)
    if isinstance(error, NetworkError) and not isinstance(error, BadRequest):  # 5xx, lost connections
        return TelegramReport(calls, index, True, described, message_ids=ids)
    # 400, 403 (blocked by the user, kicked from the group), an invalid token: sending again will not help.
    return TelegramReport(calls, index, False, described, message_ids=ids)


def _seconds(value: int | float | dt.timedelta) -> float:
    return value.total_seconds() if isinstance(value, dt.timedelta) else float(value)
