"""Processed platform events, for de-duplicating webhook redeliveries.

Revision ID: 0002_processed_events
Revises: 0001_initial_tables
Create Date: 2026-11-25 00:00:00+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_processed_events"
down_revision: str | Sequence[str] | None = "0001_initial_tables"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create ``processed_events`` with one row per (channel, event id)."""
    op.create_table(
        "processed_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=32), nullable=False),
        sa.Column("event_id", sa.String(length=128), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_processed_events"),
        sa.UniqueConstraint("channel", "event_id", name="uq_processed_events_channel_event_id"),
    )


def downgrade() -> None:
    """Drop ``processed_events``."""
    op.drop_table("processed_events")
