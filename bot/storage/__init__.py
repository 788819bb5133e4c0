"""Persistence: users, conversations, messages and escalation requests in SQLite or PostgreSQL."""

from bot.storage.database import Database, open_database
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
    "UnknownUserError",
    "UserRecord",
    "escalation_context",
    "open_database",
]
