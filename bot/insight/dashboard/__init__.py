"""The insight dashboard in the mentor console, for the staff role: the figures of ``nzap report`` as a page.

Charts are inline SVG drawn on the server (:mod:`~bot.insight.dashboard.charts`); the topic table
links each example question to "open as ticket" (:mod:`bot.insight.handover`) and "draft an FAQ
entry" (:mod:`~bot.insight.dashboard.drafts`); both figures and topics export as CSV. It plugs
into :class:`~bot.mentoring.console.MentorConsole` as an extension, since the console's room sits
below this one.
"""

from __future__ import annotations

import threading
from datetime import datetime

from fastapi import APIRouter

from bot.insight.dashboard.routes import ReportSource, add_dashboard_routes
from bot.insight.handover import TicketOpener
from bot.insight.report import Report
from bot.mentoring.console.pages import NavLink, Pages

__all__ = ["Dashboard", "ReportSource"]


class Dashboard:
    """The console extension: ``/console/dashboard`` and its exports, for staff only."""

    template_package = "bot.insight.dashboard"
    nav: NavLink | None = NavLink("/dashboard", "nav.dashboard", staff_only=True)

    def __init__(self, report: ReportSource, opener: TicketOpener | None = None, default_days: int = 7) -> None:
        self._report = report
        self._opener = opener
        self._default_days = default_days
        # One report at a time per process: the first report of a period embeds and stores the vectors of
        # the questions new to it, and two at once would store the same vector twice.
        self._lock = threading.Lock()

    def report(self, days: int, now: datetime) -> Report:
        """The report of the last ``days`` up to ``now``, one at a time."""
        with self._lock:
            return self._report(days, now)

    def add_routes(self, router: APIRouter, pages: Pages) -> None:
        """Add the dashboard's routes to the console's router."""
        add_dashboard_routes(router, pages, self.report, self._opener, self._default_days)
