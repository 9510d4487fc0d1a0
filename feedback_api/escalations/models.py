from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consent.db import Base, utcnow


class Status(StrEnum):
    OPEN = "open"
    ACKNOWLEDGED = "acknowledged"
    CLOSED = "closed"


class ContactAnswer(StrEnum):
    """The young person's answer to "can a worker message you here?"."""

    YES = "yes"
    NO = "no"


class Escalation(Base):
    """A sealed safeguarding record: who to reach and what they said are encrypted."""

    __tablename__ = "escalations"

    id: Mapped[int] = mapped_column(primary_key=True)
    level: Mapped[str] = mapped_column(String(10), index=True)
    categories: Mapped[list[str]] = mapped_column(JSON, default=list)
    lexicon_version: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(15), default=Status.OPEN.value, index=True)
    participant_key: Mapped[str] = mapped_column(String(64), index=True)
    channel: Mapped[str] = mapped_column(String(20))
    sealed_chat_id: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    acknowledged_at: Mapped[datetime | None] = mapped_column(default=None)
    acknowledged_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    backup_alerted_at: Mapped[datetime | None] = mapped_column(default=None)
    closed_at: Mapped[datetime | None] = mapped_column(default=None)
    outcome: Mapped[str | None] = mapped_column(Text)
    # The bot's offer of a worker's message and the latest answer; a "no" stops worker replies.
    contact_offered_at: Mapped[datetime | None] = mapped_column(default=None)
    contact_answer: Mapped[str | None] = mapped_column(String(3), default=None)
    contact_answered_at: Mapped[datetime | None] = mapped_column(default=None)

    messages: Mapped[list[EscalationMessage]] = relationship(
        back_populates="escalation", order_by="EscalationMessage.id"
    )

    __table_args__ = (Index("ix_escalations_queue", "status", "level", "created_at"),)


class EscalationMessage(Base):
    """The thread: what the young person wrote (sealed), worker replies, notes."""

    __tablename__ = "escalation_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    escalation_id: Mapped[int] = mapped_column(ForeignKey("escalations.id"), index=True)
    direction: Mapped[str] = mapped_column(String(10))  # "in" | "out" | "note"
    sealed_text: Mapped[str] = mapped_column(Text)
    level: Mapped[str | None] = mapped_column(String(10))
    categories: Mapped[list[str]] = mapped_column(JSON, default=list)
    sealed_evidence: Mapped[str | None] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    source_ref: Mapped[str | None] = mapped_column(String(80), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    escalation: Mapped[Escalation] = relationship(back_populates="messages")
