from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, String
from sqlalchemy.orm import Mapped, mapped_column

from consent.db import Base, utcnow


class Role(StrEnum):
    PARTICIPATION = "participation"
    SAFEGUARDING = "safeguarding"
    PUBLISHER = "publisher"
    ADMIN = "admin"


class StaffMember(Base):
    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(20))
    # SHA-256 of a 256-bit random token: enough for a secret nobody can guess, and lets us look
    # the token up by hash (a slow password hash would need a scan of every row).
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
