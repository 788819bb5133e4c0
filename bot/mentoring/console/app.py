"""The mentor web console: server-rendered pages under ``/console`` (no JavaScript, no CDN).

Pages: sign-in, the queue (filtered by status and topic), and one page per ticket with the
whole context and the actions claim, release, answer, close and "save as FAQ". Every change
goes through :class:`~bot.mentoring.tickets.TicketService`, which writes the audit trail and, for
an answer, the outbox row that the relay delivers to the SME, in one transaction.

Security: a signed, HttpOnly, SameSite=Lax session cookie (Secure on HTTPS); a CSRF token in
every form; a POST without a valid session or token is a 403 and a log line; sign-in failures
lock the account (:class:`~bot.mentoring.mentors.MentorRegistry`); pages carry a strict
Content-Security-Policy (no scripts at all) and are never cached.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Literal
from urllib.parse import parse_qs, quote, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.concurrency import run_in_threadpool

from bot.mentoring.console.faq import CuratedFaq, save_faq
from bot.mentoring.console.formatting import age, as_utc, excerpt, label, place_tag, tag_label, thai_datetime
from bot.mentoring.console.security import ConsoleSession, ConsoleSigner
from bot.mentoring.console.texts import LANGUAGES, MESSAGES, Words, text
from bot.mentoring.mentors import MentorRecord, MentorRegistry
from bot.mentoring.numbers import parse_ticket_number
from bot.mentoring.tickets import NotAMentorError, TicketRecord, TicketService, TicketStateError
from bot.observability.redaction import text_digest
from ingestion import thai
from ingestion.loaders.common import as_strings

logger = logging.getLogger(__name__)

PREFIX = "/console"
SESSION_COOKIE = "nzap_console"
LOGIN_COOKIE = "nzap_console_login"
LANGUAGE_COOKIE = "nzap_console_lang"
STATUS_FILTERS: dict[str, set[str] | None] = {
    "active": {"open", "claimed"},
    "open": {"open"},
    "claimed": {"claimed"},
    "answered": {"answered"},
    "closed": {"closed"},
    "all": None,
}
SECURITY_HEADERS = {
    # No script runs on any console page; forms post only to this origin; no framing (clickjacking).
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}
_ACTIONS = ("claim", "release", "answer", "close", "faq")


@dataclass(frozen=True)
class ConsoleConfig:
    """How the console runs (built from :class:`~bot.settings.MentoringSettings` in the wiring)."""

    secret_key: str
    faq_dir: Path
    """Where "save as FAQ" writes curated ``kind: faq`` files (``nzap ingest`` indexes this folder)."""
    cookie_secure: Literal["auto", "always", "never"] = "auto"
    """``auto``: the cookie is Secure when the request came over HTTPS."""
    session_hours: float = 12
    lockout_minutes: float = 15
    language: str = "th"
    max_text_chars: int = 4000


def _utc_now() -> datetime:
    return datetime.now(UTC)


class RefusedError(Exception):
    """A request that must be answered with 403 (no session, a bad CSRF token, not a mentor)."""


class FormProblemError(Exception):
    """A form the mentor must correct; the argument is the ``error.*`` catalogue key without its prefix."""


class MentorConsole:
    """The console's routes over the ticket service and the mentor registry."""

    def __init__(
        self,
        tickets: TicketService,
        mentors: MentorRegistry,
        config: ConsoleConfig,
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        self._tickets = tickets
        self._mentors = mentors
        self._config = config
        self._clock = clock
        self._signer = ConsoleSigner(config.secret_key, timedelta(hours=config.session_hours))
        self._templates = Environment(
            loader=PackageLoader("bot.mentoring.console", "templates"),
            autoescape=select_autoescape(["html"]),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self._css = self._templates.loader.get_source(self._templates, "console.css")[0]  # type: ignore[union-attr]

    # ------------------------------------------------------------------ helpers

    def _words(self, request: Request) -> Words:
        """The messages in the language the mentor chose (cookie), else the configured one."""
        chosen = request.cookies.get(LANGUAGE_COOKIE, "")
        return Words(chosen if chosen in LANGUAGES else self._config.language)

    def _render(self, template: str, w: Words, http_status: int = 200, **values: Any) -> HTMLResponse:
        page = self._templates.get_template(template).render(t=w, prefix=PREFIX, language=w.language, **values)
        return HTMLResponse(page, status_code=http_status, headers=SECURITY_HEADERS)

    def _secure(self, request: Request) -> bool:
        if self._config.cookie_secure == "always":
            return True
        if self._config.cookie_secure == "never":
            return False
        return request.url.scheme == "https"

    def _session(self, request: Request) -> tuple[ConsoleSession, MentorRecord] | None:
        """The signed-in mentor, re-read from the registry (a removed mentor is signed out at once)."""
        session = self._signer.read_session(request.cookies.get(SESSION_COOKIE), self._clock())
        if session is None:
            return None
        mentor = self._mentors.by_web(session.username)
        if mentor is None or mentor.id != session.mentor_id:
            return None
        return session, mentor

    def _refuse(self, request: Request, reason: str) -> HTMLResponse:
        w = self._words(request)
        _log_refusal(request, reason)
        return self._render(
            "message.html",
            w,
            http_status=403,
            heading=w("error.heading"),
            body=w("error.forbidden"),
            mentor=None,
        )

    async def _form(self, request: Request) -> dict[str, str]:
        """The url-encoded form body (the size limit is the server's body-size middleware)."""
        body = (await request.body()).decode("utf-8", errors="replace")
        return {key: values[0] for key, values in parse_qs(body, keep_blank_values=True).items()}

    def _authorised_post(self, request: Request, form: Mapping[str, str]) -> tuple[ConsoleSession, MentorRecord]:
        """The session of a POST that has a valid session and CSRF token; :class:`RefusedError` otherwise."""
        signed_in = self._session(request)
        if signed_in is None:
            raise RefusedError("no valid mentor session")
        session, mentor = signed_in
        if not self._signer.check_csrf(session, form.get("csrf")):
            raise RefusedError(f"bad CSRF token (mentor {mentor.id})")
        return signed_in

    def _redirect(self, path: str, **query: str) -> RedirectResponse:
        target = f"{PREFIX}{path}" + (f"?{urlencode(query)}" if query else "")
        return RedirectResponse(target, status_code=303, headers={"Cache-Control": "no-store"})

    def _outcome(self, request: Request, w: Words) -> dict[str, Any]:
        """The flash messages named by ``done`` / ``error`` query parameters (only catalogue keys)."""
        done, error = request.query_params.get("done", ""), request.query_params.get("error", "")
        limit = self._config.max_text_chars
        return {
            "done": w(f"done.{done}") if f"done.{done}" in MESSAGES else None,
            "error": w(f"error.{error}", limit=limit) if f"error.{error}" in MESSAGES else None,
        }

    # ------------------------------------------------------------------ views

    def _queue_view(self, status: str, tag: str, w: Words) -> dict[str, Any]:
        now = self._clock()
        tickets = self._tickets.queue(STATUS_FILTERS[status], tag or None)
        every_tag = sorted({t for ticket in self._tickets.queue(None, None) for t in ticket.tags})
        rows = [
            {
                "reference": ticket.reference,
                "status": ticket.status,
                "status_label": label("status", ticket.status, w.language),
                "age": age(ticket.created_at, now, w.language),
                "sme": self._sme(ticket, w),
                "question": excerpt(ticket.question),
                "tags": [tag_label(tag, w.language) for tag in ticket.tags],
                "assignee": ticket.assignee_name or w("queue.unassigned"),
            }
            for ticket in tickets
        ]
        options = [(key, w("filter.active")) for key in ("active",)]
        options += [(key, label("status", key, w.language)) for key in ("open", "claimed", "answered", "closed")]
        options.append(("all", w("filter.all")))
        tag_options = [(value, tag_label(value, w.language)) for value in every_tag]
        return {"rows": rows, "status": status, "tag": tag, "status_options": options, "tag_options": tag_options}

    def _sme(self, ticket: TicketRecord, w: Words) -> str:
        channel = label("channel", ticket.channel, w.language)
        return f"{ticket.display_name or ticket.platform_user_id} ({channel})"

    def _ticket_view(self, ticket: TicketRecord, mentor: MentorRecord, w: Words) -> dict[str, Any]:
        lang = w.language
        context = ticket.context or {}
        events = self._tickets.events(ticket.id)
        names = {m.id: m.name for m in self._mentors.list(include_inactive=True)}
        faq_path = next(
            (str(e.detail.get("path", "")) for e in reversed(events) if e.action == "saved_as_faq" and e.detail), ""
        )
        attempt = context.get("attempt")
        attempt_view = None
        if isinstance(attempt, dict) and attempt.get("text"):
            meta = [w("ticket.confidence", value=float(attempt.get("confidence") or 0.0))]
            meta += [_citation(c, lang) for c in attempt.get("citations") or [] if isinstance(c, dict)]
            attempt_view = {
                "text": attempt["text"],
                "supported": bool(attempt.get("supported", True)),
                "meta": " · ".join(meta),
            }
        passages = [
            {
                "where": " · ".join(
                    part
                    for part in (
                        str(p.get("title") or ""),
                        str(p.get("heading") or ""),
                        w("ticket.page", page=p["page"]) if p.get("page") else "",
                        str(p.get("source") or ""),
                    )
                    if part
                ),
                "score": w("ticket.score", value=float(p.get("score") or 0.0)),
                "text": str(p.get("text") or ""),
            }
            for p in context.get("passages") or []
            if isinstance(p, dict)
        ]
        turns = [
            {
                "role": turn.get("role"),
                "who": w("ticket.role_user") if turn.get("role") == "user" else w("ticket.role_assistant"),
                "text": str(turn.get("text") or ""),
            }
            for turn in context.get("turns") or []
            if isinstance(turn, dict)
        ]
        mine = ticket.assignee_mentor_id == mentor.id
        claimed_by_other = ticket.status == "claimed" and not mine
        buttons: list[tuple[str, str]] = []
        if ticket.status == "open":
            buttons.append(("claim", w("action.claim")))
        if ticket.status == "claimed" and mine:
            buttons.append(("release", w("action.release")))
        if ticket.status != "closed":
            buttons.append(("close", w("action.close")))
        tags = list(ticket.tags)
        return {
            "reference": ticket.reference,
            "status": ticket.status,
            "status_label": label("status", ticket.status, lang),
            "sme": w(
                "ticket.from",
                name=ticket.display_name or ticket.platform_user_id,
                channel=label("channel", ticket.channel, lang),
            ),
            "created": w("ticket.created", when=thai_datetime(ticket.created_at, lang)),
            "assignee": ticket.assignee_name,
            "tags": [tag_label(tag, lang) for tag in tags],
            "question": ticket.question,
            "follow_ups": [
                str(f.get("text", "")) if isinstance(f, dict) else str(f) for f in context.get("follow_ups") or []
            ],
            "answer": ticket.answer,
            "answered_by": w(
                "ticket.answered_by", name=ticket.assignee_name or "-", when=thai_datetime(ticket.answered_at, lang)
            ),
            "claimed_by_other": claimed_by_other,
            # The assignee may also send more after answering (the SME gets it as a new message).
            "can_answer": ticket.status == "open" or (ticket.status in ("claimed", "answered") and mine),
            "buttons": buttons,
            "can_save_faq": bool(ticket.answer) and ticket.status in ("answered", "closed"),
            "faq_path": faq_path,
            # Open right after answering (the moment to review it); folded away once saved or later.
            "faq_open": ticket.status == "answered" and not faq_path,
            "faq_question": ticket.question,
            "faq_answer": ticket.answer or "",
            "faq_topics": ", ".join(t for t in tags if place_tag(t) is None),
            "attempt": attempt_view,
            "passages": passages,
            "turns": turns,
            "events": [
                {
                    "when": thai_datetime(e.at, lang),
                    "what": label("event", e.action, lang),
                    "who": self._actor(e.actor, names, w),
                }
                for e in events
            ],
        }

    def _actor(self, actor: str, names: Mapping[int, str], w: Words) -> str:
        """``mentor:3`` -> ``พี่เลี้ยง <name>``; ``user:7`` -> ``ผู้ประกอบการ``; ``system`` -> ``ระบบ``."""
        kind, _, ident = actor.partition(":")
        if kind == "mentor" and ident.isdigit():
            return w("actor.mentor", name=names.get(int(ident), ident))
        return label("actor", kind, w.language)

    def _find(self, reference: str) -> TicketRecord | None:
        number = parse_ticket_number(reference)
        return None if number is None else self._tickets.by_number(number)

    # ------------------------------------------------------------------ actions

    def _act(self, action: str, ticket: TicketRecord, mentor: MentorRecord, form: Mapping[str, str]) -> str:
        """Do ``action``; returns the ``done.*`` key, or raises :class:`FormProblemError` with the ``error.*`` key."""
        limit = self._config.max_text_chars
        if action == "claim":
            self._tickets.claim(ticket.id, mentor.id)
            return "claimed"
        if action == "release":
            self._tickets.release(ticket.id, mentor.id)
            return "released"
        if action == "close":
            self._tickets.close(ticket.id, mentor.actor)
            return "closed"
        if action == "answer":
            answer = thai.normalize(form.get("text", "")).strip()
            if not answer:
                raise FormProblemError("empty_answer")
            if len(answer) > limit:
                raise FormProblemError("too_long")
            self._tickets.answer(ticket.id, mentor.id, answer)
            return "answered"
        # "faq"
        if not ticket.answer or ticket.status not in ("answered", "closed"):
            raise FormProblemError("faq_no_answer")
        question = " ".join(thai.normalize(form.get("question", "")).split())
        answer = thai.normalize(form.get("answer", "")).strip()
        if not question or not answer:
            raise FormProblemError("faq_empty")
        if len(question) > limit or len(answer) > limit:
            raise FormProblemError("too_long")
        tags = as_strings(thai.normalize(form.get("topics", "")))
        places = [place for place in map(place_tag, ticket.tags) if place is not None]
        module = next((number for kind, number in places if kind == "module"), None)
        entry = CuratedFaq(
            reference=ticket.reference,
            question=question,
            answer=answer,
            answered_by=mentor.name,
            answered_on=as_utc(self._clock()).date(),
            topics=tags,
            module=module,
        )
        # The file is read by the ingest, in the product language, whatever the mentor reads the console in.
        path = save_faq(self._config.faq_dir, entry, self._config.language)
        self._tickets.mark_saved_as_faq(ticket.id, mentor.id, str(path))
        return "faq"

    # ------------------------------------------------------------------ routes

    def router(self) -> APIRouter:
        """The console's routes under ``/console``."""
        router = APIRouter(prefix=PREFIX)
        lifetime = int(self._signer.session_lifetime.total_seconds())

        @router.get("/console.css")
        async def stylesheet() -> Response:
            return Response(self._css, media_type="text/css", headers={"Cache-Control": "max-age=3600"})

        @router.get("/language/{code}")
        async def language(request: Request, code: str) -> Response:
            """Switch the console's language (a preference cookie; no state on the server)."""
            response = self._redirect(_safe_next(request.query_params.get("next", "")))
            if code in LANGUAGES:
                response.set_cookie(
                    LANGUAGE_COOKIE,
                    code,
                    max_age=365 * 24 * 3600,
                    path=PREFIX,
                    secure=self._secure(request),
                    httponly=True,
                    samesite="lax",
                )
            return response

        @router.get("/login", response_class=HTMLResponse)
        async def login_page(request: Request) -> Response:
            if await run_in_threadpool(self._session, request) is not None:
                return self._redirect("/")
            done = request.query_params.get("done")
            w = self._words(request)
            return self._login_form(request, done=w("login.logged_out") if done == "logged_out" else None)

        @router.post("/login")
        async def login(request: Request) -> Response:
            form = await self._form(request)
            w = self._words(request)
            if not self._signer.check_login_token(request.cookies.get(LOGIN_COOKIE), form.get("csrf")):
                _log_refusal(request, "bad or missing login token")
                return self._login_form(request, status=403, error=w("login.expired"))
            username = form.get("username", "").strip()
            mentor = await run_in_threadpool(
                self._mentors.verify_password, username, form.get("password", ""), self._clock()
            )
            if mentor is None:
                # The user name may be a password typed in the wrong box: its digest only, never the text.
                logger.warning("console: failed sign-in for %s", text_digest(username))
                minutes = round(self._config.lockout_minutes)
                return self._login_form(
                    request, status=401, error=w("login.failed", minutes=minutes), username=username
                )
            session = self._signer.new_session(mentor.id, username, self._clock())
            logger.info("console: mentor %s (%s) signed in", mentor.id, username)
            response = self._redirect(_safe_next(form.get("next", "")))
            response.set_cookie(
                SESSION_COOKIE,
                self._signer.session_cookie(session),
                max_age=lifetime,
                path=PREFIX,
                secure=self._secure(request),
                httponly=True,
                samesite="lax",
            )
            response.delete_cookie(LOGIN_COOKIE, path=f"{PREFIX}/login")
            return response

        @router.post("/logout")
        async def logout(request: Request) -> Response:
            form = await self._form(request)
            try:
                _, mentor = await run_in_threadpool(self._authorised_post, request, form)
            except RefusedError as refused:
                return self._refuse(request, str(refused))
            logger.info("console: mentor %s signed out", mentor.id)
            response = self._redirect("/login", done="logged_out")
            response.delete_cookie(SESSION_COOKIE, path=PREFIX, secure=self._secure(request), httponly=True)
            return response

        @router.get("/", response_class=HTMLResponse)
        async def queue(request: Request) -> Response:
            signed_in = await run_in_threadpool(self._session, request)
            if signed_in is None:
                return self._to_login(request)
            session, mentor = signed_in
            status = request.query_params.get("status", "active")
            status = status if status in STATUS_FILTERS else "active"
            tag = request.query_params.get("tag", "").strip()
            w = self._words(request)
            view = await run_in_threadpool(self._queue_view, status, tag, w)
            return self._render(
                "queue.html",
                w,
                mentor=mentor,
                csrf=self._signer.csrf_token(session),
                here=_here(request),
                **view,
                **self._outcome(request, w),
            )

        @router.get("/tickets/{reference}", response_class=HTMLResponse)
        async def ticket_page(request: Request, reference: str) -> Response:
            signed_in = await run_in_threadpool(self._session, request)
            if signed_in is None:
                return self._to_login(request)
            session, mentor = signed_in
            ticket = await run_in_threadpool(self._find, reference)
            if ticket is None:
                return self._not_found(request, reference, mentor, session)
            if ticket.reference != reference:
                return self._redirect(f"/tickets/{ticket.reference}")
            w = self._words(request)
            view = await run_in_threadpool(self._ticket_view, ticket, mentor, w)
            return self._render(
                "ticket.html",
                w,
                here=_here(request),
                mentor=mentor,
                csrf=self._signer.csrf_token(session),
                v=view,
                max_chars=self._config.max_text_chars,
                **self._outcome(request, w),
            )

        @router.post("/tickets/{reference}/{action}")
        async def ticket_action(request: Request, reference: str, action: str) -> Response:
            form = await self._form(request)
            try:
                session, mentor = await run_in_threadpool(self._authorised_post, request, form)
            except RefusedError as refused:
                return self._refuse(request, str(refused))
            if action not in _ACTIONS:
                return self._not_found(request, reference, mentor, session)
            ticket = await run_in_threadpool(self._find, reference)
            if ticket is None:
                return self._not_found(request, reference, mentor, session)
            try:
                done = await run_in_threadpool(self._act, action, ticket, mentor, form)
            except NotAMentorError as error:
                return self._refuse(request, f"not a mentor: {error}")
            except TicketStateError as error:
                logger.info("console: %s on %s by mentor %s refused: %s", action, ticket.reference, mentor.id, error)
                return self._redirect(f"/tickets/{ticket.reference}", error="state")
            except FormProblemError as problem:
                return self._redirect(f"/tickets/{ticket.reference}", error=str(problem))
            logger.info("console: mentor %s did %s on %s", mentor.id, action, ticket.reference)
            return self._redirect(f"/tickets/{ticket.reference}", done=done)

        return router

    def _login_form(
        self, request: Request, status: int = 200, error: str | None = None, done: str | None = None, username: str = ""
    ) -> HTMLResponse:
        token = self._signer.login_token()
        response = self._render(
            "login.html",
            self._words(request),
            http_status=status,
            here=_here(request),
            mentor=None,
            login_token=token,
            next=_safe_next(request.query_params.get("next", "")),
            username=username,
            error=error,
            done=done,
        )
        response.set_cookie(
            LOGIN_COOKIE,
            token,
            max_age=3600,
            path=f"{PREFIX}/login",
            secure=self._secure(request),
            httponly=True,
            samesite="lax",
        )
        return response

    def _to_login(self, request: Request) -> RedirectResponse:
        return RedirectResponse(f"{PREFIX}/login?next={quote(_here(request), safe='')}", status_code=303)

    def _not_found(
        self, request: Request, reference: str, mentor: MentorRecord, session: ConsoleSession
    ) -> HTMLResponse:
        w = self._words(request)
        return self._render(
            "message.html",
            w,
            http_status=404,
            mentor=mentor,
            csrf=self._signer.csrf_token(session),
            heading=w("error.heading"),
            body=w("ticket.not_found", reference=reference),
        )


def _here(request: Request) -> str:
    """This page's path and query, for links that come back to it."""
    return request.url.path + (f"?{request.url.query}" if request.url.query else "")


def _log_refusal(request: Request, reason: str) -> None:
    """One warning per refused request: method, path, client address and why."""
    client = request.client.host if request.client else "?"
    logger.warning("console: refused %s %s from %s: %s", request.method, request.url.path, client, reason)


def _citation(citation: Mapping[str, Any], language: str) -> str:
    """``title (source, หน้า 3)`` for the attempt's sources line."""
    where = str(citation.get("source") or "")
    if citation.get("page"):
        where += ", " + text("ticket.page", language, page=citation["page"])
    title = str(citation.get("title") or "")
    return f"{title} ({where})" if title and where else title or where


def _safe_next(target: str) -> str:
    """A console path to go to after sign-in; anything else (other sites, ``//host``) goes to the queue."""
    if target.startswith(f"{PREFIX}/") and not target.startswith("//") and "\\" not in target:
        return target[len(PREFIX) :]
    return "/"
