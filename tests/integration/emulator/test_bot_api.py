"""The real PTB Bot against the emulator: the happy paths of the methods the bot uses."""

from __future__ import annotations

import asyncio
import time

import telegram
from telegram import (
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
)

from bot.emulator import DEFAULT_TOKEN, EmulatorClient

from .factories import make_user, message_of, query_of, sender_id


async def test_get_me_describes_the_bot(bot: telegram.Bot) -> None:
    me = await bot.get_me()
    assert me.is_bot and me.username == "yousaid_local_bot"
    assert me.id == int(DEFAULT_TOKEN.split(":")[0])


async def test_long_poll_returns_as_soon_as_a_user_writes(
    bot: telegram.Bot, emu: EmulatorClient
) -> None:
    user_id = int(emu.create_user("Alex")["id"])
    started = time.monotonic()
    poll = asyncio.create_task(bot.get_updates(timeout=10))
    await asyncio.sleep(0.2)
    await asyncio.to_thread(emu.send_text, user_id, "it's not safe round here")
    updates = await poll
    assert time.monotonic() - started < 3
    assert [message_of(u).text for u in updates] == ["it's not safe round here"]
    assert message_of(updates[0]).chat.type == "private"
    assert sender_id(message_of(updates[0])) == user_id


async def test_long_poll_times_out_with_no_updates(bot: telegram.Bot) -> None:
    started = time.monotonic()
    assert await bot.get_updates(timeout=1) == ()
    assert 0.9 < time.monotonic() - started < 3


async def test_offset_confirms_earlier_updates(bot: telegram.Bot, emu: EmulatorClient) -> None:
    user_id = make_user(emu, says="one")
    emu.send_text(user_id, "two")
    first = await bot.get_updates()
    assert [message_of(u).text for u in first] == ["one", "two"]
    assert first[1].update_id == first[0].update_id + 1
    again = await bot.get_updates(offset=first[1].update_id)
    assert [message_of(u).text for u in again] == ["two"]
    assert await bot.get_updates(offset=first[1].update_id + 1) == ()
    assert emu.pending_updates() == []


async def test_commands_are_marked_as_bot_command_entities(
    bot: telegram.Bot, emu: EmulatorClient
) -> None:
    make_user(emu, says="/start")
    (update,) = await bot.get_updates()
    entity = message_of(update).entities[0]
    assert entity.type == "bot_command" and entity.length == len("/start")


async def test_pressing_an_inline_button_gives_a_callback_query(
    bot: telegram.Bot, emu: EmulatorClient
) -> None:
    user_id = make_user(emu)
    keyboard = InlineKeyboardMarkup(
        [[InlineKeyboardButton("Yes", callback_data="consent:yes")],
         [InlineKeyboardButton("No", callback_data="consent:no")]]
    )  # fmt: skip
    sent = await bot.send_message(user_id, "Can we keep what you tell us?", reply_markup=keyboard)
    assert sent.reply_markup == keyboard
    (shown,) = emu.bot_messages(user_id)
    assert [b[0]["text"] for b in shown["buttons"]] == ["Yes", "No"]

    emu.press_button(user_id, "No")
    updates = await bot.get_updates(allowed_updates=["callback_query"])
    query = query_of(updates[-1])
    assert query.data == "consent:no"
    assert query.message is not None and query.message.message_id == sent.message_id
    assert query.from_user.id == user_id
    assert await query.answer("Thanks") is True
    assert emu.history(user_id)["notices"][-1]["text"] == "Thanks"


async def test_pressing_a_button_by_message_and_data(
    bot: telegram.Bot, emu: EmulatorClient
) -> None:
    user_id = make_user(emu)
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("OK", callback_data="ok")]])
    sent = await bot.send_message(user_id, "Ready?", reply_markup=keyboard)
    update = emu.press(user_id, sent.message_id, "ok")
    assert update["callback_query"]["data"] == "ok"


async def test_edit_message_text_changes_what_the_user_sees(
    bot: telegram.Bot, emu: EmulatorClient
) -> None:
    user_id = make_user(emu)
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Yes", callback_data="y")]])
    sent = await bot.send_message(user_id, "Question?", reply_markup=keyboard)
    edited = await bot.edit_message_text("Thanks, noted.", user_id, sent.message_id)
    assert isinstance(edited, telegram.Message) and edited.edit_date is not None
    (shown,) = emu.bot_messages(user_id)
    assert shown["text"] == "Thanks, noted." and shown["edited"]
    assert shown["buttons"] == []  # omitting reply_markup removes the keyboard, as on Telegram


async def test_edit_reply_markup_and_delete(bot: telegram.Bot, emu: EmulatorClient) -> None:
    user_id = make_user(emu)
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Yes", callback_data="y")]])
    sent = await bot.send_message(user_id, "Question?", reply_markup=keyboard)
    await bot.edit_message_reply_markup(user_id, sent.message_id, reply_markup=None)
    assert emu.bot_messages(user_id)[0]["buttons"] == []
    assert await bot.delete_message(user_id, sent.message_id) is True
    assert emu.bot_messages(user_id)[0]["deleted"] is True


async def test_html_is_parsed_into_entities_and_visible_text(
    bot: telegram.Bot, emu: EmulatorClient
) -> None:
    user_id = make_user(emu)
    sent = await bot.send_message(
        user_id, '<b>Help</b> is at <a href="https://example.org">this link</a> &amp; more',
        parse_mode="HTML",
    )  # fmt: skip
    assert sent.text == "Help is at this link & more"
    assert [(e.type, e.offset, e.length) for e in sent.entities] == [
        ("bold", 0, 4), ("text_link", 11, 9)
    ]  # fmt: skip
    assert emu.bot_messages(user_id)[0]["raw_text"].startswith("<b>Help</b>")


async def test_reply_keyboards_are_shown_but_not_echoed_in_the_message(
    bot: telegram.Bot, emu: EmulatorClient
) -> None:
    user_id = make_user(emu)
    keyboard = ReplyKeyboardMarkup([[KeyboardButton("Parent"), KeyboardButton("Young person")]])
    sent = await bot.send_message(user_id, "Who are you?", reply_markup=keyboard)
    assert sent.reply_markup is None
    shown = emu.history(user_id)["reply_keyboard"]
    assert [b["text"] for b in shown["keyboard"][0]] == ["Parent", "Young person"]


async def test_commands_chat_action_chat_and_menu_button(
    bot: telegram.Bot, emu: EmulatorClient
) -> None:
    user_id = make_user(emu)
    commands = [BotCommand("start", "Begin"), BotCommand("help", "Get help now")]
    assert await bot.set_my_commands(commands)
    assert await bot.get_my_commands() == tuple(commands)
    assert await bot.delete_my_commands()
    assert await bot.get_my_commands() == ()
    assert await bot.send_chat_action(user_id, "typing")
    assert emu.history(user_id)["chat_action"] == "typing"
    chat = await bot.get_chat(user_id)
    assert chat.id == user_id and chat.first_name == "Alex"
    assert await bot.set_chat_menu_button()
    assert await bot.log_out() and await bot.close()


async def test_delete_messages_and_webhook_info_without_a_webhook(
    bot: telegram.Bot, emu: EmulatorClient
) -> None:
    user_id = make_user(emu)
    sent = [await bot.send_message(user_id, text) for text in ("a", "b")]
    assert await bot.delete_messages(user_id, [m.message_id for m in sent])
    assert all(m["deleted"] for m in emu.bot_messages(user_id))
    info = await bot.get_webhook_info()
    assert info.url == "" and info.pending_update_count == 1
