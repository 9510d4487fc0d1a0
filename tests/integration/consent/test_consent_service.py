from datetime import timedelta

import pytest
from sqlalchemy import func, select

from consent.db import utcnow
from consent.domain import AgeBand, Audience, ConsentRefused, Scope
from consent.models import ConsentRecord, ErasureTombstone, Participant, PurgeRun, Response
from consent.service import (
    NoConsent,
    consent_state,
    describe_participant,
    erase_participant,
    grant_consent,
    purge_expired,
    store_response,
    withdraw_consent,
)
from tests.factories import make_participant, make_response


def _count(session, model, *where):
    return session.scalar(select(func.count()).select_from(model).where(*where))


def test_a_view_is_not_kept_without_consent(session):
    participant = make_participant(session, scopes=None)
    with pytest.raises(NoConsent):
        store_response(session, participant=participant, campaign="c", question="q", text="hi")
    assert _count(session, Response) == 0


def test_consent_records_the_statement_version_for_every_scope(session):
    participant = make_participant(session, scopes={Scope.KEEP_VIEWS, Scope.QUOTE})
    records = session.scalars(
        select(ConsentRecord).where(ConsentRecord.participant_id == participant.id)
    ).all()
    assert {r.scope for r in records} == {s.value for s in Scope}
    assert all(r.statement_version for r in records)
    assert {r.scope for r in records if r.granted} == {"keep_views", "quote"}


def test_under_13_consent_is_refused_and_nothing_is_recorded(session):
    participant = make_participant(session, age_band=AgeBand.UNDER_13, scopes=None)
    with pytest.raises(ConsentRefused):
        grant_consent(session, participant=participant, scopes={Scope.KEEP_VIEWS})
    assert _count(session, ConsentRecord, ConsentRecord.participant_id == participant.id) == 0


def test_a_response_carries_audience_and_age_band_but_no_identity(session):
    participant = make_participant(
        session, audience=Audience.PARENT_CARER, age_band=AgeBand.ADULT, user_id=987654321
    )
    response = make_response(session, participant=participant, text="more youth clubs please")
    assert (response.audience, response.age_band) == ("parent_carer", "adult")
    assert "987654321" not in participant.key


def test_the_same_source_ref_is_stored_once(session):
    participant = make_participant(session)
    first = store_response(
        session, participant=participant, campaign="c", question="q", text="x", source_ref="tg:1"
    )
    again = store_response(
        session, participant=participant, campaign="c", question="q", text="x", source_ref="tg:1"
    )
    assert first.id == again.id


def test_erasure_deletes_every_response_and_record_and_leaves_a_tombstone(session):
    participant = make_participant(session)
    other = make_participant(session)
    for _ in range(3):
        make_response(session, participant=participant)
    make_response(session, participant=other)
    pid = participant.id

    summary = erase_participant(session, participant=participant)

    assert summary.responses_deleted == 3
    assert summary.consent_records_deleted == len(Scope)
    assert _count(session, Response, Response.participant_id == pid) == 0
    assert _count(session, ConsentRecord, ConsentRecord.participant_id == pid) == 0
    assert _count(session, Participant, Participant.id == pid) == 0
    assert _count(session, Response) == 1
    tomb = session.scalars(select(ErasureTombstone)).one()
    assert tomb.responses_deleted == 3
    assert tomb.erased_on.hour == 0  # day only: a timestamp could be matched to a conversation


def test_erasure_is_one_transaction(session):
    participant = make_participant(session)
    make_response(session, participant=participant)
    savepoint = session.begin_nested()
    erase_participant(session, participant=participant)
    savepoint.rollback()
    assert _count(session, Response) == 1
    assert _count(session, ErasureTombstone) == 0


def test_withdrawal_erases(session):
    participant = make_participant(session)
    make_response(session, participant=participant)
    summary = withdraw_consent(session, participant=participant)
    assert summary.responses_deleted == 1
    assert session.scalars(select(ErasureTombstone)).one().reason == "withdrawal"


def test_purge_blanks_old_text_but_keeps_the_rows(session):
    old = make_response(session, created_at=utcnow() - timedelta(days=400), text="old words")
    new = make_response(session, text="new words")

    preview = purge_expired(session, retention_days=365, dry_run=True)
    assert preview.texts == 1
    session.refresh(old)
    assert old.text == "old words"

    done = purge_expired(session, retention_days=365)
    session.refresh(old)
    session.refresh(new)
    assert done.texts == 1
    assert old.text is None and old.text_purged_at is not None
    assert new.text == "new words"
    assert _count(session, Response) == 2
    assert session.scalars(select(PurgeRun)).one().texts_purged == 1


def test_describe_participant_says_what_we_hold(session):
    participant = make_participant(session, scopes={Scope.KEEP_VIEWS, Scope.FOLLOW_UP})
    make_response(session, participant=participant)
    data = describe_participant(session, participant=participant)
    assert data.responses == 1
    assert data.scopes == {Scope.KEEP_VIEWS, Scope.FOLLOW_UP}
    assert consent_state(session, participant=participant).wants_follow_up
