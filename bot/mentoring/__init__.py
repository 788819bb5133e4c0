"""Human mentors: tickets, the mentor registry, the delivery outbox, the relay and service levels."""

from bot.mentoring.mentors import MentorExistsError, MentorRecord, MentorRegistry, UnknownMentorError
from bot.mentoring.numbers import find_ticket_number, format_ticket_number, parse_ticket_number
from bot.mentoring.outbox import Outbox, OutboxRecord, reply_from_json, reply_to_json
from bot.mentoring.tickets import (
    DONE_PREFIX,
    MORE_PREFIX,
    MentorGroups,
    NotAMentorError,
    TicketContext,
    TicketError,
    TicketEventRecord,
    TicketRecord,
    TicketService,
    TicketStateError,
    TicketStatus,
    UnknownTicketError,
    default_post,
)

__all__ = [
    "DONE_PREFIX",
    "MORE_PREFIX",
    "MentorExistsError",
    "MentorGroups",
    "MentorRecord",
    "MentorRegistry",
    "NotAMentorError",
    "Outbox",
    "OutboxRecord",
    "TicketContext",
    "TicketError",
    "TicketEventRecord",
    "TicketRecord",
    "TicketService",
    "TicketStateError",
    "TicketStatus",
    "UnknownMentorError",
    "UnknownTicketError",
    "default_post",
    "find_ticket_number",
    "format_ticket_number",
    "parse_ticket_number",
    "reply_from_json",
    "reply_to_json",
]
