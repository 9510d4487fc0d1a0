import asyncio
import time

import httpx
import pytest
from cryptography.fernet import Fernet
from sqlalchemy import select

from feedback_api.audit.models import AuditEvent
from feedback_api.db import make_engine, make_session_factory, unit_of_work
from feedback_api.escalations import contact, service
from feedback_api.escalations.models import ContactAnswer
from feedback_api.escalations.sealing import Sealer
from feedback_api.outbox.delivery import Deliverer
from feedback_api.outbox.models import OutboxMessage
from feedback_api.outbox.worker import run_once
from feedback_api.settings import Settings
from tests.e2e.helpers import yousaid_process
from tests.factories import make_screen_result, make_staff
from tests.support.receiver import run_receiver

CHAT_ID = 4242


def _settings(url: str, db_url: str, tmp_path, **extra) -> Settings:
    values = {
        "var_dir": tmp_path,
        "database_url": db_url,
        "escalation_key": Fernet.generate_key().decode(),
        "telegram_token": "123:TEST",
        "telegram_api_url": f"{url}/bot",
        "safeguarding_chat_id": "-100777",
        "webhook_url": f"{url}/hook",
    }
    return Settings(**(values | extra))


def _escalate(factory, settings, level="urgent"):
    with unit_of_work(factory) as session:
        escalation = service.record_screened_message(
            session,
            result=make_screen_result(level),
            participant_key="p" * 64,
            channel="telegram",
            chat_id=CHAT_ID,
            text="they said if i tell they will hurt me",
            sealer=Sealer.from_settings(settings),
            settings=settings,
        )
        return escalation.id


def _pass(settings, factory):
    async def go():
        async with httpx.AsyncClient(timeout=5) as client:
            return await run_once(settings, factory, Deliverer(settings, factory, client))

    return asyncio.run(go())


def _statuses(factory):
    with factory() as session:
        return [
            (m.channel, m.status) for m in session.scalars(select(OutboxMessage).order_by("id"))
        ]


def test_alerts_reach_the_staff_chat_and_webhook_without_text_or_identity(fresh_db_url, tmp_path):
    factory = make_session_factory(make_engine(fresh_db_url))
    with run_receiver() as rx:
        settings = _settings(rx.url, fresh_db_url, tmp_path)
        escalation_id = _escalate(factory, settings)
        assert _pass(settings, factory) == 2
    paths = sorted(r.path for r in rx.requests)
    assert paths == ["/bot123:TEST/sendMessage", "/hook"]
    telegram = next(r for r in rx.requests if r.path.endswith("sendMessage"))
    assert telegram.body["chat_id"] == "-100777"
    assert f"/api/v1/escalations/{escalation_id}" in telegram.body["text"]
    assert "URGENT" in telegram.body["text"]
    for request in rx.requests:
        assert "hurt" not in str(request.body) and str(CHAT_ID) not in str(request.body)
    assert _statuses(factory) == [("telegram", "sent"), ("webhook", "sent")]


def test_a_failing_channel_is_retried_with_backoff_until_delivered(fresh_db_url, tmp_path):
    factory = make_session_factory(make_engine(fresh_db_url))
    with run_receiver() as rx:
        settings = _settings(rx.url, fresh_db_url, tmp_path, webhook_url=None)
        rx.script = [
            (429, {"ok": False, "error_code": 429, "parameters": {"retry_after": 0}}),
            (500, {"ok": False}),
        ]
        _escalate(factory, settings)
        assert _pass(settings, factory) == 0  # 429: retry after 0 s
        assert _pass(settings, factory) == 0  # 500: backoff
        with unit_of_work(factory) as session:
            message = session.scalars(select(OutboxMessage)).one()
            assert message.attempts == 2 and message.last_error
            message.next_attempt_at = message.created_at  # skip the wait
        assert _pass(settings, factory) == 1
    assert len(rx.requests) == 1
    assert _statuses(factory) == [("telegram", "sent")]


def _worker_replies(factory, settings, text: str) -> int:
    """An urgent escalation, and a worker's reply to it queued in the outbox; its id."""
    escalation_id = _escalate(factory, settings)
    with unit_of_work(factory) as session:
        staff, _ = make_staff(session)
        escalation = session.get(service.Escalation, escalation_id)
        service.reply(
            session,
            escalation=escalation,
            staff=staff,
            text=text,
            sealer=Sealer.from_settings(settings),
        )
    return escalation_id


