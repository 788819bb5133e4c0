"""LINE Messaging API channel (line-bot-sdk v3): signed webhooks in, replies and pushes out."""

from bot.channels.line.channel import LineChannel

__all__ = ["LineChannel"]
