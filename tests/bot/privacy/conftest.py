"""Privacy tests run on SQLite and on PostgreSQL (the storage fixtures)."""

from __future__ import annotations

from tests.bot.storage.conftest import database, database_url  # noqa: F401  (shared fixtures)
