"""Chat platform adapters, built from settings: the web chat always, LINE and Telegram when configured."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.channels.base import ChannelPlugin
from bot.conversation.engine import ConversationEngine
from bot.settings import Settings
from bot.storage import ProcessedEvents

if TYPE_CHECKING:
    from bot.mentoring.desk import MentorDesk


def build_channels(
    settings: Settings, engine: ConversationEngine, events: ProcessedEvents, desk: MentorDesk | None = None
) -> list[ChannelPlugin]:
    """The enabled channels; each adapter's SDK is imported only when that channel is on.

    With ``desk``, LINE and Telegram also serve mentors: their mentor groups
    (``settings.mentoring``) and mentors' commands in private chats.
    """
    from bot.channels.web import WebChannel

    channels: list[ChannelPlugin] = [WebChannel(engine, language=settings.language)]
    if settings.line.enabled:
        from bot.channels.line import LineChannel

        channels.append(
            LineChannel(
                settings.line,
                engine,
                events,
                language=settings.language,
                mentoring=desk,
                mentor_group_id=settings.mentoring.line_group_id,
            )
        )
    if settings.telegram.enabled:
        from bot.channels.telegram import TelegramChannel

        channels.append(
            TelegramChannel(
                settings.telegram,
                engine,
                events,
                language=settings.language,
                mentoring=desk,
                mentor_chat_id=settings.mentoring.telegram_group_chat_id,
            )
        )
    return channels


__all__ = ["ChannelPlugin", "build_channels"]
