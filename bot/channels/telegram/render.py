"""The engine's replies as Telegram messages: HTML text and inline keyboards.

All text from users, passages and the engine is escaped; the only markup added is bold for
headings this module writes ("แหล่งที่มา"). Replies are packed into as few messages as fit:
an answer and its sources go out together. Text longer than a message is split at Thai-safe
boundaries (:mod:`bot.channels.telegram.split`); a keyboard always closes its message.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.channels.telegram.callbacks import CallbackCodec
from bot.channels.telegram.split import TELEGRAM_TEXT_LIMIT, split_text, utf16_length
from bot.i18n import message
from bot.i18n.render import citation_line
from bot.i18n.telegram import text
from bot.types import EscalationNotice, QuickReplies, Reply, SourceList, TextReply

MAX_SOURCES = 5
MAX_BUTTONS = 8
_SHORT_LABEL = 14
_GAP = "\n\n"

Button = tuple[str, str]
"""A button's label and its callback data."""


@dataclass(frozen=True)
class OutgoingMessage:
    """One ``sendMessage``: HTML text, the same text without markup, and an optional keyboard."""

    html: str
    plain: str
    keyboard: InlineKeyboardMarkup | None = None


@dataclass(frozen=True)
class _Part:
    body: str
    heading: str | None = None
    keyboard: InlineKeyboardMarkup | None = None

    @property
    def plain(self) -> str:
        return f"{self.heading}\n{self.body}" if self.heading else self.body

    @property
    def html(self) -> str:
        body = html.escape(self.body, quote=False)
        return f"<b>{html.escape(self.heading, quote=False)}</b>\n{body}" if self.heading else body


def keyboard(buttons: Sequence[Button]) -> InlineKeyboardMarkup:
    """An inline keyboard: short labels side by side (two to a row), longer ones one per row."""
    shown = [InlineKeyboardButton(label, callback_data=data) for label, data in buttons[:MAX_BUTTONS]]
    if len(shown) <= 2 and all(len(b.text) <= _SHORT_LABEL for b in shown):
        return InlineKeyboardMarkup([shown])
    return InlineKeyboardMarkup([[b] for b in shown])


def _sources(reply: SourceList, language: str) -> _Part | None:
    lines = list(dict.fromkeys(f"• {citation_line(c, language)}" for c in reply.citations))[:MAX_SOURCES]
    return _Part("\n".join(lines), heading=message("chat.sources", language)) if lines else None


def _parts(replies: Sequence[Reply], language: str, codec: CallbackCodec) -> list[_Part]:
    parts: list[_Part] = []
    for reply in replies:
        if isinstance(reply, TextReply | EscalationNotice):
            if reply.text.strip():
                parts.append(_Part(reply.text.strip()))
        elif isinstance(reply, QuickReplies):
            buttons = [(o.label, codec.action(o.action)) for o in reply.options]
            body = reply.text.strip() or text("choose", language)
            parts.append(_Part(body, keyboard=keyboard(buttons) if buttons else None))
        elif isinstance(reply, SourceList):
            part = _sources(reply, language)
            if part is not None:
                parts.append(part)
    return parts


def _pieces(part: _Part, limit: int) -> list[_Part]:
    """A part that fits as is, or its body split so that each piece (with the heading) fits."""
    if utf16_length(part.plain) <= limit:
        return [part]
    room = limit - (utf16_length(part.heading) + 1 if part.heading else 0)
    bodies = split_text(part.body, room)
    pieces = [_Part(body) for body in bodies]
    pieces[0] = _Part(bodies[0], heading=part.heading)
    pieces[-1] = _Part(pieces[-1].body, heading=pieces[-1].heading, keyboard=part.keyboard)
    return pieces


def _message(parts: list[_Part]) -> OutgoingMessage:
    return OutgoingMessage(
        html=_GAP.join(p.html for p in parts),
        plain=_GAP.join(p.plain for p in parts),
        keyboard=parts[-1].keyboard,
    )


def pack(parts: Sequence[_Part], limit: int = TELEGRAM_TEXT_LIMIT) -> list[OutgoingMessage]:
    """Parts joined into as few messages as fit in ``limit``; a keyboard ends its message."""
    messages: list[OutgoingMessage] = []
    current: list[_Part] = []
    used = 0
    for part in (piece for p in parts for piece in _pieces(p, limit)):
        size = utf16_length(part.plain)
        if current and used + len(_GAP) + size > limit:
            messages.append(_message(current))
            current, used = [], 0
        used += size + (len(_GAP) if current else 0)
        current.append(part)
        if part.keyboard is not None:
            messages.append(_message(current))
            current, used = [], 0
    if current:
        messages.append(_message(current))
    return messages


def render_replies(
    replies: Sequence[Reply], language: str, codec: CallbackCodec, limit: int = TELEGRAM_TEXT_LIMIT
) -> list[OutgoingMessage]:
    """The engine's replies as Telegram messages."""
    return pack(_parts(replies, language, codec), limit)


def render_text(body: str, buttons: Sequence[Button] = (), limit: int = TELEGRAM_TEXT_LIMIT) -> list[OutgoingMessage]:
    """The channel's own text (welcome, help, ...) with optional buttons."""
    return pack([_Part(body.strip(), keyboard=keyboard(buttons) if buttons else None)], limit)
