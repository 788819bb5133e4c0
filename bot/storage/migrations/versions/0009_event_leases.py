"""Processed events become the durable record of a webhook event until it is answered.

A webhook's events are recorded (``pending``, with the event's JSON) before the platform
gets its acknowledgement; a worker takes one (``working``, ``attempts`` + 1, a lease in
``locked_until``), answers, and marks it ``done`` (the JSON is then dropped). A worker that
dies leaves it ``working``: once its lease runs out another worker takes it again, and a
platform redelivery of an event that is not ``done`` is answered instead of being dropped as
a duplicate. Rows from before this revision were all handled: they become ``done``.

Revision ID: 0009_event_leases
Revises: 0008_console_session_version
Create Date: 2026-12-05 00:00:00+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_event_leases"
down_revision: str | Sequence[str] | None = "0008_console_session_version"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add the status, payload, attempts and lease of each event."""
    with op.batch_alter_table("processed_events") as batch:
        batch.add_column(sa.Column("status", sa.String(length=16), nullable=False, server_default="done"))
        batch.add_column(sa.Column("payload", sa.Text(), nullable=True))
        batch.add_column(sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True))
    op.create_index("ix_processed_events_status", "processed_events", ["status"])


def downgrade() -> None:
    """Back to a plain list of claimed ids."""
    op.drop_index("ix_processed_events_status", table_name="processed_events")
    with op.batch_alter_table("processed_events") as batch:
        for column in ("finished_at", "locked_until", "attempts", "payload", "status"):
            batch.drop_column(column)
