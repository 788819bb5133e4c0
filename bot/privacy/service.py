"""Export, erasure and retention of what is stored about a user (PDPA ss.30, 33).

Erasure (``/forget``, ``nzap privacy forget``), in one transaction:

- the user's conversations and messages are deleted (so are rows of the old
  ``escalation_requests`` table), and so are their kept carbon footprint, reminders opt-in and web chat
  transcript;
- their tickets are anonymised: question, context (the conversation, follow-ups, the
  attempted answer), the mentor's answer, display name, platform user id and chat id are
  replaced by a neutral marker; status, timestamps, tags and the assignee stay, so the
  programme's statistics (how many questions, how fast answered, on which topics) still add
  up. Tickets still open or claimed are closed: nobody should answer a question that is gone.
  The audit trail keeps its actions and times; text in its details is replaced;
- outbox rows of those tickets, or addressed to the user, are deleted while still pending
  and otherwise kept with their payload replaced (a delivered row is the proof of delivery);
- the user row is deleted when no ticket points to it, and otherwise kept with a random
  ``erased:...`` id in place of the platform id and nothing else: tickets need a user row,
  and the random id links it to nobody. The same person writing again is a new user, who
  sees the privacy notice again.

Posts that already went to the mentor groups on LINE or Telegram are the platforms' copies:
the bot cannot delete LINE messages, so the programme team deletes those by hand if asked.

Retention (:meth:`PrivacyService.purge`, ``nzap privacy purge``, and once a day in
``nzap serve``): messages (and web chat transcript rows) older than ``retention_days`` are deleted, conversations left
empty are deleted, answered and closed tickets not changed for that long are anonymised as
above, delivered or failed outbox rows that old are deleted, and display and business names of
users not seen for that long are cleared; footprint entries not updated for that long are deleted. Open and
claimed tickets are kept: they are still in work.
A question held before consent (:mod:`bot.privacy.desk`) lives only ``held_minutes``: the purge
deletes older ones too (the desk never answers one that old in between), and erasure deletes it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, Result, delete, exists, func, or_, select, update
from sqlalchemy.orm import Session

from bot.mentoring.numbers import format_ticket_number
from bot.mentoring.tickets import FINISHED_STATUSES, TicketContext
from bot.privacy.anonymise import ERASED_ID, anonymise_ticket, scrub_outbox
from bot.privacy.export_rows import footprint_row, iso, shown_text
from bot.storage.database import Database
from bot.storage.engagement_models import AnswerFeedback, FootprintEntry
from bot.storage.models import (
    Conversation,
    EscalationRequest,
    HeldQuestion,
    Message,
    OutboxMessage,
    Ticket,
    User,
    WebTranscriptEntry,
    utcnow,
)
from bot.storage.reminders import erase_reminders, export_reminders, purge_reminders

ERASED_USER_PREFIX = "erased:"
"""Platform id prefix of a user row kept (anonymous) because tickets point to it."""


@dataclass(frozen=True)
class ErasureReport:
    """What an erasure changed."""

    messages: int
    conversations: int
    tickets: int
    outbox_deleted: int
    outbox_scrubbed: int
    user_deleted: bool
    footprint_entries: int = 0


@dataclass(frozen=True)
class PurgeReport:
    """What a retention run changed (or, with ``dry_run``, would change)."""

    cutoff: datetime
    messages: int
    conversations: int
    tickets: int
    outbox: int
    display_names: int
    dry_run: bool
    footprint_entries: int = 0
    held_questions: int = 0
    """Questions held before consent for longer than ``held_minutes`` (never agreed to, never answered)."""

    def as_json(self) -> dict[str, Any]:
        """JSON-ready fields (the cutoff as ISO 8601)."""
        return {**asdict(self), "cutoff": self.cutoff.isoformat()}


class _DryRun(Exception):  # noqa: N818 - a control-flow signal, not an error
    """Raised inside a dry run's transaction so that it rolls back; carries the report."""

    def __init__(self, report: PurgeReport) -> None:
        super().__init__("dry run")
        self.report = report


