"""What the SME received, who they are, and the web chat's own transcript.

- ``messages.coverage``: the tier of a course answer as it was sent (``answered``, ``partial``,
  ``not_covered``), so a ticket made from it later says exactly what the SME got;
- ``users.business_name`` and ``users.business_asked_at``: a business name the SME chose to give
  (asked once, after their first ticket; skippable), shown to mentors, exported and erased;
- ``web_transcript``: what a web chat page showed, one row per message in or out, so that a reload
  shows the conversation again (the page has no other memory); kept under the same consent,
  export, erasure and retention as conversations.

Revision ID: 0011_received_and_transcript
Revises: 0009_event_leases
Create Date: 2026-12-03 00:00:00+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0011_received_and_transcript"
down_revision: str | Sequence[str] | None = "0009_event_leases"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_json = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    """Add the coverage of messages, the business name of users and ``web_transcript``."""
    with op.batch_alter_table("messages") as batch:
        batch.add_column(sa.Column("coverage", sa.String(length=16), nullable=True))
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("business_name", sa.Text(), nullable=True))
        batch.add_column(sa.Column("business_asked_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "web_transcript",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("payload", _json, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("role IN ('user', 'assistant')", name="ck_web_transcript_role"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_web_transcript_user_id_users", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_web_transcript"),
    )
    op.create_index("ix_web_transcript_user_id_id", "web_transcript", ["user_id", "id"])
    op.create_index("ix_web_transcript_created_at", "web_transcript", ["created_at"])


def downgrade() -> None:
    """Drop the transcript, the business name and the coverage."""
    op.drop_index("ix_web_transcript_created_at", table_name="web_transcript")
    op.drop_index("ix_web_transcript_user_id_id", table_name="web_transcript")
    op.drop_table("web_transcript")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("business_asked_at")
        batch.drop_column("business_name")
    with op.batch_alter_table("messages") as batch:
        batch.drop_column("coverage")
