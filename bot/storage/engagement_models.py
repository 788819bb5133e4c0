"""Tables of what users keep or receive beside the conversation: their carbon footprint, session
reminders, feedback on answers, and the kept question embeddings of the staff report. All are personal
data or go with it (cascades from users and messages); models.py re-exports them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, Float, ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.models import Base, JSONDocument, UTCDateTime, _in, utcnow


class FootprintEntry(Base):
    """One activity of a user's carbon footprint, annualised: the latest figure they gave for it.

    ``source`` says which activity it is (``grid_electricity``, ``diesel:mobile``): a later figure
    for the same source replaces the earlier one. Names and the factor's year and source are kept
    as computed, so the footprint reads the same after the course's factor file changes.
    """

    __tablename__ = "footprint_entries"
    __table_args__ = (
        UniqueConstraint("user_id", "source"),
        Index("ix_footprint_entries_updated_at", "updated_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    source: Mapped[str] = mapped_column(String(64))
    factor_id: Mapped[str] = mapped_column(String(64))
    name_th: Mapped[str] = mapped_column(Text)
    name_en: Mapped[str] = mapped_column(Text)
    amount: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(16))
    period: Mapped[str] = mapped_column(String(16))
    kgco2e_per_year: Mapped[float] = mapped_column(Float)
    scope: Mapped[int] = mapped_column(Integer)
    factor_year: Mapped[int] = mapped_column(Integer)
    factor_source: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ReminderSubscription(Base):
    """A user who asked to be reminded the day before each session (``/remind on``): personal data."""

    __tablename__ = "reminder_subscriptions"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    opted_in_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ReminderDelivery(Base):
    """One session reminder written to the outbox for one user: the key that makes it go out once.

    ``session_key`` names the session (its date, time and module); the unique pair (user, session)
    is claimed in the transaction that writes the outbox row, so two reminder jobs running at once
    never remind anyone twice.
    """

    __tablename__ = "reminder_deliveries"
    __table_args__ = (
        UniqueConstraint("user_id", "session_key"),
        Index("ix_reminder_deliveries_channel_created_at", "channel", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    session_key: Mapped[str] = mapped_column(String(64))
    channel: Mapped[str] = mapped_column(String(16))
    outbox_id: Mapped[int | None] = mapped_column(ForeignKey("outbox.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


FEEDBACK_RATINGS = ("up", "down")
FEEDBACK_REASONS = ("off_topic", "not_enough", "unclear")


class AnswerFeedback(Base):
    """A user's 👍 or 👎 on one answer (the assistant message), with why, and what was rated.

    The question, the answer's sources and its coverage tier are copied in, so that the staff's
    figures read the same after retention or a reset ends the conversation; the row goes with the
    answer (cascade), so erasure and retention take it too.
    """

    __tablename__ = "answer_feedback"
    __table_args__ = (
        Index("ix_answer_feedback_created_at", "created_at"),
        Index("ix_answer_feedback_user_id", "user_id"),
        CheckConstraint(f"rating IN {_in(FEEDBACK_RATINGS)}", name="rating"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("messages.id", ondelete="CASCADE"), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    channel: Mapped[str] = mapped_column(String(32))
    rating: Mapped[str] = mapped_column(String(8))
    reason: Mapped[str | None] = mapped_column(String(32))
    question: Mapped[str] = mapped_column(Text)
    citations: Mapped[list[dict[str, Any]]] = mapped_column(JSONDocument)
    coverage: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class QuestionVector(Base):
    """A user question's embedding, computed once for the staff report's topics and kept with the message.

    Keyed by the message (cascade), so a question's vector goes when the question does.
    """

    __tablename__ = "question_vectors"

    message_id: Mapped[int] = mapped_column(ForeignKey("messages.id", ondelete="CASCADE"), primary_key=True)
    embedder: Mapped[str] = mapped_column(String(128))
    vector: Mapped[bytes] = mapped_column(LargeBinary)
