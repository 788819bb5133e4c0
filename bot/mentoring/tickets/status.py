"""A ticket's status, the actions that move it, and the one table of which moves are allowed.

Every place that asks "may this happen to this ticket now?" asks :data:`TRANSITIONS` (through
:func:`bot.mentoring.tickets.access.transition_for`), so the service that makes the change and
the pages and chats that offer it cannot disagree. The storage column keeps the plain values
(``TicketStatus`` members are strings); no other module spells them, except the storage models'
CHECK constraint (storage imports nothing above it; a test keeps the two equal).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType


class TicketStatus(StrEnum):
    """Where a ticket is in its life (the values are what the ``tickets.status`` column stores)."""

    OPEN = "open"
    """Waiting for a mentor (new, released, or reopened by a follow-up)."""
    CLAIMED = "claimed"
    """A mentor has taken it."""
    ANSWERED = "answered"
    """A mentor's answer is on its way to, or has reached, the SME."""
    CLOSED = "closed"
    """Done: by a mentor, by the SME ("got it"), or by erasure."""


class TicketAction(StrEnum):
    """What someone does to a ticket (a mentor, or for ``close``/``reopen`` also the SME or the system)."""

    CLAIM = "claim"
    RELEASE = "release"
    ANSWER = "answer"
    CLOSE = "close"
    REOPEN = "reopen"


@dataclass(frozen=True)
class Transition:
    """Where an allowed action takes a ticket, and who may do it."""

    to: TicketStatus
    assignee_only: bool = False
    """Only the ticket's mentor may do it (anyone while nobody has it): a claim is respected."""
    repeat: bool = False
    """The ticket is already there: nothing changes and nothing is recorded (so a double click is harmless)."""


ACTIVE_STATUSES = frozenset({TicketStatus.OPEN, TicketStatus.CLAIMED})
"""Still waiting for or in the hands of a mentor (new duplicates attach to these; erasure closes them)."""
FINISHED_STATUSES = frozenset({TicketStatus.ANSWERED, TicketStatus.CLOSED})
"""A mentor's work is done (retention may anonymise these)."""

TRANSITIONS: Mapping[tuple[TicketStatus, TicketAction], Transition] = MappingProxyType(
    {
        (TicketStatus.OPEN, TicketAction.CLAIM): Transition(TicketStatus.CLAIMED),
        (TicketStatus.CLAIMED, TicketAction.CLAIM): Transition(TicketStatus.CLAIMED, assignee_only=True, repeat=True),
        (TicketStatus.CLAIMED, TicketAction.RELEASE): Transition(TicketStatus.OPEN, assignee_only=True),
        # Answering an open ticket claims it on the way.
        (TicketStatus.OPEN, TicketAction.ANSWER): Transition(TicketStatus.ANSWERED),
        (TicketStatus.CLAIMED, TicketAction.ANSWER): Transition(TicketStatus.ANSWERED, assignee_only=True),
        # The assignee may send more after answering: the SME gets it as a new message.
        (TicketStatus.ANSWERED, TicketAction.ANSWER): Transition(TicketStatus.ANSWERED, assignee_only=True),
        (TicketStatus.OPEN, TicketAction.CLOSE): Transition(TicketStatus.CLOSED),
        (TicketStatus.CLAIMED, TicketAction.CLOSE): Transition(TicketStatus.CLOSED),
        (TicketStatus.ANSWERED, TicketAction.CLOSE): Transition(TicketStatus.CLOSED),
        (TicketStatus.CLOSED, TicketAction.CLOSE): Transition(TicketStatus.CLOSED, repeat=True),
        # The SME follows up on an answer: back to the queue (the service checks the time window).
        (TicketStatus.ANSWERED, TicketAction.REOPEN): Transition(TicketStatus.OPEN),
    }
)
"""Every allowed ``(status, action)``; an action missing here is refused in that status."""


def statuses_allowing(action: TicketAction) -> frozenset[TicketStatus]:
    """The statuses in which ``action`` is allowed at all (for queries that look for candidates)."""
    return frozenset(status for status, allowed in TRANSITIONS if allowed is action)


class EventAction(StrEnum):
    """What the audit trail (``ticket_events.action``) calls each change of a ticket."""

    CREATED = "created"
    ATTACHED = "attached"
    """The same question again, added to the ticket's follow-ups."""
    ADDED = "added"
    """A new question the SME chose to add to their open ticket (the open-ticket offer)."""
    CLAIMED = "claimed"
    RELEASED = "released"
    ANSWERED = "answered"
    CLOSED = "closed"
    REOPENED = "reopened"
    POSTED = "posted"
    """The post in a mentor group was delivered (where it is, for matching replies)."""
    SAVED_AS_FAQ = "saved_as_faq"
    REMINDED = "reminded"
    COORDINATOR_NOTIFIED = "coordinator_notified"
    DELIVERY_FAILED = "delivery_failed"
    ERASED = "erased"
