"""Signing in and out, and the language toggle."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from bot.mentoring.console.config import LANGUAGE_COOKIE, LOGIN_COOKIE, PREFIX, SESSION_COOKIE
from bot.mentoring.console.pages import Pages, RefusedError, log_refusal, redirect, safe_next
from bot.mentoring.console.words import LANGUAGES
from bot.observability.redaction import text_digest

logger = logging.getLogger(__name__)

_YEAR = 365 * 24 * 3600


def add_auth_routes(router: APIRouter, pages: Pages) -> None:
    """``/language/{code}``, ``/login`` (page and form) and ``/logout``."""
    lifetime = int(pages.signer.session_lifetime.total_seconds())

    @router.get("/language/{code}")
    async def language(request: Request, code: str) -> Response:
        """Switch the console's language (a preference cookie; no state on the server)."""
        response = redirect(safe_next(request.query_params.get("next", "")))
        if code in LANGUAGES:
            pages.set_cookie(response, request, LANGUAGE_COOKIE, code, max_age=_YEAR, path=PREFIX)
        return response

    @router.get("/login", response_class=HTMLResponse)
    async def login_page(request: Request) -> Response:
        if await run_in_threadpool(pages.signed_in, request) is not None:
            return redirect(safe_next(request.query_params.get("next", "")))
        done = request.query_params.get("done")
        w = pages.words(request)
        return pages.login_form(request, done=w("login.logged_out") if done == "logged_out" else None)

    @router.post("/login")
    async def login(request: Request) -> Response:
        form = await pages.form(request)
        w = pages.words(request)
        if not pages.signer.check_login_token(request.cookies.get(LOGIN_COOKIE), form.get("csrf")):
            log_refusal(request, "bad or missing login token")
            return pages.login_form(request, status=403, error=w("login.expired"))
        username = form.get("username", "").strip()
        outcome = await run_in_threadpool(pages.mentors.sign_in, username, form.get("password", ""), pages.clock())
        mentor = outcome.mentor
        if mentor is None:
            # The user name may be a password typed in the wrong box: its digest only, never the text.
            logger.warning("console: failed sign-in for %s", text_digest(username))
            minutes = round(pages.config.lockout_minutes)
            # The lockout is mentioned only when it is near (one try left) or has happened, not on the first slip.
            if outcome.locked:
                error = w("login.locked", minutes=minutes)
            elif outcome.attempts_left == 1:
                error = w("login.last_attempt", minutes=minutes)
            else:
                error = w("login.failed")
            return pages.login_form(request, status=401, error=error, username=username)
        session = pages.signer.new_session(mentor.id, username, pages.clock(), mentor.session_version)
        logger.info("console: mentor %s (%s) signed in", mentor.id, username)
        response = redirect(safe_next(form.get("next", "")))
        cookie = pages.signer.session_cookie(session)
        pages.set_cookie(response, request, SESSION_COOKIE, cookie, max_age=lifetime, path=PREFIX)
        response.delete_cookie(LOGIN_COOKIE, path=f"{PREFIX}/login")
        return response

    @router.post("/logout")
    async def logout(request: Request) -> Response:
        form = await pages.form(request)
        try:
            _, mentor = await run_in_threadpool(pages.authorised_post, request, form)
        except RefusedError as refused:
            return pages.refuse(request, str(refused))
        # On the server: every cookie of this mentor stops working, also one copied off this browser.
        await run_in_threadpool(pages.mentors.sign_out, mentor.id)
        logger.info("console: mentor %s signed out", mentor.id)
        response = redirect("/login", done="logged_out")
        response.delete_cookie(SESSION_COOKIE, path=PREFIX, secure=pages.secure(request), httponly=True)
        return response
