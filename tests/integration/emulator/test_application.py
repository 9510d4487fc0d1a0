"""A real PTB Application, polling the emulator, answers a simulated person end to end."""

from __future__ import annotations

import asyncio

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.emulator import DEFAULT_TOKEN, AsyncEmulatorClient


async def _echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Again", callback_data="again")]])
    await update.effective_message.reply_text(
        f"You said: {update.effective_message.text}", reply_markup=keyboard, do_quote=True
    )


async def _again(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.callback_query is not None
    await update.callback_query.answer()
    await update.callback_query.edit_message_text("Pressed")


async def test_an_echo_application_replies_through_the_emulator(emulator_url: str) -> None:
    application = Application.builder().token(DEFAULT_TOKEN).base_url(f"{emulator_url}/bot").build()
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, _echo))
    application.add_handler(CallbackQueryHandler(_again))
    async with AsyncEmulatorClient(emulator_url) as emu, application:
        await emu.reset()
        await application.start()
        assert application.updater is not None
        await application.updater.start_polling(timeout=2)
        try:
            user_id = int((await emu.create_user("Riley"))["id"])
            (reply,) = await emu.say(user_id, "nobody listens to us", timeout=5)
            assert reply["text"] == "You said: nobody listens to us"
            assert reply["reply_to_message_id"] == reply["message_id"] - 1

            await emu.press_button(user_id, "Again")
            for _ in range(50):
                if (await emu.bot_messages(user_id))[0]["text"] == "Pressed":
                    break
                await asyncio.sleep(0.05)
            assert (await emu.bot_messages(user_id))[0]["text"] == "Pressed"
        finally:
            await application.updater.stop()
            await application.stop()
