"""Mentors, tickets with their audit trail, and the delivery outbox.

Pending escalation requests (written by the engine before tickets existed) become open
tickets with the same number, so an SME quoting ``R-0007`` finds ``T-0007``. The old table
stays, read by nothing new.

Revision ID: 0003_tickets_mentors_outbox
Revises: 0002_processed_events
Create Date: 2026-11-26 00:00:00+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0003_tickets_mentors_outbox"
down_revision: str | Sequence[str] | None = "0002_processed_events"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_json = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def _timestamp() -> sa.DateTime:
    """A timezone-aware timestamp column type."""
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create ``mentors``, ``tickets``, ``ticket_events`` and ``outbox``; carry pending requests over."""
    op.create_table(
        "mentors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("telegram_user_id", sa.String(length=64), nullable=True),
        sa.Column("line_user_id", sa.String(length=64), nullable=True),
        sa.Column("web_username", sa.String(length=64), nullable=True),
        sa.Column("password_hash", sa.Text(), nullable=True),
        sa.Column("failed_logins", sa.Integer(), server_default="0", nullable=False),
        sa.Column("locked_until", _timestamp(), nullable=True),
        sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("created_at", _timestamp(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_mentors"),
        sa.UniqueConstraint("line_user_id", name="uq_mentors_line_user_id"),
        sa.UniqueConstraint("telegram_user_id", name="uq_mentors_telegram_user_id"),
        sa.UniqueConstraint("web_username", name="uq_mentors_web_username"),
    )
    op.create_table(
        "tickets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=True),
        sa.Column("channel", sa.String(length=32), nullable=False),
        sa.Column("platform_user_id", sa.String(length=128), nullable=False),
        sa.Column("chat_id", sa.String(length=128), nullable=True),
        sa.Column("display_name", sa.Text(), nullable=True),
        sa.Column("language", sa.String(length=8), server_default="th", nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("context", _json, nullable=False),
        sa.Column("tags", _json, nullable=False),
        sa.Column("status", sa.String(length=16), server_default="open", nullable=False),
        sa.Column("assignee_mentor_id", sa.Integer(), nullable=True),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("created_at", _timestamp(), nullable=False),
        sa.Column("updated_at", _timestamp(), nullable=False),
        sa.Column("claimed_at", _timestamp(), nullable=True),
        sa.Column("answered_at", _timestamp(), nullable=True),
        sa.Column("closed_at", _timestamp(), nullable=True),
        sa.Column("waiting_since", _timestamp(), nullable=False),
        sa.Column("reminded_at", _timestamp(), nullable=True),
        sa.Column("coordinator_notified_at", _timestamp(), nullable=True),
        sa.Column("mentor_posts", _json, nullable=False),
        sa.CheckConstraint("status IN ('open', 'claimed', 'answered', 'closed')", name="ck_tickets_status"),
        sa.ForeignKeyConstraint(
            ["assignee_mentor_id"], ["mentors.id"], name="fk_tickets_assignee_mentor_id_mentors", ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
            name="fk_tickets_conversation_id_conversations",
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_tickets_user_id_users", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_tickets"),
        sa.UniqueConstraint("number", name="uq_tickets_number"),
    )
    op.create_index("ix_tickets_status_created_at", "tickets", ["status", "created_at"])
    op.create_index("ix_tickets_user_id", "tickets", ["user_id"])
    op.create_table(
        "ticket_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("at", _timestamp(), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("detail", _json, nullable=False),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name="fk_ticket_events_ticket_id_tickets", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_ticket_events"),
    )
    op.create_index("ix_ticket_events_ticket_id_at", "ticket_events", ["ticket_id", "at"])
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("recipient", sa.String(length=128), nullable=False),
        sa.Column("payload", _json, nullable=False),
        sa.Column("language", sa.String(length=8), server_default="th", nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=True),
        sa.Column("purpose", sa.String(length=32), nullable=False),
        sa.Column("retry_key", sa.String(length=36), nullable=False),
        sa.Column("status", sa.String(length=16), server_default="pending", nullable=False),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("progress", sa.Integer(), server_default="0", nullable=False),
        sa.Column("next_attempt_at", _timestamp(), nullable=False),
        sa.Column("locked_until", _timestamp(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", _timestamp(), nullable=False),
        sa.Column("delivered_at", _timestamp(), nullable=True),
        sa.CheckConstraint("channel IN ('line', 'telegram', 'web')", name="ck_outbox_channel"),
        sa.CheckConstraint(
            "purpose IN ('mentor_answer', 'ticket_post', 'reminder', 'notice')", name="ck_outbox_purpose"
        ),
        sa.CheckConstraint("status IN ('pending', 'sending', 'delivered', 'failed')", name="ck_outbox_status"),
        sa.ForeignKeyConstraint(["ticket_id"], ["tickets.id"], name="fk_outbox_ticket_id_tickets", ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_outbox"),
        sa.UniqueConstraint("retry_key", name="uq_outbox_retry_key"),
    )
    op.create_index("ix_outbox_status_next_attempt_at", "outbox", ["status", "next_attempt_at"])
    op.create_index("ix_outbox_ticket_id", "outbox", ["ticket_id"])
    # Pending requests keep their number; nothing is posted to mentor groups for them (the
    # groups did not exist), they appear in the console queue.
    op.execute(
        "INSERT INTO tickets (number, user_id, conversation_id, channel, platform_user_id, display_name, language,"
        " question, context, tags, status, created_at, updated_at, waiting_since, mentor_posts)"
        " SELECT e.id, e.user_id, e.conversation_id, u.channel, u.platform_user_id, u.display_name, u.language,"
        " e.question, e.context, '[]', 'open', e.created_at, e.created_at, e.created_at, '{}'"
        " FROM escalation_requests e JOIN users u ON u.id = e.user_id WHERE e.status = 'pending'"
    )
    op.execute("UPDATE escalation_requests SET status = 'ticketed' WHERE status = 'pending'")


def downgrade() -> None:
    """Drop the four tables (tickets made from escalation requests go back to pending)."""
    op.execute(
        "UPDATE escalation_requests SET status = 'pending' WHERE status = 'ticketed'"
        " AND id IN (SELECT number FROM tickets WHERE status IN ('open', 'claimed'))"
    )
    op.drop_index("ix_outbox_ticket_id", table_name="outbox")
    op.drop_index("ix_outbox_status_next_attempt_at", table_name="outbox")
    op.drop_table("outbox")
    op.drop_index("ix_ticket_events_ticket_id_at", table_name="ticket_events")
    op.drop_table("ticket_events")
    op.drop_index("ix_tickets_user_id", table_name="tickets")
    op.drop_index("ix_tickets_status_created_at", table_name="tickets")
    op.drop_table("tickets")
    op.drop_table("mentors")
