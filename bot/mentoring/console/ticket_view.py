"""What the ticket page shows: the question with its context, the answer, the actions this mentor may take."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from bot.mentoring.console.formatting import excerpt, label, place_tag, tag_label, thai_datetime
from bot.mentoring.console.words import MESSAGES, Words, text
from bot.mentoring.mentors import MentorRecord
from bot.mentoring.tickets import (
    FINISHED_STATUSES,
    EventAction,
    TicketAction,
    TicketContext,
    TicketEventRecord,
    TicketRecord,
    TicketStatus,
    offers,
)
from bot.types import Citation

BUTTONS = (TicketAction.CLAIM, TicketAction.RELEASE, TicketAction.CLOSE)
"""The actions shown as buttons (answering has its own form), in this order."""


def can_save_as_faq(ticket: TicketRecord) -> bool:
    """An answered (or answered and closed) ticket's answer may become a curated FAQ entry."""
    return bool(ticket.answer) and ticket.status in FINISHED_STATUSES


def ticket_view(
    ticket: TicketRecord,
    mentor: MentorRecord,
    events: Sequence[TicketEventRecord],
    names: Mapping[int, str],
    w: Words,
    others: Sequence[TicketRecord] = (),
) -> dict[str, Any]:
    """The ticket page's values; ``names`` are every mentor's names by id (for the audit trail);
    ``others`` are the SME's other tickets (listed with links)."""
    lang = w.language
    faq_path = next(
        (str(e.detail.get("path", "")) for e in reversed(events) if e.action == EventAction.SAVED_AS_FAQ and e.detail),
        "",
    )
    mine = ticket.assignee_mentor_id == mentor.id
    tags = list(ticket.tags)
    return {
        "reference": ticket.reference,
        "status": ticket.status,
        "status_label": label("status", ticket.status, lang),
        "sme": w(
            "ticket.from",
            name=ticket.sme_label(lang),
            channel=label("channel", ticket.channel, lang),
        ),
        "others": [
            {
                "reference": other.reference,
                "status_label": label("status", other.status, lang),
                "question": excerpt(other.question, 70),
            }
            for other in others
            if other.id != ticket.id
        ],
        "created": w("ticket.created", when=thai_datetime(ticket.created_at, lang)),
        "assignee": ticket.assignee_name,
        "tags": [tag_label(tag, lang) for tag in tags],
        "question": ticket.question,
        "follow_ups": [f.text for f in ticket.context.follow_ups],
        "answer": ticket.answer,
        "answered_by": w(
            "ticket.answered_by", name=ticket.assignee_name or "-", when=thai_datetime(ticket.answered_at, lang)
        ),
        "claimed_by_other": ticket.status == TicketStatus.CLAIMED and not mine,
        # The assignee may also send more after answering (the SME gets it as a new message).
        "can_answer": offers(ticket, mentor.id, TicketAction.ANSWER),
        "buttons": [(action.value, w(f"action.{action}")) for action in BUTTONS if offers(ticket, mentor.id, action)],
        "can_save_faq": can_save_as_faq(ticket),
        "faq_path": faq_path,
        # Open right after answering (the moment to review it); folded away once saved or later.
        "faq_open": ticket.status == TicketStatus.ANSWERED and not faq_path,
        "faq_question": ticket.question,
        "faq_answer": ticket.answer or "",
        "faq_topics": ", ".join(t for t in tags if place_tag(t) is None),
        **_context_view(ticket.context, w),
        "events": [
            {
                "when": thai_datetime(e.at, lang),
                "what": label("event", e.action, lang),
                "who": _actor(e.actor, names, w),
            }
            for e in events
        ],
    }


def _context_view(context: TicketContext, w: Words) -> dict[str, Any]:
    """The assistant's attempt, the passages found and the conversation, as the page shows them."""
    attempt_view = _received_view(context, w)
    passages = [
        {
            "where": " · ".join(
                part for part in (p.title, p.heading, w("ticket.page", page=p.page) if p.page else "", p.source) if part
            ),
            "score": w("ticket.score", value=p.score),
            "text": p.text,
        }
        for p in context.passages
    ]
    turns = [
        {
            "role": turn.role,
            "who": w("ticket.role_user") if turn.role == "user" else w("ticket.role_assistant"),
            "text": turn.text,
        }
        for turn in context.turns
    ]
    return {"attempt": attempt_view, "passages": passages, "turns": turns}


def _received_view(context: TicketContext, w: Words) -> dict[str, Any] | None:
    """What the SME received, as recorded when the ticket was made: the text, how it was answered, its sources.

    Only what is known is said: an old ticket without a recorded tier or confidence shows the
    text alone, never a confidence of 0 or a claim that the SME did not get it.
    """
    attempt = context.attempt
    if attempt is None or not attempt.text:
        return None
    how = []
    if attempt.coverage is not None and f"ticket.coverage.{attempt.coverage}" in MESSAGES:
        how.append(w(f"ticket.coverage.{attempt.coverage}"))
    elif attempt.mode is not None and f"ticket.kind.{attempt.mode}" in MESSAGES:
        how.append(w(f"ticket.kind.{attempt.mode}"))
    if attempt.confidence is not None:
        how.append(w("ticket.confidence", value=attempt.confidence))
    sources = " · ".join(_citation(c, w.language) for c in attempt.citations)
    return {
        "text": attempt.text,
        "coverage": attempt.coverage or "",
        "meta": " · ".join(how),
        "sources": w("ticket.sources", sources=sources) if sources else "",
    }


def _actor(actor: str, names: Mapping[int, str], w: Words) -> str:
    """``mentor:3`` -> ``พี่เลี้ยง <name>``; ``user:7`` -> ``ผู้ประกอบการ``; ``system`` -> ``ระบบ``."""
    kind, _, ident = actor.partition(":")
    if kind == "mentor" and ident.isdigit():
        return w("actor.mentor", name=names.get(int(ident), ident))
    return label("actor", kind, w.language)


def _citation(citation: Citation, language: str) -> str:
    """``title (source, หน้า 3)`` for the attempt's sources line."""
    where = citation.source
    if citation.page:
        where += ", " + text("ticket.page", language, page=citation.page)
    return f"{citation.title} ({where})" if citation.title and where else citation.title or where
