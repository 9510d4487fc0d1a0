"""The real `yousaid bot` process against the emulator (in this process) and a real database."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from bot.emulator import DEFAULT_TOKEN, EmulatorClient
from tests.e2e.helpers import REPO


@dataclass
class BotProcess:
    env: dict[str, str]
    log: Path
    proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        out = self.log.open("ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "feedback_api.cli", "bot", "--poll-timeout", "1"],
            env={**os.environ, **self.env},
            cwd=REPO,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        out.close()

    def kill(self, sig: int = signal.SIGKILL) -> int:
        assert self.proc is not None
        os.killpg(self.proc.pid, sig)
        return self.proc.wait(timeout=20)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.kill(signal.SIGTERM)


@pytest.fixture
def bot_env(fresh_db_url: str, emulator_url: str, tmp_path: Path) -> dict[str, str]:
    return {
        "YOUSAID_DATABASE_URL": fresh_db_url,
        "YOUSAID_VAR_DIR": str(tmp_path / "var"),
        "YOUSAID_PEPPER": "e2e-pepper",
        "YOUSAID_ESCALATION_KEY": Fernet.generate_key().decode(),
        "YOUSAID_TELEGRAM_TOKEN": DEFAULT_TOKEN,
        "YOUSAID_TELEGRAM_API_URL": f"{emulator_url}/bot",
        "YOUSAID_FRONT_DOOR_NAME": "E2E Front Door",
        "YOUSAID_FRONT_DOOR_PHONE": "0300 111 2222",
    }


@pytest.fixture
def bot_process(
    bot_env: dict[str, str], tmp_path: Path, emu: EmulatorClient
) -> Iterator[BotProcess]:
    process = BotProcess(bot_env, tmp_path / "bot.log")
    process.start()
    try:
        yield process
    finally:
        process.stop()


class Person:
    """A simulated person talking to the bot process, waiting for its replies."""

    def __init__(self, emu: EmulatorClient, language_code: str = "en") -> None:
        self.emu = emu
        self.id = emu.create_user("Alex", language_code=language_code)["id"]
        self.seen = 0

    def _wait(self, count: int, timeout: float) -> list[str]:
        got = self.emu.wait_for_replies(self.id, after=self.seen, count=count, timeout=timeout)
        self.seen = got[-1]["message_id"]
        return [m["text"] for m in got]

    def say(self, text: str, count: int = 1, timeout: float = 20.0) -> list[str]:
        sent = self.emu.send_text(self.id, text)
        self.seen = max(self.seen, sent["message"]["message_id"])
        return self._wait(count, timeout)

    def press(self, label: str, count: int = 1, timeout: float = 20.0) -> list[str]:
        self.emu.press_button(self.id, label)
        return self._wait(count, timeout)
