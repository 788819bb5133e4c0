"""What every channel's feedback test checks in the database after the conversation: the rating stored with
the question, sources and tier, in the export, and gone after ``/forget``."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from bot.privacy.service import PrivacyService
from bot.storage import Database, open_database
from bot.storage.engagement_models import AnswerFeedback
from bot.storage.models import Ticket

THUMBS = ["👍 ตรงคำถาม", "👎 ไม่ตรง"]
FOLLOW_UP = ["ไม่ตรงคำถาม", "ข้อมูลไม่พอ", "เข้าใจยาก", "ส่งให้พี่เลี้ยง"]


def stored(data_dir: Path) -> Database:
    """A second handle on the server's SQLite database (WAL: reads while the server writes)."""
    return open_database(f"sqlite:///{data_dir / 'nzap.db'}")


def ratings(database: Database) -> list[AnswerFeedback]:
    """Every stored rating."""
    with database.session() as session:
        rows = session.scalars(select(AnswerFeedback).order_by(AnswerFeedback.id)).all()
        session.expunge_all()
        return list(rows)


def ticket_questions(database: Database) -> list[str]:
    """The questions of every ticket, oldest first."""
    with database.session() as session:
        return list(session.scalars(select(Ticket.question).order_by(Ticket.id)))


def exported_feedback(database: Database, channel: str, platform_user_id: str) -> list[dict[str, object]]:
    """The ``feedback`` part of the user's data export."""
    service = PrivacyService(database)
    user_id = service.find(channel, platform_user_id)
    assert user_id is not None
    feedback: list[dict[str, object]] = service.export(user_id)["feedback"]
    return feedback


def rating_count(database: Database) -> int:
    """How many ratings are stored at all."""
    with database.session() as session:
        return int(session.scalar(select(func.count()).select_from(AnswerFeedback)) or 0)
