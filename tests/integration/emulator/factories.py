"""Factories for emulator tests."""

from __future__ import annotations

import telegram

from bot.emulator import EmulatorClient


def make_user(emu: EmulatorClient, name: str = "Alex", says: str | None = "hi") -> int:
    """A simulated young person who has (by default) already written to the bot."""
    user_id = int(emu.create_user(name)["id"])
    if says is not None:
        emu.send_text(user_id, says)
    return user_id


def message_of(update: telegram.Update) -> telegram.Message:
    message = update.message or update.edited_message
    assert message is not None, update
    return message


def sender_id(message: telegram.Message) -> int:
    assert message.from_user is not None
    return message.from_user.id


def query_of(update: telegram.Update) -> telegram.CallbackQuery:
    assert update.callback_query is not None, update
    return update.callback_query
