"""The retention period applied by ``nzap serve`` itself: a purge at start-up, then every ``every_hours``.

Several workers may each run it: a purge is a set of deletes and updates keyed on age, so a
second run right after the first finds nothing left to do. Operators who prefer cron set
``NZAP_PRIVACY__PURGE_EVERY_HOURS=0`` and run ``nzap privacy purge`` instead.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from bot.privacy.service import PrivacyService, PurgeReport

logger = logging.getLogger(__name__)


class RetentionWorker:
    """A background worker for :func:`bot.app.server.app.create_app` (``start``/``stop``)."""

    def __init__(self, service: PrivacyService, every_hours: float) -> None:
        self._service = service
        self._every_seconds = every_hours * 3600
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Begin the rounds (none when ``every_hours`` is 0)."""
        if self._every_seconds > 0:
            self._task = asyncio.get_running_loop().create_task(self._run())

    async def stop(self) -> None:
        """Stop between rounds (a purge in progress finishes in its thread; its transaction is whole)."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def run_once(self) -> PurgeReport | None:
        """One purge; a failure is logged and the next round tries again."""
        try:
            report = await asyncio.to_thread(self._service.purge)
        except Exception:  # the database may be briefly away: tomorrow's round (or the next start) repeats it
            logger.exception("retention purge failed")
            return None
        logger.info(
            "retention purge: %d messages, %d conversations, %d tickets anonymised, %d outbox rows, %d names",
            report.messages,
            report.conversations,
            report.tickets,
            report.outbox,
            report.display_names,
        )
        return report

    async def _run(self) -> None:
        while True:
            await self.run_once()
            await asyncio.sleep(self._every_seconds)
