"""Tickets: questions handed to mentors, the rules of their life, and the service that keeps them.

- :mod:`~bot.mentoring.tickets.status`: ``TicketStatus``, the actions and the one table of allowed moves;
- :mod:`~bot.mentoring.tickets.access`: may this mentor do this to this ticket now (service, desk, console);
- :mod:`~bot.mentoring.tickets.context`: ``TicketContext``, what the mentor sees with the question;
- :mod:`~bot.mentoring.tickets.records`: the frozen records handed out, and the errors;
- :mod:`~bot.mentoring.tickets.service`: ``TicketService``, the changes; its read side is ``reads``, and it
  works through ``store`` (one session's steps), ``messages`` and ``notices`` (the outbox) and ``duplicates``.
"""

from bot.mentoring.tickets.access import RefusalReason, offers, refusal, transition_for
from bot.mentoring.tickets.context import FollowUp, FoundPassage, TicketAttempt, TicketContext
from bot.mentoring.tickets.messages import DONE_PREFIX, MENTOR_MODE, MORE_PREFIX, MentorGroups, default_post
from bot.mentoring.tickets.records import (
    NotAMentorError,
    TicketError,
    TicketEventRecord,
    TicketRecord,
    TicketStateError,
    UnknownTicketError,
)
from bot.mentoring.tickets.service import TicketService
from bot.mentoring.tickets.status import (
    ACTIVE_STATUSES,
    FINISHED_STATUSES,
    TRANSITIONS,
    EventAction,
    TicketAction,
    TicketStatus,
    Transition,
)

__all__ = [
    "ACTIVE_STATUSES",
    "DONE_PREFIX",
    "FINISHED_STATUSES",
    "MENTOR_MODE",
    "MORE_PREFIX",
    "TRANSITIONS",
    "EventAction",
    "FollowUp",
    "FoundPassage",
    "MentorGroups",
    "NotAMentorError",
    "RefusalReason",
    "TicketAction",
    "TicketAttempt",
    "TicketContext",
    "TicketError",
    "TicketEventRecord",
    "TicketRecord",
    "TicketService",
    "TicketStateError",
    "TicketStatus",
    "Transition",
    "UnknownTicketError",
    "default_post",
    "offers",
    "refusal",
    "transition_for",
]
