"""Persistence in SQLite or PostgreSQL: users, conversations, messages, tickets, the outbox, processed events."""

from bot.storage.database import Database, open_database
from bot.storage.events import ProcessedEvents
from bot.storage.repository import (
    ConversationRepository,
    MessageRecord,
    UnknownUserError,
    UserRecord,
)

__all__ = [
    "ConversationRepository",
    "Database",
    "MessageRecord",
    "ProcessedEvents",
    "UnknownUserError",
    "UserRecord",
    "open_database",
]
