import pytest
from cryptography.fernet import Fernet
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from feedback_api.app import create_app
from feedback_api.cli import _register_all
from feedback_api.cli import app as cli_app
from feedback_api.db import make_engine, make_session_factory, unit_of_work
from feedback_api.escalations import service
from feedback_api.escalations.sealing import Sealer
from feedback_api.settings import Settings
from tests.factories import make_screen_result, make_staff


@pytest.fixture
def api(fresh_db_url, tmp_path):
    settings = Settings(
        var_dir=tmp_path, database_url=fresh_db_url, escalation_key=Fernet.generate_key().decode()
    )
    factory = make_session_factory(make_engine(fresh_db_url))
    tokens = {}
    with unit_of_work(factory) as session:
        for role in ("safeguarding", "participation", "publisher", "admin"):
            tokens[role] = make_staff(session, role=role, name=f"{role} worker")[1]
        for level, key in (("concern", "a"), ("urgent", "b")):
            service.record_screened_message(
                session,
                result=make_screen_result(level),
                participant_key=key * 64,
                channel="telegram",
                chat_id=31337,
                text=f"{level} words",
                sealer=Sealer.from_settings(settings),
                settings=settings,
            )
    with TestClient(create_app(settings)) as client:
        client.tokens = tokens
        yield client


def _h(client, role):
    return {"Authorization": f"Bearer {client.tokens[role]}"}


def test_the_queue_lists_urgent_first_with_time_waiting_and_no_text(api):
    response = api.get("/api/v1/escalations", headers=_h(api, "safeguarding"))
    assert response.status_code == 200
    rows = response.json()
    assert [r["level"] for r in rows] == ["urgent", "concern"]
    assert all(r["waiting_seconds"] >= 0 for r in rows)
    assert "words" not in response.text


@pytest.mark.parametrize("role", ["participation", "publisher", "admin"])
def test_other_roles_get_403(api, role):
    assert api.get("/api/v1/escalations", headers=_h(api, role)).status_code == 403
    assert api.get("/api/v1/escalations/1", headers=_h(api, role)).status_code == 403


def test_no_token_or_a_wrong_token_gets_401(api):
    assert api.get("/api/v1/escalations").status_code == 401
    response = api.get("/api/v1/escalations", headers={"Authorization": "Bearer ys_nope"})
    assert response.status_code == 401
    assert response.json() == {"error": "this token is not valid"}


def test_reading_an_escalation_shows_the_thread_and_is_audited(api):
    urgent = api.get("/api/v1/escalations", headers=_h(api, "safeguarding")).json()[0]
    detail = api.get(f"/api/v1/escalations/{urgent['id']}", headers=_h(api, "safeguarding")).json()
    assert detail["thread"][0]["text"] == "urgent words"
    assert "31337" not in str(detail)
    trail = api.get(f"/api/v1/escalations/{urgent['id']}/audit", headers=_h(api, "safeguarding"))
    assert "view" in [e["action"] for e in trail.json()]


def test_a_worker_can_acknowledge_note_reply_and_close(api):
    h = _h(api, "safeguarding")
    eid = api.get("/api/v1/escalations", headers=h).json()[0]["id"]
    assert api.post(f"/api/v1/escalations/{eid}/acknowledge", headers=h).json()["status"] == (
        "acknowledged"
    )
    assert (
        api.post(
            f"/api/v1/escalations/{eid}/notes", json={"text": "rang MASH"}, headers=h
        ).status_code
        == 201
    )
    sent = api.post(
        f"/api/v1/escalations/{eid}/messages", json={"text": "Are you safe?"}, headers=h
    )
    assert sent.status_code == 202 and sent.json()["status"] == "queued"
    closed = api.post(f"/api/v1/escalations/{eid}/close", json={"outcome": "referred"}, headers=h)
    assert closed.json()["status"] == "closed"
    again = api.post(f"/api/v1/escalations/{eid}/close", json={"outcome": "again"}, headers=h)
    assert again.status_code == 409 and "already closed" in again.json()["error"]
    actions = [e["action"] for e in api.get(f"/api/v1/escalations/{eid}/audit", headers=h).json()]
    assert actions == ["acknowledge", "note", "reply", "close"]


def test_break_glass_reveals_the_chat_id_only_with_a_reason(api):
    h = _h(api, "safeguarding")
    eid = api.get("/api/v1/escalations", headers=h).json()[0]["id"]
    short = api.post(f"/api/v1/escalations/{eid}/break-glass", json={"reason": "x"}, headers=h)
    assert short.status_code == 422
    opened = api.post(
        f"/api/v1/escalations/{eid}/break-glass",
        json={"reason": "child at immediate risk, police welfare check"},
        headers=h,
    )
    assert opened.json() == {"channel": "telegram", "chat_id": "31337"}


def test_an_unknown_escalation_is_a_json_404(api):
    response = api.get("/api/v1/escalations/999999", headers=_h(api, "safeguarding"))
    assert response.status_code == 404
    assert response.json() == {"error": "no such escalation"}


def test_staff_add_prints_the_token_as_its_last_line(fresh_db_url, tmp_path):
    _register_all()
    result = CliRunner().invoke(
        cli_app,
        ["staff", "add", "--name", "Pat", "--role", "safeguarding"],
        env={"YOUSAID_DATABASE_URL": fresh_db_url, "YOUSAID_VAR_DIR": str(tmp_path)},
    )
    assert result.exit_code == 0, result.output
    token = result.output.strip().splitlines()[-1]
    assert token.startswith("ys_") and len(token) > 40
    bad = CliRunner().invoke(
        cli_app,
        ["staff", "add", "--name", "Pat", "--role", "boss"],
        env={"YOUSAID_DATABASE_URL": fresh_db_url, "YOUSAID_VAR_DIR": str(tmp_path)},
    )
    assert bad.exit_code == 2 and "--role must be one of" in bad.output
