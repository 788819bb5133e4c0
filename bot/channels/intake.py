"""The flow every webhook channel shares: verify, de-duplicate, acknowledge at once, answer in the background.

Platforms wait only seconds for the acknowledgement (LINE about two) and send a webhook
again when it is not a 2xx. So an event is claimed in the processed-events store *before*
the acknowledgement: a database outage then refuses the webhook with a 503 (the platform
sends it again later) instead of losing its events, and a redelivery finds its claim and is
skipped. The answer is worked out in a background task the intake keeps, one chat at a time
so a conversation's replies keep their order, and awaits when the server stops.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Coroutine, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from bot.channels.base import InboundChannel, InboundEvent, WebhookRejectedError
from bot.storage import ProcessedEvents
from bot.storage.database import database_unavailable

logger = logging.getLogger(__name__)

EventT = TypeVar("EventT")
RETRY_AFTER_SECONDS = 10
"""What a 503 asks the platform to wait before sending the webhook again."""


def unavailable() -> JSONResponse:
    """The answer to a webhook that cannot be taken now: the platform sends it again later."""
    return JSONResponse(
        {"detail": "temporarily unavailable, send again later"},
        status_code=503,
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


class Intake:
    """Claims a channel's events and runs their handling in the background, in order per chat."""

    def __init__(self, channel: str, events: ProcessedEvents) -> None:
        self._channel = channel
        self._events = events
        self._tasks: set[asyncio.Task[None]] = set()
        self._last_of_chat: dict[str, asyncio.Task[None]] = {}
        self._claims: ThreadPoolExecutor | None = None

    @property
    def pending(self) -> int:
        """Events accepted but not finished yet."""
        return len(self._tasks)

    async def claim_all(self, event_ids: Sequence[str]) -> set[str]:
        """The ids of ``event_ids`` claimed now: their first delivery (any worker, any process sharing the database).

        On threads of its own: the shared executor may be busy answering, and the platform
        expects the acknowledgement within seconds. Database errors propagate.
        """
        if not event_ids:
            return set()
        if self._claims is None:
            self._claims = ThreadPoolExecutor(max_workers=2, thread_name_prefix=f"nzap-{self._channel}-claims")
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._claims, self._events.claim_all, self._channel, list(event_ids))

    def schedule(self, item: InboundEvent[EventT], work: Callable[[EventT], Coroutine[Any, Any, None]]) -> None:
        """Run ``work(item.event)`` in the background after the chat's earlier events."""
        self._spawn(item, work(item.event))

    def accept(self, item: InboundEvent[EventT], work: Callable[[EventT], Awaitable[None]]) -> None:
        """Claim ``item`` in the background, then run ``work`` on it unless it was handled before (polling)."""

        async def claim_then_work() -> None:
            if item.event_id is not None and item.event_id not in await self.claim_all([item.event_id]):
                logger.info("%s event %s already handled; skipped", self._channel, item.event_id)
                return
            await work(item.event)

        self._spawn(item, claim_then_work())

    async def drain(self, timeout: float | None = None) -> None:
        """Wait for the events in hand (cancelling what is left after ``timeout``), then release the claim threads."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while self._tasks:
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            _, pending = await asyncio.wait(set(self._tasks), timeout=left)
            if pending and deadline is not None and time.monotonic() >= deadline:
                for task in pending:
                    task.cancel()
                await asyncio.wait(pending)
        if self._claims is not None:
            self._claims.shutdown(wait=False)
            self._claims = None

    def _spawn(self, item: InboundEvent[Any], work: Coroutine[Any, Any, None]) -> None:
        chat = item.chat
        task = asyncio.get_running_loop().create_task(self._after(self._last_of_chat.get(chat), item, work))
        self._last_of_chat[chat] = task
        self._tasks.add(task)

        def finished(done: asyncio.Task[None]) -> None:
            self._tasks.discard(done)
            if self._last_of_chat.get(chat) is done:
                del self._last_of_chat[chat]

        task.add_done_callback(finished)

    async def _after(
        self, previous: asyncio.Task[None] | None, item: InboundEvent[Any], work: Coroutine[Any, Any, None]
    ) -> None:
        if previous is not None:
            await asyncio.wait({previous})
        try:
            await work
        except Exception:  # a background task has nobody to raise to; one failing event must not stop the others
            logger.exception("%s event %s failed", self._channel, item.event_id or "?")


def webhook_router(
    path: str, channel: InboundChannel[EventT], intake: Intake, acknowledgement: Mapping[str, Any]
) -> APIRouter:
    """``POST path``: verify and parse, claim before acknowledging (503 when that cannot be done now), answer later."""
    router = APIRouter()

    @router.post(path, include_in_schema=False)
    async def webhook(request: Request) -> JSONResponse:
        received = time.monotonic()
        try:
            items = channel.read(request.headers, await request.body())
        except WebhookRejectedError as error:
            return JSONResponse({"detail": str(error)}, status_code=error.status)
        if not await channel.prepare():
            return unavailable()
        try:
            claimed = await intake.claim_all([i.event_id for i in items if i.event_id is not None])
        except Exception as error:
            if not database_unavailable(error):
                raise
            # Nothing was claimed: refuse the whole webhook so the platform sends it again.
            logger.warning("%s webhook refused with 503: the database is unavailable", channel.name)
            return unavailable()
        for item in items:
            if item.event_id is None or item.event_id in claimed:
                intake.schedule(item, lambda event: channel.handle(event, received))
            else:
                logger.info("%s event %s already handled; skipped", channel.name, item.event_id)
        return JSONResponse(dict(acknowledgement))

    return router
