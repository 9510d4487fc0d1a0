"""The control API and its clients: what e2e tests and the load bench rely on."""

from __future__ import annotations

import asyncio
import time

import pytest
import telegram
from telegram import KeyboardButton, ReplyKeyboardMarkup
from telegram.error import Conflict

from bot.emulator import (
    AsyncEmulatorClient,
    EmulatorClient,
    EmulatorError,
    EmulatorState,
    EmulatorTimeout,
)

from .factories import make_user


async def test_wait_for_replies_returns_when_the_bot_answers(
    bot: telegram.Bot, emu: EmulatorClient
) -> None:
    user_id = make_user(emu)

    async def answer_later() -> None:
        await asyncio.sleep(0.3)
        await bot.send_message(user_id, "first")
        await bot.send_message(user_id, "second")

    task = asyncio.create_task(answer_later())
    started = time.monotonic()
    replies = await asyncio.to_thread(emu.wait_for_replies, user_id, 1, 2, 5.0)
    await task
    assert [r["text"] for r in replies] == ["first", "second"]
    assert time.monotonic() - started < 3


async def test_waiting_too_long_raises_with_what_did_arrive(
    bot: telegram.Bot, emu: EmulatorClient
) -> None:
    user_id = make_user(emu)
    await bot.send_message(user_id, "only one")
    with pytest.raises(EmulatorTimeout) as caught:
        emu.wait_for_replies(user_id, after=1, count=2, timeout=0.3)
    assert [m["text"] for m in caught.value.messages] == ["only one"]


async def test_history_long_polls_for_changes_and_shows_both_sides(
    bot: telegram.Bot, emulator_url: str, emu: EmulatorClient
) -> None:
    user_id = make_user(emu, says="hello")
    version = emu.history(user_id)["version"]

    async def reply_later() -> None:
        await asyncio.sleep(0.2)
        await bot.send_message(user_id, "hi back")

    task = asyncio.create_task(reply_later())
    async with AsyncEmulatorClient(emulator_url) as client:
        seen = await client.history(user_id, since=version, timeout=5)
    await task
    assert [(m["from_bot"], m["text"]) for m in seen["messages"]] == [
        (False, "hello"), (True, "hi back")
    ]  # fmt: skip
    assert seen["version"] > version


async def test_one_time_keyboards_disappear_after_the_user_answers(
    bot: telegram.Bot, emu: EmulatorClient
) -> None:
    user_id = make_user(emu)
    keyboard = ReplyKeyboardMarkup([[KeyboardButton("Yes")]], one_time_keyboard=True)
    await bot.send_message(user_id, "OK?", reply_markup=keyboard)
    assert emu.history(user_id)["reply_keyboard"] is not None
    emu.send_text(user_id, "Yes")
    assert emu.history(user_id)["reply_keyboard"] is None


def test_users_get_fresh_ids_unless_given_and_ids_are_unique(emu: EmulatorClient) -> None:
    first, second = emu.create_user("A"), emu.create_user("B")
    assert first["id"] != second["id"]
    assert emu.create_user("C", user_id=555)["id"] == 555
    with pytest.raises(EmulatorError, match="already exists"):
        emu.create_user("D", user_id=555)


def test_pressing_a_missing_button_is_a_clear_error(emu: EmulatorClient) -> None:
    user_id = make_user(emu)
    with pytest.raises(EmulatorError, match="no inline button"):
        emu.press_button(user_id, "Nope")


def test_reset_forgets_everyone_but_never_reuses_ids(emu: EmulatorClient) -> None:
    user_id = make_user(emu)
    last_update_id = emu.pending_updates()[-1]["update_id"]
    emu.inject_fault("getMe", "429", count=None)
    emu.reset()
    assert emu.pending_updates() == []
    assert emu.bot_info()["pending_updates"] == 0
    with pytest.raises(EmulatorError, match="no chat or user"):
        emu.bot_messages(user_id)
    newcomer = make_user(emu)
    assert newcomer != user_id
    assert emu.pending_updates()[0]["update_id"] > last_update_id


async def test_persistent_faults_last_until_cleared(bot: telegram.Bot, emu: EmulatorClient) -> None:
    emu.inject_fault("getMe", "error", count=None, status=403)
    for _ in range(3):
        with pytest.raises(telegram.error.Forbidden):
            await bot.get_me()
    emu.clear_faults()
    assert (await bot.get_me()).is_bot


async def test_a_second_poller_terminates_the_first(
    bot: telegram.Bot, emu: EmulatorClient, emulator_state: EmulatorState
) -> None:
    before = emulator_state.poll_generation
    first = asyncio.create_task(bot.get_updates(timeout=5))
    while emulator_state.poll_generation == before:  # until the first poll is waiting
        await asyncio.sleep(0.01)
    second = asyncio.create_task(bot.get_updates(timeout=1))
    with pytest.raises(Conflict, match="terminated by other getUpdates"):
        await first
    assert await second == ()


async def test_call_log_records_methods_and_statuses(
    bot: telegram.Bot, emu: EmulatorClient
) -> None:
    since = time.time()
    await bot.get_me()
    with pytest.raises(telegram.error.BadRequest):
        await bot.send_message(424242, "nobody")
    logged = [(c["method"], c["status"]) for c in emu.calls(since=since)]
    assert ("getme", 200) in logged and ("sendmessage", 400) in logged


async def test_the_async_client_drives_a_conversation(
    bot: telegram.Bot, emulator_url: str, emu: EmulatorClient
) -> None:
    async with AsyncEmulatorClient(emulator_url) as client:
        user_id = int((await client.create_user("Ash"))["id"])
        sent = await client.send_text(user_id, "hi")
        await bot.send_message(user_id, "hello Ash")
        replies = await client.wait_for_replies(user_id, sent["message"]["message_id"])
        assert replies[0]["text"] == "hello Ash"
        assert (await client.bot_messages(user_id))[0]["text"] == "hello Ash"


def test_say_without_a_bot_times_out_but_delivers_the_message(emu: EmulatorClient) -> None:
    user_id = make_user(emu, says=None)
    with pytest.raises(EmulatorTimeout):
        emu.say(user_id, "is anyone there?", timeout=0.2)
    assert [u["message"]["text"] for u in emu.pending_updates()] == ["is anyone there?"]
