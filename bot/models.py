"""The bot's own tables: conversation state, the durable inbox and the reply outbox.

Nothing here holds a raw Telegram id in clear: conversations are keyed by the consent core's
keyed hash, and inbox/outbox payloads (which must carry chat ids to be useful) are sealed and
blanked or deleted once handled.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Index, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column

from consent.db import Base, utcnow

_BIGINT = BigInteger().with_variant(Integer(), "sqlite")


class Conversation(Base):
    __tablename__ = "bot_conversations"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)  # participant key (HMAC), not an id
    state: Mapped[str] = mapped_column(String(30))
    data: Mapped[str] = mapped_column(Text, default="{}")  # small JSON: language, campaign, ...
    last_update_id: Mapped[int] = mapped_column(_BIGINT, default=0)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class InboundUpdate(Base):
    """Every update, stored (sealed) and committed before Telegram is told we have it."""

    __tablename__ = "bot_inbound_updates"

    id: Mapped[int] = mapped_column(primary_key=True)
    update_id: Mapped[int] = mapped_column(_BIGINT, unique=True)
    chat_key: Mapped[str] = mapped_column(String(64))  # keyed hash of the chat id, for ordering
    sealed_payload: Mapped[str | None] = mapped_column(Text)  # None once handled
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    handled_at: Mapped[datetime | None] = mapped_column(default=None)

    __table_args__ = (Index("ix_bot_inbound_pending", "handled_at", "update_id"),)


class OutboundMessage(Base):
    """A reply decided in the same transaction as the state change; deleted once sent."""

    __tablename__ = "bot_outbound_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    chat_key: Mapped[str] = mapped_column(String(64), index=True)
    update_id: Mapped[int] = mapped_column(_BIGINT)
    seq: Mapped[int] = mapped_column(Integer, default=0)
    sealed_payload: Mapped[str] = mapped_column(Text)  # chat id, text, buttons
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


def _table(model: type[Base]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


# The hot path (every update) uses these with Core statements: an ORM object per row read or
# written costs several times the round trip itself on this machine.
CONVERSATIONS = _table(Conversation)
INBOX = _table(InboundUpdate)
OUTBOX = _table(OutboundMessage)
