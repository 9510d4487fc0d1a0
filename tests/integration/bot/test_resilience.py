"""The store down, Telegram saying 429, the webhook door."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session
from telegram import Update

from bot import webhook
from bot.application import build_application
from bot.emulator import EmulatorClient
from bot.models import InboundUpdate
from feedback_api.app import create_app
from feedback_api.db import make_engine, make_session_factory
from tests.integration.bot.conftest import Harness, bot_settings

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
NOWHERE = "postgresql+psycopg://nobody@127.0.0.1:9/none?connect_timeout=2"


async def test_when_the_store_is_down_the_person_is_told_to_try_again_and_given_help_if_needed(
    emulator_url: str, emu: EmulatorClient, tmp_path: Path
):
    settings = bot_settings(NOWHERE, f"{emulator_url}/bot", tmp_path)
    engine = make_engine(NOWHERE)
    app = build_application(settings, session_factory=make_session_factory(engine))
    await app.initialize()
    try:
        user = emu.create_user("Kim")["id"]
        await app.process_update(Update.de_json(emu.send_text(user, "hello"), app.bot))
        said = [m["text"] for m in emu.bot_messages(user)]
        assert said == ["Sorry, I can't save things right now. Please try again in a few minutes."]
        urgent = emu.send_text(user, "he said he will kill me if I tell anyone")
        await app.process_update(Update.de_json(urgent, app.bot))
        said = [m["text"] for m in emu.bot_messages(user)][1:]
        assert "999" in said[0] and "0800 1111" in said[0]
        assert "try again" in said[1]
    finally:
        await app.shutdown()
        engine.dispose()


async def test_a_429_from_telegram_is_waited_out_and_the_reply_still_arrives(harness: Harness):
    chat = harness.person()
    harness.emu.inject_fault("sendMessage", kind="429", count=1, retry_after=1)
    assert "never store your name" in (await chat.say("/privacy"))[0]


def _webhook_client(db_url: str, tmp_path: Path, secret: str | None) -> TestClient:
    settings = bot_settings(
        db_url, "http://127.0.0.1:9/bot", tmp_path, telegram_webhook_secret=secret
    )
    return TestClient(create_app(settings))


UPDATE = {
    "update_id": 77,
    "message": {
        "message_id": 1,
        "date": 0,
        "chat": {"id": 4242, "type": "private"},
        "from": {"id": 4242, "is_bot": False, "first_name": "A"},
        "text": "hi",
    },
}


def test_the_webhook_refuses_a_wrong_or_missing_secret(fresh_db_url: str, tmp_path: Path):
    with _webhook_client(fresh_db_url, tmp_path, "s3cret") as client:
        assert client.post("/telegram/webhook", json=UPDATE).status_code == 403
        headers = {"X-Telegram-Bot-Api-Secret-Token": "wrong"}
        assert client.post("/telegram/webhook", json=UPDATE, headers=headers).status_code == 403


def test_the_webhook_stores_each_update_once_sealed(fresh_db_url: str, tmp_path: Path):
    headers = {"X-Telegram-Bot-Api-Secret-Token": "s3cret"}
    with _webhook_client(fresh_db_url, tmp_path, "s3cret") as client:
        for _ in range(2):
            response = client.post("/telegram/webhook", json=UPDATE, headers=headers)
            assert response.status_code == 200
    engine = make_engine(fresh_db_url)
    with Session(engine) as session:
        rows = session.scalars(select(InboundUpdate)).all()
    engine.dispose()
    assert [r.update_id for r in rows] == [77]
    assert rows[0].sealed_payload and "4242" not in rows[0].sealed_payload
    assert "4242" not in rows[0].chat_key


def test_the_webhook_answers_try_again_when_the_store_is_down(tmp_path: Path):
    # Just the router: the full app's start-up jobs need the database this test takes away.
    app = FastAPI()
    app.include_router(webhook.router)
    app.state.settings = bot_settings(NOWHERE, "x", tmp_path, telegram_webhook_secret="s3cret")
    app.state.session_factory = make_session_factory(make_engine(NOWHERE))
    headers = {"X-Telegram-Bot-Api-Secret-Token": "s3cret"}
    with TestClient(app) as client:
        response = client.post("/telegram/webhook", json=UPDATE, headers=headers)
    assert response.status_code == 200
    assert response.json()["method"] == "sendMessage"
    assert "try again" in response.json()["text"]


def test_the_webhook_secret_key_is_a_real_fernet_key_in_settings(tmp_path: Path):
    assert Fernet(bot_settings("sqlite://", "x", tmp_path).escalation_key_bytes())
