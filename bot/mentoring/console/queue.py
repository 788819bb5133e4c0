"""The queue page: tickets filtered by status and topic, oldest first."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from bot.mentoring.console.formatting import age, excerpt, label, tag_label
from bot.mentoring.console.pages import Pages, here, to_login
from bot.mentoring.console.words import Words
from bot.mentoring.tickets import ACTIVE_STATUSES, TicketRecord, TicketStatus

STATUS_FILTERS: dict[str, frozenset[TicketStatus] | None] = {
    "active": ACTIVE_STATUSES,
    **{status.value: frozenset({status}) for status in TicketStatus},
    "all": None,
}
"""The queue's status filter: its query value and the statuses it shows (``None``: all)."""


def add_queue_routes(router: APIRouter, pages: Pages) -> None:
    """``/``: the queue."""

    @router.get("/", response_class=HTMLResponse)
    async def queue(request: Request) -> Response:
        signed_in = await run_in_threadpool(pages.signed_in, request)
        if signed_in is None:
            return to_login(request)
        session, mentor = signed_in
        status = request.query_params.get("status", "active")
        status = status if status in STATUS_FILTERS else "active"
        tag = request.query_params.get("tag", "").strip()
        w = pages.words(request)
        view = await run_in_threadpool(_queue_view, pages, status, tag, w)
        return pages.render(
            "queue.html",
            w,
            mentor=mentor,
            csrf=pages.signer.csrf_token(session),
            here=here(request),
            **view,
            **pages.outcome(request, w),
        )


def _queue_view(pages: Pages, status: str, tag: str, w: Words) -> dict[str, Any]:
    tickets = pages.tickets.queue(STATUS_FILTERS[status], tag or None)
    every_tag = sorted({t for ticket in pages.tickets.queue(None, None) for t in ticket.tags})
    options = [("active", w("filter.active"))]
    options += [(status.value, label("status", status, w.language)) for status in TicketStatus]
    options.append(("all", w("filter.all")))
    return {
        "rows": _rows(tickets, pages.clock(), w),
        "status": status,
        "tag": tag,
        "status_options": options,
        "tag_options": [(value, tag_label(value, w.language)) for value in every_tag],
    }


def _rows(tickets: Iterable[TicketRecord], now: datetime, w: Words) -> list[dict[str, Any]]:
    return [
        {
            "reference": ticket.reference,
            "status": ticket.status,
            "status_label": label("status", ticket.status, w.language),
            # How long the SME has waited for a mentor: only while they still wait (open or claimed).
            "age": age(ticket.waiting_since, now, w.language) if ticket.status in ACTIVE_STATUSES else "–",
            "sme": sme(ticket, w),
            "question": excerpt(ticket.question),
            "tags": [tag_label(tag, w.language) for tag in ticket.tags],
            "assignee": ticket.assignee_name or w("queue.unassigned"),
        }
        for ticket in tickets
    ]


def sme(ticket: TicketRecord, w: Words) -> str:
    """``name · business (channel)`` of the SME who asked."""
    channel = label("channel", ticket.channel, w.language)
    return f"{ticket.sme_label(w.language)} ({channel})"
