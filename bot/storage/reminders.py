"""Who asked for session reminders, and which reminders were already written (the once-only ledger).

:class:`ReminderBook` is the opt-in side (``/remind on|off``, export, erasure); the functions below
work inside the reminder job's transaction (:mod:`bot.reminders.job`): find who still needs a
session's reminder, claim (user, session) pairs, and count the month's LINE pushes for the quota.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from bot.storage.database import Database
from bot.storage.engagement_models import ReminderDelivery, ReminderSubscription
from bot.storage.models import OutboxMessage, User, utcnow

_JOB_LOCK = 0x6E7A6170
"""PostgreSQL advisory lock key of the reminder job ("nzap"): one job writes reminders at a time."""


@dataclass(frozen=True)
class Subscriber:
    """An opted-in user who agreed to the current privacy notice: where and in which language to remind them."""

    user_id: int
    channel: str
    platform_user_id: str
    language: str


class ReminderBook:
    """Opt-in and opt-out of session reminders; each method is one transaction."""

    def __init__(self, database: Database) -> None:
        self._database = database

    def subscribe(self, user_id: int, at: datetime | None = None) -> bool:
        """Opt the user in; False when they already were."""
        with self._database.session() as session:
            if session.get(ReminderSubscription, user_id) is not None:
                return False
            session.add(ReminderSubscription(user_id=user_id, opted_in_at=at or utcnow()))
            return True

    def unsubscribe(self, user_id: int) -> bool:
        """Opt the user out; False when they were not in."""
        with self._database.session() as session:
            return (
                _rows(session.execute(delete(ReminderSubscription).where(ReminderSubscription.user_id == user_id))) > 0
            )

    def subscribed(self, user_id: int) -> bool:
        """Whether the user gets reminders."""
        with self._database.session() as session:
            return session.get(ReminderSubscription, user_id) is not None


def export_reminders(session: Session, user_id: int) -> dict[str, Any]:
    """What ``/mydata`` shows of reminders: the opt-in and the sessions reminded of."""
    subscription = session.get(ReminderSubscription, user_id)
    sent = session.scalars(
        select(ReminderDelivery).where(ReminderDelivery.user_id == user_id).order_by(ReminderDelivery.id)
    ).all()
    return {
        "opted_in": subscription is not None,
        "opted_in_at": subscription.opted_in_at.isoformat() if subscription is not None else None,
        "sent": [{"session": d.session_key, "at": d.created_at.isoformat()} for d in sent],
    }


def erase_reminders(session: Session, user_id: int, platform_user_id: str) -> int:
    """Delete the opt-in and the ledger, and take the user out of LINE multicast rows; rows changed."""
    changed = _rows(session.execute(delete(ReminderSubscription).where(ReminderSubscription.user_id == user_id)))
    changed += _rows(session.execute(delete(ReminderDelivery).where(ReminderDelivery.user_id == user_id)))
    multicasts = session.scalars(select(OutboxMessage).where(OutboxMessage.recipients.is_not(None))).all()
    for row in multicasts:
        if platform_user_id in (row.recipients or []):
            remaining = [r for r in (row.recipients or []) if r != platform_user_id]
            if not remaining and row.status == "pending":
                session.delete(row)
            else:
                row.recipients = remaining
            changed += 1
    return changed


def purge_reminders(session: Session, cutoff: datetime) -> int:
    """Delete the ledger rows of reminders written before ``cutoff`` (the retention period); how many."""
    return _rows(session.execute(delete(ReminderDelivery).where(ReminderDelivery.created_at < cutoff)))


def lock_job(session: Session) -> None:
    """Let one reminder job at a time write (PostgreSQL advisory lock; SQLite's BEGIN IMMEDIATE already does)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _JOB_LOCK})


def waiting_subscribers(session: Session, session_key: str, consent_version: str) -> list[Subscriber]:
    """Opted-in users with current consent who have not been reminded of ``session_key`` yet."""
    reminded = select(ReminderDelivery.user_id).where(ReminderDelivery.session_key == session_key)
    rows = session.execute(
        select(User.id, User.channel, User.platform_user_id, User.language)
        .join(ReminderSubscription, ReminderSubscription.user_id == User.id)
        .where(
            User.consent_status == "given",
            User.consent_version == consent_version,
            User.id.not_in(reminded),
        )
        .order_by(User.id)
    ).all()
    return [Subscriber(int(r[0]), str(r[1]), str(r[2]), str(r[3])) for r in rows]


def claim(session: Session, user_id: int, session_key: str, channel: str, now: datetime) -> bool:
    """Claim the reminder of ``session_key`` for the user; False when another job already wrote it."""
    values = {"user_id": user_id, "session_key": session_key, "channel": channel, "created_at": now}
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    statement = (
        insert(ReminderDelivery)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["user_id", "session_key"])
        .returning(ReminderDelivery.id)
    )
    # RETURNING rather than the row count: the ORM's insert path does not report one on every driver.
    return session.execute(statement).scalar() is not None


def link_outbox(session: Session, user_ids: list[int], session_key: str, outbox_id: int) -> None:
    """Remember which outbox row carries these users' reminder."""
    for delivery in session.scalars(
        select(ReminderDelivery).where(
            ReminderDelivery.session_key == session_key, ReminderDelivery.user_id.in_(user_ids)
        )
    ):
        delivery.outbox_id = outbox_id


def line_pushes_since(session: Session, since: datetime) -> int:
    """LINE messages counted against the monthly quota since ``since``: one per reminded user (a multicast
    counts each recipient) and one per other outbox row to LINE (mentor answers, ticket posts, queued replies)."""
    reminders = session.scalar(
        select(func.count())
        .select_from(ReminderDelivery)
        .where(ReminderDelivery.channel == "line", ReminderDelivery.created_at >= since)
    )
    others = session.scalar(
        select(func.count())
        .select_from(OutboxMessage)
        .where(OutboxMessage.channel == "line", OutboxMessage.purpose != "reminder", OutboxMessage.created_at >= since)
    )
    return int(reminders or 0) + int(others or 0)


def _rows(result: Any) -> int:
    return int(result.rowcount)
