"""The web chat: a page served by the app and a small JSON API behind it."""

from bot.channels.web.channel import WebChannel

__all__ = ["WebChannel"]
