"""LINE Messaging API channel (line-bot-sdk v3): signed webhooks in, replies and pushes out."""

from bot.channels.line.channel import LineChannel
from bot.channels.line.delivery import LineSender
from bot.channels.line.outbound import LineOutbound
from bot.channels.line.outbox import LineOutboxSender

__all__ = ["LineChannel", "LineOutbound", "LineOutboxSender", "LineSender"]
