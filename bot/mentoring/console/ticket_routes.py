"""The ticket page and its actions: claim, release, answer, close, save as FAQ.

Every change goes through the ticket service, which checks the mentor and the ticket's status
again inside its transaction: the page only offers what :mod:`bot.mentoring.tickets.access`
allows, but another mentor may have acted since the page was drawn.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from bot.mentoring.console.faq import CuratedFaq, save_faq
from bot.mentoring.console.formatting import as_utc, place_tag
from bot.mentoring.console.pages import FormProblemError, Pages, RefusedError, here, redirect, to_login
from bot.mentoring.console.ticket_view import can_save_as_faq, ticket_view
from bot.mentoring.mentors import MentorRecord
from bot.mentoring.tickets import EventAction, NotAMentorError, TicketAction, TicketRecord, TicketStateError
from ingestion import thai
from ingestion.loaders.common import as_strings

logger = logging.getLogger(__name__)

FAQ = "faq"
"""The "save as FAQ" action (not a move of the ticket: it only writes a file and an audit entry)."""
_DONE = {
    TicketAction.CLAIM: EventAction.CLAIMED,
    TicketAction.RELEASE: EventAction.RELEASED,
    TicketAction.CLOSE: EventAction.CLOSED,
    TicketAction.ANSWER: EventAction.ANSWERED,
}
"""The ``done.*`` message after each action: named like the audit event it wrote."""
_ACTIONS = frozenset({*(action.value for action in _DONE), FAQ})


def add_ticket_routes(router: APIRouter, pages: Pages) -> None:
    """``/tickets/{reference}`` (the page) and ``/tickets/{reference}/{action}`` (a form's POST)."""

    @router.get("/tickets/{reference}", response_class=HTMLResponse)
    async def ticket_page(request: Request, reference: str) -> Response:
        signed_in = await run_in_threadpool(pages.signed_in, request)
        if signed_in is None:
            return to_login(request)
        session, mentor = signed_in
        ticket = await run_in_threadpool(pages.find, reference)
        if ticket is None:
            return pages.not_found(request, reference, signed_in)
        if ticket.reference != reference:
            return redirect(f"/tickets/{ticket.reference}")
        w = pages.words(request)

        def view() -> dict[str, object]:
            names = {m.id: m.name for m in pages.mentors.list(include_inactive=True)}
            others = pages.tickets.tickets_of_user(ticket.user_id)
            return ticket_view(ticket, mentor, pages.tickets.events(ticket.id), names, w, others)

        return pages.render(
            "ticket.html",
            w,
            here=here(request),
            mentor=mentor,
            csrf=pages.signer.csrf_token(session),
            v=await run_in_threadpool(view),
            max_chars=pages.config.max_text_chars,
            **pages.outcome(request, w),
        )

    @router.post("/tickets/{reference}/{action}")
    async def ticket_action(request: Request, reference: str, action: str) -> Response:
        form = await pages.form(request)
        try:
            signed_in = await run_in_threadpool(pages.authorised_post, request, form)
        except RefusedError as refused:
            return pages.refuse(request, str(refused))
        mentor = signed_in[1]
        if action not in _ACTIONS:
            return pages.not_found(request, reference, signed_in)
        ticket = await run_in_threadpool(pages.find, reference)
        if ticket is None:
            return pages.not_found(request, reference, signed_in)
        try:
            done = await run_in_threadpool(_act, pages, action, ticket, mentor, form)
        except NotAMentorError as error:
            return pages.refuse(request, f"not a mentor: {error}")
        except TicketStateError as error:
            logger.info("console: %s on %s by mentor %s refused: %s", action, ticket.reference, mentor.id, error)
            return redirect(f"/tickets/{ticket.reference}", error="state")
        except FormProblemError as problem:
            return redirect(f"/tickets/{ticket.reference}", error=str(problem))
        logger.info("console: mentor %s did %s on %s", mentor.id, action, ticket.reference)
        return redirect(f"/tickets/{ticket.reference}", done=done)


def _act(pages: Pages, action: str, ticket: TicketRecord, mentor: MentorRecord, form: Mapping[str, str]) -> str:
    """Do ``action``; returns the ``done.*`` key, or raises :class:`FormProblemError` with the ``error.*`` key."""
    if action == FAQ:
        return _save_faq(pages, ticket, mentor, form)
    move = TicketAction(action)
    if move is TicketAction.CLAIM:
        pages.tickets.claim(ticket.id, mentor.id)
    elif move is TicketAction.RELEASE:
        pages.tickets.release(ticket.id, mentor.id)
    elif move is TicketAction.CLOSE:
        pages.tickets.close(ticket.id, mentor.actor)
    else:
        answer = thai.normalize(form.get("text", "")).strip()
        if not answer:
            raise FormProblemError("empty_answer")
        _check_length(pages, answer)
        pages.tickets.answer(ticket.id, mentor.id, answer)
    return _DONE[move].value


def _save_faq(pages: Pages, ticket: TicketRecord, mentor: MentorRecord, form: Mapping[str, str]) -> str:
    """Write the reviewed question and answer as a curated FAQ file, and note it in the audit trail."""
    if not can_save_as_faq(ticket):
        raise FormProblemError("faq_no_answer")
    question = " ".join(thai.normalize(form.get("question", "")).split())
    answer = thai.normalize(form.get("answer", "")).strip()
    if not question or not answer:
        raise FormProblemError("faq_empty")
    _check_length(pages, question, answer)
    places = [place for place in map(place_tag, ticket.tags) if place is not None]
    entry = CuratedFaq(
        reference=ticket.reference,
        question=question,
        answer=answer,
        answered_by=mentor.name,
        answered_on=as_utc(pages.clock()).date(),
        topics=as_strings(thai.normalize(form.get("topics", ""))),
        module=next((number for kind, number in places if kind == "module"), None),
    )
    # The file is read by the ingest, in the product language, whatever the mentor reads the console in.
    path = save_faq(pages.config.faq_dir, entry, pages.config.language)
    pages.tickets.mark_saved_as_faq(ticket.id, mentor.id, str(path))
    return FAQ


def _check_length(pages: Pages, *texts: str) -> None:
    if any(len(value) > pages.config.max_text_chars for value in texts):
        raise FormProblemError("too_long")
