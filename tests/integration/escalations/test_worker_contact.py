"""The young person's answer to "can a worker message you here?": kept, shown, and honoured."""

from __future__ import annotations

from datetime import timedelta

import pytest
from cryptography.fernet import Fernet
from fastapi.testclient import TestClient
from sqlalchemy import select

from feedback_api.app import create_app
from feedback_api.audit.models import AuditEvent
from feedback_api.db import make_engine, make_session_factory, unit_of_work
from feedback_api.escalations import contact, service
from feedback_api.escalations.models import Escalation
from feedback_api.escalations.sealing import Sealer
from feedback_api.outbox.models import OutboxMessage
from feedback_api.settings import Settings
from tests.factories import make_screen_result, make_staff

KEY = "c" * 64


def _open(session, settings, sealer, key=KEY) -> Escalation:
    escalation = service.record_screened_message(
        session,
        result=make_screen_result("urgent"),
        participant_key=key,
        channel="telegram",
        chat_id=4242,
        text="i want to kms",
        sealer=sealer,
        settings=settings,
    )
    assert escalation is not None
    return escalation


def test_the_status_moves_from_not_asked_to_unanswered_to_the_answer(session, settings, sealer):
    escalation = _open(session, settings, sealer)
    assert contact.contact_status(escalation) is contact.ContactStatus.NOT_ASKED
    contact.offer_contact(escalation)
    assert contact.contact_status(escalation) is contact.ContactStatus.UNANSWERED
    assert contact.awaiting_answer(escalation)
    contact.record_contact_answer(session, escalation=escalation, allowed=False, via="words")
    assert contact.contact_status(escalation) is contact.ContactStatus.NO
    assert not contact.awaiting_answer(escalation)
    event = session.scalars(select(AuditEvent).where(AuditEvent.action == "contact_answer")).one()
    assert event.detail == {"answer": "no", "via": "words", "withdrawn_replies": 0}


def test_a_new_offer_after_a_no_awaits_an_answer_but_keeps_the_no(session, settings, sealer):
    escalation = _open(session, settings, sealer)
    contact.offer_contact(escalation)
    contact.record_contact_answer(session, escalation=escalation, allowed=False, via="button")
    assert escalation.contact_answered_at is not None
    escalation.contact_answered_at -= timedelta(minutes=5)
    contact.offer_contact(escalation)
    assert contact.awaiting_answer(escalation)
    assert contact.contact_status(escalation) is contact.ContactStatus.NO


def test_a_worker_reply_is_refused_after_a_no_and_queued_after_a_yes(session, settings, sealer):
    staff, _token = make_staff(session)
    escalation = _open(session, settings, sealer)
    contact.offer_contact(escalation)
    contact.record_contact_answer(session, escalation=escalation, allowed=False, via="button")
    before = len(session.scalars(select(OutboxMessage)).all())
    with pytest.raises(contact.ContactRefused, match="said no"):
        service.reply(session, escalation=escalation, staff=staff, text="hi", sealer=sealer)
    assert len(session.scalars(select(OutboxMessage)).all()) == before
    contact.record_contact_answer(session, escalation=escalation, allowed=True, via="button")
    service.reply(session, escalation=escalation, staff=staff, text="hi", sealer=sealer)
    assert len(session.scalars(select(OutboxMessage)).all()) == before + 1


def test_a_safety_record_is_found_open_or_closed_and_only_for_that_person(
    session, settings, sealer
):
    staff, _token = make_staff(session)
    assert not contact.has_safety_record(session, participant_key=KEY)
    escalation = _open(session, settings, sealer)
    service.close(session, escalation=escalation, staff=staff, outcome="referred on")
    assert contact.has_safety_record(session, participant_key=KEY)
    assert not contact.has_safety_record(session, participant_key="d" * 64)


@pytest.fixture
def api(fresh_db_url, tmp_path):
    settings = Settings(
        var_dir=tmp_path, database_url=fresh_db_url, escalation_key=Fernet.generate_key().decode()
    )
    factory = make_session_factory(make_engine(fresh_db_url))
    with unit_of_work(factory) as session:
        token = make_staff(session)[1]
        ids = {}
        for answer, key in (("not_asked", "a"), ("unanswered", "b"), ("no", "n"), ("yes", "y")):
            escalation = _open(session, settings, Sealer.from_settings(settings), key=key * 64)
            if answer != "not_asked":
                contact.offer_contact(escalation)
            if answer in ("yes", "no"):
                contact.record_contact_answer(
                    session, escalation=escalation, allowed=answer == "yes", via="button"
                )
            ids[answer] = escalation.id
    with TestClient(create_app(settings)) as client:
        client.headers["Authorization"] = f"Bearer {token}"
        client.ids = ids  # type: ignore[attr-defined]
        yield client


@pytest.mark.parametrize("answer", ["not_asked", "unanswered", "no", "yes"])
def test_reading_an_escalation_shows_whether_a_worker_may_message(api, answer):
    detail = api.get(f"/api/v1/escalations/{api.ids[answer]}").json()
    assert detail["worker_contact"] == answer
    assert (detail["worker_contact_answered_at"] is not None) == (answer in ("yes", "no"))


def test_messaging_someone_who_said_no_is_a_409_with_a_clear_message(api):
    refused = api.post(f"/api/v1/escalations/{api.ids['no']}/messages", json={"text": "hi"})
    assert refused.status_code == 409
    assert "said no to a worker messaging them" in refused.json()["error"]


@pytest.mark.parametrize("answer", ["not_asked", "unanswered", "yes"])
def test_messaging_is_allowed_unless_they_said_no(api, answer):
    sent = api.post(f"/api/v1/escalations/{api.ids[answer]}/messages", json={"text": "hi"})
    assert sent.status_code == 202


def test_the_thread_shows_whether_a_workers_reply_was_delivered(api):
    api.post(f"/api/v1/escalations/{api.ids['yes']}/messages", json={"text": "hi"})
    thread = api.get(f"/api/v1/escalations/{api.ids['yes']}").json()["thread"]
    assert [m["delivery"] for m in thread] == [None, "pending"]
