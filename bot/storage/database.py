"""Opening the database: the engine, the schema migrations, and transactional sessions."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event, make_url, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.orm import Session, configure_mappers, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry, StaticPool

logger = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).parent / "migrations"

# Any constant works; it only has to be the same for every process migrating this database.
_MIGRATION_LOCK_KEY = 0x4E5A4150  # "NZAP"


class Database:
    """An open database whose schema is at the latest revision.

    Use :meth:`session` for each unit of work, and :meth:`close` (or ``with``) when done.
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine (for tests and maintenance; application code uses sessions)."""
        return self._engine

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in one transaction: committed when the block ends, rolled back if it raises."""
        with self._sessions() as session, session.begin():
            yield session

    def flush_deleted(self) -> None:
        """Make rows deleted so far leave the disk: on SQLite, checkpoint the write-ahead log and empty it.

        SQLite writes every change to the ``-wal`` file first; the pages there still hold the
        rows as they were before a delete until a checkpoint copies the new pages into the
        database and ``TRUNCATE`` empties the log. Deleted cells in the database file itself are
        zeroed by ``secure_delete`` (set on every connection). Erasure calls this after it
        commits. A reader holding an old snapshot can keep the log from emptying; the next
        erasure or checkpoint finishes the job, and that is logged. PostgreSQL: nothing to do
        here (its space is reclaimed by VACUUM).
        """
        if self._engine.dialect.name != "sqlite":
            return
        raw = self._engine.raw_connection()
        try:
            cursor = raw.cursor()
            busy, _, _ = cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            cursor.close()
        finally:
            raw.close()
        if busy:
            logger.warning("the SQLite write-ahead log could not be emptied now (a reader was busy)")

    def close(self) -> None:
        """Close every pooled connection."""
        self._engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def database_unavailable(error: BaseException) -> bool:
    """Whether ``error`` means the database cannot be reached or used right now (worth a 503 and a retry).

    Connection failures, lost connections, time-outs and a locked SQLite file are operational
    errors; constraint violations and SQL mistakes are not, and stay errors.
    """
    if isinstance(error, OperationalError | InterfaceError):
        return True
    return isinstance(error, DBAPIError) and error.connection_invalidated


def open_database(url: str) -> Database:
    """Connect to ``url`` (SQLite or ``postgresql+psycopg``) and bring its schema up to date.

    Safe to call at every start-up and from several processes at once: a database already at
    the latest revision is left as it is.
    """
    engine = _create_engine(make_url(url))
    try:
        migrate(engine)
    except BaseException:
        engine.dispose()
        raise
    # The ORM configures its mappers on first use: some 25 ms of CPU that the first webhook of a burst
    # paid (measured with py-spy) when it was the web process's first query.
    configure_mappers()
    return Database(engine)


def events_file_beside(database_url: str) -> str | None:
    """On SQLite, the URL of a file of its own for the webhook event record beside the database
    (``nzap.db`` -> ``nzap-events.db``); ``None`` (the same database) for PostgreSQL or SQLite in memory.

    SQLite has one write lock per file: the web process's recording of a burst of webhooks waited
    behind the worker processes' answer transactions there (seconds at p99, measured); in a file of
    its own it meets only the workers' short takes and finishes of events. PostgreSQL locks rows.
    The file carries the whole schema (one set of migrations); only its event table is used.
    """
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    main = Path(url.database)
    beside = url.set(database=str(main.with_name(f"{main.stem}-events{main.suffix or '.db'}")))
    return beside.render_as_string(hide_password=False)


def alembic_config(connection: Connection | None = None, url: str | None = None) -> Config:
    """An Alembic configuration for the bundled migrations, built in code (no ``alembic.ini``).

    Pass an open ``connection`` to migrate through it, or a ``url`` for Alembic commands that
    connect themselves (e.g. ``command.revision(alembic_config(url=...), autogenerate=True)``).
    """
    config = Config()
    # Config values go through configparser interpolation, which treats "%" as special.
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    if url is not None:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    config.attributes["connection"] = connection
    return config


def migrate(engine: Engine) -> None:
    """Run ``alembic upgrade head`` on ``engine`` in one transaction."""
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # Batch migrations rebuild tables; with foreign keys on, dropping a referenced table
            # would delete or reject its children. The pragma is ignored inside a transaction.
            _set_sqlite_foreign_keys(connection, on=False)
        try:
            with connection.begin():
                if connection.dialect.name == "postgresql":
                    # Several workers may start at once; the first migrates, the rest find it done.
                    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK_KEY})
                command.upgrade(alembic_config(connection), "head")
        finally:
            if sqlite:
                _set_sqlite_foreign_keys(connection, on=True)


def _create_engine(url: URL) -> Engine:
    """The engine for ``url``, with the settings its backend needs."""
    # Thai text in JSON columns is stored as characters, not \\u escapes.
    options: dict[str, Any] = {"json_serializer": lambda value: json.dumps(value, ensure_ascii=False)}
    backend = url.get_backend_name()
    if backend == "sqlite":
        return _create_sqlite_engine(url, options)
    if backend == "postgresql":
        # Without a connect timeout an unreachable server (packets dropped) holds a webhook for
        # minutes; with one, the webhook is refused (503) in seconds and redelivered later.
        connect_args = {} if "connect_timeout" in url.query else {"connect_timeout": 5}
        return create_engine(url, pool_pre_ping=True, connect_args=connect_args, **options)
    return create_engine(url, **options)


def _create_sqlite_engine(url: URL, options: dict[str, Any]) -> Engine:
    """A SQLite engine: WAL journal, foreign keys on, and transactions that include DDL."""
    database = url.database or ""
    in_memory = database in ("", ":memory:") or url.query.get("mode") == "memory"
    if in_memory:
        # One shared connection, or every session would see its own empty database.
        options["poolclass"] = StaticPool
    else:
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"check_same_thread": False}, **options)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, connection_record: ConnectionPoolEntry) -> None:
        # The sqlite3 module would otherwise open transactions itself, and only before DML:
        # migrations would run outside any transaction. SQLAlchemy emits BEGIN instead (below).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            # Deleted rows are overwritten with zeros, not left in free pages: erased means gone from the file.
            cursor.execute("PRAGMA secure_delete=ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # IMMEDIATE takes the write lock up front, so a read-then-write unit of work waits for
        # other writers (busy timeout) instead of failing when it upgrades its lock.
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _set_sqlite_foreign_keys(connection: Connection, *, on: bool) -> None:
    """Switch SQLite foreign-key enforcement outside SQLAlchemy's transaction handling."""
    cursor = connection.connection.cursor()
    try:
        cursor.execute(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")
    finally:
        cursor.close()
