"""A question sent before consent, held briefly so that it is answered once the user agrees.

One row per user at most (the latest question replaces an earlier one), only its text and
when it arrived; the privacy desk deletes it on consent (after answering), on a refusal, on
``/forget``, and once it is older than ``NZAP_PRIVACY__HELD_QUESTION_MINUTES``.

Revision ID: 0007_held_question
Revises: 0006_footprints
Create Date: 2026-12-01 00:00:00+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_held_question"
down_revision: str | Sequence[str] | None = "0006_footprints"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create ``held_questions``."""
    op.create_table(
        "held_questions",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("held_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_held_questions_user_id_users", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id", name="pk_held_questions"),
    )
    op.create_index("ix_held_questions_held_at", "held_questions", ["held_at"])


def downgrade() -> None:
    """Drop ``held_questions`` (and any question still held: it was never consented to)."""
    op.drop_index("ix_held_questions_held_at", table_name="held_questions")
    op.drop_table("held_questions")
