"""Outbox rows may be replies: an answer the platform could not take (5xx, refused connection) waits there.

Revision ID: 0005_outbox_reply
Revises: 0004_user_consent
Create Date: 2026-11-26 01:30:00+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0005_outbox_reply"
down_revision: str | Sequence[str] | None = "0004_user_consent"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BEFORE = "purpose IN ('mentor_answer', 'ticket_post', 'reminder', 'notice')"
_AFTER = "purpose IN ('mentor_answer', 'ticket_post', 'reminder', 'notice', 'reply')"


# 0003 named it through the naming convention a second time; the new one has the models' name.
_OLD_NAME = "ck_outbox_ck_outbox_purpose"
_NEW_NAME = "ck_outbox_purpose"


def upgrade() -> None:
    """Allow ``reply`` as an outbox purpose."""
    # Batch mode: SQLite cannot change a CHECK constraint without copying the table.
    with op.batch_alter_table("outbox") as batch:
        batch.drop_constraint(op.f(_OLD_NAME), type_="check")
        batch.create_check_constraint(op.f(_NEW_NAME), _AFTER)


def downgrade() -> None:
    """Drop queued replies, then allow only the earlier purposes again."""
    op.execute("DELETE FROM outbox WHERE purpose = 'reply'")
    with op.batch_alter_table("outbox") as batch:
        batch.drop_constraint(op.f(_NEW_NAME), type_="check")
        batch.create_check_constraint(op.f(_OLD_NAME), _BEFORE)
