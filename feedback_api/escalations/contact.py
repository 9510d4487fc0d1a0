"""May a worker message the young person through the bot? Their own answer decides.

The bot offers ("can a worker message you here?") and records the answer on the escalation; the
answer is not identifying, so it is a plain column, and every answer is audited. A "no" is
honoured: worker replies through the bot are refused until the person says yes, and replies queued
before the "no" but not yet delivered are withdrawn.
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from consent.db import utcnow
from feedback_api.errors import Conflict
from feedback_api.escalations.auditing import audit_escalation
from feedback_api.escalations.models import ContactAnswer, Escalation
from feedback_api.outbox.service import withdraw_replies

REFUSED = "the young person said no to a worker messaging them through the bot"


class ContactStatus(StrEnum):
    NOT_ASKED = "not_asked"  # no offer made (a concern, or a group chat)
    UNANSWERED = "unanswered"  # offered, no answer yet
    YES = "yes"
    NO = "no"


class ContactRefused(Conflict):
    pass


def contact_status(escalation: Escalation) -> ContactStatus:
    """The latest answer stands; an offer repeated after a "no" does not undo the "no"."""
    if escalation.contact_answer is not None:
        return ContactStatus(escalation.contact_answer)
    if escalation.contact_offered_at is None:
        return ContactStatus.NOT_ASKED
    return ContactStatus.UNANSWERED


def awaiting_answer(escalation: Escalation) -> bool:
    """True while the latest offer has had no answer (a new offer reopens the question)."""
    offered, answered = escalation.contact_offered_at, escalation.contact_answered_at
    return offered is not None and (answered is None or answered < offered)


def offer_contact(escalation: Escalation) -> None:
    escalation.contact_offered_at = utcnow()


def record_contact_answer(
    session: Session, *, escalation: Escalation, allowed: bool, via: str
) -> None:
    """Store the person's answer (`via`: "button" or "words") and audit it."""
    answer = ContactAnswer.YES if allowed else ContactAnswer.NO
    escalation.contact_answer = answer.value
    escalation.contact_answered_at = utcnow()
    escalation.updated_at = escalation.contact_answered_at
    detail: dict[str, object] = {"answer": answer.value, "via": via}
    if not allowed:
        detail["withdrawn_replies"] = withdraw_replies(
            session, escalation_id=escalation.id, reason=REFUSED
        )
    audit_escalation(session, escalation, actor=None, action="contact_answer", detail=detail)


def ensure_may_message(escalation: Escalation) -> None:
    if escalation.contact_answer == ContactAnswer.NO:
        raise ContactRefused(
            f"{REFUSED}; their answer is honoured until they say yes (record what you do"
            " instead as a note)"
        )


def has_safety_record(session: Session, *, participant_key: str) -> bool:
    """Whether any escalation (open or closed) exists for this person."""
    found = session.scalar(
        select(Escalation.id).where(Escalation.participant_key == participant_key).limit(1)
    )
    return found is not None