class PrivacyService:
    """Export, erase and purge personal data; every method is one transaction."""

    def __init__(
        self,
        database: Database,
        retention_days: int = 180,
        clock: Callable[[], datetime] = utcnow,
        held_minutes: int = 30,
        also_flush: Sequence[Database] = (),
    ) -> None:
        """``held_minutes``: how long a question sent before consent is held (:meth:`held_since`).
        ``also_flush``: other databases holding the user's words for a while (the webhook event record, whose
        answered events keep no text but whose log may), whose logs erasure empties too."""
        if retention_days < 1:
            raise ValueError("retention_days must be at least 1")
        if held_minutes < 1:
            raise ValueError("held_minutes must be at least 1")
        self._database = database
        self._also_flush = tuple(also_flush)
        self._retention = timedelta(days=retention_days)
        self._held = timedelta(minutes=held_minutes)
        self._clock = clock

    @property
    def retention_days(self) -> int:
        """How many days conversation data is kept."""
        return self._retention.days

    @property
    def held_minutes(self) -> int:
        """How many minutes a question sent before consent is held."""
        return int(self._held.total_seconds() // 60)

    def held_since(self, now: datetime) -> datetime:
        """The oldest moment a question still held at ``now`` may have arrived."""
        return now - self._held

    def find(self, channel: str, platform_user_id: str) -> int | None:
        """The internal id of the user with this platform id, or ``None``."""
        with self._database.session() as session:
            return session.scalar(
                select(User.id).where(User.channel == channel, User.platform_user_id == platform_user_id)
            )

    def export(self, user_id: int) -> dict[str, Any]:
        """Everything stored about the user: the user record, conversations with messages, tickets, footprint."""
        with self._database.session() as session:
            user = session.get(User, user_id)
            if user is None:
                raise LookupError(f"no user with id {user_id}")
            conversations = session.scalars(
                select(Conversation).where(Conversation.user_id == user_id).order_by(Conversation.started_at)
            ).all()
            exported_conversations = []
            for conversation in conversations:
                messages = session.scalars(
                    select(Message)
                    .where(Message.conversation_id == conversation.id)
                    .order_by(Message.created_at, Message.id)
                ).all()
                exported_conversations.append(
                    {
                        "started_at": iso(conversation.started_at),
                        "ended_at": iso(conversation.ended_at),
                        "messages": [{"role": m.role, "text": m.text, "at": iso(m.created_at)} for m in messages],
                    }
                )
            tickets = session.scalars(
                select(Ticket).where(Ticket.user_id == user_id).order_by(Ticket.created_at, Ticket.id)
            ).all()
            footprint = session.scalars(
                select(FootprintEntry)
                .where(FootprintEntry.user_id == user_id)
                .order_by(FootprintEntry.created_at, FootprintEntry.id)
            ).all()
            held = session.get(HeldQuestion, user_id)
            web_chat = session.scalars(
                select(WebTranscriptEntry).where(WebTranscriptEntry.user_id == user_id).order_by(WebTranscriptEntry.id)
            ).all()
            feedback = session.scalars(
                select(AnswerFeedback).where(AnswerFeedback.user_id == user_id).order_by(AnswerFeedback.id)
            ).all()
            return {
                "user": {
                    "channel": user.channel,
                    "platform_user_id": user.platform_user_id,
                    "display_name": user.display_name,
                    "business_name": user.business_name,
                    "language": user.language,
                    "consent": user.consent_status,
                    "consent_version": user.consent_version,
                    "consent_at": iso(user.consent_at),
                    "first_seen": iso(user.created_at),
                    "last_seen": iso(user.last_seen_at),
                },
                "conversations": exported_conversations,
                # Held before consent, only to answer it once the user agrees (or deleted when they don't).
                "held_question": None if held is None else {"text": held.text, "at": iso(held.held_at)},
                "tickets": [
                    {
                        "reference": format_ticket_number(t.number),
                        "status": t.status,
                        "question": t.question,
                        "follow_ups": [f.text for f in TicketContext.from_json(t.context).follow_ups],
                        "answer": t.answer,
                        "created_at": iso(t.created_at),
                        "answered_at": iso(t.answered_at),
                        "closed_at": iso(t.closed_at),
                        "tags": list(t.tags or []),
                    }
                    for t in tickets
                ],
                "footprint": [footprint_row(entry) for entry in footprint],
                "reminders": export_reminders(session, user_id),
                # The web chat page's own transcript (what it showed, so that a reload shows it again).
                "web_chat": [
                    {"role": e.role, "at": iso(e.created_at), "text": shown_text(e.payload)} for e in web_chat
                ],
                # Their 👍/👎 on answers, with what was rated (erased with the answers: a cascade).
                "feedback": [
                    {
                        "question": f.question,
                        "rating": f.rating,
                        "reason": f.reason,
                        "coverage": f.coverage,
                        "sources": [c.get("title") for c in f.citations or []],
                        "at": iso(f.created_at),
                    }
                    for f in feedback
                ],
            }

    def erase(self, user_id: int) -> ErasureReport:
        """Delete and anonymise everything about the user (see the module docstring); one transaction.

        Once it has committed, the database's write-ahead log is emptied, so that the erased text
        is gone from the files on disk too, not only from what queries see.
        """
        report = self._erase(user_id)
        self._database.flush_deleted()
        for other in self._also_flush:
            other.flush_deleted()
        return report

    def _erase(self, user_id: int) -> ErasureReport:
        now = self._clock()
        with self._database.session() as session:
            user = session.get(User, user_id, with_for_update=True)
            if user is None:
                raise LookupError(f"no user with id {user_id}")
            tickets = session.scalars(select(Ticket).where(Ticket.user_id == user_id).with_for_update()).all()
            outbox_deleted = outbox_scrubbed = 0
            for ticket in tickets:
                deleted, scrubbed = anonymise_ticket(session, ticket, now, actor=f"user:{user_id}")
                outbox_deleted, outbox_scrubbed = outbox_deleted + deleted, outbox_scrubbed + scrubbed
            # Rows addressed to the user that belong to no ticket of theirs (none today; any added later).
            direct = session.scalars(
                select(OutboxMessage).where(
                    OutboxMessage.channel == user.channel, OutboxMessage.recipient == user.platform_user_id
                )
            ).all()
            deleted, scrubbed = scrub_outbox(session, direct, user.platform_user_id)
            outbox_deleted, outbox_scrubbed = outbox_deleted + deleted, outbox_scrubbed + scrubbed
            conversation_ids = select(Conversation.id).where(Conversation.user_id == user_id)
            messages = _count(session, select(Message.id).where(Message.conversation_id.in_(conversation_ids)))
            session.execute(delete(Message).where(Message.conversation_id.in_(conversation_ids)))
            session.execute(delete(EscalationRequest).where(EscalationRequest.user_id == user_id))
            session.execute(delete(HeldQuestion).where(HeldQuestion.user_id == user_id))
            conversations = _rows(session.execute(delete(Conversation).where(Conversation.user_id == user_id)))
            footprint = _rows(session.execute(delete(FootprintEntry).where(FootprintEntry.user_id == user_id)))
            erase_reminders(session, user_id, user.platform_user_id)  # the opt-in, its ledger, multicast rows
            session.execute(delete(WebTranscriptEntry).where(WebTranscriptEntry.user_id == user_id))
            if tickets:
                user.platform_user_id = f"{ERASED_USER_PREFIX}{uuid.uuid4().hex}"
                user.display_name = user.business_name = user.business_asked_at = None
                user.language = "th"
                user.consent_status, user.consent_version, user.consent_at = "unknown", None, None
                user.last_seen_at = user.created_at
            else:
                session.delete(user)
            return ErasureReport(
                messages=messages,
                conversations=conversations,
                tickets=len(tickets),
                outbox_deleted=outbox_deleted,
                outbox_scrubbed=outbox_scrubbed,
                user_deleted=not tickets,
                footprint_entries=footprint,
            )

    def purge(self, now: datetime | None = None, dry_run: bool = False) -> PurgeReport:
        """Apply the retention period (see the module docstring); ``dry_run`` counts and changes nothing."""
        now = now or self._clock()
        cutoff = now - self._retention
        try:
            with self._database.session() as session:
                report = self._purge(session, cutoff, now, dry_run)
                report = replace(report, held_questions=_drop_held(session, self.held_since(now)))
                if dry_run:
                    raise _DryRun(report)
                return report
        except _DryRun as rolled_back:
            return rolled_back.report

    def drop_stale_held_questions(self, now: datetime | None = None) -> int:
        """Delete questions held before consent for longer than ``held_minutes``; how many went.

        :class:`~bot.privacy.worker.RetentionWorker` calls this every minute, so a question is
        gone soon after its ``held_minutes`` even between the daily purges.
        """
        with self._database.session() as session:
            return _drop_held(session, self.held_since(now or self._clock()))

    @staticmethod
    def _purge(session: Session, cutoff: datetime, now: datetime, dry_run: bool) -> PurgeReport:
        messages = _rows(session.execute(delete(Message).where(Message.created_at < cutoff)))
        messages += _rows(session.execute(delete(WebTranscriptEntry).where(WebTranscriptEntry.created_at < cutoff)))
        session.execute(delete(EscalationRequest).where(EscalationRequest.created_at < cutoff))
        idle_user = select(User.id).where(User.last_seen_at < cutoff)
        empty = ~exists().where(Message.conversation_id == Conversation.id)
        conversations = _rows(
            session.execute(
                delete(Conversation).where(
                    empty,
                    or_(
                        Conversation.ended_at < cutoff,
                        Conversation.ended_at.is_(None)
                        & (Conversation.started_at < cutoff)
                        # An active conversation of someone still writing stays: the engine may be using it.
                        & Conversation.user_id.in_(idle_user),
                    ),
                )
            )
        )
        old_tickets = session.scalars(
            select(Ticket)
            .where(
                Ticket.status.in_(sorted(FINISHED_STATUSES)),
                Ticket.updated_at < cutoff,
                Ticket.platform_user_id != ERASED_ID,
            )
            .with_for_update()
        ).all()
        for ticket in old_tickets:
            anonymise_ticket(session, ticket, now, actor="system")
        outbox = _rows(
            session.execute(
                delete(OutboxMessage).where(
                    OutboxMessage.status.in_(("delivered", "failed")), OutboxMessage.created_at < cutoff
                )
            )
        )
        names = _rows(
            session.execute(
                update(User)
                .where(User.last_seen_at < cutoff, or_(User.display_name.is_not(None), User.business_name.is_not(None)))
                .values(display_name=None, business_name=None)
            )
        )
        footprint = _rows(session.execute(delete(FootprintEntry).where(FootprintEntry.updated_at < cutoff)))
        purge_reminders(session, cutoff)  # which sessions someone was reminded of: personal data too
        return PurgeReport(cutoff, messages, conversations, len(old_tickets), outbox, names, dry_run, footprint)


def _drop_held(session: Session, since: datetime) -> int:
    """Delete the questions held before ``since``; how many."""
    return _rows(session.execute(delete(HeldQuestion).where(HeldQuestion.held_at < since)))


def _rows(result: Result[Any]) -> int:
    """How many rows a DML statement changed (DML results are cursor results)."""
    return int(cast(CursorResult[Any], result).rowcount)


def _count(session: Session, query: Any) -> int:
    return int(session.scalar(select(func.count()).select_from(query.subquery())) or 0)
