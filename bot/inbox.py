"""The durable inbox: updates are committed (sealed) before Telegram is told we have them.

Chat ids and words are inside the sealed payload only; `chat_key` is a keyed hash so pending
work can be grouped per chat without storing the id. Handled rows lose their payload at once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.orm import Session

from bot.models import INBOX, InboundUpdate
from consent.db import utcnow
from consent.domain import participant_key
from feedback_api.escalations.sealing import Sealer

JSON = dict[str, Any]
KEEP_HANDLED = timedelta(hours=1)


def chat_key(pepper: bytes, chat_id: int | None) -> str:
    return participant_key(pepper, "telegram-chat", chat_id if chat_id is not None else "none")


def raw_chat_id(raw: JSON) -> int | None:
    """The chat an update belongs to, from the raw JSON (any update type we receive)."""
    for kind in ("message", "edited_message", "my_chat_member", "channel_post"):
        if isinstance(raw.get(kind), dict) and "chat" in raw[kind]:
            return int(raw[kind]["chat"]["id"])
    query = raw.get("callback_query")
    if isinstance(query, dict):
        message = query.get("message") or {}
        chat = message.get("chat") or {}
        return int(chat.get("id") or query["from"]["id"])
    return None


@dataclass(frozen=True)
class Stored:
    update_id: int
    chat_key: str
    raw: JSON


def store_updates(
    session: Session, raws: list[JSON], *, sealer: Sealer, pepper: bytes
) -> list[Stored]:
    """Insert updates not seen before; returns those new ones (duplicates are redeliveries)."""
    ids = [int(r["update_id"]) for r in raws]
    seen = set(
        session.scalars(select(InboundUpdate.update_id).where(InboundUpdate.update_id.in_(ids)))
    )
    fresh: list[Stored] = []
    for raw in raws:
        update_id = int(raw["update_id"])
        if update_id in seen:
            continue
        seen.add(update_id)
        key = chat_key(pepper, raw_chat_id(raw))
        session.add(
            InboundUpdate(
                update_id=update_id,
                chat_key=key,
                sealed_payload=sealer.seal(json.dumps(raw, separators=(",", ":"))),
            )
        )
        fresh.append(Stored(update_id, key, raw))
    session.flush()
    return fresh


def pending_updates(session: Session, *, sealer: Sealer, limit: int = 1000) -> list[Stored]:
    rows = session.scalars(
        select(InboundUpdate)
        .where(InboundUpdate.handled_at.is_(None))
        .order_by(InboundUpdate.update_id)
        .limit(limit)
    )
    return [
        Stored(row.update_id, row.chat_key, json.loads(sealer.unseal(row.sealed_payload)))
        for row in rows
        if row.sealed_payload
    ]


_MARK_HANDLED = (
    update(INBOX)
    .where(INBOX.c.update_id == bindparam("u"), INBOX.c.handled_at.is_(None))
    .values(handled_at=bindparam("now"), sealed_payload=None)
)


def mark_handled(session: Session, *, update_id: int, chat: str) -> bool:
    """Blank the payload and mark done; False if it was already handled (a replay)."""
    # One conditional UPDATE: the usual case (a stored, unhandled update) is one round trip.
    done = session.connection().execute(_MARK_HANDLED, {"u": update_id, "now": utcnow()})
    if done.rowcount:
        return True
    known = select(InboundUpdate.id).where(InboundUpdate.update_id == update_id)
    if session.scalar(known) is not None:
        return False
    # Handled without passing the inbox (tests driving the Application directly).
    session.add(InboundUpdate(update_id=update_id, chat_key=chat, handled_at=utcnow()))
    session.flush()
    return True


def is_handled(session: Session, update_id: int) -> bool:
    handled = session.scalar(
        select(InboundUpdate.handled_at).where(InboundUpdate.update_id == update_id)
    )
    return handled is not None


def prune_handled(session: Session) -> int:
    """Forget handled rows after an hour: long enough to recognise any redelivery."""
    result = session.execute(
        delete(InboundUpdate).where(
            InboundUpdate.handled_at.is_not(None),
            InboundUpdate.handled_at < utcnow() - KEEP_HANDLED,
        )
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
