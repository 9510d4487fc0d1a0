from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from feedback_api.staff.models import Role, StaffMember

TOKEN_PREFIX = "ys_"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def add_staff(session: Session, *, name: str, role: Role) -> tuple[StaffMember, str]:
    """Create a staff member; the clear token is returned once and never stored."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    member = StaffMember(name=name.strip(), role=role.value, token_hash=hash_token(token))
    session.add(member)
    session.flush()
    return member, token


def staff_for_token(session: Session, *, token: str) -> StaffMember | None:
    member = session.scalar(select(StaffMember).where(StaffMember.token_hash == hash_token(token)))
    if member is None or not member.active:
        return None
    return member
