"""The "we did": what each agency did or committed to about a theme."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException
from sqlalchemy import select

from consent.db import utcnow
from feedback_api.actions.models import Action
from feedback_api.actions.schemas import ActionCreate, ActionRead, ActionUpdate
from feedback_api.audit.service import audit
from feedback_api.deps import SessionDep
from feedback_api.staff.auth import ParticipationStaff
from feedback_api.themes.models import Theme

router = APIRouter(prefix="/api/v1/actions", tags=["actions"])


@router.get("", response_model=list[ActionRead])
def list_actions(
    session: SessionDep,
    staff: ParticipationStaff,
    theme_id: int | None = None,
    status: str | None = None,
) -> list[Action]:
    query = select(Action).order_by(Action.theme_id, Action.id)
    if theme_id is not None:
        query = query.where(Action.theme_id == theme_id)
    if status is not None:
        query = query.where(Action.status == status)
    return list(session.scalars(query))


@router.post("", response_model=ActionRead, status_code=201)
def create_action(body: ActionCreate, session: SessionDep, staff: ParticipationStaff) -> Action:
    if session.get(Theme, body.theme_id) is None:
        raise HTTPException(422, "theme_id does not name a theme")
    action = Action(
        theme_id=body.theme_id,
        agency=body.agency.strip(),
        description=body.description.strip(),
        status=body.status,
        due_date=body.due_date,
        evidence_url=str(body.evidence_url) if body.evidence_url else None,
        created_by=staff.id,
    )
    session.add(action)
    session.flush()
    audit(session, actor=staff, action="create", object_type="action", object_id=action.id)
    return action


@router.patch("/{action_id}", response_model=ActionRead)
def update_action(
    action_id: int, body: ActionUpdate, session: SessionDep, staff: ParticipationStaff
) -> Action:
    action = session.get(Action, action_id)
    if action is None:
        raise HTTPException(404, "no such action")
    changes = body.model_dump(exclude_unset=True)
    for name, value in changes.items():
        setattr(action, name, str(value) if name == "evidence_url" and value else value)
    action.updated_at = utcnow()
    audit(
        session,
        actor=staff,
        action="update",
        object_type="action",
        object_id=action.id,
        detail={"fields": sorted(changes)},
    )
    return action


@router.delete("/{action_id}", status_code=204)
def delete_action(action_id: int, session: SessionDep, staff: ParticipationStaff) -> None:
    action = session.get(Action, action_id)
    if action is None:
        raise HTTPException(404, "no such action")
    session.delete(action)
    audit(session, actor=staff, action="delete", object_type="action", object_id=action_id)
