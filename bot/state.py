"""Conversation state: an Enum plus a small typed record, persisted as JSON in bot_conversations.

Keyed by the participant key, so a restart (or another process) continues every conversation
exactly where it was, and nothing at rest names the person.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from enum import StrEnum

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from bot.models import CONVERSATIONS, Conversation
from consent.db import utcnow


class State(StrEnum):
    AUDIENCE = "audience"
    AGE = "age"
    CONSENT = "consent"
    QUOTE = "quote"
    FOLLOW_UP = "follow_up"
    QUESTIONS = "questions"
    DONE = "done"
    NOT_KEEPING = "not_keeping"  # declined, or under 13: we listen (and screen), keep nothing
    GROUP_NOTIFIED = "group_notified"  # a group chat we have asked to message us privately


@dataclass
class ConvData:
    language: str = "en"
    campaign: str | None = None
    audience: str | None = None
    age_band: str | None = None
    question: int = 0
    quote: bool = False
    follow_up: bool = False
    pending_delete: bool = False
    pending_contact: bool = False  # we just asked "can a worker message you here?"

    @classmethod
    def from_json(cls, raw: str) -> ConvData:
        known = {f.name for f in fields(cls)}
        loaded = json.loads(raw or "{}")
        return cls(**{k: v for k, v in loaded.items() if k in known})

    def to_json(self) -> str:
        return json.dumps(asdict(self), separators=(",", ":"), sort_keys=True)


@dataclass
class Conv:
    """One conversation as the flows see it; `state is None` means we have never talked."""

    key: str
    state: State | None = None
    data: ConvData = field(default_factory=ConvData)
    last_update_id: int = 0
    forget: bool = False  # delete the row on save (erasure, /stop)
    stored: bool = False  # a row exists (loaded from one), so saving updates it


C = CONVERSATIONS.c
# Built once: composing a statement costs more CPU than sending it.
_LOAD = select(C.state, C.data, C.last_update_id).where(C.key == bindparam("key"))
# (Parameters of an UPDATE may not share a column's name.)
_UPDATE = (
    update(CONVERSATIONS)
    .where(C.key == bindparam("k"))
    .values(
        state=bindparam("s"),
        data=bindparam("d"),
        last_update_id=bindparam("u"),
        updated_at=bindparam("now"),
    )
)


def load_conv(session: Session, key: str, language: str) -> Conv:
    row = session.connection().execute(_LOAD, {"key": key}).first()
    if row is None:
        return Conv(key=key, data=ConvData(language=language))
    return Conv(
        key=key,
        state=State(row.state),
        data=ConvData.from_json(row.data),
        last_update_id=row.last_update_id,
        stored=True,
    )


def save_conv(session: Session, conv: Conv, update_id: int) -> None:
    if conv.forget or conv.state is None:
        session.execute(delete(Conversation).where(Conversation.key == conv.key))
        return
    state, data, now = conv.state.value, conv.data.to_json(), utcnow()
    last = max(conv.last_update_id, update_id)
    connection = session.connection()
    if conv.stored:
        connection.execute(_UPDATE, {"k": conv.key, "s": state, "d": data, "u": last, "now": now})
        return
    connection.execute(
        insert(CONVERSATIONS),
        {"key": conv.key, "state": state, "data": data, "last_update_id": last, "updated_at": now},
    )
