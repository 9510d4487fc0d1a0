from datetime import timedelta

import pytest
from sqlalchemy import select, text

from consent.db import utcnow
from feedback_api.audit.models import AuditEvent
from feedback_api.escalations import service
from feedback_api.escalations.models import Escalation, EscalationMessage
from feedback_api.outbox.models import OutboxMessage
from tests.factories import make_screen_result, make_staff

CHAT_ID = 5550001234


def _record(
    session, settings, sealer, level="urgent", text="i want to kms", key="k" * 64, ref=None
):
    return service.record_screened_message(
        session,
        result=make_screen_result(level),
        participant_key=key,
        channel="telegram",
        chat_id=CHAT_ID,
        text=text,
        sealer=sealer,
        settings=settings,
        source_ref=ref,
    )


def test_an_urgent_message_opens_a_sealed_escalation_with_alerts(session, settings, sealer):
    escalation = _record(session, settings, sealer)
    assert escalation is not None and escalation.level == "urgent"
    assert str(CHAT_ID) not in escalation.sealed_chat_id
    assert sealer.unseal(escalation.sealed_chat_id) == str(CHAT_ID)
    message = session.scalars(select(EscalationMessage)).one()
    assert "kms" not in message.sealed_text
    alerts = session.scalars(select(OutboxMessage)).all()
    assert {(a.channel, a.recipient) for a in alerts} == {
        ("telegram", "primary"),
        ("webhook", "primary"),
    }
    for alert in alerts:
        assert "kms" not in str(alert.payload)
        assert str(CHAT_ID) not in str(alert.payload)
        assert alert.payload["level"] == "urgent"


def test_a_message_with_no_risk_and_no_open_thread_escalates_nothing(session, settings, sealer):
    assert _record(session, settings, sealer, level="none", text="more parks please") is None
    assert session.scalars(select(Escalation)).all() == []


def test_later_messages_join_the_open_thread_even_when_they_show_no_risk(session, settings, sealer):
    first = _record(session, settings, sealer, level="concern")
    second = _record(session, settings, sealer, level="none", text="i'm at home now")
    assert second is not None and second.id == first.id
    assert len(first.messages) == 2


def test_a_thread_raised_from_concern_to_urgent_alerts_again(session, settings, sealer):
    _record(session, settings, sealer, level="concern")
    escalation = _record(session, settings, sealer, level="urgent")
    assert escalation.level == "urgent"
    events = {a.payload["event"] for a in session.scalars(select(OutboxMessage))}
    assert events == {"new", "raised-urgent"}


def test_the_same_update_is_recorded_once(session, settings, sealer):
    _record(session, settings, sealer, ref="tg:77")
    _record(session, settings, sealer, ref="tg:77")
    assert len(session.scalars(select(EscalationMessage)).all()) == 1


def test_the_queue_puts_urgent_first_then_oldest(session, settings, sealer):
    concern = _record(session, settings, sealer, level="concern", key="a" * 64)
    urgent = _record(session, settings, sealer, level="urgent", key="b" * 64)
    queue = service.queue_listing(session)
    assert [e.id for e in queue] == [urgent.id, concern.id]


def test_unacknowledged_urgent_escalations_go_to_the_backup_once(session, settings, sealer):
    settings.backup_chat_id = "-100999"
    escalation = _record(session, settings, sealer)
    assert service.queue_unacknowledged(session, settings=settings) == 0
    later = utcnow() + timedelta(minutes=settings.ack_timeout_minutes + 1)
    assert service.queue_unacknowledged(session, settings=settings, now=later) == 1
    assert service.queue_unacknowledged(session, settings=settings, now=later) == 0
    backup = session.scalars(select(OutboxMessage).where(OutboxMessage.recipient == "backup")).all()
    assert [b.payload["escalation_id"] for b in backup] == [escalation.id]


def test_an_acknowledged_escalation_is_not_chased(session, settings, sealer):
    staff, _ = make_staff(session)
    escalation = _record(session, settings, sealer)
    service.acknowledge(session, escalation=escalation, staff=staff)
    later = utcnow() + timedelta(hours=2)
    assert service.queue_unacknowledged(session, settings=settings, now=later) == 0


def test_break_glass_needs_a_reason_and_is_audited(session, settings, sealer):
    staff, _ = make_staff(session)
    escalation = _record(session, settings, sealer)
    with pytest.raises(service.EscalationError):
        service.break_glass(session, escalation=escalation, staff=staff, reason="x", sealer=sealer)
    chat = service.break_glass(
        session,
        escalation=escalation,
        staff=staff,
        reason="police welfare check needed",
        sealer=sealer,
    )
    assert chat == str(CHAT_ID)
    event = session.scalars(select(AuditEvent).where(AuditEvent.action == "break_glass")).one()
    assert event.detail["reason"] == "police welfare check needed"


def test_the_audit_log_refuses_changes(session, settings, sealer):
    staff, _ = make_staff(session)
    escalation = _record(session, settings, sealer)
    service.acknowledge(session, escalation=escalation, staff=staff)
    savepoint = session.begin_nested()
    with pytest.raises(Exception, match="append-only"):
        session.execute(text("DELETE FROM audit_events"))
    savepoint.rollback()
    savepoint = session.begin_nested()
    with pytest.raises(Exception, match="append-only"):
        session.execute(text("UPDATE audit_events SET action = 'nothing'"))
    savepoint.rollback()


def test_a_worker_reply_is_queued_for_the_young_person_and_acknowledges(session, settings, sealer):
    staff, _ = make_staff(session)
    escalation = _record(session, settings, sealer)
    service.reply(
        session, escalation=escalation, staff=staff, text="Are you safe now?", sealer=sealer
    )
    assert escalation.status == "acknowledged"
    reply = session.scalars(select(OutboxMessage).where(OutboxMessage.channel == "reply")).one()
    assert "safe" not in str(reply.payload)


def test_closing_records_the_outcome_and_ends_the_thread(session, settings, sealer):
    staff, _ = make_staff(session)
    escalation = _record(session, settings, sealer)
    service.close(session, escalation=escalation, staff=staff, outcome="referred to MASH")
    assert service.open_thread_for(session, participant_key="k" * 64) is None
    with pytest.raises(service.EscalationError):
        service.close(session, escalation=escalation, staff=staff, outcome="again")
