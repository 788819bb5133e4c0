"""Web chat channel: ``GET /`` serves the page, ``POST /api/chat`` talks to the engine,
``GET /api/chat/updates`` hands over what arrived later (mentors' answers; the page polls it).

The user is the session in the ``nzap_chat`` cookie (see :mod:`bot.channels.web.identity`); a
request without one gets a new one. Besides the per-user limits of the engine, messages are
limited per client address: new sessions cost nothing to make, so one client must not be able
to send as many users.
"""

from __future__ import annotations

from dataclasses import asdict
from importlib import resources
from typing import Any

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from bot.channels.web.identity import CookieSecure, new_session, session_of, set_session_cookie, user_id_for
from bot.conversation.engine import ConversationEngine
from bot.i18n.render import citation_line
from bot.limits import RateLimiter, too_fast_notice
from bot.types import EscalationNotice, IncomingMessage, QuickReplies, Reply, SourceList, TextReply
from ingestion import thai


class ChatRequest(BaseModel):
    """One message from the page: typed text, or the action of a pressed button (the user is the cookie's)."""

    text: str = Field("", max_length=5000)
    action: str | None = Field(None, max_length=300)


def reply_json(reply: Reply, language: str = "th") -> dict[str, Any]:
    """A reply as the page's JavaScript expects it (``type`` plus the reply's fields).

    A source also carries its ``label``, the human title the page shows (never a file name).
    """
    kinds = {TextReply: "text", QuickReplies: "quick_replies", SourceList: "sources", EscalationNotice: "escalation"}
    data = {"type": kinds[type(reply)], **asdict(reply)}
    if isinstance(reply, SourceList):
        data["citations"] = [
            {**asdict(c), "label": citation_line(c, language)} for c in reply.citations
        ]
    return data


def client_address(request: Request) -> str:
    """The client's address as the server sees it (uvicorn puts a trusted proxy's X-Forwarded-For there)."""
    return request.client.host if request.client else "unknown"


class WebChannel:
    """The browser chat; a server-issued session in an HttpOnly cookie identifies the user.

    ``address_limit``: the per-address message rate (none: only the engine's per-user limits);
    ``cookie_secure``: the session cookie's Secure flag (``auto``: when the request is HTTPS).
    """

    name = "web"

    def __init__(
        self,
        engine: ConversationEngine,
        language: str = "th",
        address_limit: RateLimiter | None = None,
        cookie_secure: CookieSecure = "auto",
    ) -> None:
        self._engine = engine
        self._language = language
        self._address_limit = address_limit
        self._cookie_secure = cookie_secure
        self._page = resources.files("bot.channels.web").joinpath("static", "index.html").read_text(encoding="utf-8")

    def router(self) -> APIRouter:
        """``GET /``, ``POST /api/chat`` and ``GET /api/chat/updates``."""
        router = APIRouter()

        @router.get("/", response_class=HTMLResponse)
        async def page(request: Request) -> Response:
            response = HTMLResponse(self._page)
            if session_of(request) is None:
                set_session_cookie(response, request, new_session(), self._cookie_secure)
            return response

        @router.get("/api/chat/updates")
        async def updates(request: Request) -> dict[str, Any]:
            # The browser has no push: pending outbox rows for this session are handed over
            # (and marked delivered) when the page asks for them.
            session = session_of(request)
            if session is None:
                return {"replies": []}
            take = self._engine.tickets.outbox.take_for_recipient
            rows = await run_in_threadpool(take, "web", user_id_for(session))
            return {"replies": [reply_json(reply) for row in rows for reply in row.replies]}

        @router.post("/api/chat", response_model=None)
        async def chat(body: ChatRequest, request: Request, response: Response) -> dict[str, Any] | JSONResponse:
            if not body.text.strip() and not body.action:
                raise HTTPException(status_code=422, detail="text or action required")
            if self._address_limit is not None:
                verdict = await run_in_threadpool(self._address_limit.allow, client_address(request))
                if not verdict.allowed:
                    wait = verdict.retry_after_seconds
                    return JSONResponse(
                        {"detail": too_fast_notice(wait, self._language)},
                        status_code=429,
                        headers={"Retry-After": str(max(1, round(wait)))},
                    )
            session = session_of(request)
            if session is None:
                session = new_session()
                set_session_cookie(response, request, session, self._cookie_secure)
            incoming = IncomingMessage(
                channel="web", user_id=user_id_for(session), text=thai.normalize(body.text), action=body.action
            )
            replies = await run_in_threadpool(self._engine.handle, incoming)
            return {"replies": [reply_json(r) for r in replies]}

        return router

    async def startup(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""
