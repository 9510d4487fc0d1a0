"""Escalations: every concern or urgent message reaches a person, sealed and audited.

Functions take the caller's session and never commit; alerts are written to the outbox in the
same transaction as the escalation, so an escalation can never exist without its alert.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, case, func, select
from sqlalchemy.orm import Session

from consent.db import utcnow
from feedback_api.errors import Conflict
from feedback_api.escalations.auditing import audit_escalation
from feedback_api.escalations.contact import ensure_may_message
from feedback_api.escalations.models import Escalation, EscalationMessage, Status
from feedback_api.escalations.sealing import Sealer
from feedback_api.outbox.service import queue_alerts, queue_participant_reply
from feedback_api.settings import Settings
from feedback_api.staff.models import StaffMember
from nlu.screen import ScreenResult

SEVERITY = {"none": 0, "concern": 1, "urgent": 2}


class EscalationError(Conflict):
    pass


def _is_open(participant_key: str) -> ColumnElement[bool]:
    return and_(Escalation.participant_key == participant_key, Escalation.status != Status.CLOSED)


def open_thread_for(session: Session, *, participant_key: str) -> Escalation | None:
    return session.scalar(
        select(Escalation).where(_is_open(participant_key)).order_by(Escalation.id.desc()).limit(1)
    )


def _has_open_thread(session: Session, participant_key: str) -> bool:
    found = session.scalar(select(Escalation.id).where(_is_open(participant_key)).limit(1))
    return found is not None


def record_screened_message(
    session: Session,
    *,
    result: ScreenResult,
    participant_key: str,
    channel: str,
    chat_id: int | str,
    text: str,
    sealer: Sealer,
    settings: Settings,
    source_ref: str | None = None,
) -> Escalation | None:
    """Open or join the person's escalation thread; None when there is nothing to escalate."""
    level = str(result.level)
    if SEVERITY[level] == 0 and not _has_open_thread(session, participant_key):
        # Most messages: nothing to open and no thread to join, found with one light query
        # (every message the bot receives comes through here); a replay stores nothing either.
        return None
    if source_ref is not None:
        seen = session.scalar(
            select(EscalationMessage).where(EscalationMessage.source_ref == source_ref)
        )
        if seen is not None:
            return seen.escalation
    thread = open_thread_for(session, participant_key=participant_key)
    if thread is None and SEVERITY[level] == 0:
        return None
    if thread is None:
        thread = Escalation(
            level=level,
            categories=list(result.categories),
            lexicon_version=result.lexicon_version,
            participant_key=participant_key,
            channel=channel,
            sealed_chat_id=sealer.seal(str(chat_id)),
        )
        session.add(thread)
        session.flush()
        queue_alerts(session, escalation=thread, event="new", settings=settings)
    else:
        _join(session, thread=thread, result=result, settings=settings)
    session.add(
        EscalationMessage(
            escalation_id=thread.id,
            direction="in",
            sealed_text=sealer.seal(text),
            level=level,
            categories=list(result.categories),
            sealed_evidence=sealer.seal(json.dumps(list(result.evidence))),
            source_ref=source_ref,
        )
    )
    session.flush()
    return thread


def _join(
    session: Session, *, thread: Escalation, result: ScreenResult, settings: Settings
) -> None:
    level = str(result.level)
    thread.updated_at = utcnow()
    thread.categories = sorted(set(thread.categories) | set(result.categories))
    if SEVERITY[level] > SEVERITY[thread.level]:
        thread.level = level
        queue_alerts(session, escalation=thread, event=f"raised-{level}", settings=settings)
    elif level == "urgent" and thread.status == Status.ACKNOWLEDGED:
        # A new urgent message in a thread someone already picked up still needs eyes now.
        count = len(thread.messages)
        queue_alerts(session, escalation=thread, event=f"urgent-again-{count}", settings=settings)


