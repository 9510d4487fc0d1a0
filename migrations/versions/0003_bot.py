"""bot conversations, durable inbox and reply outbox

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BIGINT = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "bot_conversations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("state", sa.String(length=30), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("last_update_id", _BIGINT, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bot_conversations")),
        sa.UniqueConstraint("key", name=op.f("uq_bot_conversations_key")),
    )
    op.create_table(
        "bot_inbound_updates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("update_id", _BIGINT, nullable=False),
        sa.Column("chat_key", sa.String(length=64), nullable=False),
        sa.Column("sealed_payload", sa.Text(), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("handled_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bot_inbound_updates")),
        sa.UniqueConstraint("update_id", name=op.f("uq_bot_inbound_updates_update_id")),
    )
    op.create_index("ix_bot_inbound_pending", "bot_inbound_updates", ["handled_at", "update_id"])
    op.create_table(
        "bot_outbound_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chat_key", sa.String(length=64), nullable=False),
        sa.Column("update_id", _BIGINT, nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("sealed_payload", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bot_outbound_messages")),
    )
    op.create_index(
        op.f("ix_bot_outbound_messages_chat_key"), "bot_outbound_messages", ["chat_key"]
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_bot_outbound_messages_chat_key"), table_name="bot_outbound_messages")
    op.drop_table("bot_outbound_messages")
    op.drop_index("ix_bot_inbound_pending", table_name="bot_inbound_updates")
    op.drop_table("bot_inbound_updates")
    op.drop_table("bot_conversations")
