"""Processed events remember how far the reply to them got, for the worker that takes one over.

``reply_state`` is written around the LINE reply of an event's answer: ``attempted`` just
before the reply is sent, then ``accepted`` or ``refused``. A worker that takes over an event
whose worker died reads it and does not answer twice (see
:mod:`bot.channels.reply_journal`). Rows from before this revision have none.

Revision ID: 0012_event_reply_state
Revises: 0011_received_and_transcript
Create Date: 2026-12-03 00:00:00+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012_event_reply_state"
down_revision: str | Sequence[str] | None = "0011_received_and_transcript"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add the reply state of each event."""
    with op.batch_alter_table("processed_events") as batch:
        batch.add_column(sa.Column("reply_state", sa.String(length=16), nullable=True))


def downgrade() -> None:
    """Drop it."""
    with op.batch_alter_table("processed_events") as batch:
        batch.drop_column("reply_state")
