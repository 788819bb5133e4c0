"""Every storage test runs twice: on a SQLite file and on the PostgreSQL server named by
``NZAP_TEST_POSTGRES_URL`` (skipped when unset; an unreachable server fails the run).

Each PostgreSQL test gets its own schema, dropped afterwards, so parallel runs never collide.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import NullPool

from bot.storage import ConversationRepository, Database, open_database

POSTGRES_URL_VARIABLE = "NZAP_TEST_POSTGRES_URL"

_postgres_url = os.environ.get(POSTGRES_URL_VARIABLE, "")
if os.environ.get("CI") == "true" and not _postgres_url:
    # CI has a PostgreSQL server: a missing URL there is a broken CI script, not a reason to skip.
    raise RuntimeError(f"CI=true but {POSTGRES_URL_VARIABLE} is not set; .ci/run must export it")

postgres_url_value = _postgres_url
needs_postgres = pytest.mark.skipif(
    not _postgres_url, reason=f"set {POSTGRES_URL_VARIABLE} to run against PostgreSQL (CI sets it and fails without it)"
)


@pytest.fixture(
    params=[
        "sqlite",
        pytest.param(
            "postgresql",
            marks=[needs_postgres, pytest.mark.needs_system],
        ),
    ]
)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty database: a SQLite file in a folder that does not exist yet, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'data' / 'nzap.db'}"
    else:
        yield from _postgres_schema(_postgres_url)


def _postgres_schema(base_url: str) -> Iterator[str]:
    """A URL whose connections live in a new schema (search_path), and drop that schema afterwards."""
    schema = f"nzap_test_{uuid.uuid4().hex[:16]}"
    admin = create_engine(base_url, poolclass=NullPool)
    try:
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    except OperationalError as exc:
        admin.dispose()
        pytest.fail(f"{POSTGRES_URL_VARIABLE} is set but PostgreSQL cannot be reached: {exc}")
    url = make_url(base_url).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    with open_database(database_url) as opened:
        yield opened


@pytest.fixture
def repository(database: Database) -> ConversationRepository:
    return ConversationRepository(database)
