"""Bearer-token authentication and role checks for staff endpoints."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from feedback_api.deps import SessionDep
from feedback_api.staff.models import Role, StaffMember
from feedback_api.staff.service import staff_for_token

_bearer = HTTPBearer(auto_error=False)


def current_staff(
    session: SessionDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> StaffMember:
    if credentials is None:
        raise HTTPException(401, "a staff bearer token is required", {"WWW-Authenticate": "Bearer"})
    member = staff_for_token(session, token=credentials.credentials)
    if member is None:
        raise HTTPException(401, "this token is not valid", {"WWW-Authenticate": "Bearer"})
    return member


def require_role(*roles: Role) -> Callable[..., StaffMember]:
    allowed = {r.value for r in roles}

    def check(
        request: Request, member: Annotated[StaffMember, Depends(current_staff)]
    ) -> StaffMember:
        if member.role not in allowed:
            raise HTTPException(403, f"this needs the {' or '.join(sorted(allowed))} role")
        request.state.staff = member
        return member

    return check


SafeguardingStaff = Annotated[StaffMember, Depends(require_role(Role.SAFEGUARDING))]
ParticipationStaff = Annotated[StaffMember, Depends(require_role(Role.PARTICIPATION))]
PublisherStaff = Annotated[StaffMember, Depends(require_role(Role.PUBLISHER))]
AdminStaff = Annotated[StaffMember, Depends(require_role(Role.ADMIN))]
ParticipationOrPublisher = Annotated[
    StaffMember, Depends(require_role(Role.PARTICIPATION, Role.PUBLISHER))
]
