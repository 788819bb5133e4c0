"""The relay's Telegram sender: outbox rows out through the process's one Telegram outbound."""

from __future__ import annotations

import asyncio

from bot.channels.telegram.mentor_group import send_ticket_post
from bot.channels.telegram.outbound import CHANNEL, TelegramOutbound
from bot.channels.telegram.sender import TelegramReport
from bot.mentoring.outbox import OutboxRecord
from bot.mentoring.relay import Delivery, Progress
from bot.mentoring.tickets import TicketService


class TelegramOutboxSender:
    """Sends rows with ``sendMessage``; ticket posts go out with their claim/close buttons."""

    channel = CHANNEL

    def __init__(
        self, outbound: TelegramOutbound, tickets: TicketService, request_timeout_seconds: float = 10.0
    ) -> None:
        self._out = outbound
        self._tickets = tickets
        self._timeout = request_timeout_seconds

    async def start(self) -> None:
        """Take a share of the sender; the bot is initialised (``getMe``) on first use: an outage only delays rows."""
        await self._out.sender.open()

    async def close(self) -> None:
        """Let go of the sender (the last user closes the bot's HTTP client)."""
        await self._out.sender.close()

    async def send(self, row: OutboxRecord, progress: Progress) -> Delivery:
        """Send the row from ``row.progress`` on; time-outs, network, 5xx and 429 are retried later, other 4xx fail."""
        if row.purpose == "ticket_post" and row.ticket_id is not None:
            ticket = await asyncio.to_thread(self._tickets.get, row.ticket_id)
            if ticket is None:
                return Delivery("failed", f"ticket {row.ticket_id} no longer exists")
            chat_id = int(row.recipient)
            report = await send_ticket_post(self._out.sender, chat_id, ticket, row.language, self._timeout)
            where = {"chat_id": chat_id, "message_id": report.message_ids[0]} if report.complete else None
            return _delivery(report, where)
        report = await self._out.send(
            row.recipient, list(row.replies), row.language, start=row.progress, progress=progress
        )
        return _delivery(report)


def _delivery(report: TelegramReport, where: dict[str, int] | None = None) -> Delivery:
    """The relay's view of a send: a time-out that may have arrived is sent again (Telegram has no retry key)."""
    if report.complete:
        return Delivery("delivered", where=where)
    return Delivery("retry" if report.retryable else "failed", report.error, report.retry_after)