def test_a_worker_reply_reaches_the_young_persons_chat(fresh_db_url, tmp_path):
    factory = make_session_factory(make_engine(fresh_db_url))
    with run_receiver() as rx:
        settings = _settings(
            rx.url, fresh_db_url, tmp_path, webhook_url=None, safeguarding_chat_id=None
        )
        _worker_replies(factory, settings, "Are you safe now?")
        _pass(settings, factory)
    replies = [r for r in rx.requests if r.body.get("chat_id") == str(CHAT_ID)]
    assert len(replies) == 1
    assert "Are you safe now?" in replies[0].body["text"]


def _reply_then(factory, settings, *, answer_after_claim: bool):
    """A worker replies; the young person says no, before the outbox claims it or after."""
    escalation_id = _worker_replies(factory, settings, "Hi")

    def say_no():
        with unit_of_work(factory) as session:
            escalation = session.get(service.Escalation, escalation_id)
            contact.record_contact_answer(
                session, escalation=escalation, allowed=False, via="button"
            )

    if not answer_after_claim:
        say_no()
        return
    # The "no" lands while a worker already holds the reply in memory, after its claim: the
    # withdrawal above cannot reach that copy, so delivery itself must check the answer.
    with unit_of_work(factory) as session:
        session.get(service.Escalation, escalation_id).contact_answer = ContactAnswer.NO


@pytest.mark.parametrize(
    "answer_after_claim", [False, True], ids=["before the outbox claims it", "after its claim"]
)
def test_a_worker_reply_not_yet_sent_is_withdrawn_when_the_young_person_says_no(
    fresh_db_url, tmp_path, answer_after_claim
):
    factory = make_session_factory(make_engine(fresh_db_url))
    with run_receiver() as rx:
        settings = _settings(
            rx.url, fresh_db_url, tmp_path, webhook_url=None, safeguarding_chat_id=None
        )
        _reply_then(factory, settings, answer_after_claim=answer_after_claim)
        _pass(settings, factory)
    assert not [r for r in rx.requests if r.body.get("chat_id") == str(CHAT_ID)]
    assert ("reply", "withdrawn") in _statuses(factory)
    if not answer_after_claim:
        with factory() as session:
            event = session.scalars(
                select(AuditEvent).where(AuditEvent.action == "contact_answer")
            ).one()
        assert event.detail["withdrawn_replies"] == 1


def test_a_worker_killed_mid_delivery_loses_nothing_and_sends_nothing_twice(fresh_db_url, tmp_path):
    factory = make_session_factory(make_engine(fresh_db_url))
    with run_receiver() as rx:
        settings = _settings(rx.url, fresh_db_url, tmp_path)
        _escalate(factory, settings)
        env = {
            "YOUSAID_DATABASE_URL": fresh_db_url,
            "YOUSAID_VAR_DIR": str(tmp_path),
            "YOUSAID_ESCALATION_KEY": settings.escalation_key.get_secret_value(),
            "YOUSAID_TELEGRAM_TOKEN": "123:TEST",
            "YOUSAID_TELEGRAM_API_URL": f"{rx.url}/bot",
            "YOUSAID_SAFEGUARDING_CHAT_ID": "-100777",
            "YOUSAID_WEBHOOK_URL": f"{rx.url}/hook",
            "YOUSAID_OUTBOX_LEASE_SECONDS": "1",
        }
        # First worker dies right after leasing the alerts, before sending anything.
        with yousaid_process(
            "outbox", "work", env=env | {"YOUSAID_TEST_CRASH_AFTER_CLAIM": "1"}, cwd=tmp_path
        ) as crashed:
            assert crashed.wait(timeout=60) == 70
        assert rx.requests == []
        assert {s for _, s in _statuses(factory)} == {"pending"}
        time.sleep(1.2)  # let the dead worker's lease lapse
        with yousaid_process("outbox", "work", "--once", env=env, cwd=tmp_path) as worker:
            assert worker.wait(timeout=60) == 0
        # A second pass must not send anything again.
        with yousaid_process("outbox", "work", "--once", env=env, cwd=tmp_path) as worker:
            assert worker.wait(timeout=60) == 0
    assert sorted(r.path for r in rx.requests) == ["/bot123:TEST/sendMessage", "/hook"]
    assert _statuses(factory) == [("telegram", "sent"), ("webhook", "sent")]
