"""The periodic jobs that run beside the outbox relay (session reminders, the staff's weekly digest) and the
console's insight dashboard, which shows the same report.

Built from the settings here, once, for ``nzap serve``, ``nzap worker`` and the CLI commands that
run them by hand (``nzap remind run``, ``nzap report``).
"""

from __future__ import annotations

from datetime import datetime

from bot.conversation.tools.schedule import CohortSchedule, SystemClock
from bot.insight.dashboard import Dashboard
from bot.insight.digest import DigestWorker
from bot.insight.handover import TicketOpener
from bot.insight.render import render_report
from bot.insight.report import Report, ReportOptions, build_report
from bot.mentoring import MentorGroups, TicketService
from bot.reminders import ReminderConfig, ReminderJob
from bot.settings import Settings
from bot.storage import Database
from knowledge.embedders import Embedder
from knowledge.retriever import HybridRetriever

__all__ = [
    "DigestWorker",
    "build_dashboard",
    "build_digest_worker",
    "build_reminder_job",
    "mentor_groups",
    "report_options",
]


def build_reminder_job(settings: Settings, database: Database, schedule: CohortSchedule | None) -> ReminderJob | None:
    """The session reminders over the course's ``schedule`` (``None`` without one), for the configured channels."""
    if schedule is None:
        return None
    r = settings.reminders
    config = ReminderConfig(
        send_hour=r.send_hour,
        line_monthly_quota=r.line_monthly_quota,
        line_quota_reserve=r.line_quota_reserve,
        telegram_per_second=r.telegram_per_second,
        zone=SystemClock.named(settings.cohort.timezone).zone,
    )
    channels = {"web"} | ({"line"} if settings.line.enabled else set()) | (
        {"telegram"} if settings.telegram.enabled else set()
    )
    return ReminderJob(database, schedule, config, channels=frozenset(channels))


def mentor_groups(settings: Settings) -> MentorGroups:
    """The mentor groups of the settings (where tickets and the weekly digest are posted)."""
    m = settings.mentoring
    return MentorGroups(telegram_chat_id=m.telegram_group_chat_id, line_group_id=m.line_group_id)


def report_options(settings: Settings) -> ReportOptions:
    """The staff report's grouping knobs from the settings."""
    insight = settings.insight
    return ReportOptions(insight.max_questions, insight.max_topics, insight.topic_similarity)


def build_digest_worker(
    settings: Settings, database: Database, embedder: Embedder, retriever: HybridRetriever | None
) -> DigestWorker | None:
    """The weekly digest's worker, or ``None`` when the setting is off or no mentor group is configured."""
    insight = settings.insight
    targets = mentor_groups(settings).targets()
    if not insight.weekly_digest or not targets:
        return None

    def compose() -> str:
        report = build_report(database, embedder, retriever, insight.report_days, options=report_options(settings))
        return render_report(report, settings.language, digest=True)

    return DigestWorker(database, targets, compose, insight.digest_weekday, insight.digest_hour, settings.language)


def build_dashboard(
    settings: Settings,
    database: Database,
    tickets: TicketService,
    embedder: Embedder,
    retriever: HybridRetriever | None,
) -> Dashboard:
    """The console's dashboard for the staff role: ``nzap report``'s computation over the same index."""

    def report(days: int, now: datetime) -> Report:
        return build_report(database, embedder, retriever, days, now=now, options=report_options(settings))

    return Dashboard(report, TicketOpener(database, tickets, retriever), settings.insight.report_days)
