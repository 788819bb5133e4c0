"""Migration 0005 lets the outbox hold replies, keeping the rows already queued; SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import make_url, text
from sqlalchemy.exc import IntegrityError

from bot.storage.database import _create_engine, alembic_config

ROW = (
    "INSERT INTO outbox (channel, recipient, payload, language, purpose, retry_key, status, attempts, progress,"
    " next_attempt_at, created_at) VALUES ('line', 'U1', :payload, 'th', :purpose, :key, 'pending', 0, 0,"
    " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
)
PAYLOAD = '[{"kind": "text", "text": "คำตอบของพี่เลี้ยง"}]'


def test_0005_allows_replies_and_keeps_queued_rows(database_url: str) -> None:
    engine = _create_engine(make_url(database_url))  # the product's engine: WAL, transactional DDL on SQLite
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "0004_user_consent")
            connection.execute(text(ROW), {"payload": PAYLOAD, "purpose": "mentor_answer", "key": "k-1"})
        with pytest.raises(IntegrityError), engine.begin() as connection:
            connection.execute(text(ROW), {"payload": PAYLOAD, "purpose": "reply", "key": "k-2"})
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "0005_outbox_reply")
            connection.execute(text(ROW), {"payload": PAYLOAD, "purpose": "reply", "key": "k-3"})
            rows = connection.execute(text("SELECT purpose, payload FROM outbox ORDER BY id")).all()
        assert [r[0] for r in rows] == ["mentor_answer", "reply"]
        assert "คำตอบของพี่เลี้ยง" in str(rows[0][1])  # the JSON payload survived SQLite's table copy
        with pytest.raises(IntegrityError), engine.begin() as connection:
            connection.execute(text(ROW), {"payload": PAYLOAD, "purpose": "something else", "key": "k-4"})
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), "0004_user_consent")
            assert connection.execute(text("SELECT purpose FROM outbox")).scalars().all() == ["mentor_answer"]
    finally:
        engine.dispose()
