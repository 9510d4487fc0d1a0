"""Safeguarding API: the escalation queue, the sealed thread, and what workers do with it."""

from __future__ import annotations

import json

from fastapi import APIRouter, HTTPException

from consent.db import utcnow
from feedback_api.audit.service import audit, events_for
from feedback_api.deps import SealerDep, SessionDep
from feedback_api.escalations import service
from feedback_api.escalations.auditing import audit_escalation
from feedback_api.escalations.contact import contact_status
from feedback_api.escalations.models import Escalation
from feedback_api.escalations.schemas import (
    AuditRead,
    BreakGlassRead,
    BreakGlassRequest,
    CloseRequest,
    EscalationRead,
    EscalationSummary,
    NoteCreate,
    ReplyCreate,
    ThreadMessage,
)
from feedback_api.outbox.service import delivery_status
from feedback_api.staff.auth import SafeguardingStaff

router = APIRouter(prefix="/api/v1/escalations", tags=["escalations"])


def _get(session: SessionDep, escalation_id: int) -> Escalation:
    escalation = session.get(Escalation, escalation_id)
    if escalation is None:
        raise HTTPException(404, "no such escalation")
    return escalation


def _summary(e: Escalation, messages: int) -> dict[str, object]:
    end = e.acknowledged_at or utcnow()
    return {
        "id": e.id,
        "level": e.level,
        "status": e.status,
        "categories": e.categories,
        "created_at": e.created_at,
        "waiting_seconds": int((end - e.created_at).total_seconds()),
        "messages": messages,
        "acknowledged_at": e.acknowledged_at,
    }


@router.get("", response_model=list[EscalationSummary])
def list_escalations(
    session: SessionDep, staff: SafeguardingStaff, include_closed: bool = False
) -> list[dict[str, object]]:
    """The queue: urgent first, then oldest first. No message text here."""
    rows = service.queue_listing(session, include_closed=include_closed)
    counts = service.message_counts(session, [e.id for e in rows])
    audit(session, actor=staff, action="list", object_type="escalation")
    return [_summary(e, counts.get(e.id, 0)) for e in rows]


@router.get("/{escalation_id}", response_model=EscalationRead)
def read_escalation(
    escalation_id: int, session: SessionDep, sealer: SealerDep, staff: SafeguardingStaff
) -> dict[str, object]:
    escalation = _get(session, escalation_id)
    audit_escalation(session, escalation, actor=staff, action="view")
    replies = [m.id for m in escalation.messages if m.direction == "out"]
    delivery = delivery_status(session, message_ids=replies)
    thread = [
        ThreadMessage(
            id=m.id,
            direction=m.direction,
            text=sealer.unseal(m.sealed_text),
            level=m.level,
            categories=m.categories,
            created_at=m.created_at,
            evidence=json.loads(sealer.unseal(m.sealed_evidence)) if m.sealed_evidence else [],
            delivery=delivery.get(m.id),
        )
        for m in escalation.messages
    ]
    return _summary(escalation, len(thread)) | {
        "lexicon_version": escalation.lexicon_version,
        "closed_at": escalation.closed_at,
        "outcome": escalation.outcome,
        "worker_contact": contact_status(escalation).value,
        "worker_contact_answered_at": escalation.contact_answered_at,
        "thread": thread,
    }


@router.post("/{escalation_id}/acknowledge", response_model=EscalationSummary)
def acknowledge(
    escalation_id: int, session: SessionDep, staff: SafeguardingStaff
) -> dict[str, object]:
    escalation = _get(session, escalation_id)
    service.acknowledge(session, escalation=escalation, staff=staff)
    return _summary(escalation, len(escalation.messages))


@router.post("/{escalation_id}/notes", status_code=201)
def add_note(
    escalation_id: int,
    body: NoteCreate,
    session: SessionDep,
    sealer: SealerDep,
    staff: SafeguardingStaff,
) -> dict[str, int]:
    escalation = _get(session, escalation_id)
    note = service.add_note(
        session,
        escalation=escalation,
        staff=staff,
        text=body.text,
        sealer=sealer,
    )
    return {"id": note.id}


@router.post("/{escalation_id}/close", response_model=EscalationSummary)
def close(
    escalation_id: int, body: CloseRequest, session: SessionDep, staff: SafeguardingStaff
) -> dict[str, object]:
    escalation = _get(session, escalation_id)
    service.close(session, escalation=escalation, staff=staff, outcome=body.outcome)
    return _summary(escalation, len(escalation.messages))


@router.post("/{escalation_id}/messages", status_code=202)
def reply(
    escalation_id: int,
    body: ReplyCreate,
    session: SessionDep,
    sealer: SealerDep,
    staff: SafeguardingStaff,
) -> dict[str, object]:
    """Message the young person through the bot; delivery is queued and retried.

    Refused (409) when the young person said no to a worker messaging them here.
    """
    escalation = _get(session, escalation_id)
    message = service.reply(
        session,
        escalation=escalation,
        staff=staff,
        text=body.text,
        sealer=sealer,
    )
    return {"id": message.id, "status": "queued"}


@router.post("/{escalation_id}/break-glass", response_model=BreakGlassRead)
def break_glass(
    escalation_id: int,
    body: BreakGlassRequest,
    session: SessionDep,
    sealer: SealerDep,
    staff: SafeguardingStaff,
) -> dict[str, str]:
    """Reveal the platform chat id (audited with the written reason)."""
    escalation = _get(session, escalation_id)
    chat_id = service.break_glass(
        session,
        escalation=escalation,
        staff=staff,
        reason=body.reason,
        sealer=sealer,
    )
    return {"channel": escalation.channel, "chat_id": chat_id}


@router.get("/{escalation_id}/audit", response_model=list[AuditRead])
def audit_trail(escalation_id: int, session: SessionDep, staff: SafeguardingStaff) -> list[object]:
    _get(session, escalation_id)
    return list(events_for(session, object_type="escalation", object_id=escalation_id))
