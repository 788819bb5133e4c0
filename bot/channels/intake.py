"""The flow every webhook channel shares: verify, record, acknowledge at once, answer elsewhere.

Platforms wait only seconds for the acknowledgement (LINE about two) and send a webhook
again when it is not a 2xx. So a webhook's events are *recorded* in the processed-events
store (with their JSON) *before* the acknowledgement: a database outage then refuses the
webhook with a 503 (the platform sends it again later) instead of losing its events. A
redelivery of an event already answered is dropped; one recorded but not answered yet (its
process died) is dispatched again, and the lease on the record decides who answers it.

Dispatching: with an :class:`~bot.channels.jobs.EventQueue` (``nzap serve``), one job per
event goes to the worker processes and nothing is answered here. Without one (tests, or an
application embedding a channel), the event is taken and answered in a background task of
this process, one chat at a time so a conversation's replies keep their order.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
import uuid
from collections.abc import Callable, Coroutine, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import Any, TypeVar

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from bot.channels.base import InboundChannel, InboundEvent, RawEvent, WebhookRejectedError
from bot.channels.group_commit import GroupCommit
from bot.channels.jobs import EventQueue, answer_taken
from bot.storage import NewEvent, ProcessedEvents
from bot.storage.database import database_unavailable

logger = logging.getLogger(__name__)

EventT = TypeVar("EventT")


KeyedT = TypeVar("KeyedT", RawEvent, InboundEvent[Any])
"""An event to record: as read (queued) or parsed already (answered here)."""
Handler = Callable[[EventT, float], Coroutine[Any, Any, None]]
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
    """Records a channel's events and dispatches them: to the queue, or to background tasks in order per chat."""

    def __init__(
        self, channel: str, events: ProcessedEvents, queue: EventQueue | None = None, lease_seconds: float = 30.0
    ) -> None:
        self._channel = channel
        self._events = events
        self._queue = queue
        self._lease = lease_seconds
        self._tasks: set[asyncio.Task[None]] = set()
        self._last_of_chat: dict[str, asyncio.Task[None]] = {}
        self._threads: ThreadPoolExecutor | None = None
        self._recorder: GroupCommit[list[NewEvent], set[str]] = GroupCommit(
            self._record_and_enqueue_batch, f"nzap-{channel}-record"
        )

    @property
    def pending(self) -> int:
        """Events accepted but not finished (or not enqueued) yet."""
        return len(self._tasks)

    @property
    def queued(self) -> bool:
        """Whether worker processes answer (True) or this process does."""
        return self._queue is not None

    async def _off_loop(self, function: Callable[..., Any], *args: Any) -> Any:
        """On threads of the intake's own: the default executor may be busy, and the platform waits."""
        if self._threads is None:
            self._threads = ThreadPoolExecutor(max_workers=2, thread_name_prefix=f"nzap-{self._channel}-intake")
        return await asyncio.get_running_loop().run_in_executor(self._threads, function, *args)

    async def record(self, items: Sequence[KeyedT]) -> list[KeyedT]:
        """Record ``items`` (all or nothing; database errors propagate) and enqueue them when there is a queue;
        the ones to dispatch, in order.

        An event without a platform id gets one of its own (it cannot be redelivered anyway).
        """
        keyed: dict[str, KeyedT] = {}
        for item in items:
            key = item.event_id or f"local-{uuid.uuid4().hex}"
            keyed.setdefault(key, replace(item, event_id=key))
        if not keyed:
            return []
        new = [NewEvent(key, item.payload) for key, item in keyed.items()]
        # Off the loop, in one transaction with the webhooks that arrive meanwhile (group commit); with a
        # queue, the jobs are enqueued in the same trip.
        dispatch = await self._recorder.submit(new)
        for key in keyed:
            if key not in dispatch:
                logger.info("%s event %s already answered; skipped", self._channel, key)
        return [item for key, item in keyed.items() if key in dispatch]

    def _record_and_enqueue_batch(self, webhooks: Sequence[list[NewEvent]]) -> list[set[str]]:
        """Record the events of several webhooks in one transaction; enqueue each event to answer once.

        The same event in two webhooks of a batch (a redelivery racing the first delivery) is
        recorded once, with the payload that came last, and dispatched for both.
        """
        merged: dict[str, NewEvent] = {}
        for events in webhooks:
            merged.update((event.event_id, event) for event in events)
        dispatch = self._events.record_all(self._channel, list(merged.values()))
        if self._queue is not None:
            self._enqueue_all([event_id for event_id in merged if event_id in dispatch])
        return [{event.event_id for event in events if event.event_id in dispatch} for events in webhooks]

    async def dispatch(self, items: Sequence[InboundEvent[EventT]], handle: Handler[EventT], received: float) -> None:
        """Answer recorded ``items`` here in the background (with a queue, :meth:`record` enqueued them already)."""
        if self._queue is not None:
            return
        for item in items:
            self._spawn(item, self._answer_here(item, handle, received))

    def accept(self, item: InboundEvent[EventT], handle: Handler[EventT]) -> None:
        """Record and dispatch a polled ``item`` in the background (no webhook waits for it)."""

        async def record_then_dispatch() -> None:
            received = time.monotonic()
            try:
                items = await self.record([item])
            except Exception:
                logger.exception("%s event %s could not be recorded; lost", self._channel, item.event_id or "?")
                return
            for recorded in items:  # here, in the chat's order: this task is already queued behind the chat's last
                await self._answer_here(recorded, handle, received)

        self._spawn(item, record_then_dispatch())

    def _enqueue_all(self, event_ids: list[str | None]) -> None:
        assert self._queue is not None
        ids = [event_id for event_id in event_ids if event_id is not None]
        try:
            # One trip for the whole batch: one Redis round trip per event was a tenth of the web process's CPU.
            self._queue.enqueue_many(self._channel, ids)
        except Exception:  # the events are recorded: a worker's sweep enqueues them again later
            logger.exception("%s: %d event(s) recorded but not enqueued; the sweep will", self._channel, len(ids))

    async def _answer_here(self, item: InboundEvent[EventT], handle: Handler[EventT], received: float) -> None:
        if self._queue is not None or item.event_id is None:
            return
        taken = await self._off_loop(self._events.take, self._channel, item.event_id, self._lease)
        if taken is None:
            logger.info("%s event %s is being answered elsewhere; skipped", self._channel, item.event_id)
            return
        await answer_taken(self._events, taken, self._lease, lambda: handle(item.event, received))

    async def drain(self, timeout: float | None = None) -> None:
        """Wait for the events in hand (cancelling what is left after ``timeout``), then release the threads."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while self._tasks:
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            _, pending = await asyncio.wait(set(self._tasks), timeout=left)
            if pending and deadline is not None and time.monotonic() >= deadline:
                for task in pending:
                    task.cancel()
                await asyncio.wait(pending)
        if self._threads is not None:
            self._threads.shutdown(wait=False)
            self._threads = None
        self._recorder.close()

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
    """``POST path``: verify and split, record before acknowledging (503 when that cannot be done now), answer later.

    A plain Starlette route: FastAPI's dependency solving, which a raw body needs none of, was 8% of
    the web process's samples under py-spy during a burst.
    """
    router = APIRouter()
    acknowledged = json.dumps(dict(acknowledgement)).encode("utf-8")

    async def webhook(request: Request) -> Response:
        received = time.monotonic()
        try:
            items = channel.read(request.headers, await request.body())
            # Answered here (no queue): parsed by the SDK now, so an event it refuses is a 400 as before.
            # With a queue the worker parses it: the acknowledgement is spared the SDK's cost.
            parsed = None if intake.queued else [channel.restore(item.payload) for item in items]
        except WebhookRejectedError as error:
            return JSONResponse({"detail": str(error)}, status_code=error.status)
        if parsed is not None and not await channel.prepare():
            return unavailable()
        try:
            if parsed is None:
                await intake.record(items)
            else:
                await intake.dispatch(await intake.record(parsed), channel.handle, received)
        except Exception as error:
            if not database_unavailable(error):
                raise
            # Nothing was recorded: refuse the whole webhook so the platform sends it again.
            logger.warning("%s webhook refused with 503: the database is unavailable", channel.name)
            return unavailable()
        return Response(acknowledged, media_type="application/json")

    router.add_route(path, webhook, methods=["POST"], include_in_schema=False)
    return router
