"""The relay's LINE sender: outbox rows pushed through the process's one LINE outbound."""

from __future__ import annotations

from bot.channels.line.outbound import CHANNEL, LineOutbound
from bot.channels.line.render import MAX_MESSAGES, render
from bot.mentoring.outbox import OutboxRecord, batch_retry_key
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
        if row.recipients:
            return await self._multicast(row, progress)
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

    async def _multicast(self, row: OutboxRecord, progress: Progress) -> Delivery:
        """A session reminder to many users: multicast, five messages a call, each call with its own retry key."""
        messages = render(list(row.replies), row.language)
        batches = [messages[i : i + MAX_MESSAGES] for i in range(0, len(messages), MAX_MESSAGES)]
        for index in range(row.progress, len(batches)):
            result = await self._out.sender.multicast_once(
                row.recipients, batches[index], batch_retry_key(row.retry_key, index)
            )
            if result.outcome != "accepted":
                return Delivery("retry" if result.outcome == "retry" else "failed", result.error, result.retry_after)
            if index + 1 < len(batches):
                await progress(index + 1)
        return Delivery("delivered")
