from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from consent.db import Base, utcnow


class ResponseVector(Base):
    """A response's sentence embedding, computed once; erased with the response."""

    __tablename__ = "response_vectors"

    response_id: Mapped[int] = mapped_column(
        ForeignKey("responses.id", ondelete="CASCADE"), primary_key=True
    )
    text_key: Mapped[str] = mapped_column(String(64), index=True)
    model: Mapped[str] = mapped_column(String(60))
    vector: Mapped[bytes] = mapped_column(LargeBinary)  # float32, little-endian


class ThemingRun(Base):
    __tablename__ = "theming_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[str] = mapped_column(String(10), default="queued")  # queued|running|done|failed
    campaign: Mapped[str | None] = mapped_column(String(64))
    mode: Mapped[str] = mapped_column(String(10), default="codebook")  # codebook | discover
    total: Mapped[int] = mapped_column(Integer, default=0)
    done: Mapped[int] = mapped_column(Integer, default=0)
    stage: Mapped[str] = mapped_column(String(40), default="queued")
    error: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(default=None)


class Theme(Base):
    __tablename__ = "themes"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)
    label: Mapped[str] = mapped_column(String(200))
    label_locked: Mapped[bool] = mapped_column(default=False)  # a worker named it: keep it
    description: Mapped[str | None] = mapped_column(Text)
    keywords: Mapped[list[str]] = mapped_column(JSON, default=list)
    sentiment: Mapped[float | None] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(12))  # codebook | discovered | promoted | split
    status: Mapped[str] = mapped_column(String(10), default="active", index=True)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("themes.id"))
    harm_types: Mapped[list[str]] = mapped_column(JSON, default=list)
    aims: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Counts kept on the row so listing themes never scans a million responses.
    responses: Mapped[int] = mapped_column(Integer, default=0)
    participants: Mapped[int] = mapped_column(Integer, default=0)
    last_run_id: Mapped[int | None] = mapped_column(ForeignKey("theming_runs.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    extra: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class ThemeAssignment(Base):
    __tablename__ = "theme_assignments"

    response_id: Mapped[int] = mapped_column(
        ForeignKey("responses.id", ondelete="CASCADE"), primary_key=True
    )
    theme_id: Mapped[int] = mapped_column(ForeignKey("themes.id"))
    score: Mapped[float] = mapped_column(Float, default=0.0)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("theming_runs.id"))

    __table_args__ = (Index("ix_theme_assignments_theme", "theme_id", "response_id"),)
