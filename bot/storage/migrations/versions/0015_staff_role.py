"""The console's "staff" role: programme staff see the insight dashboard (``mentors.staff``); an index that
keeps the staff report fast (finding the question each unanswered answer replied to).

Revision ID: 0015_staff_role
Revises: 0014_answer_feedback
Create Date: 2026-12-03 17:00:00+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015_staff_role"
down_revision: str | Sequence[str] | None = "0014_answer_feedback"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add ``mentors.staff`` (false: every existing account stays a mentor until granted the role) and
    ``ix_messages_conversation_id_role_id``."""
    op.add_column("mentors", sa.Column("staff", sa.Boolean(), server_default=sa.false(), nullable=False))
    op.create_index("ix_messages_conversation_id_role_id", "messages", ["conversation_id", "role", "id"])


def downgrade() -> None:
    """Drop the index and ``mentors.staff``."""
    op.drop_index("ix_messages_conversation_id_role_id", table_name="messages")
    with op.batch_alter_table("mentors") as batch:
        batch.drop_column("staff")
