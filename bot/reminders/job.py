"""The reminder job: writes tomorrow's session reminders to the outbox, once per user and session.

Run it as often as you like, from several processes at once: ``nzap remind run`` (cron, every
few minutes) and the periodic task of every worker process (:class:`ReminderWorker`). One run, in
one transaction per session:

1. takes the job lock (PostgreSQL advisory lock; SQLite lets one writer in at a time anyway), so
   two runs do not both count the LINE quota as free;
2. finds the opted-in users who agreed to the current privacy notice and were not reminded of the
   session yet, and claims each (user, session) pair in ``reminder_deliveries`` (unique: a pair
   another run claimed is skipped);
3. writes the outbox rows in the same transaction: the relay delivers them like mentor answers,
   with retries, and a LINE row keeps its ``X-Line-Retry-Key``. LINE users who share a language
   get one multicast per 500; Telegram rows are spaced to ``telegram_per_second`` (the relay's
   rate limiter keeps the per-chat pace); web chat rows wait for the page to collect them.

LINE quota: every push and multicast recipient counts against the plan's monthly messages. A run
counts what went out this month (reminders claimed plus other LINE outbox rows), and writes LINE
reminders only while more than ``line_quota_reserve`` would be left; the rest are held back with a
warning log line and ``nzap_reminders_quota_held_back``. Held-back users are tried again by the next
run (the quota might have been raised), until the session's eve is over.
"""

from __future__ import annotations

import logging
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo

from sqlalchemy.orm import Session

from bot.conversation.tools.schedule import THAI_TIME, CohortSchedule
from bot.mentoring.outbox import Outbox
from bot.observability.reminder_metrics import count_reminders, held_back, line_quota
from bot.privacy import NOTICE_VERSION
from bot.reminders.compose import DueSession, due_sessions
from bot.storage import Database
from bot.storage.models import utcnow
from bot.storage.reminders import Subscriber, claim, line_pushes_since, link_outbox, lock_job, waiting_subscribers
from bot.types import TextReply

logger = logging.getLogger(__name__)

MULTICAST_LIMIT = 500
"""Recipients of one LINE multicast request."""
_NAMESPACE = uuid.UUID("6f1b1b8e-5c4e-4f0e-9d55-0d5a7c2b9e13")
"""Namespace of the reminders' stable outbox keys."""


@dataclass(frozen=True)
class ReminderConfig:
    """When reminders go out and how the platforms' limits are kept (see :class:`bot.settings.RemindersSettings`)."""

    send_hour: int = 9
    line_monthly_quota: int = 300
    line_quota_reserve: int = 30
    telegram_per_second: float = 20.0
    zone: tzinfo = THAI_TIME


@dataclass
class ReminderReport:
    """What one run wrote: reminders per channel, and LINE reminders held back for the quota."""

    sessions: list[str] = field(default_factory=list)
    queued: dict[str, int] = field(default_factory=dict)
    held_back: int = 0
    line_used: int | None = None


def reminder_key(user_id: int, session: str) -> str:
    """The stable outbox key of one user's reminder of one session (also its LINE retry key)."""
    return str(uuid.uuid5(_NAMESPACE, f"{user_id}|{session}"))


