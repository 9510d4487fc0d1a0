"""Tables owned by the consent core: participants, statements, consent records, responses."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consent.db import Base, utcnow


class Participant(Base):
    __tablename__ = "participants"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)  # HMAC-SHA256 hex, never a raw id
    channel: Mapped[str] = mapped_column(String(20), default="telegram")
    audience: Mapped[str | None] = mapped_column(String(20))
    age_band: Mapped[str | None] = mapped_column(String(10))
    language: Mapped[str] = mapped_column(String(8), default="en")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)

    consents: Mapped[list[ConsentRecord]] = relationship(
        back_populates="participant", cascade="all, delete-orphan", passive_deletes=True
    )


class ConsentStatement(Base):
    """The exact words a person agreed to, kept per audience and version."""

    __tablename__ = "consent_statements"

    id: Mapped[int] = mapped_column(primary_key=True)
    audience: Mapped[str] = mapped_column(String(20))
    version: Mapped[str] = mapped_column(String(20))
    language: Mapped[str] = mapped_column(String(8), default="en")
    text: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        Index("uq_statement_version", "audience", "version", "language", unique=True),
    )


class ConsentRecord(Base):
    """Append-only: each grant or withdrawal of one scope is a new row."""

    __tablename__ = "consent_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    statement_id: Mapped[int | None] = mapped_column(ForeignKey("consent_statements.id"))
    statement_version: Mapped[str] = mapped_column(String(20))
    scope: Mapped[str] = mapped_column(String(20))
    granted: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    participant: Mapped[Participant] = relationship(back_populates="consents")


class Response(Base):
    """One answer to one campaign question. Text may be purged by retention; the row stays."""

    __tablename__ = "responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    campaign: Mapped[str] = mapped_column(String(64), index=True)
    question: Mapped[str] = mapped_column(String(64))
    text: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8), default="en")
    audience: Mapped[str] = mapped_column(String(20))
    age_band: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    text_purged_at: Mapped[datetime | None] = mapped_column(default=None)
    # Idempotency for at-least-once delivery: the same inbound update never stores twice.
    source_ref: Mapped[str | None] = mapped_column(String(80), unique=True)


class ErasureTombstone(Base):
    """What erasure leaves behind: counts and a date, nothing that points at a person."""

    __tablename__ = "erasure_tombstones"

    id: Mapped[int] = mapped_column(primary_key=True)
    erased_on: Mapped[datetime] = mapped_column(default=utcnow)
    reason: Mapped[str] = mapped_column(String(20))  # "request" | "withdrawal"
    responses_deleted: Mapped[int] = mapped_column(Integer, default=0)
    consent_records_deleted: Mapped[int] = mapped_column(Integer, default=0)


class PurgeRun(Base):
    """Audit of retention purges."""

    __tablename__ = "purge_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    ran_at: Mapped[datetime] = mapped_column(default=utcnow)
    cutoff: Mapped[datetime]
    texts_purged: Mapped[int] = mapped_column(Integer, default=0)
