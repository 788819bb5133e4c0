"""The ticket service's work inside one database session: load, check, record, number.

Functions, not methods, so that the service's methods read as the steps of one change.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.mentoring.numbers import format_ticket_number
from bot.mentoring.tickets.access import transition_for
from bot.mentoring.tickets.context import TicketContext
from bot.mentoring.tickets.records import (
    NotAMentorError,
    TicketError,
    TicketRecord,
    TicketStateError,
    UnknownTicketError,
)
from bot.mentoring.tickets.status import EventAction, TicketAction, TicketStatus, Transition
from bot.storage.models import Mentor, Ticket, TicketEvent, User

logger = logging.getLogger(__name__)

_NUMBER_ATTEMPTS = 10


def active_mentor(session: Session, mentor_id: int, what: str, ticket_id: int) -> Mentor:
    """The active mentor with this id; logs and raises :class:`NotAMentorError` otherwise."""
    mentor = session.get(Mentor, mentor_id)
    if mentor is None or not mentor.active:
        logger.warning("refused: %s of ticket %s by id %s, who is not an active mentor", what, ticket_id, mentor_id)
        raise NotAMentorError(f"{mentor_id} is not an active mentor")
    return mentor


def load(session: Session, ticket_id: int, lock: bool = False) -> Ticket:
    """The ticket with this id (row-locked on PostgreSQL when ``lock``); :class:`UnknownTicketError` otherwise."""
    ticket = session.get(Ticket, ticket_id, with_for_update=lock)
    if ticket is None:
        raise UnknownTicketError(f"no ticket with id {ticket_id}")
    return ticket


def assignee(session: Session, ticket: Ticket) -> Mentor | None:
    """The mentor who has the ticket (active or not), if any."""
    return session.get(Mentor, ticket.assignee_mentor_id) if ticket.assignee_mentor_id else None


def allowed(session: Session, ticket: Ticket, mentor_id: int | None, action: TicketAction) -> Transition:
    """The move ``action`` makes on ``ticket``; :class:`TicketStateError` (saying why) when it is not allowed."""
    rule = transition_for(ticket, mentor_id, action)
    if rule is None:
        mentor = assignee(session, ticket)
        who = f" by {mentor.name}" if mentor else ""
        raise TicketStateError(f"cannot {action} {format_ticket_number(ticket.number)}: it is {ticket.status}{who}")
    return rule


def for_mentor(
    session: Session, ticket_id: int, mentor_id: int, action: TicketAction
) -> tuple[Mentor, Ticket, Transition]:
    """The active mentor, the ticket (locked) and the move ``action`` makes; raises when any is missing or refused."""
    mentor = active_mentor(session, mentor_id, action, ticket_id)
    ticket = load(session, ticket_id, lock=True)
    return mentor, ticket, allowed(session, ticket, mentor.id, action)


def add_event(
    session: Session,
    ticket_id: int,
    actor: str,
    action: EventAction,
    now: datetime,
    detail: dict[str, Any] | None = None,
) -> None:
    """One entry of the audit trail, in the change's transaction."""
    session.add(TicketEvent(ticket_id=ticket_id, at=now, actor=actor, action=action, detail=detail or {}))


def actor_id(actor: str) -> int:
    """The id in ``mentor:<id>`` or ``user:<id>``."""
    try:
        return int(actor.split(":", 1)[1])
    except (IndexError, ValueError) as error:
        raise ValueError(f"actor {actor!r} is not kind:<id>") from error


def insert(
    session: Session,
    user: User,
    conversation_id: int | None,
    question: str,
    context: TicketContext,
    tags: Iterable[str],
    chat_id: str | None,
    now: datetime,
) -> Ticket:
    """A new open ticket with the next free number; two workers racing for a number retry."""
    for _ in range(_NUMBER_ATTEMPTS):
        highest = session.scalar(select(Ticket.number).order_by(Ticket.number.desc()).limit(1)) or 0
        ticket = Ticket(
            number=highest + 1,
            user_id=user.id,
            conversation_id=conversation_id,
            channel=user.channel,
            platform_user_id=user.platform_user_id,
            chat_id=chat_id,
            display_name=user.display_name,
            language=user.language,
            question=question,
            context=context.to_json(),
            tags=list(dict.fromkeys(tags)),
            status=TicketStatus.OPEN,
            created_at=now,
            updated_at=now,
            waiting_since=now,
            mentor_posts={},
        )
        try:
            with session.begin_nested():
                session.add(ticket)
        except IntegrityError:
            continue
        return ticket
    raise TicketError("could not allocate a ticket number")


def to_record(session: Session, ticket: Ticket) -> TicketRecord:
    """The frozen record of a ticket row (with the assignee's name)."""
    mentor = assignee(session, ticket)
    # The name and business as the SME's record has them now: shared (or given) after the ticket was made.
    # Not for an anonymised ticket (erasure, retention): its platform id no longer is the user's.
    user = session.get(User, ticket.user_id)
    if user is not None and user.platform_user_id != ticket.platform_user_id:
        user = None
    return TicketRecord(
        id=ticket.id,
        number=ticket.number,
        reference=format_ticket_number(ticket.number),
        user_id=ticket.user_id,
        conversation_id=ticket.conversation_id,
        channel=ticket.channel,
        platform_user_id=ticket.platform_user_id,
        chat_id=ticket.chat_id,
        display_name=ticket.display_name or (user.display_name if user is not None else None),
        language=ticket.language,
        question=ticket.question,
        context=TicketContext.from_json(ticket.context),
        tags=tuple(ticket.tags or ()),
        status=TicketStatus(ticket.status),
        assignee_mentor_id=ticket.assignee_mentor_id,
        assignee_name=mentor.name if mentor else None,
        answer=ticket.answer,
        created_at=ticket.created_at,
        updated_at=ticket.updated_at,
        claimed_at=ticket.claimed_at,
        answered_at=ticket.answered_at,
        closed_at=ticket.closed_at,
        waiting_since=ticket.waiting_since,
        reminded_at=ticket.reminded_at,
        coordinator_notified_at=ticket.coordinator_notified_at,
        mentor_posts=dict(ticket.mentor_posts or {}),
        business_name=user.business_name if user is not None else None,
    )


def to_records(session: Session, tickets: Iterable[Ticket]) -> list[TicketRecord]:
    """:func:`to_record` of each row."""
    return [to_record(session, ticket) for ticket in tickets]
