"""May this mentor do this to this ticket now? One answer for the service, the chat desk and the console.

The service asks before it changes a ticket (and refuses with
:class:`~bot.mentoring.tickets.records.TicketStateError`), the mentor desk asks why a change was
refused (to say it in words), and the console asks which buttons to show. All three read
:data:`~bot.mentoring.tickets.status.TRANSITIONS` through these functions, so what a page offers
is what the service accepts. Whether someone is an active mentor at all is the mentor registry's
question (and the service's, inside its transaction).
"""

from __future__ import annotations

from enum import Enum, auto
from typing import Protocol

from bot.mentoring.tickets.status import TRANSITIONS, TicketAction, TicketStatus, Transition


class RefusalReason(Enum):
    """Why an action is refused."""

    CLOSED = auto()
    """The ticket is closed."""
    TAKEN = auto()
    """Another mentor has it."""
    STATE = auto()
    """Its status does not allow the action (e.g. claiming an answered ticket)."""


class TicketState(Protocol):
    """What the rules look at: a ticket record or a ticket row."""

    @property
    def status(self) -> str:
        """The ticket's status (a :class:`TicketStatus` value)."""
        ...

    @property
    def assignee_mentor_id(self) -> int | None:
        """The mentor who has the ticket, if any."""
        ...


def transition_for(ticket: TicketState, mentor_id: int | None, action: TicketAction) -> Transition | None:
    """The move ``action`` makes on ``ticket`` when done by mentor ``mentor_id``; ``None`` when refused.

    ``mentor_id`` is ``None`` for the SME and the system, who may only do what is not
    reserved to the ticket's mentor.
    """
    rule = TRANSITIONS.get((TicketStatus(ticket.status), action))
    if rule is None or (rule.assignee_only and _taken(ticket, mentor_id)):
        return None
    return rule


def refusal(ticket: TicketState, mentor_id: int | None, action: TicketAction) -> RefusalReason | None:
    """Why mentor ``mentor_id`` may not do ``action`` on ``ticket``, or ``None`` when they may."""
    if transition_for(ticket, mentor_id, action) is not None:
        return None
    if ticket.status == TicketStatus.CLOSED:
        return RefusalReason.CLOSED
    return RefusalReason.TAKEN if _taken(ticket, mentor_id) else RefusalReason.STATE


def offers(ticket: TicketState, mentor_id: int | None, action: TicketAction) -> bool:
    """Whether ``action`` would change ``ticket`` for this mentor (a button worth showing)."""
    rule = transition_for(ticket, mentor_id, action)
    return rule is not None and not rule.repeat


def _taken(ticket: TicketState, mentor_id: int | None) -> bool:
    """Another mentor has the ticket."""
    return ticket.assignee_mentor_id not in (None, mentor_id)
