"""The settings sections of the programme's calendar and the staff's insight: the cohort, session
reminders, feedback and the report. Part of the one :class:`bot.settings.Settings` tree.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, Field, field_validator


class InsightSettings(BaseModel):
    """Feedback on answers and the staff report (``nzap report``) with its weekly digest to the mentor groups."""

    feedback_buttons: bool = Field(True, description="put 👍 / 👎 under answered and partly answered questions")
    report_days: int = Field(7, description="days the report and the weekly digest cover by default")
    max_topics: int = Field(10, description="unanswered topics the report shows")
    topic_similarity: float = Field(
        0.05, description="how alike questions must be to share a topic (average centred cosine; higher: more topics)"
    )
    max_questions: int = Field(5000, description="latest unanswered or disliked questions the report groups")
    weekly_digest: bool = Field(False, description="post the report's summary to the mentor groups once a week")
    digest_weekday: int = Field(0, ge=0, le=6, description="day of the weekly digest (0 Monday .. 6 Sunday, Bangkok)")
    digest_hour: int = Field(9, ge=0, le=23, description="hour of the weekly digest (Bangkok time)")


class CohortSettings(BaseModel):
    """The cohort the schedule tool speaks about: when it starts, and whose calendar says what "today" is."""

    start_date: date | None = Field(
        None,
        description="first day of the cohort (YYYY-MM-DD); schedule sessions written as week + weekday or "
        "day_offset count from it (week 1 is the Monday-to-Sunday week holding it); sessions with a real date "
        "ignore it. Unset: the bundled example schedule runs as a rolling demo cohort, a new one every 13 weeks "
        "(12 of sessions, 1 of break) from Monday 2026-11-02, the next one shown once the last session of the "
        "current one is over; so the demo is never in the past and what it says about a date stays true from one "
        "day to the next. A real schedule with relative sessions refuses to start without it",
    )
    timezone: str = Field(
        "Asia/Bangkok", description="IANA time zone that decides the date of 'today' for schedule answers"
    )
    course_dir: Path | None = Field(
        None,
        description="the course folder whose emission_factors.yaml and schedule.yaml the calculators and the "
        "schedule tool read (the same folder you ingest); unset: the bundled sample course",
    )

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, name: str) -> str:
        # A typo must stop start-up, not shift every date by hours. Asia/Bangkok needs no zone database
        # (the schedule tool falls back to a fixed UTC+7, Thailand having no daylight saving).
        if name != "Asia/Bangkok":
            try:
                ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError) as error:
                raise ValueError(f"unknown time zone {name!r} (an IANA name such as Asia/Bangkok)") from error
        return name


class RemindersSettings(BaseModel):
    """Session reminders: the day before each session, opted-in users get its topic, time, venue and homework."""

    send_hour: int = Field(
        9, ge=0, le=23, description="reminders of tomorrow's sessions go out from this hour on (cohort time zone)"
    )
    check_every_minutes: float = Field(
        5,
        ge=0,
        description="how often each worker process (nzap worker, or nzap serve without a queue) runs the reminder "
        "job; 0: never (run `nzap remind run` from cron instead). Safe with several workers: each reminder is "
        "written once",
    )
    line_monthly_quota: int = Field(
        300,
        ge=0,
        description="LINE messages your plan allows a month (push and multicast; each recipient counts); "
        "the free Thai plan allows 300",
    )
    line_quota_reserve: int = Field(
        30,
        ge=0,
        description="LINE messages kept back each month for mentor answers and ticket posts: reminders stop "
        "(logged, metric nzap_reminders_quota_held_back) when only this many are left",
    )
    telegram_per_second: float = Field(
        20, gt=0, description="Telegram reminders are spaced to this many a second (Telegram allows about 30)"
    )
