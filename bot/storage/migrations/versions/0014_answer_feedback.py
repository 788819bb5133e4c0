"""Feedback on answers and what the staff report needs: a time index on messages (their coverage
tier came in 0011), the users' 👍/👎 (``answer_feedback``) and the embeddings of questions the
report has grouped into topics (``question_vectors``), both erased with their message.

Revision ID: 0014_answer_feedback
Revises: 0013_reminders
Create Date: 2026-12-03 00:00:00+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0014_answer_feedback"
down_revision: str | Sequence[str] | None = "0013_reminders"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_json = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    """Add a time index on messages; create ``answer_feedback`` and ``question_vectors``."""
    op.create_index("ix_messages_created_at", "messages", ["created_at"])
    op.create_table(
        "answer_feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=32), nullable=False),
        sa.Column("rating", sa.String(length=8), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=True),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("citations", _json, nullable=False),
        sa.Column("coverage", sa.String(length=16), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("rating IN ('up', 'down')", name="ck_answer_feedback_rating"),
        sa.ForeignKeyConstraint(
            ["message_id"], ["messages.id"], name="fk_answer_feedback_message_id_messages", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_answer_feedback_user_id_users", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_answer_feedback"),
        sa.UniqueConstraint("message_id", name="uq_answer_feedback_message_id"),
    )
    op.create_index("ix_answer_feedback_created_at", "answer_feedback", ["created_at"])
    op.create_index("ix_answer_feedback_user_id", "answer_feedback", ["user_id"])
    op.create_table(
        "question_vectors",
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("embedder", sa.String(length=128), nullable=False),
        sa.Column("vector", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["message_id"], ["messages.id"], name="fk_question_vectors_message_id_messages", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("message_id", name="pk_question_vectors"),
    )


def downgrade() -> None:
    """Drop the feedback, the vectors and the time index."""
    op.drop_table("question_vectors")
    op.drop_index("ix_answer_feedback_user_id", table_name="answer_feedback")
    op.drop_index("ix_answer_feedback_created_at", table_name="answer_feedback")
    op.drop_table("answer_feedback")
    op.drop_index("ix_messages_created_at", table_name="messages")
