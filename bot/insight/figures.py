"""The staff report's figures, computed in the database from what is stored.

Questions are the users' messages; each course answer carries its coverage tier
(``messages.coverage``); ratings are in ``answer_feedback``; mentors' work is in ``tickets`` and
the ``saved_as_faq`` events of their audit trail. Days are Bangkok days (UTC+7), the
programme's. Every query is one aggregate or one indexed range scan, so the report stays fast
over a whole cohort's history.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session, aliased

from bot.mentoring.analytics import Durations
from bot.mentoring.tickets import EventAction
from bot.storage.database import Database
from bot.storage.engagement_models import AnswerFeedback
from bot.storage.models import Conversation, Mentor, Message, Ticket, TicketEvent, User

BANGKOK = timedelta(hours=7)
COVERAGE_TIERS = ("answered", "partial", "not_covered")


@dataclass(frozen=True)
class AskedQuestion:
    """A question the report groups into topics: as the user typed it, and the answer it got."""

    answer_id: int
    """The assistant message that answered it (the id its vector and any rating are kept under)."""
    text: str
    channel: str
    at: datetime
    why: str
    """``not_covered`` (the course had no answer), ``partial`` or ``disliked`` (rated 👎)."""


@dataclass(frozen=True)
class MentorFigures:
    """One mentor's tickets in the period: how many they answered and how fast."""

    name: str
    claimed: int
    answered: int
    time_to_claim: Durations
    time_to_answer: Durations


@dataclass(frozen=True)
class FaqFromTicket:
    """A mentor's answer saved as a curated FAQ entry: the question it answered and where it went."""

    question: str
    path: str
    at: datetime


def bangkok_day(at: datetime) -> date:
    """The programme's calendar day of ``at`` (UTC+7, no daylight saving)."""
    return (at + BANGKOK).date()


def _local_day(session: Session, column: Any) -> ColumnElement[Any]:
    """``column`` as a Bangkok calendar day, in the database's own date arithmetic."""
    if session.get_bind().dialect.name == "postgresql":
        return func.date(func.timezone("Asia/Bangkok", column))
    return func.date(column, "+7 hours")


def questions_per_day(database: Database, since: datetime) -> dict[date, dict[str, int]]:
    """Questions asked since ``since``, per Bangkok day and channel."""
    with database.session() as session:
        day = _local_day(session, Message.created_at).label("day")
        rows = session.execute(
            select(day, User.channel, func.count())
            .select_from(Message)
            .join(Conversation, Conversation.id == Message.conversation_id)
            .join(User, User.id == Conversation.user_id)
            .where(Message.role == "user", Message.created_at >= since)
            .group_by(day, User.channel)
        ).all()
    per_day: dict[date, dict[str, int]] = defaultdict(dict)
    for value, channel, count in rows:
        per_day[value if isinstance(value, date) else date.fromisoformat(str(value))][channel] = count
    return dict(sorted(per_day.items()))


def coverage_counts(database: Database, since: datetime) -> dict[str, int]:
    """Course answers since ``since`` per coverage tier (answered, partial, not covered)."""
    with database.session() as session:
        rows = session.execute(
            select(Message.coverage, func.count())
            .where(Message.role == "assistant", Message.coverage.is_not(None), Message.created_at >= since)
            .group_by(Message.coverage)
        ).all()
    counts = dict.fromkeys(COVERAGE_TIERS, 0)
    counts.update({tier: count for tier, count in rows if tier in counts})
    return counts


def feedback_counts(database: Database, since: datetime) -> tuple[dict[str, int], dict[str, int]]:
    """Ratings given since ``since`` (``up``/``down``) and the reasons given with the 👎."""
    with database.session() as session:
        rows = session.execute(
            select(AnswerFeedback.rating, AnswerFeedback.reason, func.count())
            .where(AnswerFeedback.created_at >= since)
            .group_by(AnswerFeedback.rating, AnswerFeedback.reason)
        ).all()
    ratings: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    for rating, reason, count in rows:
        ratings[rating] += count
        if reason:
            reasons[reason] += count
    return {"up": ratings["up"], "down": ratings["down"]}, dict(reasons.most_common())


