"""The schedule tool: this week's and next week's topic, dates, times and venues, homework, weeks left.

Dates are computed, not retrieved: a session written relative to the cohort start (week 4,
Thursday) gets its date from the start date, and every answer is worded relative to today in
Thai time, with Buddhist-Era dates. ``parse_schedule_question`` turns a message into a
:class:`ScheduleQuery`; :meth:`CohortSchedule.answer` turns that into a short answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone, tzinfo
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.conversation.tools.schedule_compose import Cohort, Composer, Dated, ScheduleAnswer
from bot.conversation.tools.schedule_questions import Aspect, ScheduleQuery, parse_schedule_question
from ingestion.loaders.schedule_file import ScheduleFile

__all__ = [
    "Aspect",
    "Clock",
    "CohortSchedule",
    "FixedClock",
    "ScheduleAnswer",
    "ScheduleQuery",
    "SystemClock",
    "demo_cohort_start",
    "parse_schedule_question",
]

THAI_TIME = timezone(timedelta(hours=7), "ICT")
"""Thailand's time: UTC+7 all year (no daylight saving), used when no zone database is installed."""

DEMO_EPOCH = date(2026, 11, 2)
"""A Monday: the first rolling demo cohort of the example schedule starts here."""
DEMO_CYCLE = timedelta(weeks=13)
"""A demo cohort's 12 weeks of sessions and one week of break before the next one."""


class Clock(Protocol):
    """Says what day it is; the schedule never reads the system clock itself, so tests can freeze it."""

    def today(self) -> date:
        """Today's date where the programme runs."""
        ...


@dataclass(frozen=True)
class FixedClock:
    """A clock stopped on one day (tests, benchmarks, replaying a conversation)."""

    day: date

    def today(self) -> date:
        """The fixed day."""
        return self.day


@dataclass(frozen=True)
class SystemClock:
    """The system clock read in a time zone (Thai time by default)."""

    zone: tzinfo = field(default=THAI_TIME)

    @classmethod
    def named(cls, name: str = "Asia/Bangkok") -> SystemClock:
        """The clock of the IANA zone ``name``; Asia/Bangkok works even without a zone database."""
        try:
            return cls(ZoneInfo(name))
        except ZoneInfoNotFoundError:
            # Slim container images may ship without tzdata; Thai time is a fixed offset anyway.
            if name == "Asia/Bangkok":
                return cls(THAI_TIME)
            raise

    def today(self) -> date:
        """Today's date in the zone."""
        return datetime.now(self.zone).date()


def demo_cohort_start(today: date, schedule: ScheduleFile) -> date:
    """The start of the rolling demo cohort shown on ``today`` (used when no start date is set).

    The example schedule must never be in the past, yet what it says about a date must stay true
    tomorrow; so demo cohorts follow one another every 13 weeks from a fixed Monday, and ``today``
    falls within one. Once that cohort's last session is over (its 13th week is a break), the next
    cohort is shown, about to start.
    """
    start = DEMO_EPOCH + (today - DEMO_EPOCH).days // DEMO_CYCLE.days * DEMO_CYCLE
    if max(s.on(start) for s in schedule.sessions) < today:
        start += DEMO_CYCLE
    return start


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


class CohortSchedule:
    """One cohort's schedule: the parsed schedule file, dated from the cohort's start date."""

    def __init__(self, schedule: ScheduleFile, start_date: date | None = None, clock: Clock | None = None) -> None:
        """Date ``schedule`` from ``start_date``; without one, real dates or (example only) the demo cohort.

        Raises ``ValueError`` for a real schedule with relative sessions and no start date, so that
        a missing setting stops start-up rather than inventing dates.
        """
        if schedule.relative and start_date is None and not schedule.example:
            raise ValueError(
                "the schedule gives sessions relative to the cohort start: set NZAP_COHORT__START_DATE (YYYY-MM-DD)"
            )
        self.schedule = schedule
        self.start_date = start_date
        self.clock: Clock = clock or SystemClock()

    def cohort_start(self, today: date) -> date | None:
        """The start date in use on ``today`` (``None`` for a schedule of real dates only)."""
        if self.start_date is not None or not self.schedule.relative:
            return self.start_date
        return demo_cohort_start(today, self.schedule)

    def cohort(self, today: date) -> Cohort:
        """The cohort as of ``today``: every session with its date and programme week, in date order."""
        start = self.cohort_start(today)
        days = [(s.on(start) if start else s.date, s) for s in self.schedule.sessions]
        dated = [(day, s) for day, s in days if day is not None]
        if start is not None:
            week_one = _monday(start)
        else:
            # Real dates only: week 1 is the week of the earliest session, shifted by its own week number.
            first_day, first = min(dated, key=lambda pair: pair[0])
            week_one = _monday(first_day) - timedelta(weeks=(first.week or 1) - 1)
        sessions = sorted(
            (Dated(day, s.week or (day - week_one).days // 7 + 1, s) for day, s in dated),
            key=lambda d: (d.day, d.session.start),
        )
        return Cohort(sessions, week_one)

    def answer(self, query: ScheduleQuery) -> ScheduleAnswer:
        """The answer to ``query`` as of the clock's today, in Thai and English."""
        today = self.clock.today()
        return Composer(self.cohort(today), today, self.schedule.example).answer(query)

    def answer_text(self, text: str) -> ScheduleAnswer | None:
        """:meth:`answer` for a message, or ``None`` when the message is not a schedule question."""
        query = parse_schedule_question(text)
        return self.answer(query) if query is not None else None
