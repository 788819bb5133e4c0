"""The web chat as a browser holds it: a session cookie, and the user id the server derives from it."""

from __future__ import annotations

import base64
import hashlib

import httpx

from bot.channels.web.identity import COOKIE as WEB_COOKIE
from bot.channels.web.identity import new_session, user_id_for

__all__ = ["TESTER", "WEB_COOKIE", "browser", "holding", "named_session", "new_session", "web_user_id"]


def named_session(name: str) -> str:
    """A well-formed session cookie value, the same for the same ``name`` (tests agree on one)."""
    return base64.urlsafe_b64encode(hashlib.sha256(name.encode("utf-8")).digest()).decode("ascii").rstrip("=")


TESTER = named_session("tester0001")
"""The session the web tests' fixtures have already agreed to the privacy notice with."""


def web_user_id(session: str) -> str:
    """The platform user id of the web user whose cookie holds ``session``."""
    return user_id_for(session)


def browser(base_url: str, session: str | None = None, timeout: float = 60) -> httpx.Client:
    """A client that keeps cookies like a browser, holding ``session`` when given (else the server issues one)."""
    cookies = {WEB_COOKIE: session} if session else None
    return httpx.Client(base_url=base_url, cookies=cookies, timeout=timeout)


def holding(session: str) -> dict[str, str]:
    """Request headers carrying ``session`` as the browser's cookie (for one-off ``httpx`` calls)."""
    return {"Cookie": f"{WEB_COOKIE}={session}"}
