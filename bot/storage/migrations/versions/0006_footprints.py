"""A user's carbon footprint: one row per activity they gave figures for (``footprint_entries``).

Revision ID: 0006_footprints
Revises: 0005_outbox_reply
Create Date: 2026-12-02 00:00:00+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_footprints"
down_revision: str | Sequence[str] | None = "0005_outbox_reply"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create ``footprint_entries``, one row per (user, source)."""
    op.create_table(
        "footprint_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=64), nullable=False),
        sa.Column("factor_id", sa.String(length=64), nullable=False),
        sa.Column("name_th", sa.Text(), nullable=False),
        sa.Column("name_en", sa.Text(), nullable=False),
        sa.Column("amount", sa.Float(), nullable=False),
        sa.Column("unit", sa.String(length=16), nullable=False),
        sa.Column("period", sa.String(length=16), nullable=False),
        sa.Column("kgco2e_per_year", sa.Float(), nullable=False),
        sa.Column("scope", sa.Integer(), nullable=False),
        sa.Column("factor_year", sa.Integer(), nullable=False),
        sa.Column("factor_source", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_footprint_entries_user_id_users", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_footprint_entries"),
        sa.UniqueConstraint("user_id", "source", name="uq_footprint_entries_user_id_source"),
    )
    op.create_index("ix_footprint_entries_updated_at", "footprint_entries", ["updated_at"])


def downgrade() -> None:
    """Drop ``footprint_entries`` (and with it every kept footprint)."""
    op.drop_index("ix_footprint_entries_updated_at", table_name="footprint_entries")
    op.drop_table("footprint_entries")
