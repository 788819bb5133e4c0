"""The relay: delivers outbox rows to LINE and Telegram.

Mentor answers, ticket posts, reminders, notices, and replies a platform could not take when
they were sent (``purpose = 'reply'``, written by the channels).

An asyncio worker, started by the server's lifespan (or driven step by step in tests with
:meth:`Relay.run_once`). Each round it claims due rows (:meth:`Outbox.claim_due`, safe with
several workers), sends each through the sender of its channel, and records the outcome:

- accepted: ``delivered`` at once (the commit directly follows the platform's answer);
- time-outs, lost connections, 429 and 5xx: back to ``pending`` with exponential backoff
  (``backoff * 2**(attempt-1)``; a 429's ``Retry-After`` wins), failed after ``max_attempts``;
- other 4xx: ``failed``; for a mentor's answer the mentor who answered (or the mentor
  groups) is told that it did not arrive.

Exactly once, from the SME's side, across restarts: a row is ``sending`` under a lease while
a worker sends it. A worker that dies leaves it so; after the lease another worker sends it
again with the SAME ``retry_key``, which LINE uses (``X-Line-Retry-Key``) to drop a repeat of
a push it already accepted (it answers 409, counted as delivered). Rows rendered into
several platform calls record each accepted call (``progress``) and resume after it.

Telegram has no idempotency key. The residual window is between Telegram accepting a
message and our commit of ``delivered`` (a crash there, or a time-out whose request did
arrive, sends that one message again). It is kept to one message and one database commit.

Each round also runs the service-level checks (:mod:`bot.mentoring.sla`) when given.

Metrics: each round sets ``nzap_outbox_backlog`` to the rows of this relay's channels still
waiting (pending, or sending under a lease), and every failed attempt counts in
``nzap_outbox_failures_total`` by channel.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal, Protocol

from bot.mentoring.outbox import Outbox, OutboxRecord
from bot.mentoring.sla import ServiceLevels
from bot.mentoring.tickets import TicketService
from bot.observability.metrics import count_outbox_failure, set_outbox_backlog
from bot.storage.models import utcnow

logger = logging.getLogger(__name__)

Progress = Callable[[int], Awaitable[None]]
"""Called with the number of platform calls of a row accepted so far."""


@dataclass(frozen=True)
class Delivery:
    """How sending one row ended.

    ``where``: for a ticket post, where it landed (passed to ``TicketService.record_post``).
    """

    outcome: Literal["delivered", "retry", "failed"]
    error: str = ""
    retry_after: float | None = None
    where: Mapping[str, Any] | None = field(default=None)


class OutboxSender(Protocol):
    """Sends outbox rows of one channel."""

    channel: str

    async def start(self) -> None:
        """Open clients (inside the running event loop)."""
        ...

    async def close(self) -> None:
        """Close clients."""
        ...

    async def send(self, row: OutboxRecord, progress: Progress) -> Delivery:
        """Send ``row`` (resuming after ``row.progress`` accepted calls); never raises for platform errors."""
        ...


@dataclass(frozen=True)
class RelayConfig:
    """Timing of the relay (see :class:`bot.settings.MentoringSettings`)."""

    poll_seconds: float = 1.0
    max_attempts: int = 8
    backoff_seconds: float = 2.0
    lease_seconds: float = 60.0
    batch: int = 20


class Relay:
    """Claims due outbox rows and delivers them; see the module docstring."""

    def __init__(
        self,
        outbox: Outbox,
        tickets: TicketService,
        senders: list[OutboxSender],
        config: RelayConfig | None = None,
        *,
        service_levels: ServiceLevels | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._outbox = outbox
        self._tickets = tickets
        self._senders = {sender.channel: sender for sender in senders}
        self._config = config or RelayConfig()
        self._service_levels = service_levels
        self._clock = clock
        self._task: asyncio.Task[None] | None = None
        self._stopping = asyncio.Event()

    @property
    def channels(self) -> list[str]:
        """The channels this relay delivers to."""
        return sorted(self._senders)

    async def start(self) -> None:
        """Open the senders and run the loop in the background."""
        for sender in self._senders.values():
            await sender.start()
        self._stopping.clear()
        self._task = asyncio.get_running_loop().create_task(self._loop(), name="nzap-relay")

    async def stop(self) -> None:
        """Finish the round in progress, then close the senders."""
        self._stopping.set()
        if self._task is not None:
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None
        for sender in self._senders.values():
            await sender.close()

    async def run_once(self, now: datetime | None = None) -> int:
        """One round: the service-level checks, then every due row once. Returns how many rows were handled."""
        now = now or self._clock()
        if self._service_levels is not None:
            await asyncio.to_thread(self._service_levels.check, now)
        if not self._senders:
            return 0
        lease = timedelta(seconds=self._config.lease_seconds)
        rows = await asyncio.to_thread(self._outbox.claim_due, self._config.batch, now, lease, self.channels)
        for row in rows:
            await self._deliver(row)
        # After the round, so the gauge shows what is still waiting (web rows wait for their page, not for us).
        set_outbox_backlog(await asyncio.to_thread(self._outbox.backlog, self.channels))
        return len(rows)

    async def _loop(self) -> None:
        while not self._stopping.is_set():
            try:
                handled = await self.run_once()
            except Exception:  # the database may be briefly away; the next round tries again
                logger.exception("relay round failed")
                handled = 0
            if handled < self._config.batch:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._stopping.wait(), timeout=self._config.poll_seconds)

    async def _deliver(self, row: OutboxRecord) -> None:
        sender = self._senders[row.channel]

        async def progress(done: int) -> None:
            await asyncio.to_thread(self._outbox.mark_progress, row, done)

        try:
            result = await sender.send(row, progress)
        except Exception as error:  # a sender bug must not stop the relay; the row is retried
            logger.exception("sending outbox row %s failed unexpectedly", row.id)
            result = Delivery("retry", repr(error))
        now = self._clock()
        if result.outcome == "delivered":
            if not await asyncio.to_thread(self._outbox.mark_delivered, row, now):
                logger.warning("outbox row %s was taken over by another worker while being sent", row.id)
            if row.purpose == "ticket_post" and row.ticket_id is not None and result.where is not None:
                await asyncio.to_thread(self._tickets.record_post, row.ticket_id, row.channel, result.where)
            logger.info(
                "delivered outbox row %s (%s to %s, attempt %d)", row.id, row.purpose, row.channel, row.attempts
            )
            return
        count_outbox_failure(row.channel)  # every failed attempt, retried or not (the metric's definition)
        if result.outcome == "retry" and row.attempts < self._config.max_attempts:
            delay = self._config.backoff_seconds * 2 ** (row.attempts - 1)
            if result.retry_after is not None:
                delay = result.retry_after
            logger.warning(
                "outbox row %s attempt %d failed (%s); retry in %.1f s", row.id, row.attempts, result.error, delay
            )
            await asyncio.to_thread(self._outbox.mark_retry, row, result.error, now + timedelta(seconds=delay))
            return
        logger.error("outbox row %s failed for good after %d attempts: %s", row.id, row.attempts, result.error)
        failed = await asyncio.to_thread(self._outbox.mark_failed, row, result.error)
        if failed and row.purpose == "mentor_answer" and row.ticket_id is not None:
            await asyncio.to_thread(self._tickets.delivery_failed, row.ticket_id, result.error, now)
