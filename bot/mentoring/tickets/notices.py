"""Notices about a ticket, not to the SME: service-level reminders while it waits, and failed deliveries.

Each is written in the caller's transaction with its audit event, so several relay workers
checking at once write it once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from bot.i18n import message
from bot.mentoring.numbers import format_ticket_number
from bot.mentoring.outbox import Outbox
from bot.mentoring.tickets import store
from bot.mentoring.tickets.messages import MentorGroups, Target, clip, send
from bot.mentoring.tickets.status import EventAction, TicketStatus
from bot.storage.models import Mentor
from bot.types import TextReply


@dataclass(frozen=True)
class Notice:
    """A service-level message about a ticket nobody has taken yet."""

    mark: str
    """The ticket column set when it is sent (cleared when the ticket waits again): once per waiting period."""
    event: EventAction
    text_key: str
    purpose: str


REMINDER = Notice("reminded_at", EventAction.REMINDED, "ticket.reminder", "reminder")
"""To the mentor groups, after ``remind_after``."""
COORDINATOR = Notice("coordinator_notified_at", EventAction.COORDINATOR_NOTIFIED, "ticket.coordinator", "notice")
"""To the coordinator, after ``coordinator_after``."""


def notify_once(
    session: Session, outbox: Outbox, ticket_id: int, now: datetime, notice: Notice, targets: list[Target]
) -> bool:
    """Queue ``notice`` to ``targets`` about a ticket still open; False when it is not open or was sent already."""
    ticket = store.load(session, ticket_id, lock=True)
    if ticket.status != TicketStatus.OPEN or getattr(ticket, notice.mark) is not None:
        return False
    setattr(ticket, notice.mark, now)
    store.add_event(session, ticket.id, "system", notice.event, now)
    minutes = int((now - ticket.waiting_since).total_seconds() // 60)
    reference = format_ticket_number(ticket.number)
    text = message(notice.text_key, reference=reference, minutes=minutes, question=ticket.question)
    send(outbox, session, targets, [TextReply(text)], notice.purpose, ticket.id, now)
    return True


def delivery_failed(
    session: Session, outbox: Outbox, groups: MentorGroups, ticket_id: int, error: str, now: datetime
) -> list[Target]:
    """Record that the answer did not reach the SME and tell whoever should know; where the notice went."""
    ticket = store.load(session, ticket_id, lock=True)
    targets = failure_targets(store.assignee(session, ticket), groups)
    store.add_event(session, ticket.id, "system", EventAction.DELIVERY_FAILED, now, {"error": error[:500]})
    reference = format_ticket_number(ticket.number)
    text = message("ticket.delivery_failed", reference=reference, error=clip(error, 200))
    send(outbox, session, targets, [TextReply(text)], "notice", ticket.id, now)
    return targets


def failure_targets(mentor: Mentor | None, groups: MentorGroups) -> list[Target]:
    """Who hears that an answer did not arrive: the mentor who answered (Telegram, else LINE), else the groups."""
    if mentor is not None and mentor.active and mentor.telegram_user_id:
        return [("telegram", mentor.telegram_user_id)]
    if mentor is not None and mentor.active and mentor.line_user_id:
        return [("line", mentor.line_user_id)]
    return groups.targets()
