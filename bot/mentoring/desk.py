"""Mentor actions that arrive through a chat channel: who is asking, what they may do, what to tell them.

The Telegram and LINE mentor groups (and a mentor's private chat with the bot) all come here, so
the rules are the same everywhere: the platform user id must belong to an active mentor in the
:class:`~bot.mentoring.mentors.MentorRegistry`; anyone else is refused politely and the attempt
is logged; every change goes through :class:`~bot.mentoring.tickets.TicketService`, which writes
the audit trail and, for an answer, the outbox row to the SME in the same transaction.

The methods are synchronous (database work); channels call them with ``asyncio.to_thread``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Literal

from bot.i18n.mentor_groups import text
from bot.mentoring.mentors import MentorRecord, MentorRegistry
from bot.mentoring.numbers import format_ticket_number
from bot.mentoring.tickets import (
    NotAMentorError,
    RefusalReason,
    TicketAction,
    TicketRecord,
    TicketService,
    TicketStateError,
    UnknownTicketError,
    refusal,
)

logger = logging.getLogger(__name__)

DeskAction = Literal["claim", "answer", "close"]
Refusal = Literal["not_mentor", "not_found", "state", "empty", "failed"]


@dataclass(frozen=True)
class DeskOutcome:
    """What to tell the mentor, the ticket after the change (or as it is, when its status refused the
    change; ``None`` for other refusals), and why it was refused (``None`` when the change was made)."""

    message: str
    ticket: TicketRecord | None = None
    refused: Refusal | None = None

    @property
    def ok(self) -> bool:
        """The change was made."""
        return self.refused is None


class MentorDesk:
    """Claim, answer and close tickets on behalf of a platform user, if that user is a mentor."""

    def __init__(self, tickets: TicketService, mentors: MentorRegistry, language: str = "th") -> None:
        self._tickets = tickets
        self._mentors = mentors
        self.language = language

    @property
    def tickets(self) -> TicketService:
        """The ticket service (channels look tickets up by their posts)."""
        return self._tickets

    def mentor(self, channel: str, platform_user_id: str) -> MentorRecord | None:
        """The active mentor with this Telegram or LINE user id, or ``None``."""
        if channel == "telegram":
            return self._mentors.by_telegram(platform_user_id)
        if channel == "line":
            return self._mentors.by_line(platform_user_id)
        return None

    def ticket_by_number(self, number: int) -> TicketRecord | None:
        """The ticket ``T-<number>``."""
        return self._tickets.by_number(number)

    def act(
        self,
        channel: str,
        platform_user_id: str,
        action: DeskAction,
        *,
        ticket_id: int | None = None,
        number: int | None = None,
        answer: str = "",
    ) -> DeskOutcome:
        """Do ``action`` on the ticket (by id, or by number) as the mentor behind ``platform_user_id``."""
        language = self.language
        reference = format_ticket_number(number) if number is not None else "?"
        mentor = self.mentor(channel, platform_user_id)
        if mentor is None:
            logger.warning(
                "refused %s on %s: %s user %s is not a registered mentor",
                action,
                reference if ticket_id is None else f"ticket id {ticket_id}",
                channel,
                platform_user_id,
            )
            return DeskOutcome(text("refused.not_mentor", language), refused="not_mentor")
        ticket = self._tickets.get(ticket_id) if ticket_id is not None else None
        if ticket is None and number is not None:
            ticket = self._tickets.by_number(number)
        if ticket is None:
            return DeskOutcome(text("refused.not_found", language, reference=reference), refused="not_found")
        if action == "answer" and not answer.strip():
            return DeskOutcome(text("refused.empty_answer", language, reference=ticket.reference), refused="empty")
        try:
            if action == "claim":
                changed = self._tickets.claim(ticket.id, mentor.id)
            elif action == "answer":
                changed = self._tickets.answer(ticket.id, mentor.id, answer.strip())
            else:
                changed = self._tickets.close(ticket.id, mentor.actor)
        except TicketStateError:
            return self._state_refusal(ticket.id, mentor, action)
        except UnknownTicketError:  # deleted meanwhile
            return DeskOutcome(text("refused.not_found", language, reference=ticket.reference), refused="not_found")
        except NotAMentorError:  # removed or deactivated between the lookup and the change
            logger.warning("refused %s on %s: mentor %s is no longer active", action, ticket.reference, mentor.id)
            return DeskOutcome(text("refused.not_mentor", language), refused="not_mentor")
        logger.info("mentor %s (%s) did %s on %s", mentor.id, channel, action, changed.reference)
        name = mentor.name
        return DeskOutcome(text(f"done.{action}", language, reference=changed.reference, mentor=name), changed)

    def _state_refusal(self, ticket_id: int, mentor: MentorRecord, action: DeskAction) -> DeskOutcome:
        """Why the ticket's status does not allow ``action``, in words a mentor understands."""
        language = self.language
        ticket = self._tickets.get(ticket_id)
        if ticket is None:
            return DeskOutcome(text("refused.not_found", language, reference="?"), refused="not_found")
        reference = ticket.reference
        logger.info("mentor %s cannot %s %s in status %s", mentor.id, action, reference, ticket.status)
        # The rules asked of the ticket as it is now; had it changed meanwhile so that they allow it, "state" explains.
        why = refusal(ticket, mentor.id, TicketAction(action)) or RefusalReason.STATE
        if why is RefusalReason.CLOSED:
            message = text("refused.closed", language, reference=reference)
        elif why is RefusalReason.TAKEN:
            other = ticket.assignee_name or text("post.a_mentor", language)
            message = text("refused.taken", language, reference=reference, mentor=other)
        else:
            message = text(
                "refused.state", language, reference=reference, status=text(f"status.{ticket.status}", language)
            )
        return DeskOutcome(message, ticket, refused="state")
