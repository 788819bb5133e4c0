"""Tickets: questions handed to mentors, their life (open, claimed, answered, closed, reopened) and audit trail.

Every method is one transaction and returns frozen records. Every change writes a
``ticket_events`` row. Messages a change causes (the post to the mentor groups, the
mentor's answer to the SME) are written to the outbox in the same transaction, so they
are sent if and only if the change is stored.

Duplicates: a request from a user who has an open or claimed ticket joins that ticket
(event ``attached``, the text added to ``context["follow_ups"]``) when the questions are
the same after Thai normalisation, or when they share most of their words (Jaccard >= 0.6
over Thai word tokens) and the ticket is younger than ``duplicate_window``.

Reopening: :meth:`TicketService.reopen_on_follow_up` turns an answered ticket back to
``open`` when the SME follows up within ``follow_up_window`` of the answer; the engine
decides when a message is a follow-up (see :mod:`bot.conversation.engine`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.i18n import message
from bot.mentoring.numbers import format_ticket_number
from bot.mentoring.outbox import OUTBOX_CHANNEL_NAMES, Outbox
from bot.observability.metrics import count_ticket, observe_ticket_answer, observe_ticket_claim
from bot.storage.database import Database
from bot.storage.models import Mentor, Message, Ticket, TicketEvent, User, utcnow
from bot.types import QuickOption, QuickReplies, Reply, TextReply
from ingestion import thai

logger = logging.getLogger(__name__)

ACTIVE_STATUSES = frozenset({"open", "claimed"})
MORE_PREFIX = "ticket:more:"
"""Action of the "ask more" button under a mentor's answer (plus the ticket id)."""
DONE_PREFIX = "ticket:done:"
"""Action of the "got it" button under a mentor's answer (plus the ticket id)."""
MENTOR_MODE = "mentor"
"""``messages.mode`` of a mentor's answer stored in the SME's conversation."""
_SIMILAR = 0.6
_ID_KEYS = frozenset({"chat_id", "message_id"})


class TicketError(Exception):
    """Base of the ticket errors."""


class NotAMentorError(TicketError):
    """Someone who is not an active mentor tried to claim, answer or close a ticket."""


class TicketStateError(TicketError):
    """The change does not fit the ticket's state (e.g. answering a closed ticket)."""


class UnknownTicketError(TicketError, LookupError):
    """No ticket has this id."""


@dataclass(frozen=True)
class MentorGroups:
    """Where new tickets are posted; ``None`` leaves a platform out."""

    telegram_chat_id: int | None = None
    line_group_id: str | None = None

    def targets(self) -> list[tuple[str, str]]:
        """``(channel, recipient)`` of each configured group."""
        found = []
        if self.telegram_chat_id is not None:
            found.append(("telegram", str(self.telegram_chat_id)))
        if self.line_group_id:
            found.append(("line", self.line_group_id))
        return found


@dataclass(frozen=True)
class TicketRecord:
    """A ticket as stored, with its assignee's name."""

    id: int
    number: int
    reference: str
    user_id: int
    conversation_id: int | None
    channel: str
    platform_user_id: str
    chat_id: str | None
    display_name: str | None
    language: str
    question: str
    context: dict[str, Any]
    tags: tuple[str, ...]
    status: str
    assignee_mentor_id: int | None
    assignee_name: str | None
    answer: str | None
    created_at: datetime
    updated_at: datetime
    claimed_at: datetime | None
    answered_at: datetime | None
    closed_at: datetime | None
    waiting_since: datetime
    reminded_at: datetime | None
    coordinator_notified_at: datetime | None
    mentor_posts: dict[str, Any]

    @property
    def recipient(self) -> str:
        """Where the SME is answered: the group they asked in, else their one-to-one chat."""
        return self.chat_id or self.platform_user_id


@dataclass(frozen=True)
class TicketEventRecord:
    """One entry of a ticket's audit trail."""

    id: int
    ticket_id: int
    at: datetime
    actor: str
    action: str
    detail: dict[str, Any]


