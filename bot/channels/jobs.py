"""Webhook events answered by worker processes: the task queue (huey) and the runner of one event.

The web process verifies a webhook, records its events in the processed-events store (the
durable record, :mod:`bot.storage.events`), enqueues one job per event and acknowledges. A
worker process (``nzap worker``, or the ones ``nzap serve`` starts itself) dequeues the job,
takes the event under a lease, answers it through the channel, and finishes it.

The queue is huey, chosen because it is the one established library with an embedded
backend (a SQLite file: one machine, nothing to install) and server backends (Redis,
PostgreSQL) behind the same code; only settings change. huey takes a job off the queue when
it starts it and has no acknowledgement, so a worker killed mid-answer loses its job: the
lease on the recorded event is what makes that safe. Every worker sweeps the store now and
then and enqueues again the events whose lease ran out (their worker died) or that were
recorded but never taken (their job was lost); whoever takes an event first answers it, once.
The job carries only ``(channel, event_id)``: the event itself (and the user's words) stays in
our database, and is dropped once answered.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol, TypeVar

from huey import Huey, MemoryHuey, PostgresHuey, RedisHuey, SqliteHuey
from huey.signals import SIGNAL_ENQUEUED
from huey.storage import RedisStorage, SqliteStorage
from redis import ConnectionPool

from bot.channels import reply_journal
from bot.channels.base import InboundEvent
from bot.observability import metrics
from bot.storage import ProcessedEvents, TakenEvent
from bot.storage.models import utcnow

logger = logging.getLogger(__name__)

EventT = TypeVar("EventT")
ANSWER_TASK = "nzap_answer_event"
"""The name of the one job kind (the same in the web process that enqueues and the worker that runs it)."""


class EventQueue(Protocol):
    """Where the web process leaves recorded events for the workers."""

    def enqueue(self, channel: str, event_id: str) -> None:
        """Ask a worker to answer ``(channel, event_id)`` (blocking: call it off the event loop)."""
        ...

    def enqueue_many(self, channel: str, event_ids: Sequence[str]) -> None:
        """:meth:`enqueue` each of ``event_ids``, in order, in as few trips to the queue as it can."""
        ...


class RestorableChannel(Protocol[EventT]):
    """What a worker needs of a channel: its event back from the record, and the handler."""

    name: str

    def restore(self, payload: str) -> InboundEvent[EventT]:
        """The event recorded as ``payload`` (what ``read`` put in :attr:`InboundEvent.payload`)."""
        ...

    async def handle(self, event: EventT, received: float) -> None:
        """Answer one event; ``received`` is when its webhook arrived (``time.monotonic``)."""
        ...


@dataclass(frozen=True)
class QueueConfig:
    """Which huey storage, where, under which name."""

    backend: Literal["sqlite", "redis", "postgres", "memory"]
    url: str
    name: str = "nzap"


def open_huey(config: QueueConfig) -> Huey:
    """The huey instance over the configured storage (results off: nobody waits for a job's value)."""
    if config.backend == "sqlite":
        Path(config.url).parent.mkdir(parents=True, exist_ok=True)
        # No fsync per job: the event itself is durable in our database, and a job lost in a power
        # cut is enqueued again by the sweep. Saves most of the acknowledgement's write time.
        return SqliteHuey(config.name, filename=config.url, results=False, fsync=False)
    if config.backend == "redis":
        # Time-outs: a Redis that stops answering must fail the enqueue (the sweep catches up) and the
        # readiness probe, not hang them; reads block for up to 1 s by design (huey's BRPOP), hence 5 s.
        pool = ConnectionPool.from_url(config.url, socket_connect_timeout=2.0, socket_timeout=5.0)
        return RedisHuey(config.name, connection_pool=pool, results=False)
    if config.backend == "postgres":
        # huey speaks psycopg directly: a libpq URL, without SQLAlchemy's driver suffix.
        dsn = config.url.replace("postgresql+psycopg://", "postgresql://", 1)
        return PostgresHuey(config.name, dsn=dsn, results=False)
    return MemoryHuey(config.name, results=False)


class HueyQueue:
    """:class:`EventQueue` over huey; in a worker, ``handler`` is what the job runs."""

    def __init__(self, huey: Huey, handler: Callable[[str, str], None] | None = None) -> None:
        self.huey = huey

        def answer_event(channel: str, event_id: str) -> None:
            if handler is None:
                raise RuntimeError("this process only enqueues events; `nzap worker` answers them")
            handler(channel, event_id)

        self._task: Any = huey.task(name=ANSWER_TASK)(answer_event)

    def enqueue(self, channel: str, event_id: str) -> None:
        """One job per event (a repeat is harmless: the lease on the record decides who answers)."""
        self._task(channel, event_id)

    def enqueue_many(self, channel: str, event_ids: Sequence[str]) -> None:
        """One job per event, written in one trip: one ``LPUSH`` of every job on Redis, one transaction on SQLite.

        huey has no batch enqueue, and a burst of webhooks paid one Redis round trip (or one SQLite
        write transaction) per event on the web process. The jobs are the same bytes
        :meth:`Huey.enqueue` writes (the same task, serialized by huey), in the same order (the
        first event is dequeued first); other storages go one by one. All or nothing on Redis and
        SQLite: a failure raises and the sweep enqueues the recorded events again later.
        """
        if not event_ids:
            return
        huey, storage = self.huey, self.huey.storage
        # Only where this reproduces the storage's own enqueue exactly (not a priority queue, say).
        redis = type(storage).enqueue is RedisStorage.enqueue
        if huey.immediate or not (redis or type(storage).enqueue is SqliteStorage.enqueue):
            for event_id in event_ids:
                self.enqueue(channel, event_id)
            return
        jobs = []
        for event_id in event_ids:
            task = self._task.s(channel, event_id)
            huey._emit(SIGNAL_ENQUEUED, task)  # what Huey.enqueue does first (no handlers here, but kept alike)
            jobs.append(huey.serialize_task(task))
        if redis:
            # LPUSH of several values pushes them left in turn, as that many LPUSHes would: BRPOP takes the first first.
            storage.conn.lpush(storage.queue_key, *jobs)
            return
        with storage.db(commit=True) as cursor:  # huey's own connection, lock and exclusive transaction
            cursor.executemany(
                "insert into task (queue, data, priority) values (?, ?, ?)",
                [(storage.name, storage.to_blob(job), 0) for job in jobs],
            )

    def depth(self) -> int:
        """Jobs waiting for a worker (blocking; raises when the queue's storage cannot be reached)."""
        return int(self.huey.pending_count())


def received_monotonic(taken: TakenEvent) -> float:
    """When the event's webhook arrived, on this process's monotonic clock (for the reply token's age)."""
    return time.monotonic() - max(0.0, (utcnow() - taken.received_at).total_seconds())


async def answer_taken(
    events: ProcessedEvents, taken: TakenEvent, lease_seconds: float, answer: Callable[[], Awaitable[None]]
) -> None:
    """Run ``answer`` while renewing the lease, then finish the event (also when the answer failed:
    the channel has apologised, and an event that fails every time must not go round for ever).
    A worker stopped mid-answer gives the event back for the next one."""

    async def keep_lease() -> None:
        while True:
            await asyncio.sleep(lease_seconds / 3)
            if not await asyncio.to_thread(events.renew, taken, lease_seconds):
                logger.warning("%s event %s was taken over while being answered", taken.channel, taken.event_id)
                return

    renewing = asyncio.get_running_loop().create_task(keep_lease())
    started, outcome = time.monotonic(), "answered"
    metrics.observe_event_wait(taken.channel, (utcnow() - taken.received_at).total_seconds())
    if taken.attempt > 1:
        metrics.count_lease_takeover(taken.channel)
    # The channel records how far its reply got, for a worker that may take this event over.
    journal = reply_journal.enter(reply_journal.ReplyJournal(events, taken))
    try:
        await answer()
    except asyncio.CancelledError:
        renewing.cancel()
        with contextlib.suppress(Exception):
            await asyncio.shield(asyncio.to_thread(events.release, taken))
        raise
    except Exception:  # one failing event must not stop the others; the user had an apology
        logger.exception("%s event %s failed", taken.channel, taken.event_id)
        outcome = "failed"
    finally:
        reply_journal.leave(journal)
    renewing.cancel()
    await asyncio.to_thread(events.finish, taken)
    metrics.count_event(taken.channel, outcome)
    metrics.observe_event(taken.channel, time.monotonic() - started)


class EventRunner:
    """Answers recorded events in a worker process, one at a time per chat within the process."""

    def __init__(
        self,
        events: ProcessedEvents,
        channels: Mapping[str, RestorableChannel[Any]],
        lease_seconds: float = 30.0,
    ) -> None:
        self._events = events
        self._channels = dict(channels)
        self._lease = lease_seconds
        self._chats: dict[str, tuple[asyncio.Lock, int]] = {}

    async def run(self, channel: str, event_id: str) -> bool:
        """Take and answer ``(channel, event_id)``; False when it was answered already or someone holds it."""
        handler = self._channels.get(channel)
        if handler is None:
            logger.error("no channel %r in this worker for event %s (is it configured here?)", channel, event_id)
            return False
        taken = await asyncio.to_thread(self._events.take, channel, event_id, self._lease)
        if taken is None:
            metrics.count_event(channel, "skipped")
            return False
        if taken.attempt > 1:
            logger.warning("%s event %s taken again (attempt %d): its worker stopped", channel, event_id, taken.attempt)
        try:
            item = handler.restore(taken.payload)
        except Exception:
            logger.exception("%s event %s cannot be read back; dropped", channel, event_id)
            await asyncio.to_thread(self._events.finish, taken)
            return False
        chat = f"{channel}:{item.chat}"
        lock, users = self._chats.get(chat, (asyncio.Lock(), 0))
        self._chats[chat] = (lock, users + 1)
        try:
            async with lock:
                received = received_monotonic(taken)
                await answer_taken(self._events, taken, self._lease, lambda: handler.handle(item.event, received))
        finally:
            lock, users = self._chats[chat]
            if users <= 1:
                del self._chats[chat]
            else:
                self._chats[chat] = (lock, users - 1)
        return True


class Sweeper:
    """Enqueues again the events whose worker died (lease ran out) or whose job was lost (pending too long)."""

    def __init__(
        self,
        events: ProcessedEvents,
        queue: EventQueue,
        every_seconds: float = 5.0,
        pending_seconds: float = 30.0,
        depth: Callable[[], int] | None = None,
    ) -> None:
        """``depth``: the queue's number of waiting jobs, sampled each round for the metrics."""
        self._events = events
        self._queue = queue
        self._depth = depth
        self._every = every_seconds
        self._pending = pending_seconds
        self._task: asyncio.Task[None] | None = None

    def sweep_once(self) -> int:
        """One round (blocking); how many events were enqueued again."""
        due = self._events.due(self._pending)
        by_channel: dict[str, list[str]] = {}
        for channel, event_id in due:
            by_channel.setdefault(channel, []).append(event_id)
        for channel, event_ids in by_channel.items():
            self._queue.enqueue_many(channel, event_ids)
        if due:
            logger.warning("%d webhook event(s) enqueued again (a worker stopped, or a job was lost)", len(due))
            metrics.count_requeued(len(due))
        if self._depth is not None:
            metrics.set_queue_depth(self._depth())
        return len(due)

    async def start(self) -> None:
        """Sweep in the background until :meth:`stop`."""
        self._task = asyncio.get_running_loop().create_task(self._loop(), name="nzap-event-sweeper")

    async def stop(self) -> None:
        """Stop sweeping."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _loop(self) -> None:
        while True:
            await asyncio.sleep(self._every)
            try:
                await asyncio.to_thread(self.sweep_once)
            except Exception:  # the database or the queue is away: next round
                logger.exception("the event sweep failed")
