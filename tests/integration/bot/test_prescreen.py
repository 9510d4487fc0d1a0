"""A message screened with its poll batch is acted on with that result and not screened twice."""

from __future__ import annotations

from telegram import Update

from bot.application import engine_of
from nlu.screen import Level, ScreenResult
from tests.integration.bot.conftest import Harness


async def test_a_prescreened_message_uses_its_batch_result_and_is_screened_once(harness: Harness):
    asked: list[str] = []

    def check(text: str) -> ScreenResult:
        asked.append(text)
        # Only this fake screen thinks so: proves the handled result is the pre-screened one.
        return ScreenResult(Level.URGENT, ("self_harm",), (), "fake")

    engine = engine_of(harness.app)
    engine.check = check
    user = harness.emu.create_user("Ash")["id"]
    update = Update.de_json(harness.emu.send_text(user, "the buses are late"), harness.app.bot)
    engine.prescreen([update])
    assert asked == ["the buses are late"]
    await harness.app.process_update(update)
    assert asked == ["the buses are late"]
    said = " ".join(m["text"] for m in harness.emu.bot_messages(user))
    assert "999" in said  # the urgent help, from the batch's reading


async def test_a_message_not_screened_ahead_is_screened_when_handled(harness: Harness):
    asked: list[str] = []

    def check(text: str) -> ScreenResult:
        asked.append(text)
        return ScreenResult(Level.NONE, (), (), "fake")

    engine_of(harness.app).check = check
    chat = harness.person()
    await chat.say("hello")
    assert asked == ["hello"]
