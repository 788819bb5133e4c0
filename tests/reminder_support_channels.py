"""Running the reminder job as two workers at once against a running bot's database."""

from __future__ import annotations

import threading
from datetime import datetime

from bot.reminders import ReminderReport
from bot.storage import open_database
from tests.reminder_support import EVE, run_job


def two_workers_run_the_job(database_url: str, now: datetime = EVE) -> list[ReminderReport]:
    """Two reminder jobs started at the same moment, each on its own connections (as two processes)."""
    start, reports = threading.Barrier(2), []

    def worker() -> None:
        with open_database(database_url) as own:
            start.wait()
            reports.append(run_job(own, now))

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return reports
