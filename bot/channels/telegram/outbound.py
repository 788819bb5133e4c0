"""The Telegram outbound half: the engine's replies rendered (with the one callback codec) and sent.

One per process, shared by the channel (its answers), the mentor group (what it says to
mentors) and the outbox relay (mentor answers, notices, replies Telegram did not take): so a
button sent by the relay is understood when the channel reads its press.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.channels.base import Progress
from bot.channels.telegram.callbacks import CallbackCodec
from bot.channels.telegram.render import Button, render_replies, render_text
from bot.channels.telegram.sender import Target, TelegramReport, TelegramSender, chat_id_of
from bot.types import Reply

CHANNEL = "telegram"


class TelegramOutbound:
    """Renders and sends; every send returns a :class:`~bot.channels.telegram.sender.TelegramReport`."""

    name = CHANNEL

    def __init__(
        self, sender: TelegramSender, codec: CallbackCodec | None = None, timeout: float | None = None
    ) -> None:
        """``timeout``: seconds for each Bot API call of :meth:`send` (the relay's); the client's own otherwise."""
        self.sender = sender
        self.codec = codec or CallbackCodec()
        self._timeout = timeout

    async def send(
        self,
        recipient: str,
        replies: Sequence[Reply],
        language: str,
        *,
        start: int = 0,
        retry_key: str | None = None,
        progress: Progress | None = None,
    ) -> TelegramReport:
        """Send replies no update asked for (the relay's rows), from message ``start`` on, without waiting out
        failures here: what is left is tried again later by the caller. Telegram has no ``retry_key``."""
        messages = render_replies(replies, language, self.codec)
        return await self.sender.send(
            Target(chat_id_of(recipient)),
            messages,
            start=start,
            progress=progress,
            patient=False,
            timeout=self._timeout,
        )

    async def answer(self, target: Target, replies: Sequence[Reply], language: str) -> TelegramReport:
        """Send the engine's answer to someone waiting for it (network failures and 429s are waited out here)."""
        return await self.sender.send(target, render_replies(replies, language, self.codec))

    async def say(self, target: Target, body: str, buttons: Sequence[Button] = ()) -> TelegramReport:
        """Send the channel's own text (welcome, help, a mentor's confirmation) with optional buttons."""
        return await self.sender.send(target, render_text(body, buttons))
