"""What every console route needs: the signed-in mentor, forms, CSRF, rendering, redirects, refusals.

One :class:`Pages` is built per console and handed to the route modules (``auth``, ``queue``,
``ticket_routes``), so each of them is only its routes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, quote, urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import BaseLoader, ChoiceLoader, Environment, PackageLoader, select_autoescape

from bot.mentoring.console.config import (
    LANGUAGE_COOKIE,
    LOGIN_COOKIE,
    PREFIX,
    SECURITY_HEADERS,
    SESSION_COOKIE,
    ConsoleConfig,
)
from bot.mentoring.console.security import ConsoleSession, ConsoleSigner
from bot.mentoring.console.words import LANGUAGES, MESSAGES, Words
from bot.mentoring.mentors import MentorRecord, MentorRegistry
from bot.mentoring.numbers import parse_ticket_number
from bot.mentoring.tickets import TicketRecord, TicketService

logger = logging.getLogger(__name__)

SignedIn = tuple[ConsoleSession, MentorRecord]


@dataclass(frozen=True)
class NavLink:
    """A page that a console extension adds to the navigation: its path, its label key, who sees it."""

    path: str
    label: str
    """A key of the console catalogue."""
    staff_only: bool = False


class RefusedError(Exception):
    """A request that must be answered with 403 (no session, a bad CSRF token, not a mentor)."""


class FormProblemError(Exception):
    """A form the mentor must correct; the argument is the ``error.*`` catalogue key without its prefix."""


class Pages:
    """The console's shared request handling over the ticket service and the mentor registry."""

    def __init__(
        self,
        tickets: TicketService,
        mentors: MentorRegistry,
        config: ConsoleConfig,
        clock: Callable[[], datetime],
        template_packages: Sequence[str] = (),
        nav: Sequence[NavLink] = (),
    ) -> None:
        self.tickets = tickets
        self.mentors = mentors
        self.config = config
        self.clock = clock
        self.nav = tuple(nav)
        self.signer = ConsoleSigner(config.secret_key, timedelta(hours=config.session_hours))
        # An extension's templates (``templates/`` of its package) extend this package's ``base.html``.
        loaders: list[BaseLoader] = [PackageLoader("bot.mentoring.console", "templates")]
        loaders += [PackageLoader(package, "templates") for package in template_packages]
        self._templates = Environment(
            loader=ChoiceLoader(loaders),
            autoescape=select_autoescape(["html"]),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.css = self._templates.loader.get_source(self._templates, "console.css")[0]  # type: ignore[union-attr]
        self.css += "".join(loader.get_source(self._templates, "extension.css")[0] for loader in loaders[1:])

    def words(self, request: Request) -> Words:
        """The messages in the language the mentor chose (cookie), else the configured one."""
        chosen = request.cookies.get(LANGUAGE_COOKIE, "")
        return Words(chosen if chosen in LANGUAGES else self.config.language)

    def render(self, template: str, w: Words, http_status: int = 200, **values: Any) -> HTMLResponse:
        """A page from ``template`` with the security headers."""
        mentor = values.get("mentor")
        # Links an extension adds, shown only to whom they are for (a staff page is hidden from mentors).
        links = [link for link in self.nav if mentor is not None and (mentor.staff or not link.staff_only)]
        page = self._templates.get_template(template).render(
            t=w, prefix=PREFIX, language=w.language, nav_links=links, **values
        )
        return HTMLResponse(page, status_code=http_status, headers=SECURITY_HEADERS)

    def set_cookie(self, response: Response, request: Request, name: str, value: str, max_age: int, path: str) -> None:
        """Set a console cookie: HttpOnly, SameSite=Lax, Secure as configured."""
        secure = self.secure(request)
        response.set_cookie(name, value, max_age=max_age, path=path, secure=secure, httponly=True, samesite="lax")

    def secure(self, request: Request) -> bool:
        """Whether cookies get the Secure flag for this request."""
        if self.config.cookie_secure == "always":
            return True
        if self.config.cookie_secure == "never":
            return False
        return request.url.scheme == "https"

    def signed_in(self, request: Request) -> SignedIn | None:
        """The signed-in mentor, re-read from the registry (a removed mentor is signed out at once)."""
        session = self.signer.read_session(request.cookies.get(SESSION_COOKIE), self.clock())
        if session is None:
            return None
        mentor = self.mentors.by_web(session.username)
        if mentor is None or mentor.id != session.mentor_id or mentor.session_version != session.version:
            return None
        return session, mentor

    def authorised_post(self, request: Request, form: Mapping[str, str]) -> SignedIn:
        """The session of a POST that has a valid session and CSRF token; :class:`RefusedError` otherwise."""
        signed_in = self.signed_in(request)
        if signed_in is None:
            raise RefusedError("no valid mentor session")
        session, mentor = signed_in
        if not self.signer.check_csrf(session, form.get("csrf")):
            raise RefusedError(f"bad CSRF token (mentor {mentor.id})")
        return signed_in

    async def form(self, request: Request) -> dict[str, str]:
        """The url-encoded form body (the size limit is the server's body-size middleware)."""
        body = (await request.body()).decode("utf-8", errors="replace")
        return {key: values[0] for key, values in parse_qs(body, keep_blank_values=True).items()}

    def find(self, reference: str) -> TicketRecord | None:
        """The ticket named ``T-0042`` (or as people type it), or ``None``."""
        number = parse_ticket_number(reference)
        return None if number is None else self.tickets.by_number(number)

    def outcome(self, request: Request, w: Words) -> dict[str, Any]:
        """The flash messages named by ``done`` / ``error`` query parameters (only catalogue keys)."""
        done, error = request.query_params.get("done", ""), request.query_params.get("error", "")
        limit = self.config.max_text_chars
        return {
            "done": w(f"done.{done}") if f"done.{done}" in MESSAGES else None,
            "error": w(f"error.{error}", limit=limit) if f"error.{error}" in MESSAGES else None,
        }

    def refuse(self, request: Request, reason: str) -> HTMLResponse:
        """403, and one warning in the log."""
        w = self.words(request)
        log_refusal(request, reason)
        return self.render(
            "message.html", w, http_status=403, heading=w("error.heading"), body=w("error.forbidden"), mentor=None
        )

    def not_found(self, request: Request, reference: str, signed_in: SignedIn) -> HTMLResponse:
        """404 for a ticket reference or action that does not exist."""
        session, mentor = signed_in
        w = self.words(request)
        return self.render(
            "message.html",
            w,
            http_status=404,
            mentor=mentor,
            csrf=self.signer.csrf_token(session),
            heading=w("error.heading"),
            body=w("ticket.not_found", reference=reference),
        )

    def login_form(
        self, request: Request, status: int = 200, error: str | None = None, done: str | None = None, username: str = ""
    ) -> HTMLResponse:
        """The sign-in page, with a fresh double-submit token in the form and in a cookie."""
        token = self.signer.login_token()
        response = self.render(
            "login.html",
            self.words(request),
            http_status=status,
            here=here(request),
            mentor=None,
            login_token=token,
            # The whole console path: the form posts it back, and the sign-in checks it again with safe_next.
            next=PREFIX + safe_next(request.query_params.get("next", "")),
            username=username,
            error=error,
            done=done,
        )
        self.set_cookie(response, request, LOGIN_COOKIE, token, max_age=3600, path=f"{PREFIX}/login")
        return response


def redirect(path: str, **query: str) -> RedirectResponse:
    """303 to a console path (never cached)."""
    target = f"{PREFIX}{path}" + (f"?{urlencode(query)}" if query else "")
    return RedirectResponse(target, status_code=303, headers={"Cache-Control": "no-store"})


def to_login(request: Request) -> RedirectResponse:
    """303 to the sign-in page, coming back here afterwards."""
    return RedirectResponse(f"{PREFIX}/login?next={quote(here(request), safe='')}", status_code=303)


def here(request: Request) -> str:
    """This page's path and query, for links that come back to it."""
    return request.url.path + (f"?{request.url.query}" if request.url.query else "")


def log_refusal(request: Request, reason: str) -> None:
    """One warning per refused request: method, path, client address and why."""
    client = request.client.host if request.client else "?"
    logger.warning("console: refused %s %s from %s: %s", request.method, request.url.path, client, reason)


def safe_next(target: str) -> str:
    """The path inside the console (``/tickets/T-0012``) to go to after sign-in, from a ``/console/...`` target.

    Only a relative path within the console counts; anything else (another site, ``//host``,
    a backslash or control character a browser might read as one) goes to the queue.
    """
    if (
        target.startswith(f"{PREFIX}/")
        and not target.startswith("//")
        and "\\" not in target
        and target.isprintable()
        and " " not in target
    ):
        return target[len(PREFIX) :]
    return "/"
