"""Responses for participation workers: filtered, redacted, and every read audited."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy import func, select

from consent.models import Response
from feedback_api.audit.service import audit
from feedback_api.deps import SessionDep
from feedback_api.responses.schemas import ResponsePage, ResponseRead
from feedback_api.staff.auth import ParticipationStaff
from feedback_api.themes.models import ThemeAssignment

router = APIRouter(prefix="/api/v1/responses", tags=["responses"])


@router.get("", response_model=ResponsePage)
def list_responses(
    session: SessionDep,
    staff: ParticipationStaff,
    campaign: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    theme_id: int | None = None,
    age_band: str | None = None,
    audience: str | None = None,
    q: Annotated[str | None, Query(max_length=200, description="words to search for")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> ResponsePage:
    """Stored responses, newest first. Text is redacted before it leaves the server."""
    from nlu.redact import redact

    query = select(Response, ThemeAssignment.theme_id).outerjoin(
        ThemeAssignment, ThemeAssignment.response_id == Response.id
    )
    filters = {
        Response.campaign: campaign,
        Response.age_band: age_band,
        Response.audience: audience,
        ThemeAssignment.theme_id: theme_id,
    }
    for column, value in filters.items():
        if value is not None:
            query = query.where(column == value)
    if since is not None:
        query = query.where(Response.created_at >= since)
    if until is not None:
        query = query.where(Response.created_at < until)
    if q:
        query = query.where(func.lower(Response.text).contains(q.lower()))
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.execute(
        query.order_by(Response.created_at.desc(), Response.id.desc()).limit(limit).offset(offset)
    ).all()
    items = [
        ResponseRead(
            id=r.id,
            campaign=r.campaign,
            question=r.question,
            text=redact(r.text).text if r.text is not None else None,
            language=r.language,
            audience=r.audience,
            age_band=r.age_band,
            created_at=r.created_at,
            theme_id=theme,
        )
        for r, theme in rows
    ]
    audit(
        session,
        actor=staff,
        action="read_responses",
        object_type="response",
        detail={
            "count": len(items),
            "ids": [i.id for i in items][:500],
            "q": q,
            "campaign": campaign,
            "theme_id": theme_id,
        },
    )
    return ResponsePage(total=total, items=items)
