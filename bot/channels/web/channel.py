"""Web chat channel: ``GET /`` serves the page, ``POST /api/chat`` talks to the engine,
``GET /api/chat/updates`` hands over what arrived later (mentors' answers; the page polls it),
``GET /api/chat/history`` gives the page back what it showed before a reload.

What the page shows is kept in the session's transcript (:mod:`bot.storage.transcript`) once the
user has agreed to the privacy notice: the page itself forgets everything on reload.

The user is the session in the ``nzap_chat`` cookie (see :mod:`bot.channels.web.identity`); a
request without one gets a new one. Besides the per-user limits of the engine, messages are
limited per client address: new sessions cost nothing to make, so one client must not be able
to send as many users.
"""

from __future__ import annotations

import asyncio
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
from bot.mentoring.outbox import OutboxRecord, reply_from_json, reply_to_json
from bot.storage import WebTranscript
from bot.types import EscalationNotice, IncomingMessage, QuickReplies, Reply, SourceList, TextReply
from ingestion import thai


class ChatRequest(BaseModel):
    """One message from the page: typed text, or the action of a pressed button (the user is the cookie's)."""

    text: str = Field("", max_length=5000)
    action: str | None = Field(None, max_length=300)
    label: str | None = Field(None, max_length=300)
    """What the page showed as the user's message for a pressed button (kept in the transcript)."""


def reply_json(reply: Reply, language: str = "th") -> dict[str, Any]:
    """A reply as the page's JavaScript expects it (``type`` plus the reply's fields).

    A source also carries its ``label``, the human title the page shows (never a file name).
    """
    kinds = {TextReply: "text", QuickReplies: "quick_replies", SourceList: "sources", EscalationNotice: "escalation"}
    data = {"type": kinds[type(reply)], **asdict(reply)}
    if isinstance(reply, SourceList):
        data["citations"] = [{**asdict(c), "label": citation_line(c, language)} for c in reply.citations]
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
        transcript: WebTranscript | None = None,
    ) -> None:
        """``transcript``: where the page's messages are kept for a reload (in the engine's database by default)."""
        self._engine = engine
        self._transcript = transcript or WebTranscript(engine.database)
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
            rows = await run_in_threadpool(self._take_updates, user_id_for(session))
            return {"replies": [reply_json(reply) for row in rows for reply in row.replies]}

        @router.get("/api/chat/history")
        async def history(request: Request) -> dict[str, Any]:
            # What this session's page showed before (kept only after consent), oldest first.
            session = session_of(request)
            if session is None:
                return {"entries": []}
            return {"entries": await run_in_threadpool(self._history, user_id_for(session))}

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
            shown = body.label if body.action else body.text.strip()
            # On the loop's default executor, which the app caps (``worker_threads``): starlette's own pool
            # has 40 threads, and forty answers at once on two cores starve the event loop (and every
            # webhook acknowledgement waiting on it) of the interpreter lock.
            replies = await asyncio.to_thread(self._exchange, incoming, shown or "")
            return {"replies": [reply_json(r) for r in replies]}

        return router

    def _exchange(self, incoming: IncomingMessage, shown: str) -> list[Reply]:
        """The engine's replies to one message; both kept in the transcript when the user agreed to that."""
        outcome = self._engine.process(incoming)
        replies = outcome.replies
        # Asked after the turn: the consent press is kept, a /forget or a withdrawal is not. At the press
        # the question asked before it (held until now, and answered now) is what the user said.
        user_id = self._engine.keeping(incoming.channel, incoming.user_id)
        if user_id is not None:
            said = outcome.held if outcome.held is not None else shown
            self._transcript.add(user_id, "user", [{"kind": "text", "text": said}] if said else [])
            self._transcript.add(user_id, "assistant", [reply_to_json(r) for r in replies])
        return replies

    def _take_updates(self, platform_user_id: str) -> list[OutboxRecord]:
        """The outbox rows waiting for this session (marked delivered), kept in its transcript as they are shown."""
        rows = self._engine.tickets.outbox.take_for_recipient("web", platform_user_id)
        user_id = self._engine.keeping("web", platform_user_id) if rows else None
        if user_id is not None:
            for row in rows:
                self._transcript.add(user_id, "assistant", [reply_to_json(r) for r in row.replies])
        return rows

    def _history(self, platform_user_id: str) -> list[dict[str, Any]]:
        """The session's transcript as the page renders it: the user's texts, and replies as :func:`reply_json`."""
        user_id = self._engine.keeping("web", platform_user_id)
        if user_id is None:
            return []
        language = self._engine.language_of("web", platform_user_id)
        entries: list[dict[str, Any]] = []
        for entry in self._transcript.recent(user_id):
            if entry.role == "user":
                entries.append({"role": "user", "text": " ".join(str(p.get("text", "")) for p in entry.payload)})
                continue
            replies = [reply_json(reply_from_json(dict(p)), language) for p in entry.payload]
            entries.append({"role": "assistant", "replies": replies})
        return entries

    async def startup(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""
