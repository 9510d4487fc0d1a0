"""`yousaid run` (what `make run` starts) brings the whole stack up on the embedded default."""

from tests.e2e.helpers import free_port, wait_for_http, yousaid_process


def test_run_serves_health_the_emulator_chat_page_and_a_talking_bot(tmp_path):
    api_port, emulator_port = free_port(), free_port()
    env = {
        "YOUSAID_VAR_DIR": str(tmp_path / "var"),
        "YOUSAID_DATABASE_URL": "",
        "YOUSAID_API_PORT": str(api_port),
        "YOUSAID_EMULATOR_PORT": str(emulator_port),
        "YOUSAID_NLU_SIDECAR": "false",  # Rasa has its own integration test
        "YOUSAID_TELEGRAM_TOKEN": "",
    }
    with yousaid_process("run", env=env, cwd=tmp_path) as proc:
        health = wait_for_http(f"http://127.0.0.1:{api_port}/healthz", timeout=60)
        assert health.json() == {"status": "ok", "database": "ok"}
        chat = wait_for_http(f"http://127.0.0.1:{emulator_port}/chat", timeout=30)
        assert chat.status_code == 200 and "<html" in chat.text.lower()
        from bot.emulator.client import EmulatorClient

        client = EmulatorClient(f"http://127.0.0.1:{emulator_port}")
        user = client.create_user(first_name="Ash")
        # The bot may still be starting: the update waits in the emulator until it polls.
        replies = client.say(user["id"], "/start", count=1, timeout=90)
        assert replies and replies[0]["text"]
        assert proc.poll() is None
