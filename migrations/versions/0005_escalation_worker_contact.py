"""escalations: whether the young person said a worker may message them through the bot

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("escalations", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("contact_offered_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column("contact_answer", sa.String(length=3), nullable=True))
        batch_op.add_column(
            sa.Column("contact_answered_at", sa.DateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("escalations", schema=None) as batch_op:
        batch_op.drop_column("contact_answered_at")
        batch_op.drop_column("contact_answer")
        batch_op.drop_column("contact_offered_at")
