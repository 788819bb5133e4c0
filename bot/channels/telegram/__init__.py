"""Telegram channel: webhook (or polling) in, python-telegram-bot's Bot API client out."""

from bot.channels.telegram.channel import TelegramChannel
from bot.channels.telegram.polling import poll_updates, run_polling

__all__ = ["TelegramChannel", "poll_updates", "run_polling"]
