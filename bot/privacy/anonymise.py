"""Anonymising what erasure and retention leave in place: a ticket, its audit trail and its outbox rows.

Tickets stay (the programme's statistics need them) with their personal content replaced by
markers; outbox rows still pending are deleted, delivered ones keep only a marker as proof.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.mentoring.tickets import ACTIVE_STATUSES, EventAction, TicketContext, TicketStatus
from bot.storage.models import OutboxMessage, Ticket, TicketEvent

ERASED_TEXT = "[ลบข้อมูลแล้ว / erased]"
"""What replaces erased text (questions, answers, outbox payloads, audit details)."""
ERASED_ID = "erased"
"""What replaces erased identifiers (a ticket's platform user id)."""
_SAFE_DETAIL_KEYS = frozenset({"outbox_id", "implicit", "channel", "chat_id", "message_id", "tags", "path", "reason"})
"""Audit-detail keys that hold no text from or about the user (mentor-group post ids, tag names, FAQ paths)."""
_TO_THE_SME = frozenset({"mentor_answer", "reply"})
"""Outbox purposes addressed to the SME (a mentor's answer, an answer the platform first refused)."""


def anonymise_ticket(session: Session, ticket: Ticket, now: datetime, actor: str) -> tuple[int, int]:
    """Replace the ticket's personal content by markers, scrub its audit trail and outbox rows.

    Returns how many outbox rows were deleted and scrubbed.
    """
    ticket.question = ERASED_TEXT
    ticket.context = TicketContext(erased=True).to_json()
    ticket.answer = ERASED_TEXT if ticket.answer is not None else None
    ticket.display_name = None
    ticket.platform_user_id = ERASED_ID
    ticket.chat_id = None
    ticket.conversation_id = None
    if ticket.status in ACTIVE_STATUSES:
        # Directly, not through the ticket service: closing an erased ticket must post and notify nobody.
        ticket.status, ticket.closed_at = TicketStatus.CLOSED, now
    ticket.updated_at = now
    for event in session.scalars(select(TicketEvent).where(TicketEvent.ticket_id == ticket.id)).all():
        event.detail = {key: value if key in _SAFE_DETAIL_KEYS else ERASED_TEXT for key, value in event.detail.items()}
    session.add(TicketEvent(ticket_id=ticket.id, at=now, actor=actor, action=EventAction.ERASED, detail={}))
    rows = session.scalars(select(OutboxMessage).where(OutboxMessage.ticket_id == ticket.id)).all()
    return scrub_outbox(session, rows)


def scrub_outbox(session: Session, rows: Any, platform_user_id: str | None = None) -> tuple[int, int]:
    """Delete pending rows; replace the payload (and a personal recipient) of the others."""
    deleted = scrubbed = 0
    for row in rows:
        if row.status == "pending":
            session.delete(row)
            deleted += 1
            continue
        row.payload = [{"kind": "text", "text": ERASED_TEXT}]
        row.last_error = None
        if row.purpose in _TO_THE_SME or row.recipient == platform_user_id:
            # The SME's chat (their id, or the group they asked in): where the answer went is theirs too.
            row.recipient = ERASED_ID
        scrubbed += 1
    return deleted, scrubbed
