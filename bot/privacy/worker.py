"""The retention period applied by ``nzap serve`` itself: a purge at start-up, then every ``every_hours``.

Several workers may each run it: a purge is a set of deletes and updates keyed on age, so a
second run right after the first finds nothing left to do. Operators who prefer cron set
``NZAP_PRIVACY__PURGE_EVERY_HOURS=0`` and run ``nzap privacy purge`` instead.

Questions held before consent are promised to live only minutes (``held_minutes``), which a
daily purge cannot keep: a second, tiny round deletes the stale ones every
``held_sweep_seconds``, whatever ``every_hours`` says (one indexed delete; several workers
doing it at once is harmless).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from bot.privacy.service import PrivacyService, PurgeReport

logger = logging.getLogger(__name__)

HELD_SWEEP_SECONDS = 60.0
"""How often stale held questions are deleted: a question outlives its window by at most this."""


class RetentionWorker:
    """A background worker for :func:`bot.app.server.app.create_app` (``start``/``stop``)."""

    def __init__(
        self, service: PrivacyService, every_hours: float, held_sweep_seconds: float = HELD_SWEEP_SECONDS
    ) -> None:
        """``held_sweep_seconds``: the round of stale held questions (0: none, e.g. in tests)."""
        self._service = service
        self._every_seconds = every_hours * 3600
        self._sweep_seconds = held_sweep_seconds
        self._tasks: list[asyncio.Task[None]] = []

    async def start(self) -> None:
        """Begin the rounds (no purges when ``every_hours`` is 0)."""
        loop = asyncio.get_running_loop()
        if self._every_seconds > 0:
            self._tasks.append(loop.create_task(self._run()))
        if self._sweep_seconds > 0:
            self._tasks.append(loop.create_task(self._sweep()))

    async def stop(self) -> None:
        """Stop between rounds (a purge in progress finishes in its thread; its transaction is whole)."""
        for task in self._tasks:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks = []

    async def run_once(self) -> PurgeReport | None:
        """One purge; a failure is logged and the next round tries again."""
        try:
            report = await asyncio.to_thread(self._service.purge)
        except Exception:  # the database may be briefly away: tomorrow's round (or the next start) repeats it
            logger.exception("retention purge failed")
            return None
        logger.info(
            "retention purge: %d messages, %d conversations, %d tickets anonymised, %d outbox rows, %d names,"
            " %d held questions",
            report.messages,
            report.conversations,
            report.tickets,
            report.outbox,
            report.display_names,
            report.held_questions,
        )
        return report

    async def sweep_once(self) -> int | None:
        """Delete the stale held questions once; a failure is logged and the next round tries again."""
        try:
            return await asyncio.to_thread(self._service.drop_stale_held_questions)
        except Exception:  # as for the purge: the next round repeats it
            logger.exception("deleting stale held questions failed")
            return None

    async def _run(self) -> None:
        while True:
            await self.run_once()
            await asyncio.sleep(self._every_seconds)

    async def _sweep(self) -> None:
        while True:
            await asyncio.sleep(self._sweep_seconds)
            await self.sweep_once()
