"""Long polling for local development, when Telegram cannot reach a webhook (``nzap serve --telegram-polling``).

:class:`TelegramPolling` stands in the app where the webhook channel would: the same app,
the same services, and the polling loop started and stopped by the app's lifespan. The
webhook is deleted first (Telegram refuses ``getUpdates`` while one is set); each update
goes to :meth:`TelegramChannel.accept`, the handler the webhook feeds too, so
de-duplication, group rules and rendering are identical.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from fastapi import APIRouter
from telegram.error import InvalidToken, TelegramError

from bot.channels.telegram.channel import ALLOWED_UPDATES, TelegramChannel

logger = logging.getLogger(__name__)
_RETRY_SECONDS = (1.0, 2.0, 5.0, 10.0)


async def _interruptible_sleep(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=seconds)


async def poll_updates(channel: TelegramChannel, stop: asyncio.Event, timeout: int = 30) -> None:
    """Delete the webhook, then long-poll ``getUpdates`` into ``channel`` until ``stop`` is set."""
    bot = channel.sender.bot
    failures = 0
    while not stop.is_set():
        try:
            await bot.initialize()
            await bot.delete_webhook()
            break
        except InvalidToken:
            raise
        except TelegramError as error:  # Telegram away at start-up: keep trying, as for getUpdates
            failures += 1
            logger.warning("deleteWebhook failed (%s); retrying", error)
            await _interruptible_sleep(stop, _RETRY_SECONDS[min(failures, len(_RETRY_SECONDS)) - 1])
    offset: int | None = None
    failures = 0
    while not stop.is_set():
        fetch = asyncio.ensure_future(
            bot.get_updates(offset=offset, timeout=timeout, allowed_updates=list(ALLOWED_UPDATES))
        )
        stopping = asyncio.ensure_future(stop.wait())
        await asyncio.wait({fetch, stopping}, return_when=asyncio.FIRST_COMPLETED)
        stopping.cancel()
        if not fetch.done():
            fetch.cancel()
            break
        try:
            updates = fetch.result()
        except InvalidToken:
            raise
        except TelegramError as error:
            delay = _RETRY_SECONDS[min(failures, len(_RETRY_SECONDS) - 1)]
            failures += 1
            logger.warning("getUpdates failed (%s); retrying in %.0f s", error, delay)
            await _interruptible_sleep(stop, delay)
            continue
        failures = 0
        for update in updates:
            offset = update.update_id + 1
            channel.accept(update)


class TelegramPolling:
    """The Telegram channel fed by long polling instead of a webhook route, for the app's lifespan."""

    def __init__(self, channel: TelegramChannel, timeout: int = 30) -> None:
        self.channel = channel
        self.name = channel.name
        self._timeout = timeout
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def router(self) -> APIRouter:
        """No routes: updates are fetched, not posted."""
        return APIRouter()

    async def startup(self) -> None:
        """Start the channel, then poll in the background."""
        await self.channel.startup()
        self._stop.clear()
        self._task = asyncio.get_running_loop().create_task(self._poll(), name="nzap-telegram-polling")

    async def shutdown(self) -> None:
        """Stop polling, then let the channel finish the updates in hand."""
        self._stop.set()
        if self._task is not None:
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None
        await self.channel.shutdown()

    async def _poll(self) -> None:
        try:
            await poll_updates(self.channel, self._stop, self._timeout)
        except Exception:  # e.g. an invalid token: the webhook side of the app goes on serving
            logger.exception("Telegram polling stopped")
