"""The database tables, as SQLAlchemy 2 declarative models.

The schema itself is created by the Alembic revisions in ``migrations/``; these models
must stay equal to what the revisions build (a test compares them).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
    true,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

# Explicit constraint names: SQLite batch migrations can only alter constraints that have one.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

LANGUAGES = ("th", "en")
ROLES = ("user", "assistant")
CONSENT_STATUSES = ("unknown", "given", "declined")
"""``users.consent_status``: no choice yet (the notice is shown), agreed, or refused (nothing is stored)."""


def utcnow() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always read back timezone-aware.

    SQLite keeps no offset, so values are normalised to UTC on the way in and marked UTC
    on the way out; PostgreSQL stores ``timestamp with time zone``.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Reject naive datetimes (their zone is unknown) and convert to UTC."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Mark values read from SQLite as UTC; convert PostgreSQL values to UTC."""
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


# JSONB on PostgreSQL so the later ticket and console code can query inside the documents.
JSONDocument = JSON().with_variant(JSONB(), "postgresql")


class Base(DeclarativeBase):
    """The declarative base of every table."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class User(Base):
    """A person on one channel; the same person on LINE and Telegram is two users."""

    __tablename__ = "users"
    __table_args__ = (
        UniqueConstraint("channel", "platform_user_id"),
        CheckConstraint("language IN ('th', 'en')", name="language"),
        CheckConstraint("consent_status IN ('unknown', 'given', 'declined')", name="consent_status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(32))
    platform_user_id: Mapped[str] = mapped_column(String(128))
    display_name: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8), default="th", server_default="th")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    consent_status: Mapped[str] = mapped_column(String(16), default="unknown", server_default="unknown")
    consent_version: Mapped[str | None] = mapped_column(String(32))
    """Which privacy notice the choice was made on (:data:`bot.privacy.NOTICE_VERSION`)."""
    consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    business_name: Mapped[str | None] = mapped_column(Text)
    """A business name the user chose to give mentors (asked once, skippable; erased with the rest)."""
    business_asked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    """When the business name was asked for: it is asked once."""


class Conversation(Base):
    """A run of messages; a reset ends the active one (``ended_at`` set) and starts another."""

    __tablename__ = "conversations"
    __table_args__ = (
        Index("ix_conversations_user_id_started_at", "user_id", "started_at"),
        # At most one active conversation per user, even when two workers race to create it.
        Index(
            "uq_conversations_user_id_active",
            "user_id",
            unique=True,
            sqlite_where=text("ended_at IS NULL"),
            postgresql_where=text("ended_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Message(Base):
    """One message of a conversation; the answer fields are set on assistant messages only."""

    __tablename__ = "messages"
    __table_args__ = (
        Index("ix_messages_conversation_id_created_at", "conversation_id", "created_at"),
        Index("ix_messages_created_at", "created_at"),
        # The question an answer replied to (the staff report): the user's last message before it, one probe.
        Index("ix_messages_conversation_id_role_id", "conversation_id", "role", "id"),
        CheckConstraint("role IN ('user', 'assistant')", name="role"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    confidence: Mapped[float | None] = mapped_column(Float)
    mode: Mapped[str | None] = mapped_column(String(32))
    citations: Mapped[list[dict[str, Any]] | None] = mapped_column(JSONDocument)
    escalate: Mapped[bool] = mapped_column(default=False, server_default=false())
    coverage: Mapped[str | None] = mapped_column(String(16))
    """The tier of a course answer as sent: ``answered``, ``partial`` or ``not_covered`` (else ``None``)."""


class WebTranscriptEntry(Base):
    """One message a web chat page showed (the user's, or the replies to it as the page renders them).

    The page has no memory of its own: a reload asks for these. Written only for users who agreed
    to the privacy notice; exported, erased and purged like conversations.
    """

    __tablename__ = "web_transcript"
    __table_args__ = (
        Index("ix_web_transcript_user_id_id", "user_id", "id"),
        Index("ix_web_transcript_created_at", "created_at"),
        CheckConstraint("role IN ('user', 'assistant')", name="role"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(16))
    payload: Mapped[list[dict[str, Any]]] = mapped_column(JSONDocument)
    """``user``: ``[{"kind": "text", "text": ...}]``; ``assistant``: the replies in the outbox's JSON form."""
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class HeldQuestion(Base):
    """The latest question of someone who has not agreed to the privacy notice yet, kept only to answer it
    once they do (:mod:`bot.privacy.desk`): its text and when it came, nothing else, one per user."""

    __tablename__ = "held_questions"
    __table_args__ = (Index("ix_held_questions_held_at", "held_at"),)

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    held_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class EscalationRequest(Base):
    """A question handed to mentors, with what they need to answer it (``context``)."""

    __tablename__ = "escalation_requests"
    __table_args__ = (
        Index("ix_escalation_requests_status_created_at", "status", "created_at"),
        Index("ix_escalation_requests_user_id", "user_id"),
        Index("ix_escalation_requests_conversation_id", "conversation_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    question: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(32), default="pending", server_default="pending")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    context: Mapped[dict[str, Any]] = mapped_column(JSONDocument)


class ProcessedEvent(Base):
    """A platform event already taken for processing: its id is what makes redeliveries harmless."""

    __tablename__ = "processed_events"
    __table_args__ = (UniqueConstraint("channel", "event_id", name="uq_processed_events_channel_event_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(32))
    event_id: Mapped[str] = mapped_column(String(128))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    status: Mapped[str] = mapped_column(String(16), default="done", server_default="done", index=True)
    """``pending`` (recorded, not taken), ``working`` (taken under a lease) or ``done`` (answered)."""
    payload: Mapped[str | None] = mapped_column(Text, nullable=True)
    """The event's JSON while it is not answered (dropped once it is)."""
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    """How many times a worker took it; also the token of the current attempt."""
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    reply_state: Mapped[str | None] = mapped_column(String(16), nullable=True)
    """How far the platform reply to it got: ``attempted``, ``accepted``, ``refused`` (see reply_journal)."""


TICKET_STATUSES = ("open", "claimed", "answered", "closed")
OUTBOX_CHANNELS = ("line", "telegram", "web")
OUTBOX_PURPOSES = ("mentor_answer", "ticket_post", "reminder", "notice", "reply")
OUTBOX_STATUSES = ("pending", "sending", "delivered", "failed")


def _in(values: tuple[str, ...]) -> str:
    """The SQL list ``('a', 'b')`` for a CHECK constraint."""
    return "(" + ", ".join(f"'{value}'" for value in values) + ")"


class Mentor(Base):
    """Someone allowed to claim and answer tickets, known by their Telegram, LINE or web identity.

    Removing a mentor deactivates the row and frees its identities, so past tickets keep
    their assignee's name and the same person can be added again.
    """

    __tablename__ = "mentors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    telegram_user_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    line_user_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    web_username: Mapped[str | None] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str | None] = mapped_column(Text)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    session_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    """Console sessions carry the version they were issued under; signing out (or a new password) moves it
    on, so every cookie issued before stops working at once, wherever it was copied to."""
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    staff: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    """Programme staff: also sees the insight dashboard in the console (``nzap mentors role``)."""


class Ticket(Base):
    """A question handed to mentors, with who asked, where to answer, and what they need to answer it."""

    __tablename__ = "tickets"
    __table_args__ = (
        Index("ix_tickets_status_created_at", "status", "created_at"),
        Index("ix_tickets_user_id", "user_id"),
        CheckConstraint(f"status IN {_in(TICKET_STATUSES)}", name="status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[int] = mapped_column(Integer, unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    conversation_id: Mapped[int | None] = mapped_column(ForeignKey("conversations.id", ondelete="SET NULL"))
    channel: Mapped[str] = mapped_column(String(32))
    platform_user_id: Mapped[str] = mapped_column(String(128))
    chat_id: Mapped[str | None] = mapped_column(String(128))
    """The group the question was asked in, when it was not the one-to-one chat; answers go there."""
    display_name: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8), default="th", server_default="th")
    question: Mapped[str] = mapped_column(Text)
    context: Mapped[dict[str, Any]] = mapped_column(JSONDocument)
    tags: Mapped[list[str]] = mapped_column(JSONDocument)
    status: Mapped[str] = mapped_column(String(16), default="open", server_default="open")
    assignee_mentor_id: Mapped[int | None] = mapped_column(ForeignKey("mentors.id", ondelete="SET NULL"))
    answer: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    waiting_since: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    """Since when the ticket waits for a mentor to take it (created, released or reopened): the SLA clock."""
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    coordinator_notified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    mentor_posts: Mapped[dict[str, Any]] = mapped_column(JSONDocument)


class TicketEvent(Base):
    """One change of a ticket: the audit trail (who, when, what, details)."""

    __tablename__ = "ticket_events"
    __table_args__ = (Index("ix_ticket_events_ticket_id_at", "ticket_id", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    detail: Mapped[dict[str, Any]] = mapped_column(JSONDocument)


class OutboxMessage(Base):
    """A message waiting to be delivered (or delivered): written in the same transaction as its cause.

    ``retry_key`` is fixed when the row is written and sent as ``X-Line-Retry-Key`` on every
    attempt, so LINE drops a repeat of a push it already accepted. ``progress`` counts the
    platform calls of this row already accepted, so a retry resumes after them.
    """

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_status_next_attempt_at", "status", "next_attempt_at"),
        Index("ix_outbox_ticket_id", "ticket_id"),
        CheckConstraint(f"channel IN {_in(OUTBOX_CHANNELS)}", name="channel"),
        CheckConstraint(f"purpose IN {_in(OUTBOX_PURPOSES)}", name="purpose"),
        CheckConstraint(f"status IN {_in(OUTBOX_STATUSES)}", name="status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    recipient: Mapped[str] = mapped_column(String(128))
    payload: Mapped[list[dict[str, Any]]] = mapped_column(JSONDocument)
    language: Mapped[str] = mapped_column(String(8), default="th", server_default="th")
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id", ondelete="SET NULL"))
    purpose: Mapped[str] = mapped_column(String(32))
    retry_key: Mapped[str] = mapped_column(String(36), unique=True)
    status: Mapped[str] = mapped_column(String(16), default="pending", server_default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    progress: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    recipients: Mapped[list[str] | None] = mapped_column(JSONDocument, nullable=True)
    """Several recipients of one LINE multicast (session reminders); ``None`` for a row to ``recipient`` alone."""


