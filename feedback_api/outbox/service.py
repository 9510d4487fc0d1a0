"""The outbox: notifications written with the event, delivered later, retried until delivered.

Alerts carry the level and a link, never the message text or anything that identifies a person.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from consent.db import utcnow
from feedback_api.outbox.models import OutboxMessage
from feedback_api.settings import Settings

if TYPE_CHECKING:
    from feedback_api.escalations.models import Escalation, EscalationMessage

MAX_BACKOFF = timedelta(minutes=10)


def alert_targets(settings: Settings, *, backup: bool) -> list[tuple[str, str]]:
    """(channel, recipient) pairs configured for an alert."""
    targets: list[tuple[str, str]] = []
    if backup:
        if settings.backup_chat_id:
            targets.append(("telegram", "backup"))
        if settings.smtp_host and settings.smtp_backup_to:
            targets.append(("email", "backup"))
        if targets:
            return targets
        # No backup contact configured: chase the primary contacts again rather than stay silent.
    if settings.safeguarding_chat_id:
        targets.append(("telegram", "primary"))
    if settings.smtp_host and settings.smtp_to:
        targets.append(("email", "primary"))
    if settings.webhook_url:
        targets.append(("webhook", "primary"))
    if not targets:
        # Nothing configured: the escalation still waits in the queue API; the log says so loudly.
        targets.append(("log", "primary"))
    return targets


def queue_alerts(
    session: Session,
    *,
    escalation: Escalation,
    event: str,
    settings: Settings,
    backup: bool = False,
) -> list[OutboxMessage]:
    link = f"{settings.public_base_url.rstrip('/')}/api/v1/escalations/{escalation.id}"
    queued = []
    for channel, recipient in alert_targets(settings, backup=backup):
        key = f"esc:{escalation.id}:{event}:{channel}:{recipient}"
        if session.scalar(select(OutboxMessage.id).where(OutboxMessage.dedupe_key == key)):
            continue
        message = OutboxMessage(
            channel=channel,
            recipient=recipient,
            dedupe_key=key,
            payload={
                "kind": "alert",
                "escalation_id": escalation.id,
                "level": escalation.level,
                "event": event,
                "link": link,
            },
        )
        session.add(message)
        queued.append(message)
    session.flush()
    return queued


def queue_participant_reply(
    session: Session, *, escalation: Escalation, message: EscalationMessage
) -> OutboxMessage:
    outbox = OutboxMessage(
        channel="reply",
        recipient="participant",
        dedupe_key=f"reply:{message.id}",
        payload={"kind": "reply", "escalation_id": escalation.id, "message_id": message.id},
    )
    session.add(outbox)
    session.flush()
    return outbox


def withdraw_replies(session: Session, *, escalation_id: int, reason: str) -> int:
    """Stop worker replies to this escalation that are not yet delivered; returns how many.

    The payload is JSON, which SQLite and PostgreSQL query differently; a person has few replies
    waiting, so they are filtered here rather than in SQL.
    """
    pending = session.scalars(
        select(OutboxMessage).where(
            OutboxMessage.channel == "reply", OutboxMessage.status == "pending"
        )
    ).all()
    withdrawn = [m for m in pending if m.payload.get("escalation_id") == escalation_id]
    for message in withdrawn:
        mark_withdrawn(session, message_id=message.id, reason=reason)
    return len(withdrawn)


def mark_withdrawn(session: Session, *, message_id: int, reason: str) -> None:
    message = session.get(OutboxMessage, message_id)
    if message is not None:
        message.status = "withdrawn"
        message.lease_until = None
        message.last_error = reason


def delivery_status(session: Session, *, message_ids: list[int]) -> dict[int, str]:
    """Escalation message id -> what became of the worker reply (pending, sent, withdrawn)."""
    if not message_ids:
        return {}
    keys = {f"reply:{i}": i for i in message_ids}
    rows = session.execute(
        select(OutboxMessage.dedupe_key, OutboxMessage.status).where(
            OutboxMessage.dedupe_key.in_(keys)
        )
    )
    return {keys[key]: status for key, status in rows}


def claim_due(
    session: Session, *, now: datetime, lease: timedelta, limit: int = 20
) -> list[OutboxMessage]:
    """Lease due messages to this worker; a worker that dies lets its lease lapse."""
    due = session.scalars(
        select(OutboxMessage)
        .where(
            OutboxMessage.status == "pending",
            OutboxMessage.next_attempt_at <= now,
            or_(OutboxMessage.lease_until.is_(None), OutboxMessage.lease_until <= now),
        )
        .order_by(OutboxMessage.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    ).all()
    for message in due:
        message.lease_until = now + lease
        message.attempts += 1
    session.flush()
    return list(due)


def mark_sent(session: Session, *, message_id: int, now: datetime | None = None) -> None:
    message = session.get(OutboxMessage, message_id)
    if message is not None:
        message.status = "sent"
        message.sent_at = now or utcnow()
        message.lease_until = None
        message.last_error = None


def mark_failed(
    session: Session,
    *,
    message_id: int,
    error: str,
    retry_after: float | None = None,
    now: datetime | None = None,
) -> None:
    message = session.get(OutboxMessage, message_id)
    if message is None:
        return
    now = now or utcnow()
    if retry_after is not None:
        delay = timedelta(seconds=retry_after)
    else:
        # Exponential backoff with full jitter, capped: a dead endpoint is retried for ever,
        # just not hammered.
        ceiling = min(MAX_BACKOFF.total_seconds(), 2.0 ** min(message.attempts, 12))
        delay = timedelta(seconds=random.uniform(ceiling / 2, ceiling))
    message.next_attempt_at = now + delay
    message.lease_until = None
    message.last_error = error[:500]
