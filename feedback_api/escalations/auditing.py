"""The audit entry for an escalation: every view and action is logged, in one shape."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from feedback_api.audit.service import audit
from feedback_api.escalations.models import Escalation
from feedback_api.staff.models import StaffMember


def audit_escalation(
    session: Session,
    escalation: Escalation,
    *,
    actor: StaffMember | None,
    action: str,
    detail: dict[str, Any] | None = None,
) -> None:
    """Every view of and action on an escalation goes in the append-only audit log."""
    audit(
        session,
        actor=actor,
        action=action,
        object_type="escalation",
        object_id=escalation.id,
        detail=detail,
    )
