"""Service levels: a ticket nobody claimed is brought back to the mentors, then to a coordinator.

After ``remind_after`` without a mentor (counted from when the ticket started waiting:
created, released or reopened) the mentor groups get one reminder; after
``coordinator_after`` the coordinator gets one notice. Each is written once per waiting
period (``reminded_at`` / ``coordinator_notified_at``, with an audit event) in the same
transaction as its outbox rows, so several relay workers never send it twice.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.mentoring.tickets import TicketService

logger = logging.getLogger(__name__)


@dataclass
class ServiceLevels:
    """Checks the open tickets against the service levels; call :meth:`check` now and then."""

    tickets: TicketService
    remind_after: timedelta = timedelta(minutes=30)
    coordinator_after: timedelta = timedelta(minutes=120)
    coordinators: list[tuple[str, str]] = field(default_factory=list)
    """``(channel, recipient)`` of the coordinator: a Telegram chat id and/or a LINE id."""

    def check(self, now: datetime) -> tuple[int, int]:
        """Send what is due at ``now``; returns (reminders, coordinator notices) written."""
        reminded = notified = 0
        for ticket in self.tickets.unclaimed_since(now - self.remind_after):
            if ticket.reminded_at is None and self.tickets.mark_reminded(ticket.id, now):
                reminded += 1
                logger.info("reminded the mentors of unclaimed ticket %s", ticket.reference)
        for ticket in self.tickets.unclaimed_since(now - self.coordinator_after):
            if ticket.coordinator_notified_at is None and self.tickets.mark_coordinator_notified(
                ticket.id, now, self.coordinators
            ):
                notified += 1
                logger.info("told the coordinator about unclaimed ticket %s", ticket.reference)
        return reminded, notified
