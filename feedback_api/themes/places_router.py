"""Places and spaces young people name, so emerging harmful places are spotted early."""

from __future__ import annotations

from datetime import date, timedelta

from fastapi import APIRouter
from pydantic import BaseModel

from feedback_api.deps import SessionDep
from feedback_api.reports.service import place_hotspots
from feedback_api.staff.auth import ParticipationStaff

router = APIRouter(prefix="/api/v1/places", tags=["places"])


class HotspotRead(BaseModel):
    place: str
    name: str
    kind: str
    participants: int
    previous: int
    trend: str


@router.get("", response_model=list[HotspotRead])
def list_hotspots(
    session: SessionDep,
    staff: ParticipationStaff,
    campaign: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> list[object]:
    """Staff view (not published): every place named, with distinct people now and before."""
    end = until or date.today()
    start = since or end - timedelta(days=90)
    return list(place_hotspots(session, campaign=campaign, start=start, end=end))
