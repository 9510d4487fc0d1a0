from cryptography.fernet import Fernet
from fastapi.testclient import TestClient

from feedback_api.app import create_app
from feedback_api.db import make_engine, make_session_factory, unit_of_work
from feedback_api.settings import Settings
from tests.factories import make_participant, make_response, make_staff


def _client(fresh_db_url, tmp_path):
    return TestClient(
        create_app(
            Settings(
                var_dir=tmp_path,
                database_url=fresh_db_url,
                escalation_key=Fernet.generate_key().decode(),
            )
        )
    )


def test_an_admin_adds_and_disables_staff_and_others_cannot(fresh_db_url, tmp_path):
    factory = make_session_factory(make_engine(fresh_db_url))
    with unit_of_work(factory) as session:
        admin = make_staff(session, role="admin")[1]
        worker = make_staff(session, role="participation")[1]
    with _client(fresh_db_url, tmp_path) as client:
        h = {"Authorization": f"Bearer {admin}"}
        created = client.post("/api/v1/staff", json={"name": "Kim", "role": "publisher"}, headers=h)
        assert created.status_code == 201 and created.json()["token"].startswith("ys_")
        new_token = created.json()["token"]
        assert (
            client.get(
                "/api/v1/reports", headers={"Authorization": f"Bearer {new_token}"}
            ).status_code
            == 200
        )
        client.post(f"/api/v1/staff/{created.json()['id']}/disable", headers=h)
        assert (
            client.get(
                "/api/v1/reports", headers={"Authorization": f"Bearer {new_token}"}
            ).status_code
            == 401
        )
        bad_role = client.post("/api/v1/staff", json={"name": "X", "role": "king"}, headers=h)
        assert bad_role.status_code == 422 and "problems" in bad_role.json()
        assert (
            client.get("/api/v1/staff", headers={"Authorization": f"Bearer {worker}"}).status_code
            == 403
        )


def test_places_people_name_are_counted_by_distinct_people(fresh_db_url, tmp_path):
    from nlu.redact.gazetteer import default_gazetteer

    place = default_gazetteer().places[0]
    name = place.name
    factory = make_session_factory(make_engine(fresh_db_url))
    with unit_of_work(factory) as session:
        token = make_staff(session, role="participation")[1]
        for _ in range(3):
            who = make_participant(session)
            make_response(session, participant=who, text=f"I don't feel safe near {name} at night")
            make_response(session, participant=who, text=f"{name} again, it's bad")
    with _client(fresh_db_url, tmp_path) as client:
        spots = client.get("/api/v1/places", headers={"Authorization": f"Bearer {token}"}).json()
    mine = next(s for s in spots if s["name"] == name)
    assert mine["participants"] == 3
    assert mine["trend"] == "new"


def test_a_place_named_as_often_as_last_period_is_reported_as_the_same(session, tmp_path):
    from datetime import date, timedelta

    from consent.db import utcnow
    from feedback_api.reports.service import build_content
    from nlu.redact.gazetteer import default_gazetteer

    name = default_gazetteer().places[0].name
    for days_ago in (3, 40):  # this period, and the 30-day period before it
        for _ in range(5):
            make_response(
                session,
                text=f"people get robbed near {name}",
                created_at=utcnow() - timedelta(days=days_ago),
            )
    today = date.today()
    content = build_content(
        session,
        settings=Settings(var_dir=tmp_path),
        campaign="feeling-safe",
        start=today - timedelta(days=29),
        end=today,
        slug="t",
    )
    place = next(p for p in content.places if p.name == name)
    # The renderers know up/down/same/new; "steady" once printed as "New this time".
    assert (place.participants, place.trend) == (5, "same")
