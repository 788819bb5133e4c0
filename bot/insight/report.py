"""The staff report: the figures (:mod:`bot.insight.figures`) and the topics (:mod:`bot.insight.topics`) as one value.

``build_report`` reads the database once per figure; ``Report.as_json`` is what ``nzap report
--json`` prints (and what a dashboard would read); :mod:`bot.insight.render` writes it for people.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from bot.insight.figures import (
    FaqFromTicket,
    MentorFigures,
    bangkok_day,
    coverage_counts,
    faq_from_tickets,
    feedback_counts,
    mentor_figures,
    questions_per_day,
    struggled_questions,
)
from bot.insight.topics import Topic, group_topics
from bot.mentoring.analytics import TicketStats, ticket_stats
from bot.storage.database import Database
from knowledge.embedders import Embedder
from knowledge.retriever import HybridRetriever


@dataclass(frozen=True)
class ReportOptions:
    """How the report groups: struggled questions read, topics shown, how alike one topic's questions are."""

    max_questions: int = 5000
    max_topics: int = 10
    similarity: float = 0.05


@dataclass(frozen=True)
class Report:
    """Everything the staff report shows for the ``days`` up to ``until``."""

    since: datetime
    until: datetime
    days: int
    per_day: dict[date, dict[str, int]]
    coverage: dict[str, int]
    ratings: dict[str, int]
    reasons: dict[str, int]
    topics: list[Topic]
    tickets: TicketStats
    mentors: list[MentorFigures]
    faq: list[FaqFromTicket]

    @property
    def questions(self) -> int:
        """Questions asked in the period, all channels."""
        return sum(sum(channels.values()) for channels in self.per_day.values())

    @property
    def per_channel(self) -> dict[str, int]:
        """Questions per channel, most used first."""
        totals: dict[str, int] = {}
        for channels in self.per_day.values():
            for channel, count in channels.items():
                totals[channel] = totals.get(channel, 0) + count
        return dict(sorted(totals.items(), key=lambda item: -item[1]))

    def as_json(self) -> dict[str, Any]:
        """The report as plain JSON values (ISO dates; durations in minutes)."""
        stats = self.tickets
        return {
            "since": self.since.isoformat(),
            "until": self.until.isoformat(),
            "days": self.days,
            "questions": self.questions,
            "per_channel": self.per_channel,
            "per_day": {day.isoformat(): channels for day, channels in self.per_day.items()},
            "coverage": self.coverage,
            "ratings": self.ratings,
            "reasons": self.reasons,
            "topics": [asdict(topic) for topic in self.topics],
            "tickets": {
                "count": stats.tickets,
                "by_status": {str(status): count for status, count in stats.by_status.items()},
                "time_to_claim": asdict(stats.time_to_claim),
                "time_to_answer": asdict(stats.time_to_answer),
            },
            "mentors": [asdict(mentor) for mentor in self.mentors],
            "faq_from_tickets": [{"question": f.question, "path": f.path, "at": f.at.isoformat()} for f in self.faq],
        }


def build_report(
    database: Database,
    embedder: Embedder,
    retriever: HybridRetriever | None,
    days: int = 7,
    now: datetime | None = None,
    options: ReportOptions = ReportOptions(),
) -> Report:
    """The report of the last ``days`` Bangkok days up to ``now`` (today counts as one of them)."""
    until = now or datetime.now(UTC)
    first_day = bangkok_day(until) - timedelta(days=days - 1)
    since = datetime(first_day.year, first_day.month, first_day.day, tzinfo=UTC) - timedelta(hours=7)
    ratings, reasons = feedback_counts(database, since)
    struggled = struggled_questions(database, since, options.max_questions)
    topics = group_topics(
        struggled, embedder, database, retriever, similarity=options.similarity, max_topics=options.max_topics
    )
    return Report(
        since=since,
        until=until,
        days=days,
        per_day=questions_per_day(database, since),
        coverage=coverage_counts(database, since),
        ratings=ratings,
        reasons=reasons,
        topics=topics,
        tickets=ticket_stats(database, since),
        mentors=mentor_figures(database, since),
        faq=faq_from_tickets(database, since),
    )
