"""What a change of a ticket sends, written to the outbox in the change's transaction.

The post to the mentor groups, the mentor's answer to the SME (with the "ask more" and
"got it" buttons), and the notices of the service levels and of failed deliveries.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from bot.i18n import message
from bot.mentoring.outbox import OUTBOX_CHANNEL_NAMES, Outbox
from bot.mentoring.tickets.records import TicketRecord
from bot.storage.models import Message
from bot.types import QuickOption, QuickReplies, Reply, TextReply

logger = logging.getLogger(__name__)

MORE_PREFIX = "ticket:more:"
"""Action of the "ask more" button under a mentor's answer (plus the ticket id)."""
DONE_PREFIX = "ticket:done:"
"""Action of the "got it" button under a mentor's answer (plus the ticket id)."""
MENTOR_MODE = "mentor"
"""``messages.mode`` of a mentor's answer stored in the SME's conversation."""

QUOTED_QUESTION_CHARS = 200
"""How much of the SME's question a mentor's answer quotes above itself."""

Target = tuple[str, str]
"""``(channel, recipient)`` of a message."""


@dataclass(frozen=True)
class MentorGroups:
    """Where new tickets are posted; ``None`` leaves a platform out."""

    telegram_chat_id: int | None = None
    line_group_id: str | None = None

    def targets(self) -> list[Target]:
        """``(channel, recipient)`` of each configured group."""
        found = []
        if self.telegram_chat_id is not None:
            found.append(("telegram", str(self.telegram_chat_id)))
        if self.line_group_id:
            found.append(("line", self.line_group_id))
        return found


PostFormatter = Callable[[TicketRecord], list[Reply]]
"""The text of a ticket's post to the mentor groups (stored in the outbox row)."""


def default_post(ticket: TicketRecord) -> list[Reply]:
    """A short Thai summary of a ticket for the mentor groups (plain text; the relay adds buttons on Telegram)."""
    attempt = ticket.context.attempt
    tags = ", ".join(ticket.tags) or message("ticket.no_tags")
    text = message(
        "ticket.post",
        reference=ticket.reference,
        name=ticket.sme_name(),
        channel=ticket.channel,
        question=ticket.question,
        attempt=clip((attempt.text if attempt else "") or message("ticket.no_attempt"), 600),
        tags=tags,
    )
    return [TextReply(text)]


def reopened_post(ticket: TicketRecord, follow_up: str) -> list[Reply]:
    """The post telling the mentor groups that the SME asked further about an answered ticket."""
    name = ticket.sme_name()
    text = message(
        "ticket.post_reopened", reference=ticket.reference, name=name, follow_up=follow_up, question=ticket.question
    )
    return [TextReply(text)]


def added_post(ticket: TicketRecord, question: str) -> list[Reply]:
    """The post telling the mentor groups that the SME added a new question to their open ticket."""
    name = ticket.sme_name()
    text = message("ticket.post_added", reference=ticket.reference, name=name, added=question, question=ticket.question)
    return [TextReply(text)]


def send(
    outbox: Outbox,
    session: Session,
    targets: Sequence[Target],
    replies: list[Reply],
    purpose: str,
    ticket_id: int,
    now: datetime,
) -> None:
    """Queue the same replies to each target."""
    for channel, recipient in targets:
        outbox.enqueue(session, channel, recipient, replies, purpose=purpose, ticket_id=ticket_id, now=now)


def deliver_answer(
    outbox: Outbox, session: Session, ticket: TicketRecord, mentor: str, text: str, now: datetime
) -> int | None:
    """Queue the mentor's answer for the SME (and keep it in their conversation); the outbox row's id.

    ``None`` when the SME's channel has no delivery (the terminal): the answer stays on the ticket.
    """
    if ticket.channel not in OUTBOX_CHANNEL_NAMES:
        logger.warning("ticket %s came from %s, which has no delivery; answer kept", ticket.reference, ticket.channel)
        return None
    language = ticket.language
    # The answer may come a day later, after other questions: it quotes the question it answers.
    question = clip(" ".join(ticket.question.split()), QUOTED_QUESTION_CHARS)
    body = message(
        "ticket.answer", language, mentor=mentor, reference=ticket.reference, question=question, answer=text
    )
    options = (
        QuickOption(message("ticket.answer_more", language), f"{MORE_PREFIX}{ticket.id}"),
        QuickOption(message("ticket.answer_done", language), f"{DONE_PREFIX}{ticket.id}"),
    )
    if ticket.conversation_id is not None:
        # In the SME's history too: the engine sees a follow-up to it, an LLM sees it as context.
        session.add(
            Message(
                conversation_id=ticket.conversation_id, role="assistant", text=body, created_at=now, mode=MENTOR_MODE
            )
        )
    row = outbox.enqueue(
        session,
        ticket.channel,
        ticket.recipient,
        [QuickReplies(body, options)],
        purpose="mentor_answer",
        language=language,
        ticket_id=ticket.id,
        now=now,
    )
    return row.id


def clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis (the group posts clip Thai-safely themselves)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
