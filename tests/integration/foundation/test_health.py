from fastapi.testclient import TestClient

from feedback_api.app import create_app
from feedback_api.settings import Settings


def test_healthz_reports_the_database(fresh_db_url, tmp_path):
    app = create_app(Settings(database_url=fresh_db_url, var_dir=tmp_path))
    with TestClient(app) as client:
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_openapi_is_served(fresh_db_url, tmp_path):
    app = create_app(Settings(database_url=fresh_db_url, var_dir=tmp_path))
    with TestClient(app) as client:
        assert client.get("/openapi.json").json()["info"]["title"] == "yousaid"


def test_unknown_paths_are_json_errors(fresh_db_url, tmp_path):
    app = create_app(Settings(database_url=fresh_db_url, var_dir=tmp_path))
    with TestClient(app) as client:
        response = client.get("/nope")
    assert response.status_code == 404
    assert response.json() == {"error": "Not Found"}
