"""Ticket analytics: how fast mentors claim and answer, and which topics SMEs need help with.

Computed from the ``tickets`` table (the source of truth, shared by every worker), so the
figures are the programme's, not one process's. Times are measured from the ticket's
creation: *time to claim* to ``claimed_at`` (an answer without an explicit claim counts as
its claim), *time to answer* to the first ``answered_at``. A reopened and answered-again
ticket keeps its latest ``answered_at``; the figures then describe the latest answer.
Per-process Prometheus metrics of the same quantities are in :mod:`bot.observability.metrics`.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select

from bot.mentoring.tickets import TicketStatus
from bot.storage.database import Database
from bot.storage.models import Ticket


@dataclass(frozen=True)
class Durations:
    """Summary of a set of durations in minutes (``None`` when there were none)."""

    count: int
    median_minutes: float | None
    p90_minutes: float | None

    @staticmethod
    def of(seconds: list[float]) -> Durations:
        """Median and 90th percentile (nearest rank) of ``seconds``, in minutes."""
        if not seconds:
            return Durations(0, None, None)
        ordered = sorted(seconds)
        p90 = ordered[math.ceil(0.9 * len(ordered)) - 1]
        return Durations(len(ordered), round(statistics.median(ordered) / 60, 1), round(p90 / 60, 1))


@dataclass(frozen=True)
class TicketStats:
    """What the programme staff look at: volume, speed and topics."""

    since: datetime | None
    tickets: int
    by_status: dict[TicketStatus, int]
    time_to_claim: Durations
    time_to_answer: Durations
    by_topic: dict[str, int] = field(default_factory=dict)
    """Tickets per routing tag (``module:3``, ``week:3``, topics), most frequent first."""


def ticket_stats(database: Database, since: datetime | None = None) -> TicketStats:
    """Statistics of the tickets created at or after ``since`` (all when ``None``)."""
    query = select(Ticket.status, Ticket.created_at, Ticket.claimed_at, Ticket.answered_at, Ticket.tags)
    if since is not None:
        query = query.where(Ticket.created_at >= since)
    with database.session() as session:
        rows = session.execute(query).all()
    statuses: Counter[TicketStatus] = Counter()
    topics: Counter[str] = Counter()
    to_claim: list[float] = []
    to_answer: list[float] = []
    for status, created, claimed, answered, tags in rows:
        statuses[TicketStatus(status)] += 1
        topics.update(dict.fromkeys(tags or [], 1))
        if claimed is not None:
            to_claim.append((claimed - created).total_seconds())
        if answered is not None:
            to_answer.append((answered - created).total_seconds())
    return TicketStats(
        since=since,
        tickets=len(rows),
        by_status=dict(sorted(statuses.items())),
        time_to_claim=Durations.of(to_claim),
        time_to_answer=Durations.of(to_answer),
        by_topic=dict(topics.most_common()),
    )
