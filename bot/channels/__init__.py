"""Chat platform adapters, built from settings: the web chat always, LINE and Telegram when configured."""

from __future__ import annotations

from bot.channels.base import ChannelPlugin
from bot.engine import ConversationEngine
from bot.settings import Settings
from bot.storage import ProcessedEvents


def build_channels(settings: Settings, engine: ConversationEngine, events: ProcessedEvents) -> list[ChannelPlugin]:
    """The enabled channels; each adapter's SDK is imported only when that channel is on."""
    from bot.channels.web import WebChannel

    channels: list[ChannelPlugin] = [WebChannel(engine, language=settings.language)]
    if settings.line.enabled:
        from bot.channels.line import LineChannel

        channels.append(LineChannel(settings.line, engine, events, language=settings.language))
    if settings.telegram.enabled:
        from bot.channels.telegram import TelegramChannel

        channels.append(TelegramChannel(settings.telegram, engine, events, language=settings.language))
    return channels


__all__ = ["ChannelPlugin", "build_channels"]
