"""Updates in the Bot API shapes PTB 22 parses: media, forwards, edits, groups, filters."""

from __future__ import annotations

import pytest
import telegram

from bot.emulator import EmulatorClient, EmulatorError

from .factories import make_user, message_of, sender_id


async def _last_message(bot: telegram.Bot) -> telegram.Message:
    updates = await bot.get_updates()
    assert len(updates) >= 1
    await bot.get_updates(offset=updates[-1].update_id + 1)
    return message_of(updates[-1])


@pytest.mark.parametrize(
    ("kind", "attribute"),
    [("photo", "photo"), ("voice", "voice"), ("sticker", "sticker"), ("document", "document"),
     ("video", "video"), ("video_note", "video_note"), ("location", "location")],
)  # fmt: skip
async def test_media_arrive_in_telegrams_shapes(
    bot: telegram.Bot, emu: EmulatorClient, kind: str, attribute: str
) -> None:
    user_id = make_user(emu, says=None)
    emu.send_media(user_id, kind)
    message = await _last_message(bot)
    assert message.text is None
    assert getattr(message, attribute)
    assert message.effective_attachment


async def test_photos_come_in_several_sizes_with_an_optional_caption(
    bot: telegram.Bot, emu: EmulatorClient
) -> None:
    user_id = make_user(emu, says=None)
    emu.send_media(user_id, "photo", caption="look at this")
    message = await _last_message(bot)
    assert len(message.photo) == 3 and message.photo[-1].width > message.photo[0].width
    assert message.caption == "look at this"


async def test_voice_notes_have_duration_and_ogg_mime_type(
    bot: telegram.Bot, emu: EmulatorClient
) -> None:
    user_id = make_user(emu, says=None)
    emu.send_media(user_id, "voice")
    voice = (await _last_message(bot)).voice
    assert voice is not None
    assert voice.mime_type == "audio/ogg" and voice.to_dict()["duration"] > 0


def test_unknown_media_kinds_are_refused(emu: EmulatorClient) -> None:
    user_id = make_user(emu, says=None)
    with pytest.raises(EmulatorError, match="unknown media kind"):
        emu.send_media(user_id, "hologram")


@pytest.mark.parametrize("origin", ["user", "hidden_user", "channel"])
async def test_forwarded_messages_carry_forward_origin(
    bot: telegram.Bot, emu: EmulatorClient, origin: str
) -> None:
    user_id = make_user(emu, says=None)
    emu.forward(user_id, "someone else's words", origin=origin)
    message = await _last_message(bot)
    assert message.forward_origin is not None
    assert message.forward_origin.type == origin
    assert sender_id(message) == user_id


async def test_editing_a_message_gives_an_edited_message_update(
    bot: telegram.Bot, emu: EmulatorClient
) -> None:
    user_id = make_user(emu, says=None)
    sent = emu.send_text(user_id, "I'm 14")
    emu.edit_text(user_id, sent["message"]["message_id"], "I'm 15")
    first, second = await bot.get_updates()
    assert first.message is not None and first.message.text == "I'm 14"
    edited = second.edited_message
    assert edited is not None and edited.text == "I'm 15"
    assert edited.message_id == first.message.message_id
    assert edited.edit_date is not None


async def test_replies_reference_the_original_message(
    bot: telegram.Bot, emu: EmulatorClient
) -> None:
    user_id = make_user(emu)
    question = await bot.send_message(user_id, "How old are you?")
    emu.send_text(user_id, "16", reply_to_message_id=question.message_id)
    message = await _last_message(bot)
    assert message.reply_to_message is not None
    assert message.reply_to_message.message_id == question.message_id


async def test_group_chats_announce_the_bot_and_carry_group_messages(
    bot: telegram.Bot, emu: EmulatorClient
) -> None:
    members = [int(emu.create_user(name)["id"]) for name in ("Jo", "Kai")]
    group = emu.create_group("Year 10 chat", members, chat_type="supergroup")
    assert group["id"] < 0 and group["type"] == "supergroup"
    emu.send_text(members[1], "anyone else scared walking home?", chat_id=group["id"])
    joined, said = await bot.get_updates()
    assert joined.my_chat_member is not None
    assert joined.my_chat_member.new_chat_member.status == "member"
    message = message_of(said)
    assert message.chat.type == "supergroup" and message.chat.title == "Year 10 chat"
    assert sender_id(message) == members[1]
    reply = await bot.send_message(group["id"], "I only listen in private chats.")
    assert reply.chat.id == group["id"]


def test_only_members_can_write_in_a_group(emu: EmulatorClient) -> None:
    member, outsider = (int(emu.create_user(n)["id"]) for n in ("Jo", "Zed"))
    group = emu.create_group("Club", [member])
    with pytest.raises(EmulatorError, match="not a member"):
        emu.send_text(outsider, "hi", chat_id=group["id"])


async def test_allowed_updates_filters_and_drops_other_kinds(
    bot: telegram.Bot, emu: EmulatorClient
) -> None:
    user_id = make_user(emu, says="text")
    sent = emu.send_text(user_id, "edit me")
    emu.edit_text(user_id, sent["message"]["message_id"], "edited")
    updates = await bot.get_updates(allowed_updates=["edited_message"])
    assert [message_of(u).text for u in updates] == ["edited"]
    emu.send_text(user_id, "ignored while filtered")
    assert await bot.get_updates(offset=updates[-1].update_id + 1) == ()


async def test_negative_offset_keeps_only_the_latest_updates(
    bot: telegram.Bot, emu: EmulatorClient
) -> None:
    user_id = make_user(emu, says="a")
    emu.send_text(user_id, "b")
    emu.send_text(user_id, "c")
    assert [message_of(u).text for u in await bot.get_updates(offset=-1)] == ["c"]
    assert len(emu.pending_updates()) == 1


async def test_a_bot_that_left_a_group_can_no_longer_write_there(
    bot: telegram.Bot, emu: EmulatorClient
) -> None:
    member = int(emu.create_user("Jo")["id"])
    group = emu.create_group("Club", [member])
    assert await bot.leave_chat(group["id"])
    with pytest.raises(telegram.error.Forbidden, match="kicked"):
        await bot.send_message(group["id"], "still here?")
