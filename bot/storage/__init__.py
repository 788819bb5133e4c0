"""Persistence in SQLite or PostgreSQL: users, conversations, messages, escalation requests, processed events."""

from bot.storage.database import Database, open_database
from bot.storage.events import ProcessedEvents
from bot.storage.repository import (
    ConversationRepository,
    EscalationRecord,
    MessageRecord,
    UnknownUserError,
    UserRecord,
    escalation_context,
)

__all__ = [
    "ConversationRepository",
    "Database",
    "EscalationRecord",
    "MessageRecord",
    "ProcessedEvents",
    "UnknownUserError",
    "UserRecord",
    "escalation_context",
    "open_database",
]