class ReminderJob:
    """One run of the reminders over the cohort's schedule; see the module docstring."""

    def __init__(
        self,
        database: Database,
        schedule: CohortSchedule,
        config: ReminderConfig | None = None,
        *,
        channels: frozenset[str] = frozenset({"line", "telegram", "web"}),
        consent_version: str = NOTICE_VERSION,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        """``channels``: where this deployment can deliver (users of other channels are left waiting)."""
        self._database = database
        self._schedule = schedule
        self._config = config or ReminderConfig()
        self._channels = channels
        self._version = consent_version
        self._clock = clock

    def run_once(self, now: datetime | None = None) -> ReminderReport:
        """Write the reminders due at ``now``; nothing before ``send_hour`` or when no session is tomorrow."""
        now = now or self._clock()
        local = now.astimezone(self._config.zone)
        report = ReminderReport()
        if local.hour < self._config.send_hour:
            return report
        for due in due_sessions(self._schedule, local.date()):
            report.sessions.append(due.key)
            with self._database.session() as session:
                lock_job(session)
                self._write(session, due, now, local, report)
        for channel, count in report.queued.items():
            if count:
                logger.info("reminders written: %d on %s", count, channel)
        return report

    def _write(self, session: Session, due: DueSession, now: datetime, local: datetime, report: ReminderReport) -> None:
        waiting = [s for s in waiting_subscribers(session, due.key, self._version) if s.channel in self._channels]
        by_channel: dict[str, list[Subscriber]] = defaultdict(list)
        for subscriber in waiting:
            by_channel[subscriber.channel].append(subscriber)
        for channel, subscribers in by_channel.items():
            if channel == "line":
                subscribers = self._within_quota(session, subscribers, now, local, report)
            claimed = [s for s in subscribers if claim(session, s.user_id, due.key, channel, now)]
            if channel == "line":
                self._line_rows(session, due, claimed, now)
            else:
                self._single_rows(session, due, claimed, now, channel)
            report.queued[channel] = report.queued.get(channel, 0) + len(claimed)
            count_reminders(channel, len(claimed))

    def _within_quota(
        self, session: Session, subscribers: list[Subscriber], now: datetime, local: datetime, report: ReminderReport
    ) -> list[Subscriber]:
        """The LINE subscribers that fit this month's quota before its reserve; the rest are held back (logged)."""
        month_start = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        used = line_pushes_since(session, month_start)
        room = self._config.line_monthly_quota - self._config.line_quota_reserve - used
        fitting = subscribers[: max(room, 0)]
        report.line_used = used + len(fitting)
        line_quota(used + len(fitting), room - len(fitting))
        left_out = len(subscribers) - len(fitting)
        if left_out:
            report.held_back += left_out
            held_back(left_out)
            logger.warning(
                "LINE monthly quota nearly used: %d of %d messages counted this month, %d kept in reserve for mentor "
                "answers; %d session reminder(s) not sent (raise NZAP_REMINDERS__LINE_MONTHLY_QUOTA if your plan "
                "allows more)",
                used,
                self._config.line_monthly_quota,
                self._config.line_quota_reserve,
                left_out,
            )
        return fitting

    def _line_rows(self, session: Session, due: DueSession, claimed: list[Subscriber], now: datetime) -> None:
        """One multicast per language and 500 users (a single user gets a push)."""
        by_language: dict[str, list[Subscriber]] = defaultdict(list)
        for subscriber in claimed:
            by_language[subscriber.language].append(subscriber)
        for language, group in sorted(by_language.items()):
            for start in range(0, len(group), MULTICAST_LIMIT):
                chunk = group[start : start + MULTICAST_LIMIT]
                ids = [s.user_id for s in chunk]
                key = reminder_key(ids[0], due.key) if len(chunk) == 1 else _batch_key(ids, due.key)
                row = Outbox.enqueue(
                    session,
                    "line",
                    chunk[0].platform_user_id if len(chunk) == 1 else "multicast",
                    [TextReply(due.message(language))],
                    purpose="reminder",
                    language=language,
                    now=now,
                    retry_key=key,
                    recipients=[s.platform_user_id for s in chunk] if len(chunk) > 1 else None,
                )
                link_outbox(session, ids, due.key, row.id)

    def _single_rows(
        self, session: Session, due: DueSession, claimed: list[Subscriber], now: datetime, channel: str
    ) -> None:
        """One row per user; Telegram rows spaced to the configured rate."""
        gap = 1.0 / self._config.telegram_per_second if channel == "telegram" else 0.0
        for index, subscriber in enumerate(claimed):
            row = Outbox.enqueue(
                session,
                channel,
                subscriber.platform_user_id,
                [TextReply(due.message(subscriber.language))],
                purpose="reminder",
                language=subscriber.language,
                now=now + timedelta(seconds=index * gap),
                retry_key=reminder_key(subscriber.user_id, due.key),
            )
            link_outbox(session, [subscriber.user_id], due.key, row.id)


def _batch_key(user_ids: list[int], session: str) -> str:
    """The stable key of one multicast: the session and its users."""
    return str(uuid.uuid5(_NAMESPACE, f"{session}|" + ",".join(str(i) for i in sorted(user_ids))))
