"""Consent to the privacy notice (PDPA s.19): ``users.consent_status``, ``consent_version``, ``consent_at``.

Users who existed before this revision start as ``unknown``: nothing recorded their choice
(the old Telegram buttons stored nothing), so they see the notice on their next message.

Revision ID: 0004_user_consent
Revises: 0003_tickets_mentors_outbox
Create Date: 2026-11-28 00:00:00+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_user_consent"
down_revision: str | Sequence[str] | None = "0003_tickets_mentors_outbox"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add the three consent columns and the check on the status."""
    # Batch mode: SQLite cannot add a CHECK constraint to an existing table without a copy.
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("consent_status", sa.String(length=16), server_default="unknown", nullable=False))
        batch.add_column(sa.Column("consent_version", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("consent_at", sa.DateTime(timezone=True), nullable=True))
        batch.create_check_constraint(
            op.f("ck_users_consent_status"), "consent_status IN ('unknown', 'given', 'declined')"
        )


def downgrade() -> None:
    """Drop the consent columns."""
    with op.batch_alter_table("users") as batch:
        batch.drop_constraint(op.f("ck_users_consent_status"), type_="check")
        batch.drop_column("consent_at")
        batch.drop_column("consent_version")
        batch.drop_column("consent_status")
