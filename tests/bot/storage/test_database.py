"""Opening the database: migrations, idempotent re-opening, transactions."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import func, inspect, select, text
from sqlalchemy.exc import IntegrityError

from bot.storage import ConversationRepository, Database, open_database
from bot.storage.database import alembic_config
from bot.storage.models import Base, Conversation, Message, User, utcnow

TABLES = {"users", "conversations", "messages", "escalation_requests"}


def _head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def _current_revision(database: Database) -> str | None:
    with database.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def test_migrations_create_the_tables_at_head(database: Database) -> None:
    assert TABLES | {"alembic_version"} <= set(inspect(database.engine).get_table_names())
    assert _current_revision(database) == _head_revision()


def test_schema_built_by_migrations_matches_the_models(database: Database) -> None:
    with database.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_second_open_is_a_no_op(database_url: str) -> None:
    with open_database(database_url) as first:
        user = ConversationRepository(first).touch_user("line", "U1", "สมชาย")
        with first.engine.connect() as connection:
            versions_before = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()

    with open_database(database_url) as second:
        with second.engine.connect() as connection:
            versions_after = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
        assert versions_after == versions_before == [_head_revision()]
        assert ConversationRepository(second).user(user.id) == user


def test_failed_transaction_leaves_nothing_written(database: Database) -> None:
    with pytest.raises(RuntimeError, match="boom"), database.session() as session:
        now = utcnow()
        user = User(channel="line", platform_user_id="U1", created_at=now, last_seen_at=now)
        session.add(user)
        session.flush()
        conversation = Conversation(user_id=user.id, started_at=now)
        session.add(conversation)
        session.flush()
        session.add(Message(conversation_id=conversation.id, role="user", text="ค่าไฟ", created_at=now))
        session.flush()
        raise RuntimeError("boom")

    with database.session() as session:
        for table in (User, Conversation, Message):
            assert session.scalar(select(func.count()).select_from(table)) == 0


def test_constraint_violation_rolls_back_the_whole_unit(database: Database) -> None:
    repository = ConversationRepository(database)
    with pytest.raises(IntegrityError):
        repository.add_user_message(conversation_id=999_999, text="ไม่มีบทสนทนานี้")
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Message)) == 0


def test_sqlite_file_uses_wal_and_creates_its_folder(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "folder" / "nzap.db"
    with open_database(f"sqlite:///{path}") as database, database.engine.connect() as connection:
        assert path.exists()
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_sqlite_in_memory_database_is_shared_between_sessions() -> None:
    with open_database("sqlite://") as database:
        repository = ConversationRepository(database)
        user = repository.touch_user("cli", "local", None)
        assert repository.user(user.id) == user