def queue_unacknowledged(
    session: Session, *, settings: Settings, now: datetime | None = None
) -> int:
    """Send urgent escalations nobody acknowledged in time to the backup contact."""
    now = now or utcnow()
    cutoff = now - timedelta(minutes=settings.ack_timeout_minutes)
    overdue = session.scalars(
        select(Escalation).where(
            Escalation.level == "urgent",
            Escalation.status == Status.OPEN,
            Escalation.backup_alerted_at.is_(None),
            Escalation.created_at <= cutoff,
        )
    ).all()
    for escalation in overdue:
        escalation.backup_alerted_at = now
        queue_alerts(
            session, escalation=escalation, event="unacknowledged", settings=settings, backup=True
        )
    session.flush()
    return len(overdue)


def queue_listing(session: Session, *, include_closed: bool = False) -> list[Escalation]:
    urgent_first = case((Escalation.level == "urgent", 0), else_=1)
    query = select(Escalation).order_by(urgent_first, Escalation.created_at, Escalation.id)
    if not include_closed:
        query = query.where(Escalation.status != Status.CLOSED)
    return list(session.scalars(query))


def message_counts(session: Session, ids: list[int]) -> dict[int, int]:
    if not ids:
        return {}
    rows = session.execute(
        select(EscalationMessage.escalation_id, func.count())
        .where(EscalationMessage.escalation_id.in_(ids))
        .group_by(EscalationMessage.escalation_id)
    )
    return {int(eid): int(n) for eid, n in rows}


def acknowledge(session: Session, *, escalation: Escalation, staff: StaffMember) -> Escalation:
    if escalation.status == Status.CLOSED:
        raise EscalationError("a closed escalation cannot be acknowledged")
    if escalation.status == Status.OPEN:
        escalation.status = Status.ACKNOWLEDGED
        escalation.acknowledged_at = utcnow()
        escalation.acknowledged_by = staff.id
    audit_escalation(session, escalation, actor=staff, action="acknowledge")
    return escalation


def add_note(
    session: Session, *, escalation: Escalation, staff: StaffMember, text: str, sealer: Sealer
) -> EscalationMessage:
    note = EscalationMessage(
        escalation_id=escalation.id,
        direction="note",
        sealed_text=sealer.seal(text),
        author_id=staff.id,
    )
    session.add(note)
    session.flush()
    audit_escalation(session, escalation, actor=staff, action="note")
    return note


def close(
    session: Session, *, escalation: Escalation, staff: StaffMember, outcome: str
) -> Escalation:
    if escalation.status == Status.CLOSED:
        raise EscalationError("the escalation is already closed")
    escalation.status = Status.CLOSED
    escalation.closed_at = utcnow()
    escalation.outcome = outcome
    if escalation.acknowledged_at is None:
        escalation.acknowledged_at = escalation.closed_at
        escalation.acknowledged_by = staff.id
    audit_escalation(session, escalation, actor=staff, action="close", detail={"outcome": outcome})
    return escalation


def reply(
    session: Session, *, escalation: Escalation, staff: StaffMember, text: str, sealer: Sealer
) -> EscalationMessage:
    """A worker's message to the young person, delivered through the bot's chat by the outbox."""
    if escalation.status == Status.CLOSED:
        raise EscalationError("reopen is not supported: the escalation is closed")
    ensure_may_message(escalation)
    message = EscalationMessage(
        escalation_id=escalation.id,
        direction="out",
        sealed_text=sealer.seal(text),
        author_id=staff.id,
    )
    session.add(message)
    session.flush()
    if escalation.status == Status.OPEN:
        acknowledge(session, escalation=escalation, staff=staff)
    queue_participant_reply(session, escalation=escalation, message=message)
    audit_escalation(
        session, escalation, actor=staff, action="reply", detail={"message_id": message.id}
    )
    return message


def break_glass(
    session: Session, *, escalation: Escalation, staff: StaffMember, reason: str, sealer: Sealer
) -> str:
    """Reveal the platform chat id, for contacting services; the written reason is audited."""
    if len(reason.strip()) < 10:
        raise EscalationError("give a written reason of at least 10 characters")
    audit_escalation(
        session, escalation, actor=staff, action="break_glass", detail={"reason": reason.strip()}
    )
    return sealer.unseal(escalation.sealed_chat_id)
