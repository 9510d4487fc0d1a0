from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field, model_validator


class ReportCreate(BaseModel):
    campaign: str = Field(default="feeling-safe", min_length=1, max_length=64)
    period_start: date
    period_end: date
    title: str | None = Field(default=None, max_length=200)
    introduction: str | None = Field(default=None, max_length=4000)
    what_happens_next: str | None = Field(default=None, max_length=4000)

    @model_validator(mode="after")
    def _period(self) -> ReportCreate:
        if self.period_end < self.period_start:
            raise ValueError("period_end is before period_start")
        return self


class ReportRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    slug: str
    campaign: str
    period_start: date
    period_end: date
    status: str
    created_at: datetime
    published_at: datetime | None
    public_url: str | None = None
    content: dict[str, object]
