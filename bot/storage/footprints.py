"""A user's kept carbon footprint: one annualised entry per activity, the latest figure winning."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.storage.database import Database
from bot.storage.engagement_models import FootprintEntry
from bot.storage.models import utcnow


@dataclass(frozen=True)
class KeptActivity:
    """One activity's figure as the footprint keeps it, per year.

    ``source`` identifies the activity within one user's footprint (``grid_electricity``,
    ``diesel:mobile``); ``amount``, ``unit`` and ``period`` are what the user gave.
    """

    source: str
    factor_id: str
    name_th: str
    name_en: str
    amount: float
    unit: str
    period: str
    kgco2e_per_year: float
    scope: int
    factor_year: int
    factor_source: str


@dataclass(frozen=True)
class FootprintEntryRecord:
    """A kept activity with when it was first added and last replaced."""

    activity: KeptActivity
    created_at: datetime
    updated_at: datetime


class FootprintRepository:
    """The ``footprint_entries`` table; every method is one transaction and returns frozen records."""

    def __init__(self, database: Database) -> None:
        self._database = database

    def keep(self, user_id: int, activities: Sequence[KeptActivity]) -> None:
        """Add each activity to the user's footprint, replacing the earlier figure of the same source."""
        now = utcnow()
        with self._database.session() as session:
            for activity in activities:
                _upsert(session, user_id, activity, now)

    def entries(self, user_id: int) -> list[FootprintEntryRecord]:
        """The user's footprint, in the order the activities were first added."""
        with self._database.session() as session:
            rows = session.scalars(
                select(FootprintEntry)
                .where(FootprintEntry.user_id == user_id)
                .order_by(FootprintEntry.created_at, FootprintEntry.id)
            ).all()
            return [_record(row) for row in rows]

    def clear(self, user_id: int) -> list[FootprintEntryRecord]:
        """Empty the user's footprint; returns what was removed."""
        with self._database.session() as session:
            rows = session.scalars(
                select(FootprintEntry)
                .where(FootprintEntry.user_id == user_id)
                .order_by(FootprintEntry.created_at, FootprintEntry.id)
            ).all()
            removed = [_record(row) for row in rows]
            session.execute(delete(FootprintEntry).where(FootprintEntry.user_id == user_id))
            return removed


def _upsert(session: Session, user_id: int, activity: KeptActivity, now: datetime) -> None:
    query = select(FootprintEntry).where(FootprintEntry.user_id == user_id, FootprintEntry.source == activity.source)
    row = session.scalars(query).one_or_none()
    if row is None:
        row = FootprintEntry(user_id=user_id, source=activity.source, created_at=now)
        try:
            with session.begin_nested():
                _fill(row, activity, now)
                session.add(row)
        except IntegrityError:
            # Another worker added the same source between our select and insert: replace theirs.
            row = session.scalars(query).one()
    _fill(row, activity, now)


def _fill(row: FootprintEntry, activity: KeptActivity, now: datetime) -> None:
    row.factor_id, row.name_th, row.name_en = activity.factor_id, activity.name_th, activity.name_en
    row.amount, row.unit, row.period = activity.amount, activity.unit, activity.period
    row.kgco2e_per_year, row.scope = activity.kgco2e_per_year, activity.scope
    row.factor_year, row.factor_source = activity.factor_year, activity.factor_source
    row.updated_at = now


def _record(row: FootprintEntry) -> FootprintEntryRecord:
    activity = KeptActivity(
        source=row.source,
        factor_id=row.factor_id,
        name_th=row.name_th,
        name_en=row.name_en,
        amount=row.amount,
        unit=row.unit,
        period=row.period,
        kgco2e_per_year=row.kgco2e_per_year,
        scope=row.scope,
        factor_year=row.factor_year,
        factor_source=row.factor_source,
    )
    return FootprintEntryRecord(activity, row.created_at, row.updated_at)
