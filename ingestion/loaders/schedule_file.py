"""The schedule file (``kind: schedule``) as typed sessions, dated or relative to the cohort start.

One parser serves both readers of the file: the indexer (:mod:`ingestion.loaders.yaml_kinds`),
which cannot know a cohort's start date, and the schedule tool of the bot, which can.

A session is dated in one of three ways:

* ``date: 2027-01-07``: an absolute date, for a real cohort whose staff write real dates;
* ``week: 4`` with ``weekday: thursday``: that weekday of the fourth Monday-to-Sunday week,
  week 1 being the week that holds the cohort's start date;
* ``day_offset: 10``: that many days after the start date (``0`` is the start date itself).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped,unused-ignore]

from ingestion.loaders.base import SkipFile
from ingestion.loaders.common import as_int, read_text

_WEEKDAY_NAMES = (
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    ("mon", "tue", "wed", "thu", "fri", "sat", "sun"),
    ("จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์", "อาทิตย์"),
)
WEEKDAYS: dict[str, int] = {name: i for names in _WEEKDAY_NAMES for i, name in enumerate(names)}
"""Weekday names a schedule may use (English, abbreviated English, Thai), to ``date.weekday()``."""


@dataclass(frozen=True)
class Activity:
    """A named activity of the programme (``site_visit``, ``mentoring``, ``demo_day``, ``orientation``)."""

    id: str
    name_th: str
    name_en: str


Day = date
"""``datetime.date`` under a name that a field called ``date`` does not shadow."""


@dataclass(frozen=True)
class ScheduleSession:
    """One entry of ``sessions``; exactly one way of dating it is set (see the module docstring)."""

    week: int | None
    module: int | None
    date: Day | None
    weekday: int | None
    day_offset: int | None
    start: str
    end: str
    format: str
    venue: str
    topic: str
    homework: str
    activity: Activity | None = None

    @property
    def relative(self) -> bool:
        """Dated relative to the cohort start rather than by an absolute date."""
        return self.date is None

    def on(self, cohort_start: Day) -> Day:
        """The session's date in a cohort that starts on ``cohort_start`` (ignored for dated sessions)."""
        if self.date is not None:
            return self.date
        if self.day_offset is not None:
            return cohort_start + timedelta(days=self.day_offset)
        # The parser guarantees week and weekday when neither date nor day_offset is given.
        assert self.week is not None and self.weekday is not None
        monday = cohort_start - timedelta(days=cohort_start.weekday())
        return monday + timedelta(weeks=self.week - 1, days=self.weekday)


@dataclass(frozen=True)
class ScheduleFile:
    """A parsed schedule file."""

    title: str
    notice: str
    example: bool
    """``example: true`` marks the bundled illustrative schedule; answers then say it is an example."""
    sessions: tuple[ScheduleSession, ...]

    @property
    def relative(self) -> bool:
        """At least one session needs the cohort's start date to be dated."""
        return any(s.relative for s in self.sessions)


def text(value: object) -> str:
    """``value`` as one line of text, ``""`` for ``None``."""
    return " ".join(str(value).split()) if value is not None else ""


def iso_date(value: object, where: str) -> date:
    """A date from a YAML date, datetime or ``YYYY-MM-DD`` string; :class:`SkipFile` otherwise."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError as error:
        raise SkipFile(f"{where}: date {value!r} is not an ISO date (YYYY-MM-DD)") from error


def clock_text(value: object) -> str:
    """``HH:MM`` from ``"9:00"``, a ``time``, or the integer YAML 1.1 makes of unquoted ``9:00``."""
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, int) and not isinstance(value, bool):
        # PyYAML reads an unquoted 09:00 as the base-60 number 540.
        return f"{value // 60:02d}:{value % 60:02d}"
    value_text = text(value)
    hours, sep, minutes = value_text.partition(":")
    if sep and hours.isdigit() and minutes.isdigit():
        return f"{int(hours):02d}:{minutes}"
    return value_text


def _activity(value: object, where: str) -> Activity | None:
    if value is None:
        return None
    if isinstance(value, str):
        return Activity(value.strip(), value.strip(), value.strip())
    if isinstance(value, Mapping) and text(value.get("id")):
        ident = text(value.get("id"))
        return Activity(ident, text(value.get("th")) or ident, text(value.get("en")) or ident)
    raise SkipFile(f"{where}: activity must be an id or a mapping with id, th and en")


def _weekday(value: object, where: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 7:
        return value - 1  # ISO numbering: 1 is Monday
    name = text(value).lower().removeprefix("วัน")
    if name in WEEKDAYS:
        return WEEKDAYS[name]
    raise SkipFile(f"{where}: weekday {value!r} is not a weekday name (monday..sunday) or 1..7")


def _session(item: Mapping[str, Any], where: str) -> ScheduleSession:
    week = as_int(item.get("week"))
    day: date | None = None
    weekday: int | None = None
    offset: int | None = None
    if item.get("date") is not None:
        day = iso_date(item.get("date"), where)
    elif item.get("day_offset") is not None:
        offset = as_int(item.get("day_offset"))
        if offset is None or offset < 0:
            raise SkipFile(f"{where}: day_offset must be a whole number of days, 0 or more")
    elif item.get("weekday") is not None and week is not None and week >= 1:
        weekday = _weekday(item.get("weekday"), where)
    else:
        raise SkipFile(f"{where}: missing date (give date, week with weekday, or day_offset)")
    return ScheduleSession(
        week=week,
        module=as_int(item.get("module")),
        date=day,
        weekday=weekday,
        day_offset=offset,
        start=clock_text(item.get("start")),
        end=clock_text(item.get("end")),
        format=text(item.get("format")).lower(),
        venue=text(item.get("venue")),
        topic=text(item.get("topic")),
        homework=text(item.get("homework")),
        activity=_activity(item.get("activity"), where),
    )


def parse_schedule(data: Mapping[str, Any]) -> ScheduleFile:
    """The schedule in ``data`` (a loaded ``kind: schedule`` YAML); :class:`SkipFile` names a bad entry."""
    items = data.get("sessions")
    if not isinstance(items, list) or not items:
        raise SkipFile("schedule YAML without a non-empty 'sessions' list")
    sessions = []
    for number, item in enumerate(items, 1):
        where = f"schedule session {number}"
        if not isinstance(item, Mapping):
            raise SkipFile(f"{where}: not a mapping")
        sessions.append(_session(item, where))
    return ScheduleFile(
        title=text(data.get("title")),
        notice=text(data.get("notice")),
        example=data.get("example") is True,
        sessions=tuple(sessions),
    )


def read_schedule(path: Path) -> ScheduleFile:
    """Read and parse a schedule file; :class:`SkipFile` when it is not a valid ``kind: schedule`` file."""
    try:
        data = yaml.safe_load(read_text(path))
    except yaml.YAMLError as error:
        raise SkipFile(f"invalid YAML: {error}") from error
    if not isinstance(data, Mapping) or str(data.get("kind", "")).strip().lower() != "schedule":
        raise SkipFile("not a schedule file (kind: schedule)")
    return parse_schedule(data)
