from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel


class ResponseRead(BaseModel):
    id: int
    campaign: str
    question: str
    text: str | None  # redacted; None once retention purged it
    language: str
    audience: str
    age_band: str
    created_at: datetime
    theme_id: int | None


class ResponsePage(BaseModel):
    total: int
    items: list[ResponseRead]
