"""Chat platform adapters, built from settings through a registry: web chat always, LINE and Telegram when set."""

from bot.channels.base import ChannelPlugin, InboundChannel, OutboundChannel, SendReport
from bot.channels.registry import CHANNELS, BuiltChannels, ChannelServices, build_channels

__all__ = [
    "CHANNELS",
    "BuiltChannels",
    "ChannelPlugin",
    "ChannelServices",
    "InboundChannel",
    "OutboundChannel",
    "SendReport",
    "build_channels",
]
