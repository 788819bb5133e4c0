"""Ticket, mentor and outbox tests run on SQLite and on PostgreSQL (the storage fixtures)."""

from __future__ import annotations

import pytest

from bot.mentoring import MentorGroups, MentorRegistry, Outbox, TicketService
from bot.storage import ConversationRepository, Database
from tests.bot.storage.conftest import database, database_url  # noqa: F401  (shared fixtures)

GROUP_CHAT = -1001234567890
LINE_GROUP = "C" + "a" * 32


@pytest.fixture
def outbox(database: Database) -> Outbox:  # noqa: F811
    return Outbox(database)


@pytest.fixture
def tickets(database: Database, outbox: Outbox) -> TicketService:  # noqa: F811
    return TicketService(database, outbox, MentorGroups(telegram_chat_id=GROUP_CHAT, line_group_id=LINE_GROUP))


@pytest.fixture
def mentors(database: Database) -> MentorRegistry:  # noqa: F811
    return MentorRegistry(database, lockout_failures=3, lockout_minutes=15)


@pytest.fixture
def repository(database: Database) -> ConversationRepository:  # noqa: F811
    return ConversationRepository(database)
