"""A worker's whole journey through the API: theme, review, record actions, publish."""

import time
from datetime import date, timedelta

import pytest
from cryptography.fernet import Fernet
from fastapi.testclient import TestClient

from consent.db import utcnow
from consent.domain import Scope
from feedback_api.app import create_app
from feedback_api.db import make_engine, make_session_factory, unit_of_work
from feedback_api.settings import Settings
from tests.factories import make_participant, make_response, make_staff

TOPICS = {
    "transport": [
        "the bus station is scary at night, older lads hang about there",
        "i don't feel safe waiting for the night bus on my own",
        "buses stop too early so we walk home in the dark",
        "the train station underpass has no lights and feels dodgy",
        "bus drivers should wait until we're inside before driving off",
        "getting home late is scary cos there's no buses after 10",
    ],
    "activities": [
        "there's nothing to do round here so people just hang about on the streets",
        "we need more youth clubs that are open at weekends",
        "the leisure centre is too expensive for us to go",
        "bring back the free football sessions in the summer holidays",
        "a skatepark or somewhere to chill would stop kids getting bored",
        "youth club closed down and now there's nowhere to go after school",
    ],
    "online": [
        "people send horrible messages on snapchat and nobody does anything",
        "group chats get really nasty and then it carries on at school",
        "someone made a fake account to bully my friend online",
        "tiktok comments can be so cruel to girls",
        "strangers add you on instagram and ask for pics",
        "online bullying follows you home, you can't escape it",
    ],
}


@pytest.fixture
def world(fresh_db_url, tmp_path):
    settings = Settings(
        var_dir=tmp_path,
        database_url=fresh_db_url,
        escalation_key=Fernet.generate_key().decode(),
        public_base_url="http://testserver",
    )
    factory = make_session_factory(make_engine(fresh_db_url))
    with unit_of_work(factory) as session:
        tokens = {r: make_staff(session, role=r, name=r)[1] for r in ("participation", "publisher")}
        for texts in TOPICS.values():
            for i, text in enumerate(texts):
                scopes = {Scope.KEEP_VIEWS, Scope.QUOTE} if i % 2 == 0 else {Scope.KEEP_VIEWS}
                who = make_participant(session, scopes=scopes)
                make_response(
                    session, participant=who, text=text, created_at=utcnow() - timedelta(days=3)
                )
    with TestClient(create_app(settings)) as client:
        client.tokens = tokens
        yield client


def _h(client, role="participation"):
    return {"Authorization": f"Bearer {client.tokens[role]}"}


def _run_theming(client, mode="discover"):
    started = client.post("/api/v1/theming-runs", json={"mode": mode}, headers=_h(client))
    assert started.status_code == 202, started.text
    run_id = started.json()["id"]
    for _ in range(300):
        run = client.get(f"/api/v1/theming-runs/{run_id}", headers=_h(client)).json()
        if run["status"] in {"done", "failed"}:
            break
        time.sleep(0.2)
    assert run["status"] == "done", run
    assert run["done"] == run["total"] == 18
    return run


def test_a_worker_themes_reviews_acts_and_publishes(world):
    _run_theming(world)
    themes = world.get("/api/v1/themes", headers=_h(world)).json()
    assert sum(t["responses"] for t in themes) == 18
    biggest = themes[0]
    assert biggest["participants"] >= 5

    renamed = world.patch(
        f"/api/v1/themes/{biggest['id']}", json={"label": "Getting home safely"}, headers=_h(world)
    )
    assert renamed.json()["label"] == "Getting home safely"
    action = world.post(
        "/api/v1/actions",
        headers=_h(world),
        json={
            "theme_id": biggest["id"],
            "agency": "Northbridge Buses",
            "description": "Night buses now run until midnight on Fridays",
            "status": "done",
        },
    )
    assert action.status_code == 201

    today = date.today()
    draft = world.post(
        "/api/v1/reports",
        headers=_h(world),
        json={
            "campaign": "feeling-safe",
            "period_start": str(today - timedelta(days=30)),
            "period_end": str(today),
        },
    )
    assert draft.status_code == 201, draft.text
    content = draft.json()["content"]
    assert content["participation"]["total_participants"] == 18
    labels = [t["label"] for t in content["themes"]]
    assert "Getting home safely" in labels
    section = next(t for t in content["themes"] if t["label"] == "Getting home safely")
    assert section["actions"][0]["agency"] == "Northbridge Buses"
    assert all(t["participants"] >= 5 for t in content["themes"])

    report_id = draft.json()["id"]
    assert world.post(f"/api/v1/reports/{report_id}/publish", headers=_h(world)).status_code == 403
    published = world.post(f"/api/v1/reports/{report_id}/publish", headers=_h(world, "publisher"))
    assert published.status_code == 200
    url = published.json()["public_url"]
    slug = url.rsplit("/", 1)[-1]

    page = world.get(f"/reports/{slug}")
    assert page.status_code == 200 and "Getting home safely" in page.text
    assert world.get(f"/reports/{slug}.pdf").content.startswith(b"%PDF")
    assert world.get(f"/reports/{slug}.json").json()
    assert "Getting home safely" in world.get(f"/reports/{slug}.csv").text
    assert "Getting home safely" in world.get(f"/reports/{slug}.md").text
    assert slug in world.get("/reports").text
    again = world.post(f"/api/v1/reports/{report_id}/publish", headers=_h(world, "publisher"))
    assert again.status_code == 409


