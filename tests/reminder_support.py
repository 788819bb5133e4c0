"""What the reminder tests share: the sample course's schedule on a fixed cohort, the eve of its first
session, the job over a database, and relay rounds that deliver what the job wrote."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime

from bot.app.composition import course_folder
from bot.conversation.tools.schedule import CohortSchedule
from bot.mentoring import Outbox, TicketService
from bot.mentoring.relay import OutboxSender, Relay
from bot.reminders import ReminderConfig, ReminderJob, ReminderReport
from bot.settings import Settings
from bot.storage import Database
from ingestion.loaders.schedule_file import read_schedule

START = date(2026, 11, 2)
"""A Monday: the cohort's start; its first session (orientation) is Thursday 5 November 2026."""
EVE = datetime(2026, 11, 4, 3, 0, tzinfo=UTC)
"""10:00 Thai time on Wednesday 4 November 2026: the eve of the first session, after the send hour."""
FIRST_SESSION_KEY = "2026-11-05T09:00/m1"


def sample_schedule() -> CohortSchedule:
    """The bundled sample course's schedule, dated from :data:`START`."""
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    return CohortSchedule(read_schedule(course_folder(settings) / "schedule.yaml"), START)


def reminder_job(database: Database, config: ReminderConfig | None = None) -> ReminderJob:
    """The job over ``database`` and the sample schedule, for every channel."""
    return ReminderJob(database, sample_schedule(), config)


def run_job(database: Database, now: datetime = EVE, config: ReminderConfig | None = None) -> ReminderReport:
    """One run of the job at ``now`` (on its own database connection pool, as another process would)."""
    return reminder_job(database, config).run_once(now)


def deliver(database: Database, senders: list[OutboxSender], now: datetime = EVE) -> int:
    """Relay rounds at ``now`` until nothing is due; how many rows were handled."""
    outbox = Outbox(database)
    relay = Relay(outbox, TicketService(database, outbox), senders)

    async def rounds() -> int:
        for sender in senders:
            await sender.start()
        try:
            total = 0
            while handled := await relay.run_once(now):
                total += handled
            return total
        finally:
            for sender in senders:
                await sender.close()

    return asyncio.run(rounds())
