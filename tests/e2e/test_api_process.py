from tests.e2e.helpers import free_port, wait_for_http, yousaid_process


def test_the_api_command_serves_healthz_on_the_embedded_default(tmp_path):
    port = free_port()
    env = {"YOUSAID_VAR_DIR": str(tmp_path / "var"), "YOUSAID_API_PORT": str(port)}
    env["YOUSAID_DATABASE_URL"] = ""
    with yousaid_process("api", env=env, cwd=tmp_path):
        response = wait_for_http(f"http://127.0.0.1:{port}/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"
    assert (tmp_path / "var" / "yousaid.db").exists()
