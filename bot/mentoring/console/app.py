"""The mentor web console: server-rendered pages under ``/console`` (no JavaScript, no CDN).

Pages: sign-in (:mod:`~bot.mentoring.console.auth`), the queue filtered by status and topic
(:mod:`~bot.mentoring.console.queue`), and one page per ticket with the whole context and the
actions claim, release, answer, close and "save as FAQ" (:mod:`~bot.mentoring.console.ticket_routes`).
Every change goes through :class:`~bot.mentoring.tickets.TicketService`, which writes the audit
trail and, for an answer, the outbox row that the relay delivers to the SME, in one transaction.

Security: a signed, HttpOnly, SameSite=Lax session cookie (Secure on HTTPS); a CSRF token in
every form; a POST without a valid session or token is a 403 and a log line; sign-in failures
lock the account (:class:`~bot.mentoring.mentors.MentorRegistry`); pages carry a strict
Content-Security-Policy (no scripts at all) and are never cached.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Protocol

from fastapi import APIRouter
from fastapi.responses import Response

from bot.mentoring.console.auth import add_auth_routes
from bot.mentoring.console.config import PREFIX, SECURITY_HEADERS, ConsoleConfig
from bot.mentoring.console.pages import NavLink, Pages
from bot.mentoring.console.queue import add_queue_routes
from bot.mentoring.console.ticket_routes import add_ticket_routes
from bot.mentoring.mentors import MentorRegistry
from bot.mentoring.tickets import TicketService

__all__ = ["PREFIX", "SECURITY_HEADERS", "ConsoleConfig", "ConsoleExtension", "MentorConsole", "NavLink"]


def _utc_now() -> datetime:
    return datetime.now(UTC)


class ConsoleExtension(Protocol):
    """Pages a higher layer adds to the console (the insight dashboard, :mod:`bot.insight.dashboard`).

    The console sits below the rooms that compute insight, so it cannot import them; they plug in
    here instead, with the console's sign-in, CSRF, rendering and language toggle.
    """

    template_package: str
    """A package whose ``templates/`` folder holds the extension's pages and its ``extension.css``."""
    nav: NavLink | None

    def add_routes(self, router: APIRouter, pages: Pages) -> None:
        """Add the extension's routes to the console's router."""
        ...


class MentorConsole:
    """The console's routes over the ticket service and the mentor registry."""

    def __init__(
        self,
        tickets: TicketService,
        mentors: MentorRegistry,
        config: ConsoleConfig,
        clock: Callable[[], datetime] = _utc_now,
        extensions: Sequence[ConsoleExtension] = (),
    ) -> None:
        packages = [extension.template_package for extension in extensions]
        nav = [extension.nav for extension in extensions if extension.nav is not None]
        self._pages = Pages(tickets, mentors, config, clock, packages, nav)
        self._extensions = tuple(extensions)

    def router(self) -> APIRouter:
        """The console's routes under ``/console``."""
        router = APIRouter(prefix=PREFIX)
        css = self._pages.css

        @router.get("/console.css")
        async def stylesheet() -> Response:
            return Response(css, media_type="text/css", headers={"Cache-Control": "max-age=3600"})

        add_auth_routes(router, self._pages)
        add_queue_routes(router, self._pages)
        add_ticket_routes(router, self._pages)
        for extension in self._extensions:
            extension.add_routes(router, self._pages)
        return router
