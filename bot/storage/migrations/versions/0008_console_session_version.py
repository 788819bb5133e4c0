"""Console sessions can be revoked: a per-mentor session version that signing out moves on.

Revision ID: 0008_console_session_version
Revises: 0007_held_question
Create Date: 2026-12-08 00:00:00+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_console_session_version"
down_revision: str | Sequence[str] | None = "0007_held_question"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add ``mentors.session_version`` (0: sessions issued before it carry no version and are refused)."""
    op.add_column("mentors", sa.Column("session_version", sa.Integer(), server_default="0", nullable=False))


def downgrade() -> None:
    """Drop ``mentors.session_version``."""
    with op.batch_alter_table("mentors") as batch:
        batch.drop_column("session_version")
