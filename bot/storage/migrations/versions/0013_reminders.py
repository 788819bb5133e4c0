"""Session reminders: who opted in, which reminders were written, and LINE multicast rows in the outbox.

``reminder_subscriptions`` holds one row per user who asked for reminders (``/remind on``);
``reminder_deliveries`` one row per (user, session) reminder written to the outbox, unique, so a
reminder goes out once however many reminder jobs run; ``outbox.recipients`` lets one outbox row
carry a LINE multicast to up to 500 users.

Revision ID: 0013_reminders
Revises: 0012_event_reply_state
Create Date: 2026-12-03 00:00:00+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "0013_reminders"
down_revision: str | Sequence[str] | None = "0012_event_reply_state"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create the two reminder tables and add ``outbox.recipients``."""
    op.create_table(
        "reminder_subscriptions",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("opted_in_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_reminder_subscriptions_user_id_users", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", name="pk_reminder_subscriptions"),
    )
    op.create_table(
        "reminder_deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("session_key", sa.String(length=64), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("outbox_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_reminder_deliveries_user_id_users", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["outbox_id"], ["outbox.id"], name="fk_reminder_deliveries_outbox_id_outbox", ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_reminder_deliveries"),
        sa.UniqueConstraint("user_id", "session_key", name="uq_reminder_deliveries_user_id_session_key"),
    )
    op.create_index("ix_reminder_deliveries_channel_created_at", "reminder_deliveries", ["channel", "created_at"])
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("recipients", sa.JSON().with_variant(JSONB(), "postgresql"), nullable=True))


def downgrade() -> None:
    """Drop the reminder tables and ``outbox.recipients`` (every opt-in is lost)."""
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("recipients")
    op.drop_index("ix_reminder_deliveries_channel_created_at", table_name="reminder_deliveries")
    op.drop_table("reminder_deliveries")
    op.drop_table("reminder_subscriptions")