PostFormatter = Callable[[TicketRecord], list[Reply]]
"""The text of a ticket's post to the mentor groups (stored in the outbox row)."""


def default_post(ticket: TicketRecord) -> list[Reply]:
    """A short Thai summary of a ticket for the mentor groups (plain text; the relay adds buttons on Telegram)."""
    attempt = (ticket.context.get("attempt") or {}).get("text") or message("ticket.no_attempt")
    tags = ", ".join(ticket.tags) or message("ticket.no_tags")
    text = message(
        "ticket.post",
        reference=ticket.reference,
        name=ticket.display_name or ticket.platform_user_id,
        channel=ticket.channel,
        question=ticket.question,
        attempt=_clip(attempt, 600),
        tags=tags,
    )
    return [TextReply(text)]


class TicketService:
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
        self._database = database
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
        context: Mapping[str, Any],
        tags: Iterable[str] = (),
        chat_id: str | None = None,
    ) -> tuple[TicketRecord, bool]:
        """A new open ticket (posted to the mentor groups), or the user's matching open one; ``created`` says which."""
        now = self._clock()
        with self._database.session() as session:
            user = session.get(User, user_id)
            if user is None:
                raise UnknownTicketError(f"no user with id {user_id}")
            existing = self._duplicate_of(session, user_id, question, now)
            if existing is not None:
                follow_ups = [*existing.context.get("follow_ups", []), {"text": question, "at": now.isoformat()}]
                existing.context = {**existing.context, "follow_ups": follow_ups}
                existing.updated_at = now
                _event(session, existing.id, f"user:{user_id}", "attached", {"question": question}, now)
                session.flush()
                return _record(session, existing), False
            ticket = self._insert(session, user, conversation_id, question, context, tags, chat_id, now)
            _event(session, ticket.id, f"user:{user_id}", "created", {"tags": list(ticket.tags)}, now)
            record = _record(session, ticket)
            self._post(session, record, self._format_post(record), now)
        count_ticket(list(record.tags))
        return record, True

    def get(self, ticket_id: int) -> TicketRecord | None:
        """The ticket with this id, or ``None``."""
        with self._database.session() as session:
            ticket = session.get(Ticket, ticket_id)
            return None if ticket is None else _record(session, ticket)

    def by_number(self, number: int) -> TicketRecord | None:
        """The ticket with this number (``T-0042`` is 42), or ``None``."""
        with self._database.session() as session:
            ticket = session.scalars(select(Ticket).where(Ticket.number == number)).first()
            return None if ticket is None else _record(session, ticket)

    def open_tickets_of_user(self, user_id: int) -> list[TicketRecord]:
        """The user's tickets that are not closed, oldest first (what "where is my question" lists)."""
        with self._database.session() as session:
            tickets = session.scalars(
                select(Ticket)
                .where(Ticket.user_id == user_id, Ticket.status != "closed")
                .order_by(Ticket.created_at, Ticket.id)
            ).all()
            return [_record(session, t) for t in tickets]

    def tickets_of_user(self, user_id: int) -> list[TicketRecord]:
        """All the user's tickets, newest first."""
        with self._database.session() as session:
            tickets = session.scalars(
                select(Ticket).where(Ticket.user_id == user_id).order_by(Ticket.created_at.desc(), Ticket.id.desc())
            ).all()
            return [_record(session, t) for t in tickets]

    def queue(self, statuses: set[str] | None = None, tag: str | None = None) -> list[TicketRecord]:
        """Tickets in these statuses (all when ``None``) carrying ``tag`` (any when ``None``), oldest first."""
        query = select(Ticket).order_by(Ticket.created_at, Ticket.id)
        if statuses:
            query = query.where(Ticket.status.in_(sorted(statuses)))
        with self._database.session() as session:
            tickets = session.scalars(query).all()
            return [_record(session, t) for t in tickets if tag is None or tag in (t.tags or [])]

    def claim(self, ticket_id: int, mentor_id: int) -> TicketRecord:
        """The mentor takes the ticket. Claiming one's own claimed ticket again changes nothing."""
        now = self._clock()
        with self._database.session() as session:
            mentor = _mentor(session, mentor_id, "claim", ticket_id)
            ticket = _ticket(session, ticket_id, lock=True)
            if ticket.status == "claimed" and ticket.assignee_mentor_id == mentor.id:
                return _record(session, ticket)
            if ticket.status != "open":
                raise TicketStateError(_state_problem(session, ticket, "claim"))
            ticket.status, ticket.assignee_mentor_id, ticket.claimed_at, ticket.updated_at = (
                "claimed",
                mentor.id,
                now,
                now,
            )
            _event(session, ticket.id, f"mentor:{mentor.id}", "claimed", {}, now)
            session.flush()
            claimed = _record(session, ticket)
        observe_ticket_claim((now - claimed.created_at).total_seconds())
        return claimed

    def release(self, ticket_id: int, mentor_id: int) -> TicketRecord:
        """The mentor gives a claimed ticket back to the queue."""
        now = self._clock()
        with self._database.session() as session:
            mentor = _mentor(session, mentor_id, "release", ticket_id)
            ticket = _ticket(session, ticket_id, lock=True)
            if ticket.status != "claimed" or ticket.assignee_mentor_id != mentor.id:
                raise TicketStateError(_state_problem(session, ticket, "release"))
            ticket.status, ticket.assignee_mentor_id, ticket.updated_at = "open", None, now
            ticket.waiting_since, ticket.reminded_at, ticket.coordinator_notified_at = now, None, None
            _event(session, ticket.id, f"mentor:{mentor.id}", "released", {}, now)
            session.flush()
            return _record(session, ticket)

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
            mentor = _mentor(session, mentor_id, "answer", ticket_id)
            ticket = _ticket(session, ticket_id, lock=True)
            own = ticket.assignee_mentor_id in (None, mentor.id)
            ticket_was_open = ticket.status == "open"
            if ticket.status == "closed" or (ticket.status != "open" and not own):
                raise TicketStateError(_state_problem(session, ticket, "answer"))
            if ticket.status == "open":
                if ticket.assignee_mentor_id != mentor.id or ticket.claimed_at is None:
                    ticket.claimed_at = now
                ticket.assignee_mentor_id = mentor.id
                _event(session, ticket.id, f"mentor:{mentor.id}", "claimed", {"implicit": True}, now)
            ticket.status, ticket.answer, ticket.answered_at, ticket.updated_at = "answered", text, now, now
            session.flush()
            record = _record(session, ticket)
            row_id = self._deliver_answer(session, record, mentor.name, text, now)
            _event(session, ticket.id, f"mentor:{mentor.id}", "answered", {"text": text, "outbox_id": row_id}, now)
            answered = _record(session, ticket)
            implicit_claim = ticket_was_open
        if implicit_claim:
            observe_ticket_claim((now - answered.created_at).total_seconds())
        observe_ticket_answer((now - answered.created_at).total_seconds())
        return answered

    def close(self, ticket_id: int, actor: str) -> TicketRecord:
        """Close the ticket. ``actor`` is ``mentor:<id>`` (checked), ``user:<id>`` (the ticket's SME) or ``system``."""
        now = self._clock()
        with self._database.session() as session:
            ticket = _ticket(session, ticket_id, lock=True)
            if actor.startswith("mentor:"):
                _mentor(session, _actor_id(actor), "close", ticket_id)
            elif actor.startswith("user:") and _actor_id(actor) != ticket.user_id:
                raise NotAMentorError(f"{actor} may not close ticket {ticket.id}")
            if ticket.status == "closed":
                return _record(session, ticket)
            ticket.status, ticket.closed_at, ticket.updated_at = "closed", now, now
            _event(session, ticket.id, actor, "closed", {}, now)
            session.flush()
            return _record(session, ticket)

    def reopen_on_follow_up(self, user_id: int, text: str, ticket_id: int | None = None) -> TicketRecord | None:
        """Reopen the user's answered ticket (``ticket_id``, or their latest answered one) with ``text`` added.

        Only within ``follow_up_window`` of the answer; otherwise ``None`` and nothing changes.
        The mentor groups get a post saying the SME asked further.
        """
        now = self._clock()
        with self._database.session() as session:
            query = select(Ticket).where(
                Ticket.user_id == user_id,
                Ticket.status == "answered",
                Ticket.answered_at >= now - self._follow_up_window,
            )
            if ticket_id is not None:
                query = query.where(Ticket.id == ticket_id)
            ticket = session.scalars(query.order_by(Ticket.answered_at.desc(), Ticket.id.desc())).first()
            if ticket is None:
                return None
            follow_ups = [*ticket.context.get("follow_ups", []), {"text": text, "at": now.isoformat()}]
            ticket.context = {**ticket.context, "follow_ups": follow_ups}
            ticket.status, ticket.updated_at = "open", now
            ticket.waiting_since, ticket.reminded_at, ticket.coordinator_notified_at = now, None, None
            _event(session, ticket.id, f"user:{user_id}", "reopened", {"text": text}, now)
            session.flush()
            record = _record(session, ticket)
            post = message(
                "ticket.post_reopened",
                reference=record.reference,
                name=record.display_name or record.platform_user_id,
                follow_up=text,
                question=record.question,
            )
            self._post(session, record, [TextReply(post)], now)
            return record

    def events(self, ticket_id: int) -> list[TicketEventRecord]:
        """The ticket's audit trail, oldest first."""
        with self._database.session() as session:
            rows = session.scalars(
                select(TicketEvent).where(TicketEvent.ticket_id == ticket_id).order_by(TicketEvent.at, TicketEvent.id)
            ).all()
            return [TicketEventRecord(e.id, e.ticket_id, e.at, e.actor, e.action, dict(e.detail)) for e in rows]

    def record_post(self, ticket_id: int, channel: str, where: Mapping[str, Any]) -> None:
        """Remember where the ticket was posted in a mentor group (for matching replies to the post).

        ``chat_id`` and ``message_id`` are stored as strings (Telegram chat ids exceed 32-bit
        integers, and JSON numbers compare differently in SQLite and PostgreSQL).
        """
        now = self._clock()
        where = {key: str(value) if key in _ID_KEYS else value for key, value in where.items()}
        with self._database.session() as session:
            ticket = _ticket(session, ticket_id, lock=True)
            ticket.mentor_posts = {**(ticket.mentor_posts or {}), channel: dict(where)}
            _event(session, ticket.id, "system", "posted", {"channel": channel, **dict(where)}, now)

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
            return None if ticket is None else _record(session, ticket)

    def mark_saved_as_faq(self, ticket_id: int, mentor_id: int, path: str) -> None:
        """Note in the audit trail that the answer became a curated FAQ entry at ``path``."""
        now = self._clock()
        with self._database.session() as session:
            mentor = _mentor(session, mentor_id, "save as FAQ", ticket_id)
            ticket = _ticket(session, ticket_id)
            ticket.updated_at = now
            _event(session, ticket.id, f"mentor:{mentor.id}", "saved_as_faq", {"path": path}, now)

    def mark_reminded(self, ticket_id: int, now: datetime) -> bool:
        """Set ``reminded_at`` (once per waiting period) and queue the reminder; False if already done."""
        with self._database.session() as session:
            ticket = _ticket(session, ticket_id, lock=True)
            if ticket.status != "open" or ticket.reminded_at is not None:
                return False
            ticket.reminded_at = now
            _event(session, ticket.id, "system", "reminded", {}, now)
            record = _record(session, ticket)
            minutes = int((now - record.waiting_since).total_seconds() // 60)
            text = message("ticket.reminder", reference=record.reference, minutes=minutes, question=record.question)
            for channel, recipient in self._groups.targets():
                self._outbox.enqueue(
                    session, channel, recipient, [TextReply(text)], purpose="reminder", ticket_id=ticket.id, now=now
                )
            return True

    def mark_coordinator_notified(self, ticket_id: int, now: datetime, coordinators: list[tuple[str, str]]) -> bool:
        """Set ``coordinator_notified_at`` (once per waiting period) and queue the notices; False if already done."""
        with self._database.session() as session:
            ticket = _ticket(session, ticket_id, lock=True)
            if ticket.status != "open" or ticket.coordinator_notified_at is not None:
                return False
            ticket.coordinator_notified_at = now
            _event(session, ticket.id, "system", "coordinator_notified", {}, now)
            record = _record(session, ticket)
            minutes = int((now - record.waiting_since).total_seconds() // 60)
            text = message("ticket.coordinator", reference=record.reference, minutes=minutes, question=record.question)
            for channel, recipient in coordinators:
                self._outbox.enqueue(
                    session, channel, recipient, [TextReply(text)], purpose="notice", ticket_id=ticket.id, now=now
                )
            return True

    def delivery_failed(self, ticket_id: int, error: str, now: datetime) -> list[tuple[str, str]]:
        """Note that the answer could not reach the SME, and tell the mentor who answered (else the groups).

        Returns where the notice was queued. Telegram is preferred for the notice, then LINE,
        then the mentor groups.
        """
        with self._database.session() as session:
            ticket = _ticket(session, ticket_id, lock=True)
            mentor = session.get(Mentor, ticket.assignee_mentor_id) if ticket.assignee_mentor_id else None
            if mentor is not None and mentor.active and mentor.telegram_user_id:
                targets = [("telegram", mentor.telegram_user_id)]
            elif mentor is not None and mentor.active and mentor.line_user_id:
                targets = [("line", mentor.line_user_id)]
            else:
                targets = self._groups.targets()
            _event(session, ticket.id, "system", "delivery_failed", {"error": error[:500]}, now)
            reference = format_ticket_number(ticket.number)
            text = message("ticket.delivery_failed", reference=reference, error=_clip(error, 200))
            for channel, recipient in targets:
                self._outbox.enqueue(
                    session, channel, recipient, [TextReply(text)], purpose="notice", ticket_id=ticket.id, now=now
                )
            return targets

    def unclaimed_since(self, before: datetime) -> list[TicketRecord]:
        """Open tickets waiting since ``before`` or earlier, oldest first (for the service levels)."""
        with self._database.session() as session:
            tickets = session.scalars(
                select(Ticket)
                .where(Ticket.status == "open", Ticket.waiting_since <= before)
                .order_by(Ticket.waiting_since, Ticket.id)
            ).all()
            return [_record(session, t) for t in tickets]

    def _duplicate_of(self, session: Session, user_id: int, question: str, now: datetime) -> Ticket | None:
        candidates = session.scalars(
            select(Ticket)
            .where(Ticket.user_id == user_id, Ticket.status.in_(sorted(ACTIVE_STATUSES)))
            .order_by(Ticket.created_at.desc(), Ticket.id.desc())
            .with_for_update()
        ).all()
        folded = _fold(question)
        words = _words(question)
        for ticket in candidates:
            if _fold(ticket.question) == folded:
                return ticket
            recent = ticket.created_at >= now - self._duplicate_window
            if recent and _jaccard(words, _words(ticket.question)) >= _SIMILAR:
                return ticket
        return None

    def _insert(
        self,
        session: Session,
        user: User,
        conversation_id: int | None,
        question: str,
        context: Mapping[str, Any],
        tags: Iterable[str],
        chat_id: str | None,
        now: datetime,
    ) -> Ticket:
        """A new ticket with the next free number; two workers racing for a number retry."""
        for _ in range(10):
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
                context=dict(context),
                tags=list(dict.fromkeys(tags)),
                status="open",
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

    def _post(self, session: Session, ticket: TicketRecord, replies: list[Reply], now: datetime) -> None:
        for channel, recipient in self._groups.targets():
            self._outbox.enqueue(
                session, channel, recipient, replies, purpose="ticket_post", ticket_id=ticket.id, now=now
            )

    def _deliver_answer(
        self, session: Session, ticket: TicketRecord, mentor: str, text: str, now: datetime
    ) -> int | None:
        if ticket.channel not in OUTBOX_CHANNEL_NAMES:
            logger.warning(
                "ticket %s came from %s, which has no delivery; answer kept", ticket.reference, ticket.channel
            )
            return None
        language = ticket.language
        body = message("ticket.answer", language, mentor=mentor, reference=ticket.reference, answer=text)
        options = (
            QuickOption(message("ticket.answer_more", language), f"{MORE_PREFIX}{ticket.id}"),
            QuickOption(message("ticket.answer_done", language), f"{DONE_PREFIX}{ticket.id}"),
        )
        if ticket.conversation_id is not None:
            # In the SME's history too: the engine sees a follow-up to it, an LLM sees it as context.
            session.add(
                Message(
                    conversation_id=ticket.conversation_id,
                    role="assistant",
                    text=body,
                    created_at=now,
                    mode=MENTOR_MODE,
                )
            )
        row = self._outbox.enqueue(
            session,
            ticket.channel,
            ticket.recipient,
            [QuickReplies(body, options)],
            purpose="mentor_answer",
            language=language,
            ticket_id=ticket.id,
            now=now,
        )
        return row.id


def _mentor(session: Session, mentor_id: int, what: str, ticket_id: int) -> Mentor:
    """The active mentor with this id; logs and raises :class:`NotAMentorError` otherwise."""
    mentor = session.get(Mentor, mentor_id)
    if mentor is None or not mentor.active:
        logger.warning("refused: %s of ticket %s by id %s, who is not an active mentor", what, ticket_id, mentor_id)
        raise NotAMentorError(f"{mentor_id} is not an active mentor")
    return mentor


def _ticket(session: Session, ticket_id: int, lock: bool = False) -> Ticket:
    """The ticket with this id (row-locked on PostgreSQL when ``lock``); :class:`UnknownTicketError` otherwise."""
    ticket = session.get(Ticket, ticket_id, with_for_update=lock)
    if ticket is None:
        raise UnknownTicketError(f"no ticket with id {ticket_id}")
    return ticket


def _state_problem(session: Session, ticket: Ticket, what: str) -> str:
    assignee = session.get(Mentor, ticket.assignee_mentor_id) if ticket.assignee_mentor_id else None
    who = f" by {assignee.name}" if assignee else ""
    return f"cannot {what} {format_ticket_number(ticket.number)}: it is {ticket.status}{who}"


def _event(session: Session, ticket_id: int, actor: str, action: str, detail: dict[str, Any], now: datetime) -> None:
    session.add(TicketEvent(ticket_id=ticket_id, at=now, actor=actor, action=action, detail=detail))


def _actor_id(actor: str) -> int:
    try:
        return int(actor.split(":", 1)[1])
    except (IndexError, ValueError) as error:
        raise ValueError(f"actor {actor!r} is not kind:<id>") from error


def _fold(text: str) -> str:
    return " ".join(thai.fold_for_matching(text).split())


def _words(text: str) -> set[str]:
    return {w for w in thai.tokenize(text) if w.strip()}


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _record(session: Session, ticket: Ticket) -> TicketRecord:
    """The frozen record of a ticket row (with the assignee's name)."""
    assignee = session.get(Mentor, ticket.assignee_mentor_id) if ticket.assignee_mentor_id else None
    return TicketRecord(
        id=ticket.id,
        number=ticket.number,
        reference=format_ticket_number(ticket.number),
        user_id=ticket.user_id,
        conversation_id=ticket.conversation_id,
        channel=ticket.channel,
        platform_user_id=ticket.platform_user_id,
        chat_id=ticket.chat_id,
        display_name=ticket.display_name,
        language=ticket.language,
        question=ticket.question,
        context=dict(ticket.context),
        tags=tuple(ticket.tags or ()),
        status=ticket.status,
        assignee_mentor_id=ticket.assignee_mentor_id,
        assignee_name=assignee.name if assignee else None,
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
    )
