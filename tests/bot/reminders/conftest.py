"""Reminder tests run on SQLite and on PostgreSQL (``NZAP_TEST_POSTGRES_URL``), like the storage tests."""

from tests.bot.storage.conftest import database, database_url  # noqa: F401
