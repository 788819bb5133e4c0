"""Telegram channel: webhook (or polling) in, python-telegram-bot's Bot API client out."""

from bot.channels.telegram.channel import TelegramChannel
from bot.channels.telegram.outbound import TelegramOutbound
from bot.channels.telegram.outbox import TelegramOutboxSender
from bot.channels.telegram.polling import TelegramPolling, poll_updates
from bot.channels.telegram.sender import TelegramSender, build_bot

__all__ = [
    "TelegramChannel",
    "TelegramOutbound",
    "TelegramOutboxSender",
    "TelegramPolling",
    "TelegramSender",
    "build_bot",
    "poll_updates",
]
