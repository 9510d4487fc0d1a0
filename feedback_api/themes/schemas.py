from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class ThemeRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    key: str
    label: str
    description: str | None
    keywords: list[str]
    sentiment: float | None
    source: str
    status: str
    merged_into_id: int | None
    harm_types: list[str]
    aims: list[str]
    responses: int
    participants: int


class ThemeUpdate(BaseModel):
    label: str | None = Field(default=None, min_length=1, max_length=200)
    hidden: bool | None = None


class MergeRequest(BaseModel):
    theme_ids: list[int] = Field(min_length=1, description="themes to merge into this one")


class SplitRequest(BaseModel):
    parts: int = Field(default=2, ge=2, le=10)


class PromoteRequest(BaseModel):
    description: str | None = Field(default=None, max_length=1000)


class RunCreate(BaseModel):
    campaign: str | None = None
    mode: Literal["codebook", "discover"] = "codebook"


class RunRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    status: str
    stage: str
    campaign: str | None
    mode: str
    total: int
    done: int
    error: str | None
    created_at: datetime
    finished_at: datetime | None