def test_quotes_come_only_from_people_who_agreed_and_are_redacted(world):
    _run_theming(world)
    today = date.today()
    draft = world.post(
        "/api/v1/reports",
        headers=_h(world),
        json={
            "period_start": str(today - timedelta(days=30)),
            "period_end": str(today),
        },
    ).json()
    quoted = {q for t in draft["content"]["themes"] for q in t["quotes"]}
    from nlu.redact import redact

    allowed = {
        redact(text).text.strip()
        for texts in TOPICS.values()
        for i, text in enumerate(texts)
        if i % 2 == 0
    }
    assert quoted, "expected some consented quotes"
    assert quoted <= allowed


def test_merging_and_hiding_themes(world):
    _run_theming(world)
    themes = world.get("/api/v1/themes", headers=_h(world)).json()
    a, b = themes[0], themes[1]
    merged = world.post(
        f"/api/v1/themes/{a['id']}/merge", json={"theme_ids": [b["id"]]}, headers=_h(world)
    ).json()
    assert merged["responses"] == a["responses"] + b["responses"]
    listed = {t["id"] for t in world.get("/api/v1/themes", headers=_h(world)).json()}
    assert b["id"] not in listed
    world.patch(f"/api/v1/themes/{a['id']}", json={"hidden": True}, headers=_h(world))
    listed = {t["id"] for t in world.get("/api/v1/themes", headers=_h(world)).json()}
    assert a["id"] not in listed
    self_merge = world.post(
        f"/api/v1/themes/{a['id']}/merge", json={"theme_ids": [a["id"]]}, headers=_h(world)
    )
    assert self_merge.status_code == 409


def test_responses_are_listed_redacted_and_searchable(world):
    page = world.get("/api/v1/responses?q=youth club", headers=_h(world)).json()
    assert page["total"] == 2
    everything = world.get("/api/v1/responses?limit=500", headers=_h(world)).json()
    assert everything["total"] == 18 and len(everything["items"]) == 18
    assert world.get("/api/v1/responses", headers=_h(world, "publisher")).status_code == 403


def test_contact_details_never_leave_the_server(fresh_db_url, tmp_path):
    settings = Settings(var_dir=tmp_path, database_url=fresh_db_url)
    factory = make_session_factory(make_engine(fresh_db_url))
    with unit_of_work(factory) as session:
        token = make_staff(session, role="participation")[1]
        make_response(session, text="ring me on 07700 900123 or email jo.bloggs@example.com")
    with TestClient(create_app(settings)) as client:
        items = client.get(
            "/api/v1/responses", headers={"Authorization": f"Bearer {token}"}
        ).json()["items"]
    assert "07700" not in items[0]["text"] and "example.com" not in items[0]["text"]


def test_an_unpublished_report_is_not_public(world):
    today = date.today()
    draft = world.post(
        "/api/v1/reports",
        headers=_h(world),
        json={
            "period_start": str(today - timedelta(days=30)),
            "period_end": str(today),
        },
    ).json()
    assert world.get(f"/reports/{draft['slug']}").status_code == 404