def struggled_questions(database: Database, since: datetime, limit: int) -> list[AskedQuestion]:
    """The latest ``limit`` questions since ``since`` the course did not cover (or only partly), or users rated 👎.

    The latest ``limit`` such answers are picked first (a range scan of the time index), and only
    for them is the question found: the user's last message before the answer in its conversation,
    one probe of ``ix_messages_conversation_id_role_id`` each. (Finding it in the join condition
    made PostgreSQL test every pair of messages: over 50 s with 100,000 questions.)
    """
    answer = aliased(Message)
    earlier = aliased(Message)
    question = aliased(Message)
    asked_before = (
        select(func.max(earlier.id))
        .where(earlier.conversation_id == answer.conversation_id, earlier.role == "user", earlier.id < answer.id)
        .correlate(answer)
        .scalar_subquery()
    )
    latest = (
        select(
            answer.id.label("answer_id"),
            answer.conversation_id,
            answer.created_at,
            answer.coverage,
            asked_before.label("question_id"),
        )
        .where(
            answer.role == "assistant",
            answer.created_at >= since,
            answer.coverage.in_(("not_covered", "partial")),
        )
        .order_by(answer.created_at.desc())
        .limit(limit)
        .subquery()
    )
    with database.session() as session:
        rows = session.execute(
            select(latest.c.answer_id, question.text, User.channel, question.created_at, latest.c.coverage)
            .select_from(latest)
            .join(question, question.id == latest.c.question_id)
            .join(Conversation, Conversation.id == latest.c.conversation_id)
            .join(User, User.id == Conversation.user_id)
            .order_by(latest.c.created_at.desc())
        ).all()
        disliked = session.execute(
            select(
                AnswerFeedback.message_id, AnswerFeedback.question, AnswerFeedback.channel, AnswerFeedback.created_at
            )
            .where(AnswerFeedback.rating == "down", AnswerFeedback.created_at >= since)
            .order_by(AnswerFeedback.created_at.desc())
            .limit(limit)
        ).all()
    found = {r[0]: AskedQuestion(r[0], r[1], r[2], r[3], r[4] or "not_covered") for r in rows}
    for answer_id, text, channel, at in disliked:
        found[answer_id] = AskedQuestion(answer_id, text, channel, at, "disliked")
    return [q for q in found.values() if q.text.strip()]


def mentor_figures(database: Database, since: datetime) -> list[MentorFigures]:
    """Per mentor, the tickets created since ``since`` they claimed and answered, and how fast (most answered first)."""
    with database.session() as session:
        rows = session.execute(
            select(Mentor.name, Ticket.created_at, Ticket.claimed_at, Ticket.answered_at)
            .join(Mentor, Mentor.id == Ticket.assignee_mentor_id)
            .where(Ticket.created_at >= since)
        ).all()
    claims: dict[str, list[float]] = defaultdict(list)
    answers: dict[str, list[float]] = defaultdict(list)
    for name, created, claimed, answered in rows:
        claims[name].append(((claimed or answered or created) - created).total_seconds())
        if answered is not None:
            answers[name].append((answered - created).total_seconds())
    figures = [
        MentorFigures(
            name, len(claims[name]), len(answers[name]), Durations.of(claims[name]), Durations.of(answers[name])
        )
        for name in claims
    ]
    return sorted(figures, key=lambda f: (-f.answered, f.name))


def faq_from_tickets(database: Database, since: datetime) -> list[FaqFromTicket]:
    """Questions whose mentor answer was saved as a curated FAQ entry since ``since``, newest first."""
    with database.session() as session:
        rows = session.execute(
            select(Ticket.question, TicketEvent.detail, TicketEvent.at)
            .join(Ticket, and_(Ticket.id == TicketEvent.ticket_id))
            .where(TicketEvent.action == EventAction.SAVED_AS_FAQ.value, TicketEvent.at >= since)
            .order_by(TicketEvent.at.desc())
        ).all()
    return [FaqFromTicket(question, str((detail or {}).get("path", "")), at) for question, detail, at in rows]
