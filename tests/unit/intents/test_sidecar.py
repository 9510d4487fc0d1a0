from __future__ import annotations

import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from feedback_api.cli import nlu as nlu_cli
from nlu import intent_sidecar
from nlu.intent_server import RasaSidecar, ensure_sidecar
from nlu.intent_sidecar import SidecarUnavailable, install, is_installed, train
from nlu.intents import FallbackClassifier, RasaClassifier, build_classifier


@pytest.fixture
def empty_venv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    venv = tmp_path / "venv-rasa"
    monkeypatch.setenv("YOUSAID_RASA_VENV", str(venv))
    monkeypatch.setenv("YOUSAID_VAR_DIR", str(tmp_path / "var"))
    return venv


def test_without_python_310_install_says_so_in_one_line_and_returns_false(
    empty_venv: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(intent_sidecar, "find_python310", lambda: None)
    lines: list[str] = []
    assert install(log=lines.append) is False
    assert len(lines) == 1 and "Python 3.10" in lines[0] and "fallback" in lines[0]
    assert not empty_venv.exists()


def test_without_python_310_the_sidecar_is_skipped_and_the_bot_carries_on(
    empty_venv: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(intent_sidecar, "find_python310", lambda: None)
    assert ensure_sidecar(log=lambda _line: None) is None


def test_a_venv_without_the_stamp_is_not_considered_installed(empty_venv: Path):
    (empty_venv / "bin").mkdir(parents=True)
    (empty_venv / "bin" / "rasa").write_text("#!/bin/sh\n")
    assert not is_installed()


def test_training_without_an_install_is_refused_clearly(empty_venv: Path):
    with pytest.raises(SidecarUnavailable, match="yousaid nlu install"):
        train("light", force=True, log=lambda _line: None)


def test_an_explicit_python_that_is_not_310_is_rejected(monkeypatch: pytest.MonkeyPatch):
    python311 = Path(sys.executable)
    monkeypatch.setenv("YOUSAID_RASA_PYTHON", str(python311))
    assert intent_sidecar.find_python310() != python311


def test_the_server_binds_loopback_only_and_requires_a_token(empty_venv: Path):
    sidecar = RasaSidecar(Path("m.tar.gz"), port=5999)
    command = sidecar.command()
    assert command[command.index("-i") + 1] == "127.0.0.1"
    assert command[command.index("--auth-token") + 1] == sidecar.token
    assert len(sidecar.token) >= 24
    assert sidecar.url == "http://127.0.0.1:5999"


def test_starting_without_rasa_installed_fails_fast(empty_venv: Path):
    with pytest.raises(SidecarUnavailable):
        RasaSidecar(Path("missing.tar.gz"), port=5999).start()


def test_rasa_runs_without_telemetry_and_with_its_cache_under_var(empty_venv: Path):
    env = intent_sidecar.rasa_env()
    assert env["RASA_TELEMETRY_ENABLED"] == "false"
    assert env["RASA_CACHE_DIRECTORY"].startswith(str(empty_venv.parent / "var"))


def _nlu_cli() -> typer.Typer:
    app = typer.Typer()
    nlu_cli.register(app)
    return app


def test_serve_if_available_exits_cleanly_when_rasa_cannot_run(
    empty_venv: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(intent_sidecar, "find_python310", lambda: None)
    outcome = CliRunner().invoke(_nlu_cli(), ["nlu", "serve", "--if-available", "--port", "1"])
    assert outcome.exit_code == 0
    assert outcome.output.strip().count("\n") == 0 and "fallback" in outcome.output


def test_serve_without_if_available_reports_failure(
    empty_venv: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(intent_sidecar, "find_python310", lambda: None)
    assert CliRunner().invoke(_nlu_cli(), ["nlu", "serve", "--port", "1"]).exit_code == 1


def test_the_shared_token_file_is_private_and_stable(empty_venv: Path):
    token = intent_sidecar.local_token(create=True)
    assert token and intent_sidecar.local_token() == token
    assert intent_sidecar.token_file().stat().st_mode & 0o077 == 0


async def test_the_bot_client_picks_up_a_token_the_sidecar_writes_later(empty_venv: Path):
    nlu = build_classifier(rasa_url="http://127.0.0.1:1", rasa_token=None)
    assert isinstance(nlu, RasaClassifier)
    assert nlu._params() == {}
    token = intent_sidecar.local_token(create=True)
    assert nlu._params() == {"token": token}
    await nlu.aclose()


async def test_a_configured_token_wins_over_the_shared_one(empty_venv: Path):
    intent_sidecar.local_token(create=True)
    nlu = build_classifier(rasa_url="http://127.0.0.1:1", rasa_token="configured")
    assert isinstance(nlu, RasaClassifier)
    assert nlu._params() == {"token": "configured"}
    await nlu.aclose()


def test_without_a_rasa_url_the_bot_gets_the_fallback():
    assert isinstance(build_classifier(rasa_url=None, rasa_token=None), FallbackClassifier)
