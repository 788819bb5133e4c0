"""The relay's LINE sender: outbox rows pushed through the process's one LINE outbound."""

from __future__ import annotations

from bot.channels.line.outbound import CHANNEL, LineOutbound
from bot.mentoring.outbox import OutboxRecord
from bot.mentoring.relay import Delivery, Progress


class LineOutboxSender:
    """Pushes rows to LINE users and groups with ``X-Line-Retry-Key`` (five messages a call)."""

    channel = CHANNEL

    def __init__(self, outbound: LineOutbound) -> None:
        self._out = outbound

    async def start(self) -> None:
        """Take a share of the sender (the first user opens the SDK's HTTP client)."""
        await self._out.sender.open()

    async def close(self) -> None:
        """Let go of the sender (the last user closes the HTTP client)."""
        await self._out.sender.close()

    async def send(self, row: OutboxRecord, progress: Progress) -> Delivery:
        """Push the row's messages with its retry key, resuming after the pushes already accepted."""
        report = await self._out.send(
            row.recipient,
            list(row.replies),
            row.language,
            start=row.progress,
            retry_key=row.retry_key,
            progress=progress,
        )
        if report.complete:
            where = {"group_id": row.recipient} if row.purpose == "ticket_post" else None
            return Delivery("delivered", where=where)
        return Delivery("retry" if report.retryable else "failed", report.error, report.retry_after)
