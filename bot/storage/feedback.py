"""Reading and writing users' 👍/👎 on answers (``answer_feedback``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.storage.database import Database
from bot.storage.engagement_models import FEEDBACK_RATINGS, FEEDBACK_REASONS, AnswerFeedback
from bot.storage.models import Conversation, Message, User, utcnow


@dataclass(frozen=True)
class FeedbackRecord:
    """One user's rating of one answer, as stored."""

    message_id: int
    rating: str
    reason: str | None
    question: str
    coverage: str | None
    citations: tuple[dict[str, Any], ...]
    created_at: datetime


class FeedbackRepository:
    """Stores ratings; every method is one transaction and checks that the answer is the user's own."""

    def __init__(self, database: Database) -> None:
        self._database = database

    def rate(self, user_id: int, message_id: int, rating: str) -> FeedbackRecord | None:
        """Record ``rating`` (``up``/``down``) on the answer ``message_id``; ``None`` when it is not the user's answer.

        Rating the same answer again replaces the earlier rating (and its reason): the latest press counts.
        """
        if rating not in FEEDBACK_RATINGS:
            raise ValueError(f"unknown rating {rating!r}; expected one of {FEEDBACK_RATINGS}")
        now = utcnow()
        with self._database.session() as session:
            answer = _own_answer(session, user_id, message_id)
            if answer is None:
                return None
            row = session.scalar(select(AnswerFeedback).where(AnswerFeedback.message_id == message_id))
            if row is None:
                channel = session.scalar(select(User.channel).where(User.id == user_id)) or ""
                row = AnswerFeedback(
                    message_id=message_id,
                    user_id=user_id,
                    channel=channel,
                    question=_question_of(session, answer) or "",
                    citations=list(answer.citations or []),
                    coverage=answer.coverage,
                    created_at=now,
                )
                session.add(row)
            row.rating, row.reason, row.updated_at = rating, None, now
            session.flush()
            return _record(row)

    def explain(self, user_id: int, message_id: int, reason: str) -> FeedbackRecord | None:
        """Add why the user disliked the answer; ``None`` when they have not rated it 👎 (or it is not theirs)."""
        if reason not in FEEDBACK_REASONS:
            raise ValueError(f"unknown reason {reason!r}; expected one of {FEEDBACK_REASONS}")
        with self._database.session() as session:
            row = session.scalar(
                select(AnswerFeedback).where(AnswerFeedback.message_id == message_id, AnswerFeedback.user_id == user_id)
            )
            if row is None or row.rating != "down":
                return None
            row.reason, row.updated_at = reason, utcnow()
            session.flush()
            return _record(row)

    def question_of(self, user_id: int, message_id: int) -> str | None:
        """The question the answer ``message_id`` replied to, when it is the user's answer."""
        with self._database.session() as session:
            answer = _own_answer(session, user_id, message_id)
            return None if answer is None else _question_of(session, answer)


def _own_answer(session: Session, user_id: int, message_id: int) -> Message | None:
    """The assistant message ``message_id`` when it belongs to one of the user's conversations."""
    return session.scalar(
        select(Message)
        .join(Conversation, Conversation.id == Message.conversation_id)
        .where(Message.id == message_id, Message.role == "assistant", Conversation.user_id == user_id)
    )


def _question_of(session: Session, answer: Message) -> str | None:
    """The user's message just before ``answer`` in its conversation: the question it answered."""
    return session.scalar(
        select(Message.text)
        .where(Message.conversation_id == answer.conversation_id, Message.role == "user", Message.id < answer.id)
        .order_by(Message.id.desc())
        .limit(1)
    )


def _record(row: AnswerFeedback) -> FeedbackRecord:
    return FeedbackRecord(
        row.message_id, row.rating, row.reason, row.question, row.coverage, tuple(row.citations or []), row.created_at
    )
