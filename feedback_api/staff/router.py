"""Admin: staff accounts."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select

from feedback_api.audit.service import audit
from feedback_api.deps import SessionDep
from feedback_api.staff.auth import AdminStaff
from feedback_api.staff.models import Role, StaffMember
from feedback_api.staff.service import add_staff

router = APIRouter(prefix="/api/v1/staff", tags=["staff"])


class StaffCreate(BaseModel):
    name: str = Field(min_length=1, max_length=120)
    role: Role


class StaffRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    role: str
    active: bool
    created_at: datetime


class StaffCreated(StaffRead):
    token: str  # shown once


@router.get("", response_model=list[StaffRead])
def list_staff(session: SessionDep, admin: AdminStaff) -> list[StaffMember]:
    return list(session.scalars(select(StaffMember).order_by(StaffMember.id)))


@router.post("", response_model=StaffCreated, status_code=201)
def create_staff(body: StaffCreate, session: SessionDep, admin: AdminStaff) -> dict[str, object]:
    member, token = add_staff(session, name=body.name, role=body.role)
    audit(
        session,
        actor=admin,
        action="create",
        object_type="staff",
        object_id=member.id,
        detail={"role": member.role},
    )
    return StaffRead.model_validate(member).model_dump() | {"token": token}


@router.post("/{staff_id}/disable", response_model=StaffRead)
def disable_staff(staff_id: int, session: SessionDep, admin: AdminStaff) -> StaffMember:
    member = session.get(StaffMember, staff_id)
    if member is None:
        raise HTTPException(404, "no such staff member")
    if member.id == admin.id:
        raise HTTPException(409, "you cannot disable your own account")
    member.active = False
    audit(session, actor=admin, action="disable", object_type="staff", object_id=member.id)
    return member
