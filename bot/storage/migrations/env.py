"""Alembic environment for the bundled migrations.

The application migrates through an open connection handed over in
``config.attributes["connection"]`` (see :func:`bot.storage.database.migrate`); Alembic
commands run by a developer may give ``sqlalchemy.url`` instead, or ask for SQL (``--sql``).
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine
from sqlalchemy.pool import NullPool

from bot.storage.models import Base


def _configure_and_run(connection: Connection) -> None:
    """Run the pending revisions through ``connection``."""
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite cannot ALTER most things; batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def _run_offline() -> None:
    """Write the SQL of the pending revisions instead of running it."""
    url = context.config.get_main_option("sqlalchemy.url")
    context.configure(
        url=url,
        target_metadata=Base.metadata,
        literal_binds=True,
        render_as_batch=bool(url and url.startswith("sqlite")),
    )
    with context.begin_transaction():
        context.run_migrations()


def _run_online() -> None:
    """Migrate through the given connection, or connect to ``sqlalchemy.url``."""
    connection: Connection | None = context.config.attributes.get("connection")
    if connection is not None:
        _configure_and_run(connection)
        return
    url = context.config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("no connection or sqlalchemy.url given to the NZAP migrations")
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as new_connection:
            _configure_and_run(new_connection)
            new_connection.commit()
    finally:
        engine.dispose()


if context.is_offline_mode():
    _run_offline()
else:
    _run_online()
