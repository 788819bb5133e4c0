"""The LINE outbound half: the engine's replies rendered as LINE messages and sent through the one sender."""

from __future__ import annotations

from collections.abc import Sequence

from bot.channels.base import Progress, SendReport
from bot.channels.line.delivery import LineSender
from bot.channels.line.render import render
from bot.channels.reply_journal import ReplyJournal
from bot.types import Reply

CHANNEL = "line"


class LineOutbound:
    """Renders and sends; every send returns a :class:`~bot.channels.base.SendReport`."""

    name = CHANNEL

    def __init__(self, sender: LineSender) -> None:
        self.sender = sender

    async def send(
        self,
        recipient: str,
        replies: Sequence[Reply],
        language: str,
        *,
        start: int = 0,
        retry_key: str | None = None,
        progress: Progress | None = None,
    ) -> SendReport:
        """Push replies no webhook asked for (the relay's rows), from push ``start`` on, each push tried once:
        the caller tries the rest again later with the same ``retry_key``."""
        messages = render(replies, language)
        return await self.sender.send(
            recipient, None, messages, retry_key, start=start, progress=progress, patient=False
        )

    async def answer(
        self,
        to: str,
        reply_token: str | None,
        replies: Sequence[Reply],
        language: str,
        retry_key: str | None = None,
        journal: ReplyJournal | None = None,
    ) -> SendReport:
        """Send the engine's answer to someone waiting: reply while the token is fresh, push otherwise
        (with ``retry_key``, the same on every attempt at this answer); ``journal``: the event's reply record."""
        return await self.sender.send(to, reply_token, render(replies, language), retry_key, journal=journal)
