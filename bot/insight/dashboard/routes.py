"""The dashboard's routes under ``/console``: the page, its CSV exports, "open as ticket" and the FAQ draft.

Only a signed-in mentor with the staff role gets them: a mentor without it gets 403 (and does not
see the link), someone signed out goes to the sign-in page. Changes (opening a ticket) are POSTs
with the console's CSRF token, like every console form; the FAQ draft writes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from bot.insight.dashboard.drafts import FaqDraft
from bot.insight.dashboard.export import figures_csv, topics_csv
from bot.insight.dashboard.view import PERIODS, dashboard_view
from bot.insight.handover import QuestionGoneError, TicketOpener
from bot.insight.report import Report
from bot.mentoring.console.config import SECURITY_HEADERS
from bot.mentoring.console.pages import Pages, RefusedError, SignedIn, here, log_refusal, redirect, to_login

logger = logging.getLogger(__name__)

ReportSource = Callable[[int, datetime], Report]
"""The report of the last ``days`` up to ``now``: :func:`bot.insight.report.build_report` over the index."""


def add_dashboard_routes(
    router: APIRouter, pages: Pages, report: ReportSource, opener: TicketOpener | None, default_days: int
) -> None:
    """``/dashboard``, its ``figures.csv`` and ``topics.csv``, ``/dashboard/ticket`` and ``/dashboard/faq``."""

    def period(request: Request) -> int:
        asked = request.query_params.get("days", "")
        return int(asked) if asked.isdigit() and int(asked) in PERIODS else default_days

    async def staff(request: Request) -> SignedIn | Response:
        signed_in = await run_in_threadpool(pages.signed_in, request)
        if signed_in is None:
            return to_login(request)
        if not signed_in[1].staff:
            return forbidden(request, signed_in)
        return signed_in

    async def staff_post(request: Request) -> tuple[dict[str, str], SignedIn] | Response:
        """A staff member's form, checked for its session and CSRF token; else the refusal to send."""
        form = await pages.form(request)
        try:
            signed_in = await run_in_threadpool(pages.authorised_post, request, form)
        except RefusedError as refused:
            return pages.refuse(request, str(refused))
        if not signed_in[1].staff:
            return forbidden(request, signed_in)
        return form, signed_in

    def forbidden(request: Request, signed_in: SignedIn) -> Response:
        session, mentor = signed_in
        log_refusal(request, f"mentor {mentor.id} has no staff role")
        w = pages.words(request)
        return pages.render(
            "message.html",
            w,
            http_status=403,
            mentor=mentor,
            csrf=pages.signer.csrf_token(session),
            here=here(request),
            heading=w("error.heading"),
            body=w("dash.forbidden"),
        )

    @router.get("/dashboard", response_class=HTMLResponse)
    async def dashboard(request: Request) -> Response:
        allowed = await staff(request)
        if isinstance(allowed, Response):
            return allowed
        session, mentor = allowed
        days = period(request)
        built = await run_in_threadpool(report, days, pages.clock())
        w = pages.words(request)
        return pages.render(
            "dashboard.html",
            w,
            mentor=mentor,
            csrf=pages.signer.csrf_token(session),
            here=here(request),
            v=dashboard_view(built, w),
            **pages.outcome(request, w),
        )

    @router.get("/dashboard/{name}.csv")
    async def export(request: Request, name: str) -> Response:
        allowed = await staff(request)
        if isinstance(allowed, Response):
            return allowed
        if name not in ("figures", "topics"):
            return pages.not_found(request, name, allowed)
        days = period(request)
        built = await run_in_threadpool(report, days, pages.clock())
        body = figures_csv(built) if name == "figures" else topics_csv(built)
        filename = f"nzap-{name}-{days}d-{pages.clock():%Y%m%d}.csv"
        headers = {**SECURITY_HEADERS, "Content-Disposition": f'attachment; filename="{filename}"'}
        return Response(body.encode("utf-8"), media_type="text/csv; charset=utf-8", headers=headers)

    @router.post("/dashboard/ticket")
    async def open_ticket(request: Request) -> Response:
        posted = await staff_post(request)
        if isinstance(posted, Response):
            return posted
        form, signed_in = posted
        answer = form.get("answer", "")
        back = {"days": form["days"]} if form.get("days", "").isdigit() else {}
        if opener is None or not answer.isdigit():
            return redirect("/dashboard", error="question_gone", **back)
        try:
            opened = await run_in_threadpool(opener.open, int(answer))
        except QuestionGoneError:
            return redirect("/dashboard", error="question_gone", **back)
        logger.info("console: staff %s opened %s from the dashboard", signed_in[1].id, opened.ticket.reference)
        done = "ticket_opened" if opened.created else "ticket_attached"
        return redirect(f"/tickets/{opened.ticket.reference}", done=done)

    @router.get("/dashboard/faq", response_class=HTMLResponse)
    async def faq_form(request: Request) -> Response:
        allowed = await staff(request)
        if isinstance(allowed, Response):
            return allowed
        draft = FaqDraft.from_form(dict(request.query_params))
        return _draft_page(pages, request, allowed, draft, None, None)

    @router.post("/dashboard/faq")
    async def faq_yaml(request: Request) -> Response:
        posted = await staff_post(request)
        if isinstance(posted, Response):
            return posted
        form, signed_in = posted
        draft = FaqDraft.from_form(form)
        if not draft.question or not draft.answer:
            w = pages.words(request)
            return _draft_page(pages, request, signed_in, draft, None, w("error.draft_empty"), status=400)
        if form.get("as") == "download":
            headers = {**SECURITY_HEADERS, "Content-Disposition": f'attachment; filename="{draft.entry_id}.yaml"'}
            return Response(draft.yaml_item().encode("utf-8"), media_type="application/yaml", headers=headers)
        return _draft_page(pages, request, signed_in, draft, draft.yaml_item(), None)


def _draft_page(
    pages: Pages,
    request: Request,
    signed_in: SignedIn,
    draft: FaqDraft,
    yaml_text: str | None,
    error: str | None,
    status: int = 200,
) -> Response:
    session, mentor = signed_in
    w = pages.words(request)
    return pages.render(
        "faq_draft.html",
        w,
        http_status=status,
        mentor=mentor,
        csrf=pages.signer.csrf_token(session),
        here=here(request),
        draft=draft,
        yaml_text=yaml_text,
        error=error,
        days=request.query_params.get("days", ""),
    )
