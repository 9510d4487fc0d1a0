from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field


class EscalationSummary(BaseModel):
    id: int
    level: str
    status: str
    categories: list[str]
    created_at: datetime
    waiting_seconds: int
    messages: int
    acknowledged_at: datetime | None


class ThreadMessage(BaseModel):
    id: int
    direction: str
    text: str
    level: str | None
    categories: list[str]
    evidence: list[str]
    created_at: datetime
    # A worker's reply: pending, sent, or withdrawn (the young person said no before delivery).
    delivery: str | None = None


class EscalationRead(EscalationSummary):
    lexicon_version: str
    closed_at: datetime | None
    outcome: str | None
    # May a worker message them through the bot? "no" means replies are refused (409).
    worker_contact: Literal["not_asked", "unanswered", "yes", "no"]
    worker_contact_answered_at: datetime | None
    thread: list[ThreadMessage]


class NoteCreate(BaseModel):
    text: str = Field(min_length=1, max_length=5000)


class ReplyCreate(BaseModel):
    text: str = Field(min_length=1, max_length=4000)


class CloseRequest(BaseModel):
    outcome: str = Field(min_length=3, max_length=2000)


class BreakGlassRequest(BaseModel):
    reason: str = Field(min_length=10, max_length=2000)


class BreakGlassRead(BaseModel):
    channel: str
    chat_id: str


class AuditRead(BaseModel):
    id: int
    at: datetime
    actor_id: int | None
    actor_role: str
    action: str
    detail: dict[str, object]
