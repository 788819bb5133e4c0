"""Long polling for local development, when Telegram cannot reach a webhook.

The webhook is deleted first (Telegram refuses ``getUpdates`` while one is set); each update
goes to :meth:`TelegramChannel.accept`, the same handler the webhook uses, so de-duplication,
group rules and rendering are identical.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading

from telegram.error import InvalidToken, TelegramError

from bot.channels.telegram.channel import ALLOWED_UPDATES, TelegramChannel
from bot.conversation.engine import ConversationEngine
from bot.settings import TelegramSettings
from bot.storage import ProcessedEvents

logger = logging.getLogger(__name__)
_RETRY_SECONDS = (1.0, 2.0, 5.0, 10.0)


async def _interruptible_sleep(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=seconds)


async def poll_updates(channel: TelegramChannel, stop: asyncio.Event, timeout: int = 30) -> None:
    """Delete the webhook, then long-poll ``getUpdates`` into ``channel`` until ``stop`` is set."""
    bot = channel.bot
    await bot.initialize()
    await bot.delete_webhook()
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


def run_polling(
    settings: TelegramSettings,
    engine: ConversationEngine,
    events: ProcessedEvents,
    language: str = "th",
    *,
    stop: threading.Event | None = None,
    timeout: int = 30,
) -> None:
    """Answer Telegram by long polling until ``stop`` is set (or Ctrl+C); blocks the calling thread.

    In-flight answers are finished before it returns.
    """

    async def main() -> None:
        channel = TelegramChannel(settings, engine, events, language=language)
        stopping = asyncio.Event()
        watcher = asyncio.ensure_future(_watch(stop, stopping)) if stop is not None else None
        await channel.startup()
        try:
            await poll_updates(channel, stopping, timeout)
        finally:
            if watcher is not None:
                watcher.cancel()
            await channel.shutdown()

    asyncio.run(main())


async def _watch(flag: threading.Event, stopping: asyncio.Event) -> None:
    """Turn a thread's stop flag into the loop's stop event."""
    while not flag.is_set():
        await asyncio.sleep(0.05)
    stopping.set()
