"""Outbox senders for LINE (push with the row's retry key) and Telegram (``sendMessage``).

Each opens its own client from the channel settings, so the relay runs with or without the
webhook channels. The platform SDKs are imported here only when a sender is built.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from typing import Any

from bot.mentoring.outbox import OutboxRecord, batch_retry_key
from bot.mentoring.relay import Delivery, OutboxSender, Progress
from bot.mentoring.tickets import TicketService
from bot.settings import LineSettings, TelegramSettings

logger = logging.getLogger(__name__)


class LineOutboxSender:
    """Pushes rows to LINE users and groups with ``X-Line-Retry-Key`` (five messages a call)."""

    channel = "line"

    def __init__(self, settings: LineSettings, request_timeout_seconds: float = 10.0) -> None:
        if settings.channel_access_token is None:
            raise ValueError("LINE delivery needs NZAP_LINE__CHANNEL_ACCESS_TOKEN")
        self._settings = settings
        self._timeout = request_timeout_seconds
        self._client: Any = None
        self._sender: Any = None

    async def start(self) -> None:
        """Open the SDK's HTTP client (it needs the running event loop)."""
        from linebot.v3.messaging import AsyncApiClient, AsyncMessagingApi, Configuration

        from bot.channels.line.delivery import LineSender

        token = self._settings.channel_access_token
        assert token is not None
        configuration = Configuration(host=self._settings.api_base_url, access_token=token.get_secret_value())
        self._client = AsyncApiClient(configuration)
        self._sender = LineSender(AsyncMessagingApi(self._client), request_timeout_seconds=self._timeout)

    async def close(self) -> None:
        """Close the HTTP client."""
        if self._client is not None:
            await self._client.close()
            self._client = None

    async def send(self, row: OutboxRecord, progress: Progress) -> Delivery:
        """Push the row's messages, resuming after the pushes already accepted."""
        from bot.channels.line.render import MAX_MESSAGES, render

        if self._sender is None:
            raise RuntimeError("LineOutboxSender.start() was not called")
        messages = render(list(row.replies), row.language)
        batches = [messages[i : i + MAX_MESSAGES] for i in range(0, len(messages), MAX_MESSAGES)]
        for index in range(row.progress, len(batches)):
            result = await self._sender.push_once(row.recipient, batches[index], batch_retry_key(row.retry_key, index))
            if result.outcome == "retry":
                return Delivery("retry", result.error, result.retry_after)
            if result.outcome == "refused":
                return Delivery("failed", result.error)
            if index + 1 < len(batches):
                await progress(index + 1)
        where = {"group_id": row.recipient} if row.purpose == "ticket_post" else None
        return Delivery("delivered", where=where)


class TelegramOutboxSender:
    """Sends rows with ``sendMessage``; ticket posts go out with their claim/close buttons."""

    channel = "telegram"

    def __init__(
        self, settings: TelegramSettings, tickets: TicketService, request_timeout_seconds: float = 10.0
    ) -> None:
        if settings.bot_token is None:
            raise ValueError("Telegram delivery needs NZAP_TELEGRAM__BOT_TOKEN")
        self._settings = settings
        self._tickets = tickets
        self._timeout = request_timeout_seconds
        self._bot: Any = None
        self._codec: Any = None
        self._ready = False

    async def start(self) -> None:
        """Build the bot; it is initialised (``getMe``) on first use, so a Telegram outage only delays rows."""
        from telegram.ext import ExtBot
        from telegram.request import HTTPXRequest

        from bot.channels.telegram.callbacks import CallbackCodec

        token = self._settings.bot_token
        assert token is not None
        timeout = self._timeout
        request = HTTPXRequest(
            connection_pool_size=8, connect_timeout=timeout, read_timeout=timeout, write_timeout=timeout
        )
        self._bot = ExtBot(token.get_secret_value(), base_url=self._settings.api_base_url, request=request)
        self._codec = CallbackCodec()

    async def close(self) -> None:
        """Close the bot's HTTP client."""
        if self._bot is not None and self._ready:
            await self._bot.shutdown()
        self._bot, self._ready = None, False

    async def send(self, row: OutboxRecord, progress: Progress) -> Delivery:
        """Send the row; Telegram's errors become retry (time-outs, network, 5xx, 429) or failed (other 4xx)."""
        from telegram.error import BadRequest, NetworkError, RetryAfter, TelegramError

        if self._bot is None:
            raise RuntimeError("TelegramOutboxSender.start() was not called")
        try:
            if not self._ready:
                await self._bot.initialize()
                self._ready = True
            if row.purpose == "ticket_post" and row.ticket_id is not None:
                return await self._post_ticket(row)
            await self._send_replies(row, progress)
            return Delivery("delivered")
        except RetryAfter as error:
            return Delivery("retry", f"Telegram 429: {error}", _seconds(error.retry_after))
        except BadRequest as error:  # a subclass of NetworkError in PTB, but a 400 will not change on a retry
            return Delivery("failed", f"Telegram: {error!r}")
        except NetworkError as error:  # includes TimedOut and 5xx answers
            return Delivery("retry", f"Telegram: {error!r}")
        except TelegramError as error:  # 400 Bad Request, 403 Forbidden, invalid token...
            return Delivery("failed", f"Telegram: {error!r}")

    async def _post_ticket(self, row: OutboxRecord) -> Delivery:
        from bot.channels.telegram.mentor_group import send_ticket_post

        ticket = await asyncio.to_thread(self._tickets.get, row.ticket_id or 0)
        if ticket is None:
            return Delivery("failed", f"ticket {row.ticket_id} no longer exists")
        where = await send_ticket_post(self._bot, int(row.recipient), ticket, row.language)
        return Delivery("delivered", where=where)

    async def _send_replies(self, row: OutboxRecord, progress: Progress) -> None:
        from telegram.constants import ParseMode
        from telegram.error import BadRequest

        from bot.channels.telegram.render import render_replies

        messages = render_replies(list(row.replies), row.language, self._codec)
        chat_id = int(row.recipient) if row.recipient.lstrip("-").isdigit() else row.recipient
        for index in range(row.progress, len(messages)):
            out = messages[index]
            try:
                await self._bot.send_message(chat_id, out.html, parse_mode=ParseMode.HTML, reply_markup=out.keyboard)
            except BadRequest as error:
                if "parse" not in str(error).lower() and "entit" not in str(error).lower():
                    raise
                # Telegram refused the markup (nothing was shown): the same words without it.
                logger.warning("sendMessage refused the HTML of outbox row %s (%s); sending plain text", row.id, error)
                await self._bot.send_message(chat_id, out.plain, reply_markup=out.keyboard)
            if index + 1 < len(messages):
                await progress(index + 1)


def _seconds(value: int | float | dt.timedelta) -> float:
    return value.total_seconds() if isinstance(value, dt.timedelta) else float(value)


__all__ = ["LineOutboxSender", "OutboxSender", "TelegramOutboxSender", "batch_retry_key"]
