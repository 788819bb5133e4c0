"""Reading tickets: by id, number or post, a user's tickets, the queue, the audit trail, the waiting ones."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select

from bot.mentoring.tickets import store
from bot.mentoring.tickets.records import TicketEventRecord, TicketRecord
from bot.mentoring.tickets.status import TicketStatus
from bot.storage.database import Database
from bot.storage.models import Ticket, TicketEvent


class TicketReads:
    """The read-only half of :class:`~bot.mentoring.tickets.service.TicketService` (each call one transaction)."""

    def __init__(self, database: Database) -> None:
        self._database = database

    def get(self, ticket_id: int) -> TicketRecord | None:
        """The ticket with this id, or ``None``."""
        with self._database.session() as session:
            ticket = session.get(Ticket, ticket_id)
            return None if ticket is None else store.to_record(session, ticket)

    def by_number(self, number: int) -> TicketRecord | None:
        """The ticket with this number (``T-0042`` is 42), or ``None``."""
        with self._database.session() as session:
            ticket = session.scalars(select(Ticket).where(Ticket.number == number)).first()
            return None if ticket is None else store.to_record(session, ticket)

    def open_tickets_of_user(self, user_id: int) -> list[TicketRecord]:
        """The user's tickets that are not closed, oldest first (what "where is my question" lists)."""
        with self._database.session() as session:
            tickets = session.scalars(
                select(Ticket)
                .where(Ticket.user_id == user_id, Ticket.status != TicketStatus.CLOSED)
                .order_by(Ticket.created_at, Ticket.id)
            ).all()
            return store.to_records(session, tickets)

    def tickets_of_user(self, user_id: int) -> list[TicketRecord]:
        """All the user's tickets, newest first."""
        with self._database.session() as session:
            tickets = session.scalars(
                select(Ticket).where(Ticket.user_id == user_id).order_by(Ticket.created_at.desc(), Ticket.id.desc())
            ).all()
            return store.to_records(session, tickets)

    def queue(self, statuses: Iterable[TicketStatus] | None = None, tag: str | None = None) -> list[TicketRecord]:
        """Tickets in these statuses (all when ``None`` or empty) carrying ``tag`` (any when ``None``), oldest first."""
        query = select(Ticket).order_by(Ticket.created_at, Ticket.id)
        wanted = sorted(statuses or ())
        if wanted:
            query = query.where(Ticket.status.in_(wanted))
        with self._database.session() as session:
            tickets = session.scalars(query).all()
            return store.to_records(session, (t for t in tickets if tag is None or tag in (t.tags or [])))

    def events(self, ticket_id: int) -> list[TicketEventRecord]:
        """The ticket's audit trail, oldest first."""
        with self._database.session() as session:
            rows = session.scalars(
                select(TicketEvent).where(TicketEvent.ticket_id == ticket_id).order_by(TicketEvent.at, TicketEvent.id)
            ).all()
            return [TicketEventRecord(e.id, e.ticket_id, e.at, e.actor, e.action, dict(e.detail)) for e in rows]

    def find_by_post(self, channel: str, chat_id: int | str, message_id: int | str) -> TicketRecord | None:
        """The ticket whose post in ``chat_id`` is message ``message_id`` (a Telegram reply's target), or ``None``."""
        post = Ticket.mentor_posts[channel]
        with self._database.session() as session:
            ticket = session.scalars(
                select(Ticket).where(
                    post["chat_id"].as_string() == str(chat_id),
                    post["message_id"].as_string() == str(message_id),
                )
            ).first()
            return None if ticket is None else store.to_record(session, ticket)

    def unclaimed_since(self, before: datetime) -> list[TicketRecord]:
        """Open tickets waiting since ``before`` or earlier, oldest first (for the service levels)."""
        with self._database.session() as session:
            tickets = session.scalars(
                select(Ticket)
                .where(Ticket.status == TicketStatus.OPEN, Ticket.waiting_since <= before)
                .order_by(Ticket.waiting_since, Ticket.id)
            ).all()
            return store.to_records(session, tickets)
