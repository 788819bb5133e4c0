"""The reminder job as a periodic task of each worker process (``nzap worker``, or ``nzap serve`` without a queue).

Every ``every_minutes`` it runs :meth:`ReminderJob.run_once` in a thread. Several processes doing
so at once is safe: each (user, session) reminder is claimed once in the database. Operators who
prefer cron set ``NZAP_REMINDERS__CHECK_EVERY_MINUTES=0`` and run ``nzap remind run``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from bot.reminders.job import ReminderJob, ReminderReport

logger = logging.getLogger(__name__)


class ReminderWorker:
    """A background worker (``start``/``stop``) running the reminder job now and then."""

    def __init__(self, job: ReminderJob | None, every_minutes: float) -> None:
        """``job``: ``None`` when the course has no schedule (nothing to remind of)."""
        self._job = job
        self._every = every_minutes * 60
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Begin the rounds (none without a job or with ``every_minutes`` 0)."""
        if self._job is not None and self._every > 0:
            self._task = asyncio.get_running_loop().create_task(self._run(), name="nzap-reminders")

    async def stop(self) -> None:
        """Stop between rounds (a run in progress finishes in its thread; each session's transaction is whole)."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def run_once(self) -> ReminderReport | None:
        """One run; a failure is logged and the next round tries again."""
        if self._job is None:
            return None
        try:
            return await asyncio.to_thread(self._job.run_once)
        except Exception:  # the database may be briefly away: the next round repeats it, once
            logger.exception("reminder run failed")
            return None

    async def _run(self) -> None:
        while True:
            await self.run_once()
            await asyncio.sleep(self._every)
