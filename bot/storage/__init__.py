"""Persistence in SQLite or PostgreSQL: users, conversations, footprints, tickets, the outbox, processed events."""

# Imported for its tables: they join Base.metadata (migrations, schema checks) with the package.
from bot.storage import engagement_models  # noqa: F401
from bot.storage.database import Database, open_database
from bot.storage.events import NewEvent, ProcessedEvents, TakenEvent
from bot.storage.footprints import FootprintEntryRecord, FootprintRepository, KeptActivity
from bot.storage.records import MessageRecord, UnknownUserError, UserRecord
from bot.storage.repository import ConversationRepository
from bot.storage.transcript import TranscriptEntry, WebTranscript

__all__ = [
    "ConversationRepository",
    "Database",
    "FootprintEntryRecord",
    "FootprintRepository",
    "KeptActivity",
    "MessageRecord",
    "NewEvent",
    "ProcessedEvents",
    "TakenEvent",
    "TranscriptEntry",
    "UnknownUserError",
    "UserRecord",
    "WebTranscript",
    "open_database",
]
