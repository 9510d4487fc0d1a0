"""Telegram's errors, as PTB raises them, so the bot's error paths can be exercised."""

from __future__ import annotations

import time

import httpx
import pytest
import telegram
from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, InvalidToken, NetworkError, RetryAfter

from bot.emulator import DEFAULT_TOKEN, EmulatorClient

from .factories import make_user


async def test_a_chat_that_never_wrote_is_not_found(bot: telegram.Bot, emu: EmulatorClient) -> None:
    silent = make_user(emu, says=None)
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(silent, "hello?")


async def test_a_user_who_blocked_the_bot_is_forbidden(
    bot: telegram.Bot, emu: EmulatorClient
) -> None:
    user_id = make_user(emu)
    emu.block(user_id)
    with pytest.raises(Forbidden, match="blocked by the user"):
        await bot.send_message(user_id, "hello?")


async def test_text_over_4096_characters_is_too_long(
    bot: telegram.Bot, emu: EmulatorClient
) -> None:
    user_id = make_user(emu)
    await bot.send_message(user_id, "x" * 4096)
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(user_id, "x" * 4097)


async def test_the_limit_applies_after_entity_parsing(
    bot: telegram.Bot, emu: EmulatorClient
) -> None:
    user_id = make_user(emu)
    sent = await bot.send_message(user_id, "<b>" + "x" * 4096 + "</b>", parse_mode="HTML")
    assert sent.text is not None and len(sent.text) == 4096


async def test_empty_text_and_tags_only_are_rejected(
    bot: telegram.Bot, emu: EmulatorClient
) -> None:
    user_id = make_user(emu)
    with pytest.raises(BadRequest, match="Message text is empty"):
        await bot.send_message(user_id, "<b> </b>", parse_mode="HTML")


async def test_unescaped_markdown_v2_is_rejected_as_telegram_does(
    bot: telegram.Bot, emu: EmulatorClient
) -> None:
    user_id = make_user(emu)
    with pytest.raises(BadRequest, match=r"(?i)character '\.' is reserved"):
        await bot.send_message(user_id, "Thanks for telling us.", parse_mode="MarkdownV2")
    sent = await bot.send_message(user_id, "*Thanks* for telling us\\.", parse_mode="MarkdownV2")
    assert sent.text == "Thanks for telling us."


async def test_callback_data_over_64_bytes_is_rejected(
    bot: telegram.Bot, emu: EmulatorClient
) -> None:
    user_id = make_user(emu)
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Go", callback_data="é" * 33)]])
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await bot.send_message(user_id, "Choose", reply_markup=keyboard)


async def test_editing_to_the_same_text_is_not_modified(
    bot: telegram.Bot, emu: EmulatorClient
) -> None:
    user_id = make_user(emu)
    sent = await bot.send_message(user_id, "Same")
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text("Same", user_id, sent.message_id)


async def test_editing_a_users_message_or_a_missing_one_fails(
    bot: telegram.Bot, emu: EmulatorClient
) -> None:
    user_id = make_user(emu, says="mine")
    with pytest.raises(BadRequest, match="Message can't be edited"):
        await bot.edit_message_text("theirs", user_id, 1)
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("nothing", user_id, 999)


async def test_answering_a_callback_twice_is_too_old(
    bot: telegram.Bot, emu: EmulatorClient
) -> None:
    user_id = make_user(emu)
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("OK", callback_data="ok")]])
    await bot.send_message(user_id, "Ready?", reply_markup=keyboard)
    query_id = emu.press_button(user_id, "OK")["callback_query"]["id"]
    assert await bot.answer_callback_query(query_id)
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query(query_id)


async def test_a_wrong_token_is_unauthorized(emulator_url: str, emu: EmulatorClient) -> None:
    with pytest.raises(InvalidToken, match="rejected"):
        async with telegram.Bot("42:wrong", base_url=f"{emulator_url}/bot"):
            pass
    raw = httpx.get(f"{emulator_url}/bot42:wrong/getMe")
    assert raw.status_code == 401
    assert raw.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}


def test_unknown_methods_are_not_found_and_method_names_ignore_case(
    emulator_url: str, emu: EmulatorClient
) -> None:
    base = f"{emulator_url}/bot{DEFAULT_TOKEN}"
    missing = httpx.post(f"{base}/sendTelepathy")
    assert missing.status_code == 404
    assert missing.json() == {"ok": False, "error_code": 404, "description": "Not Found"}
    me = httpx.get(f"{base}/GETME").json()
    assert me["ok"] is True and me["result"]["is_bot"] is True


def test_json_form_and_query_parameters_are_all_accepted(
    emulator_url: str, emu: EmulatorClient
) -> None:
    base = f"{emulator_url}/bot{DEFAULT_TOKEN}"
    user_id = make_user(emu)
    markup = '{"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]}'
    as_form = httpx.post(f"{base}/sendMessage", data={"chat_id": str(user_id), "text": "form",
                                                      "reply_markup": markup}).json()  # fmt: skip
    as_json = httpx.post(f"{base}/sendMessage", json={"chat_id": user_id, "text": "json"}).json()
    as_query = httpx.get(f"{base}/sendMessage", params={"chat_id": user_id, "text": "q"}).json()
    as_multipart = httpx.post(
        f"{base}/sendMessage", files={"chat_id": (None, str(user_id)), "text": (None, "multi")}
    ).json()
    assert as_form["result"]["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "a"
    texts = [r["result"]["text"] for r in (as_form, as_json, as_query, as_multipart)]
    assert texts == ["form", "json", "q", "multi"]


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_injected_429_raises_retry_after(bot: telegram.Bot, emu: EmulatorClient) -> None:
    user_id = make_user(emu)
    emu.inject_fault("sendMessage", "429", count=1, retry_after=7)
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(user_id, "too fast")
    assert "Retry in 7 seconds" in str(caught.value)
    assert (await bot.send_message(user_id, "later")).text == "later"
    statuses = [c["status"] for c in emu.calls("sendmessage")]
    assert statuses == [429, 200]


async def test_injected_5xx_is_a_network_error_for_n_calls(
    bot: telegram.Bot, emu: EmulatorClient
) -> None:
    user_id = make_user(emu)
    emu.inject_fault("*", "5xx", count=2, status=502)
    for _ in range(2):
        with pytest.raises(NetworkError):
            await bot.send_message(user_id, "flaky")
    assert (await bot.send_message(user_id, "fine")).text == "fine"


async def test_injected_latency_slows_calls_down(bot: telegram.Bot, emu: EmulatorClient) -> None:
    emu.inject_fault("getMe", "latency", count=1, delay_ms=300)
    started = time.monotonic()
    await bot.get_me()
    assert time.monotonic() - started >= 0.3
    assert emu.calls("getme")[-1]["duration_ms"] >= 300


async def test_watching_a_chat_in_the_control_api_does_not_start_it(
    bot: telegram.Bot, emu: EmulatorClient
) -> None:
    silent = make_user(emu, says=None)
    assert emu.history(silent)["messages"] == []
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(silent, "hello?")
