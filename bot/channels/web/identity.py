"""Who is chatting on the web page: a random session the server issues in an HttpOnly cookie.

The cookie's value is the browser's only credential, so it never leaves the cookie: the page's
JavaScript cannot read it (HttpOnly), no URL carries it (so neither access logs nor the
``Referer`` header see it), and the server stores only a one-way digest of it as the user's
platform id. The mentor console and the mentor groups show a short label derived from that
digest (:meth:`bot.mentoring.tickets.TicketRecord.sme_name`), which names a conversation
without opening it.

``SameSite=Lax`` keeps the cookie off cross-site POSTs, so another site cannot make a visitor's
browser send chat messages as them; ``Secure`` follows the ``chat_cookie_secure`` setting.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from typing import Literal

from starlette.requests import Request
from starlette.responses import Response

COOKIE = "nzap_chat"
"""The session cookie's name."""

COOKIE_MAX_AGE = 180 * 24 * 3600
"""Seconds a browser keeps its session (the default retention period: older messages are purged anyway)."""

_TOKEN = re.compile(r"^[A-Za-z0-9_-]{43}$")
"""What :func:`new_session` makes: 32 random bytes, URL-safe base64 without padding."""

CookieSecure = Literal["auto", "always", "never"]


def new_session() -> str:
    """A fresh session: 256 random bits, unguessable."""
    return secrets.token_urlsafe(32)


def valid_session(value: str | None) -> bool:
    """``value`` has the shape of a session this server issues (anything else gets a new one)."""
    return bool(value) and _TOKEN.fullmatch(str(value)) is not None


def user_id_for(session: str) -> str:
    """The web user's platform id: a digest of the session (the database never holds the credential)."""
    return "w" + hashlib.sha256(b"nzap-web-session|" + session.encode("ascii")).hexdigest()[:40]


def session_of(request: Request) -> str | None:
    """The request's session, when it carries a well-formed one."""
    value = request.cookies.get(COOKIE)
    return value if valid_session(value) else None


def set_session_cookie(response: Response, request: Request, session: str, secure: CookieSecure) -> None:
    """Give the browser its session: HttpOnly, SameSite=Lax, Secure as configured, for the whole site."""
    https = secure == "always" or (secure == "auto" and request.url.scheme == "https")
    response.set_cookie(
        COOKIE, session, max_age=COOKIE_MAX_AGE, path="/", secure=https, httponly=True, samesite="lax"
    )
