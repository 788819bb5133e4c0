"""Tickets: questions handed to mentors, their life (open, claimed, answered, closed, reopened) and audit trail.

Every method is one transaction and returns frozen records. Every change writes a
``ticket_events`` row. Which change is allowed in which status, and for whom, is the table in
:mod:`bot.mentoring.tickets.status`. Messages a change causes (the post to the mentor groups,
the mentor's answer to the SME) are written to the outbox in the same transaction, so they
are sent if and only if the change is stored.

Duplicates: a request from a user who has an open or claimed ticket joins that ticket (event
``attached``, the text added to the context's follow-ups) when it is the same question
(:mod:`bot.mentoring.tickets.duplicates`) and, for a merely similar one, the ticket is younger
than ``duplicate_window``.

Adding: :meth:`TicketService.add_question` adds a new question the SME chose to put on their
open (or claimed) ticket (event ``added``, not ``attached``: it is not a repeat), and tells the
mentor groups.

Reopening: :meth:`TicketService.reopen_on_follow_up` turns an answered ticket back to
``open`` when the SME follows up within ``follow_up_window`` of the answer; the engine
decides when a message is a follow-up (see :mod:`bot.conversation.engine`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.mentoring.outbox import Outbox
from bot.mentoring.tickets import messages, notices, store
from bot.mentoring.tickets.context import TicketContext
from bot.mentoring.tickets.duplicates import duplicate_of
from bot.mentoring.tickets.messages import MentorGroups, PostFormatter, default_post
from bot.mentoring.tickets.reads import TicketReads
from bot.mentoring.tickets.records import NotAMentorError, TicketRecord, UnknownTicketError
from bot.mentoring.tickets.status import (
    ACTIVE_STATUSES,
    EventAction,
    TicketAction,
    TicketStatus,
    statuses_allowing,
)
from bot.observability.metrics import count_ticket, observe_ticket_answer, observe_ticket_claim
from bot.storage.database import Database
from bot.storage.models import Ticket, User, utcnow
from bot.types import Reply


class TicketService(TicketReads):
    """Creates and moves tickets; see the module docstring for the rules."""

    def __init__(
        self,
        database: Database,
        outbox: Outbox,
        groups: MentorGroups | None = None,
        *,
        duplicate_window: timedelta = timedelta(hours=24),
        follow_up_window: timedelta = timedelta(hours=24),
        post_formatter: PostFormatter = default_post,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        super().__init__(database)
        self._outbox = outbox
        self._groups = groups or MentorGroups()
        self._duplicate_window = duplicate_window
        self._follow_up_window = follow_up_window
        self._format_post = post_formatter
        self._clock = clock

    @property
    def outbox(self) -> Outbox:
        """The outbox this service writes to."""
        return self._outbox

    @property
    def groups(self) -> MentorGroups:
        """The mentor groups new tickets are posted to."""
        return self._groups

    def create_or_attach(
        self,
        user_id: int,
        conversation_id: int | None,
        question: str,
        context: TicketContext | Mapping[str, Any],
        tags: Iterable[str] = (),
        chat_id: str | None = None,
    ) -> tuple[TicketRecord, bool]:
        """A new open ticket (posted to the mentor groups), or the user's matching open one; ``created`` says which.

        ``context`` may also be its stored JSON form (read with :meth:`TicketContext.from_json`).
        """
        if not isinstance(context, TicketContext):
            context = TicketContext.from_json(context)
        now = self._clock()
        with self._database.session() as session:
            user = session.get(User, user_id)
            if user is None:
                raise UnknownTicketError(f"no user with id {user_id}")
            existing = duplicate_of(session, user_id, question, recent_since=now - self._duplicate_window)
            if existing is not None:
                _add_follow_up(existing, question, now)
                store.add_event(
                    session, existing.id, f"user:{user_id}", EventAction.ATTACHED, now, {"question": question}
                )
                session.flush()
                return store.to_record(session, existing), False
            ticket = store.insert(session, user, conversation_id, question, context, tags, chat_id, now)
            store.add_event(
                session, ticket.id, f"user:{user_id}", EventAction.CREATED, now, {"tags": list(ticket.tags)}
            )
            record = store.to_record(session, ticket)
            self._post(session, record.id, self._format_post(record), now)
        count_ticket(list(record.tags))
        return record, True

    def claim(self, ticket_id: int, mentor_id: int) -> TicketRecord:
        """The mentor takes the ticket. Claiming one's own claimed ticket again changes nothing."""
        now = self._clock()
        with self._database.session() as session:
            mentor, ticket, rule = store.for_mentor(session, ticket_id, mentor_id, TicketAction.CLAIM)
            if rule.repeat:
                return store.to_record(session, ticket)
            ticket.status, ticket.assignee_mentor_id = rule.to, mentor.id
            ticket.claimed_at, ticket.updated_at = now, now
            store.add_event(session, ticket.id, f"mentor:{mentor.id}", EventAction.CLAIMED, now)
            session.flush()
            claimed = store.to_record(session, ticket)
        observe_ticket_claim((now - claimed.created_at).total_seconds())
        return claimed

    def release(self, ticket_id: int, mentor_id: int) -> TicketRecord:
        """The mentor gives a claimed ticket back to the queue."""
        now = self._clock()
        with self._database.session() as session:
            mentor, ticket, rule = store.for_mentor(session, ticket_id, mentor_id, TicketAction.RELEASE)
            ticket.status, ticket.assignee_mentor_id, ticket.updated_at = rule.to, None, now
            _wait_again(ticket, now)
            store.add_event(session, ticket.id, f"mentor:{mentor.id}", EventAction.RELEASED, now)
            session.flush()
            return store.to_record(session, ticket)

    def answer(self, ticket_id: int, mentor_id: int, text: str) -> TicketRecord:
        """Store the mentor's answer and queue it for the SME, in one transaction.

        An open ticket is claimed on the way; a ticket claimed by another mentor is refused;
        the assignee may answer an answered ticket again (the SME gets the new message too).
        """
        text = text.strip()
        if not text:
            raise ValueError("an answer needs text")
        now = self._clock()
        with self._database.session() as session:
            mentor, ticket, rule = store.for_mentor(session, ticket_id, mentor_id, TicketAction.ANSWER)
            implicit_claim = ticket.status == TicketStatus.OPEN
            if implicit_claim:
                if ticket.assignee_mentor_id != mentor.id or ticket.claimed_at is None:
                    ticket.claimed_at = now
                ticket.assignee_mentor_id = mentor.id
                store.add_event(session, ticket.id, f"mentor:{mentor.id}", EventAction.CLAIMED, now, {"implicit": True})
            ticket.status, ticket.answer, ticket.answered_at, ticket.updated_at = rule.to, text, now, now
            session.flush()
            row_id = messages.deliver_answer(
                self._outbox, session, store.to_record(session, ticket), mentor.name, text, now
            )
            detail = {"text": text, "outbox_id": row_id}
            store.add_event(session, ticket.id, f"mentor:{mentor.id}", EventAction.ANSWERED, now, detail)
            answered = store.to_record(session, ticket)
        if implicit_claim:
            observe_ticket_claim((now - answered.created_at).total_seconds())
        observe_ticket_answer((now - answered.created_at).total_seconds())
        return answered

    def close(self, ticket_id: int, actor: str) -> TicketRecord:
        """Close the ticket. ``actor`` is ``mentor:<id>`` (checked), ``user:<id>`` (the ticket's SME) or ``system``."""
        now = self._clock()
        with self._database.session() as session:
            ticket = store.load(session, ticket_id, lock=True)
            mentor_id = None
            if actor.startswith("mentor:"):
                mentor_id = store.active_mentor(session, store.actor_id(actor), "close", ticket_id).id
            elif actor.startswith("user:") and store.actor_id(actor) != ticket.user_id:
                raise NotAMentorError(f"{actor} may not close ticket {ticket.id}")
            rule = store.allowed(session, ticket, mentor_id, TicketAction.CLOSE)
            if rule.repeat:
                return store.to_record(session, ticket)
            ticket.status, ticket.closed_at, ticket.updated_at = rule.to, now, now
            store.add_event(session, ticket.id, actor, EventAction.CLOSED, now)
            session.flush()
            return store.to_record(session, ticket)

    def add_question(self, user_id: int, ticket_id: int, text: str) -> TicketRecord | None:
        """Add the SME's new question ``text`` to their open or claimed ticket; ``None`` (nothing changes)
        when the ticket is not theirs or no longer waiting for a mentor. The mentor groups get a post."""
        now = self._clock()
        with self._database.session() as session:
            ticket = session.get(Ticket, ticket_id, with_for_update=True)
            if ticket is None or ticket.user_id != user_id or ticket.status not in ACTIVE_STATUSES:
                return None
            _add_follow_up(ticket, text, now)
            store.add_event(session, ticket.id, f"user:{user_id}", EventAction.ADDED, now, {"text": text})
            session.flush()
            record = store.to_record(session, ticket)
            self._post(session, record.id, messages.added_post(record, text), now)
            return record

    def reopen_on_follow_up(self, user_id: int, text: str, ticket_id: int | None = None) -> TicketRecord | None:
        """Reopen the user's answered ticket (``ticket_id``, or their latest answered one) with ``text`` added.

        Only within ``follow_up_window`` of the answer; otherwise ``None`` and nothing changes.
        The mentor groups get a post saying the SME asked further.
        """
        now = self._clock()
        with self._database.session() as session:
            query = select(Ticket).where(
                Ticket.user_id == user_id,
                Ticket.status.in_(sorted(statuses_allowing(TicketAction.REOPEN))),
                Ticket.answered_at >= now - self._follow_up_window,
            )
            if ticket_id is not None:
                query = query.where(Ticket.id == ticket_id)
            ticket = session.scalars(query.order_by(Ticket.answered_at.desc(), Ticket.id.desc())).first()
            if ticket is None:
                return None
            rule = store.allowed(session, ticket, None, TicketAction.REOPEN)
            _add_follow_up(ticket, text, now)
            ticket.status, ticket.updated_at = rule.to, now
            _wait_again(ticket, now)
            store.add_event(session, ticket.id, f"user:{user_id}", EventAction.REOPENED, now, {"text": text})
            session.flush()
            record = store.to_record(session, ticket)
            self._post(session, record.id, messages.reopened_post(record, text), now)
            return record

    def record_post(self, ticket_id: int, channel: str, where: Mapping[str, Any]) -> None:
        """Remember where the ticket was posted in a mentor group (for matching replies to the post).

        ``chat_id`` and ``message_id`` are stored as strings (Telegram chat ids exceed 32-bit
        integers, and JSON numbers compare differently in SQLite and PostgreSQL).
        """
        now = self._clock()
        where = {key: str(value) if key in _ID_KEYS else value for key, value in where.items()}
        with self._database.session() as session:
            ticket = store.load(session, ticket_id, lock=True)
            ticket.mentor_posts = {**(ticket.mentor_posts or {}), channel: dict(where)}
            store.add_event(session, ticket.id, "system", EventAction.POSTED, now, {"channel": channel, **where})

    def mark_saved_as_faq(self, ticket_id: int, mentor_id: int, path: str) -> None:
        """Note in the audit trail that the answer became a curated FAQ entry at ``path``."""
        now = self._clock()
        with self._database.session() as session:
            mentor = store.active_mentor(session, mentor_id, "save as FAQ", ticket_id)
            ticket = store.load(session, ticket_id)
            ticket.updated_at = now
            store.add_event(session, ticket.id, f"mentor:{mentor.id}", EventAction.SAVED_AS_FAQ, now, {"path": path})

    def mark_reminded(self, ticket_id: int, now: datetime) -> bool:
        """Set ``reminded_at`` (once per waiting period) and queue the reminder to the groups; False if already done."""
        with self._database.session() as session:
            return notices.notify_once(session, self._outbox, ticket_id, now, notices.REMINDER, self._groups.targets())

    def mark_coordinator_notified(self, ticket_id: int, now: datetime, coordinators: list[tuple[str, str]]) -> bool:
        """Set ``coordinator_notified_at`` (once per waiting period) and queue the notices; False if already done."""
        with self._database.session() as session:
            return notices.notify_once(session, self._outbox, ticket_id, now, notices.COORDINATOR, coordinators)

    def delivery_failed(self, ticket_id: int, error: str, now: datetime) -> list[tuple[str, str]]:
        """Note that the answer could not reach the SME, and tell the mentor who answered (else the groups).

        Returns where the notice was queued. Telegram is preferred for the notice, then LINE,
        then the mentor groups.
        """
        with self._database.session() as session:
            return notices.delivery_failed(session, self._outbox, self._groups, ticket_id, error, now)

    def _post(self, session: Session, ticket_id: int, replies: list[Reply], now: datetime) -> None:
        messages.send(self._outbox, session, self._groups.targets(), replies, "ticket_post", ticket_id, now)


_ID_KEYS = frozenset({"chat_id", "message_id"})


def _add_follow_up(ticket: Ticket, text: str, now: datetime) -> None:
    """Add ``text`` to the ticket's follow-ups (what mentors see the SME added)."""
    context = TicketContext.from_json(ticket.context).with_follow_up(text, now)
    ticket.context, ticket.updated_at = context.to_json(), now


def _wait_again(ticket: Ticket, now: datetime) -> None:
    """The ticket waits for a mentor again: the service-level clock starts afresh."""
    ticket.waiting_since, ticket.reminded_at, ticket.coordinator_notified_at = now, None, None
