"""Prometheus metrics of session reminders (beside :mod:`bot.observability.metrics`, same registry)."""

from __future__ import annotations

from prometheus_client import Counter, Gauge

REMINDERS_QUEUED = Counter(
    "nzap_reminders_queued", "Session reminders written to the outbox, by channel (one per user)", ["channel"]
)
REMINDERS_HELD_BACK = Counter(
    "nzap_reminders_quota_held_back",
    "Session reminders not sent on LINE because the monthly push quota is nearly used",
)
LINE_QUOTA_USED = Gauge(
    "nzap_line_quota_used", "LINE messages counted against this month's push quota (as of the last reminder run)"
)
LINE_QUOTA_LEFT = Gauge(
    "nzap_line_quota_left", "LINE messages left this month before the reserve kept for mentor answers"
)

_CHANNELS = frozenset({"line", "telegram", "web"})


def count_reminders(channel: str, count: int) -> None:
    """``count`` reminders written for ``channel``."""
    REMINDERS_QUEUED.labels(channel if channel in _CHANNELS else "other").inc(count)


def line_quota(used: int, left: int) -> None:
    """The month's LINE pushes so far, and how many may still go before the reserve."""
    LINE_QUOTA_USED.set(used)
    LINE_QUOTA_LEFT.set(max(left, 0))


def held_back(count: int) -> None:
    """``count`` LINE reminders left unsent to keep the quota's reserve."""
    REMINDERS_HELD_BACK.inc(count)
