"""Groups, forwards, media, edits: the bot keeps nothing it should not."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.models import Conversation
from consent.models import Participant, Response
from tests.integration.bot.conftest import Harness


def _count(harness: Harness, model: type) -> int:
    with Session(harness.engine) as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


async def test_in_a_group_the_bot_asks_once_to_be_messaged_privately_and_keeps_nothing(
    harness: Harness,
):
    emu = harness.emu
    chat = harness.person()
    other = harness.person()
    group = emu.create_group("Year 10", [chat.user_id, other.user_id])
    joined = [u for u in emu.pending_updates() if "my_chat_member" in u]
    await chat.send(joined[-1])
    first = emu.send_text(chat.user_id, "/start", chat_id=group["id"])
    await chat.send(first)
    second = emu.send_text(other.user_id, "/start", chat_id=group["id"])
    await chat.send(second)
    said = [m["text"] for m in emu.bot_messages(group["id"])]
    assert len(said) == 1 and "message me privately" in said[0]
    assert _count(harness, Participant) == 0
    assert _count(harness, Response) == 0
    with Session(harness.engine) as session:
        assert session.scalar(select(Conversation.state)) == "group_notified"


async def test_a_forwarded_message_is_not_taken_as_a_view(harness: Harness):
    chat = harness.person()
    await chat.consent(age="13 to 15")
    reply = await chat.send(harness.emu.forward(chat.user_id, "parks are great"))
    assert reply == [
        "Thanks, but I can only take your own words. Tell me in your own words if you want to."
    ]
    assert _count(harness, Response) == 0


async def test_a_photo_or_sticker_gets_a_kind_text_only_reply(harness: Harness):
    chat = harness.person()
    for kind in ("photo", "sticker", "document"):
        reply = await chat.send(harness.emu.send_media(chat.user_id, kind))
        assert reply == ["Sorry, I can only read text. Please type your message."]


async def test_a_voice_note_also_gets_the_help_information(harness: Harness):
    chat = harness.person()
    reply = await chat.send(harness.emu.send_media(chat.user_id, "voice"))
    assert len(reply) == 2 and "0800 1111" in reply[1]


async def test_a_replayed_update_is_handled_only_once(harness: Harness):
    chat = harness.person()
    update = harness.emu.send_text(chat.user_id, "/privacy")
    assert len(await chat.send(update)) == 1
    assert await chat.send(update) == []
