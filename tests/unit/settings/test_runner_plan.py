from feedback_api.runner import plan_components
from feedback_api.settings import Settings


def test_without_a_token_run_starts_the_emulator_and_points_the_bot_at_it(tmp_path):
    components = plan_components(Settings(var_dir=tmp_path, nlu_sidecar=False))
    assert [c.name for c in components] == ["api", "emulator", "outbox", "bot"]
    bot = next(c for c in components if c.name == "bot")
    assert bot.env["YOUSAID_TELEGRAM_API_URL"].startswith("http://127.0.0.1:")


def test_with_a_real_token_there_is_no_emulator_and_the_bot_gets_the_rasa_sidecar(tmp_path):
    components = plan_components(Settings(var_dir=tmp_path, telegram_token="1:x"))
    assert [c.name for c in components] == ["api", "outbox", "nlu", "bot"]
    bot = next(c for c in components if c.name == "bot")
    assert "YOUSAID_TELEGRAM_TOKEN" not in bot.env
    assert bot.env["YOUSAID_RASA_URL"] == "http://127.0.0.1:5005"
