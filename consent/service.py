"""Consent operations over a SQLAlchemy session.

These functions never commit: the caller owns the transaction (`unit_of_work`), so erasure and
the tombstone it leaves are one atomic change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from consent.db import utcnow
from consent.domain import (
    AgeBand,
    Audience,
    ConsentEvent,
    ConsentState,
    Scope,
    statement_audience,
    validate_grant,
)
from consent.models import (
    ConsentRecord,
    ConsentStatement,
    ErasureTombstone,
    Participant,
    PurgeRun,
    Response,
)
from consent.statements import Statement, statement_for


class NoConsent(Exception):
    """A view was offered without consent to keep it; it must not be stored."""


def get_participant(session: Session, *, key: str) -> Participant | None:
    return session.scalar(select(Participant).where(Participant.key == key))


def get_or_create_participant(
    session: Session, *, key: str, channel: str = "telegram", language: str = "en"
) -> Participant:
    participant = get_participant(session, key=key)
    if participant is None:
        participant = Participant(key=key, channel=channel, language=language)
        session.add(participant)
        session.flush()
    return participant


def set_profile(
    session: Session,
    *,
    participant: Participant,
    audience: Audience | None = None,
    age_band: AgeBand | None = None,
    language: str | None = None,
) -> Participant:
    if audience is not None:
        participant.audience = audience.value
    if age_band is not None:
        participant.age_band = age_band.value
    if language is not None:
        participant.language = language
    participant.last_seen_at = utcnow()
    session.flush()
    return participant


def stored_statement(session: Session, *, statement: Statement) -> ConsentStatement:
    row = session.scalar(
        select(ConsentStatement).where(
            ConsentStatement.audience == statement.audience,
            ConsentStatement.version == statement.version,
            ConsentStatement.language == statement.language,
        )
    )
    if row is None:
        row = ConsentStatement(
            audience=statement.audience,
            version=statement.version,
            language=statement.language,
            text=statement.text,
            sha256=statement.sha256,
        )
        session.add(row)
        session.flush()
    return row


def consent_state(session: Session, *, participant: Participant) -> ConsentState:
    # Columns, not objects: the bot asks this for every answer it stores.
    records = session.execute(
        select(
            ConsentRecord.scope,
            ConsentRecord.granted,
            ConsentRecord.created_at,
            ConsentRecord.statement_version,
        )
        .where(ConsentRecord.participant_id == participant.id)
        .order_by(ConsentRecord.id)
    )
    return ConsentState.from_events(
        ConsentEvent(Scope(scope), granted, at, version) for scope, granted, at, version in records
    )


def grant_consent(
    session: Session, *, participant: Participant, scopes: set[Scope], now: datetime | None = None
) -> ConsentState:
    """Record a yes to `scopes` (and a no to the optional scopes not chosen)."""
    audience = Audience(participant.audience or Audience.YOUNG_PERSON)
    age_band = AgeBand(participant.age_band) if participant.age_band else None
    chosen = validate_grant(audience, age_band, scopes)
    statement = statement_for(statement_audience(audience, age_band), participant.language)
    row = stored_statement(session, statement=statement)
    at = now or utcnow()
    for scope in Scope:
        session.add(
            ConsentRecord(
                participant_id=participant.id,
                statement_id=row.id,
                statement_version=statement.version,
                scope=scope.value,
                granted=scope in chosen,
                created_at=at,
            )
        )
    session.flush()
    return consent_state(session, participant=participant)


def store_response(
    session: Session,
    *,
    participant: Participant,
    campaign: str,
    question: str,
    text: str,
    source_ref: str | None = None,
) -> Response:
    existing = _check_response(session, participant, source_ref)
    if existing is not None:
        return session.get_one(Response, existing)
    response = Response(**_response_row(participant, campaign, question, text, source_ref))
    session.add(response)
    session.flush()
    return response


def record_response(
    session: Session,
    *,
    participant: Participant,
    campaign: str,
    question: str,
    text: str,
    source_ref: str | None = None,
) -> None:
    """`store_response` for callers that need no object back (the bot, once per answer): the
    same checks, then one plain INSERT instead of an ORM flush."""
    if _check_response(session, participant, source_ref) is None:
        row = _response_row(participant, campaign, question, text, source_ref)
        session.connection().execute(insert(Response), row)


def _check_response(
    session: Session, participant: Participant, source_ref: str | None
) -> int | None:
    """NoConsent unless views may be kept; the id of the answer already stored from source_ref."""
    if not consent_state(session, participant=participant).may_keep_views:
        raise NoConsent("no consent to keep views")
    if source_ref is None:
        return None
    return session.scalar(select(Response.id).where(Response.source_ref == source_ref))


def _response_row(
    participant: Participant, campaign: str, question: str, text: str, source_ref: str | None
) -> dict[str, object]:
    return {
        "participant_id": participant.id,
        "campaign": campaign,
        "question": question,
        "text": text,
        "language": participant.language,
        "audience": participant.audience or Audience.YOUNG_PERSON.value,
        "age_band": participant.age_band or "unknown",
        "source_ref": source_ref,
    }


@dataclass(frozen=True)
class ErasureSummary:
    responses_deleted: int
    consent_records_deleted: int


def erase_participant(
    session: Session, *, participant: Participant, reason: str = "request"
) -> ErasureSummary:
    """Delete every response and record of one person; keep only an anonymous tombstone."""
    mine_r = Response.participant_id == participant.id
    mine_c = ConsentRecord.participant_id == participant.id
    responses = session.scalar(select(func.count()).select_from(Response).where(mine_r)) or 0
    records = session.scalar(select(func.count()).select_from(ConsentRecord).where(mine_c)) or 0
    session.execute(delete(Response).where(mine_r))
    session.execute(delete(ConsentRecord).where(mine_c))
    session.execute(delete(Participant).where(Participant.id == participant.id))
    session.expunge(participant)
    session.add(
        ErasureTombstone(
            reason=reason,
            responses_deleted=responses,
            consent_records_deleted=records,
            erased_on=utcnow().replace(hour=0, minute=0, second=0, microsecond=0),
        )
    )
    session.flush()
    return ErasureSummary(responses, records)


def withdraw_consent(session: Session, *, participant: Participant) -> ErasureSummary:
    """Withdrawal erases: we keep nothing of someone who has said stop."""
    return erase_participant(session, participant=participant, reason="withdrawal")


@dataclass(frozen=True)
class ParticipantData:
    audience: str | None
    age_band: str | None
    language: str
    scopes: frozenset[Scope]
    responses: int
    first_seen: datetime


def describe_participant(session: Session, *, participant: Participant) -> ParticipantData:
    count = session.scalar(
        select(func.count()).select_from(Response).where(Response.participant_id == participant.id)
    )
    return ParticipantData(
        audience=participant.audience,
        age_band=participant.age_band,
        language=participant.language,
        scopes=consent_state(session, participant=participant).scopes,
        responses=count or 0,
        first_seen=participant.created_at,
    )


@dataclass(frozen=True)
class PurgeSummary:
    cutoff: datetime
    texts: int
    dry_run: bool


def purge_expired(
    session: Session, *, retention_days: int, now: datetime | None = None, dry_run: bool = False
) -> PurgeSummary:
    """Blank raw text older than the retention period; rows (and aggregates built on them) stay."""
    cutoff = (now or utcnow()) - timedelta(days=retention_days)
    expired = (Response.created_at < cutoff) & Response.text.is_not(None)
    count = session.scalar(select(func.count()).select_from(Response).where(expired)) or 0
    if not dry_run and count:
        session.execute(
            update(Response).where(expired).values(text=None, text_purged_at=now or utcnow())
        )
        session.add(PurgeRun(cutoff=cutoff, texts_purged=count))
        session.flush()
    return PurgeSummary(cutoff=cutoff, texts=count, dry_run=dry_run)
