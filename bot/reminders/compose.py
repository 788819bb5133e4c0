"""Which sessions are due for a reminder, and the reminder's text (Thai first, Buddhist-Era dates).

A reminder goes out the day before a session and carries its topic, time, venue and the homework
to bring: the homework of the latest earlier session that set one (homework is set at a session
and due at the next). A session is named by a stable key (date, start time, module or activity), so
a reminder is written once per user and session whatever runs the job, and a session that is moved
to another day is reminded of again on its new eve.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from bot.conversation.tools.schedule import CohortSchedule
from bot.conversation.tools.schedule_compose import Dated
from bot.conversation.tools.schedule_text import long_date
from bot.i18n import message_from
from bot.i18n.reminders import text
from bot.i18n.schedule import MESSAGES as SCHEDULE_MESSAGES


@dataclass(frozen=True)
class DueSession:
    """A session tomorrow, with the homework due at it and its key."""

    key: str
    dated: Dated
    homework: str
    example: bool
    """The schedule is the bundled illustration: the reminder says so."""

    def message(self, language: str) -> str:
        """The reminder in ``language``."""
        s = self.dated.session
        lines = [text("reminder.title", language, date=long_date(self.dated.day)(language))]
        if s.activity is not None:
            lines.append(
                text(
                    "reminder.activity",
                    language,
                    activity=s.activity.name_en if language == "en" else s.activity.name_th,
                )
            )
        if s.topic:
            lines.append(text("reminder.topic", language, topic=s.topic))
        if s.start and s.end:
            lines.append(text("reminder.time", language, start=s.start, end=s.end))
        venue = s.venue or message_from(
            SCHEDULE_MESSAGES, "venue.online_only" if s.format == "online" else "venue.unknown", language
        )
        lines.append(text("reminder.venue", language, venue=venue))
        if self.homework:
            lines.append(text("reminder.homework", language, homework=self.homework))
        if self.example:
            lines.append(message_from(SCHEDULE_MESSAGES, "example", language))
        lines.append(text("reminder.footer", language))
        return "\n".join(lines)


def session_key(dated: Dated) -> str:
    """``2026-12-09T09:00/m3``: the session's date, start time and module (or activity)."""
    s = dated.session
    what = f"m{s.module}" if s.module is not None else (s.activity.id if s.activity else f"w{dated.week}")
    return f"{dated.day.isoformat()}T{s.start or '00:00'}/{what}"[:64]


def due_sessions(schedule: CohortSchedule, today: date) -> list[DueSession]:
    """The sessions on the day after ``today`` (in the cohort's calendar), each with its homework."""
    sessions = schedule.cohort(today).sessions
    tomorrow = today + timedelta(days=1)
    return [
        DueSession(session_key(d), d, _homework_due(sessions, tomorrow), schedule.schedule.example)
        for d in sessions
        if d.day == tomorrow
    ]


def _homework_due(sessions: Sequence[Dated], day: date) -> str:
    """The homework of the latest session before ``day`` that set one ("" when none did)."""
    earlier = [d for d in sessions if d.day < day and d.session.homework]
    return earlier[-1].session.homework if earlier else ""
