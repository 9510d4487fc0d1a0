"""Factories for test data: small functions with sensible defaults, overridable by keyword."""

from __future__ import annotations

import itertools
from datetime import datetime

from sqlalchemy.orm import Session

from consent.domain import AgeBand, Audience, Scope, participant_key
from consent.models import Participant, Response
from consent.service import get_or_create_participant, grant_consent, set_profile, store_response

PEPPER = b"test-pepper-not-secret"
_ids = itertools.count(1000)


def make_participant(
    session: Session,
    *,
    audience: Audience = Audience.YOUNG_PERSON,
    age_band: AgeBand = AgeBand.AGE_13_15,
    scopes: set[Scope] | None = frozenset({Scope.KEEP_VIEWS}),  # type: ignore[assignment]
    user_id: int | None = None,
) -> Participant:
    key = participant_key(PEPPER, "telegram", user_id if user_id is not None else next(_ids))
    participant = get_or_create_participant(session, key=key)
    set_profile(session, participant=participant, audience=audience, age_band=age_band)
    if scopes:
        grant_consent(session, participant=participant, scopes=set(scopes))
    return participant


def make_response(
    session: Session,
    *,
    participant: Participant | None = None,
    text: str = "the park by the station feels unsafe at night",
    campaign: str = "feeling-safe",
    question: str = "unsafe_places",
    created_at: datetime | None = None,
) -> Response:
    participant = participant or make_participant(session)
    response = store_response(
        session, participant=participant, campaign=campaign, question=question, text=text
    )
    if created_at is not None:
        response.created_at = created_at
        session.flush()
    return response


def make_screen_result(level: str = "urgent", categories: tuple[str, ...] = ("self_harm_suicide",)):
    from nlu.screen import Level, ScreenResult

    return ScreenResult(
        level=Level(level),
        categories=categories if level != "none" else (),
        evidence=("kms",) if level != "none" else (),
        lexicon_version="test-1",
    )


def make_staff(session: Session, *, role: str = "safeguarding", name: str = "Sam Lead"):
    """Returns (staff member, clear bearer token)."""
    from feedback_api.staff.models import Role
    from feedback_api.staff.service import add_staff

    return add_staff(session, name=name, role=Role(role))
