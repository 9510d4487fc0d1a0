"""A real Application (build_application) on a real database, talking to the emulator.

Updates are made by the emulator (a simulated person acting), then driven through
`application.process_update` one at a time, so each test reads like a conversation.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import Engine
from telegram import Update

from bot.application import BotApp, build_application
from bot.emulator import DEFAULT_TOKEN, EmulatorClient
from feedback_api.db import make_engine, make_session_factory
from feedback_api.settings import Settings

PEPPER = "integration-test-pepper"


def bot_settings(db_url: str, api_url: str, var_dir: Path, **extra: Any) -> Settings:
    return Settings(
        database_url=db_url,
        var_dir=var_dir,
        pepper=PEPPER,  # type: ignore[arg-type]
        escalation_key=Fernet.generate_key().decode(),  # type: ignore[arg-type]
        telegram_token=DEFAULT_TOKEN,  # type: ignore[arg-type]
        telegram_api_url=api_url,
        front_door_name="Test Front Door",
        front_door_phone="0300 000 0000",
        **extra,
    )


@dataclass
class Chat:
    """One simulated person in their private chat with the bot."""

    app: BotApp
    emu: EmulatorClient
    user_id: int
    seen: int = 0

    async def _drive(self, update: dict[str, Any]) -> list[dict[str, Any]]:
        await self.app.process_update(Update.de_json(update, self.app.bot))
        messages = self.emu.bot_messages(self.user_id, after=self.seen)
        if messages:
            self.seen = messages[-1]["message_id"]
        return messages

    async def say(self, text: str) -> list[str]:
        return [m["text"] for m in await self._drive(self.emu.send_text(self.user_id, text))]

    async def press(self, label: str) -> list[str]:
        return [m["text"] for m in await self._drive(self.emu.press_button(self.user_id, label))]

    async def send(self, update: dict[str, Any]) -> list[str]:
        return [m["text"] for m in await self._drive(update)]

    async def consent(
        self, age: str = "16 or 17", quote: str = "No", follow_up: str = "No"
    ) -> list[str]:
        """Start as a young person and agree to keep views; the replies to the last press."""
        await self.say("/start")
        await self.press("Young person")
        await self.press(age)
        await self.press("Yes, keep my views")
        await self.press(quote)
        return await self.press(follow_up)

    def buttons(self) -> list[str]:
        last = self.emu.bot_messages(self.user_id)[-1]
        return [b["text"] for row in last["buttons"] for b in row]


@dataclass
class Harness:
    app: BotApp
    emu: EmulatorClient
    engine: Engine
    settings: Settings

    def person(self, language_code: str = "en") -> Chat:
        user = self.emu.create_user("Sam", language_code=language_code)
        return Chat(self.app, self.emu, user["id"])


@pytest.fixture
async def harness(
    fresh_db_url: str, emulator_url: str, emu: EmulatorClient, tmp_path: Path
) -> AsyncIterator[Harness]:
    settings = bot_settings(fresh_db_url, f"{emulator_url}/bot", tmp_path)
    engine = make_engine(fresh_db_url)
    app = build_application(settings, session_factory=make_session_factory(engine))
    await app.initialize()
    try:
        yield Harness(app, emu, engine, settings)
    finally:
        await app.shutdown()
        engine.dispose()
