from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl

Status = Literal["planned", "in_progress", "done"]


class ActionCreate(BaseModel):
    theme_id: int
    agency: str = Field(min_length=2, max_length=120)
    description: str = Field(min_length=3, max_length=4000)
    status: Status = "planned"
    due_date: date | None = None
    evidence_url: HttpUrl | None = None


class ActionUpdate(BaseModel):
    agency: str | None = Field(default=None, min_length=2, max_length=120)
    description: str | None = Field(default=None, min_length=3, max_length=4000)
    status: Status | None = None
    due_date: date | None = None
    evidence_url: HttpUrl | None = None


class ActionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    theme_id: int
    agency: str
    description: str
    status: str
    due_date: date | None
    evidence_url: str | None
    created_at: datetime
    updated_at: datetime
