"""Web chat channel: ``GET /`` serves the page, ``POST /api/chat`` talks to the engine,
``GET /api/chat/updates`` hands over what arrived later (mentors' answers; the page polls it)."""

from __future__ import annotations

from dataclasses import asdict
from importlib import resources
from typing import Any

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from bot.conversation.engine import ConversationEngine
from bot.i18n.render import citation_line
from bot.types import EscalationNotice, IncomingMessage, QuickReplies, Reply, SourceList, TextReply
from ingestion import thai


class ChatRequest(BaseModel):
    """One message from the page: typed text, or the action of a pressed button."""

    session: str = Field(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")
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


class WebChannel:
    """The browser chat; a session id kept in the browser identifies the user."""

    name = "web"

    def __init__(self, engine: ConversationEngine, language: str = "th") -> None:
        self._engine = engine
        self._language = language
        self._page = resources.files("bot.channels.web").joinpath("static", "index.html").read_text(encoding="utf-8")

    def router(self) -> APIRouter:
        """``GET /``, ``POST /api/chat`` and ``GET /api/chat/updates``."""
        router = APIRouter()

        @router.get("/", response_class=HTMLResponse)
        async def page() -> str:
            return self._page

        @router.get("/api/chat/updates")
        async def updates(
            session: str = Query(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9_-]+$"),
        ) -> dict[str, Any]:
            # The browser has no push: pending outbox rows for this session are handed over
            # (and marked delivered) when the page asks for them.
            rows = await run_in_threadpool(self._engine.tickets.outbox.take_for_recipient, "web", session)
            return {"replies": [reply_json(reply) for row in rows for reply in row.replies]}

        @router.post("/api/chat")
        async def chat(request: ChatRequest) -> dict[str, Any]:
            if not request.text.strip() and not request.action:
                raise HTTPException(status_code=422, detail="text or action required")
            incoming = IncomingMessage(
                channel="web", user_id=request.session, text=thai.normalize(request.text), action=request.action
            )
            replies = await run_in_threadpool(self._engine.handle, incoming)
            return {"replies": [reply_json(r) for r in replies]}

        return router

    async def startup(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""
