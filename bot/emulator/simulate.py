"""What simulated people do: write, send media, forward, edit, press buttons, join groups.

Each action stores the message in its chat and queues the update a real Telegram would send,
in the Bot API 7+ shapes PTB 22 parses (e.g. forward_origin rather than forward_from).
"""

from __future__ import annotations

import re
import secrets
from typing import Any

from bot.emulator.formatting import utf16_len
from bot.emulator.models import JSON, ApiError, SimChat, SimUser, StoredMessage, bad_request, now
from bot.emulator.state import EmulatorState

_COMMAND = re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]+)?")
_FORWARDED_FROM = {"id": 7_000_001, "is_bot": False, "first_name": "Someone", "last_name": "Else"}


def _file(kind: str, size: int) -> JSON:
    token = secrets.token_hex(8)
    return {"file_id": f"{kind}-{token}", "file_unique_id": token[:10], "file_size": size}


def media_payload(kind: str) -> JSON:
    """The message fields Telegram sends for a media kind, with made-up file ids."""
    if kind == "photo":
        return {
            "photo": [
                {**_file("photo", 1200 * s), "width": 90 * s, "height": 60 * s} for s in (1, 4, 14)
            ]
        }
    shapes: dict[str, JSON] = {
        "voice": {**_file("voice", 9000), "duration": 4, "mime_type": "audio/ogg"},
        "sticker": {
            **_file("sticker", 21000),
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": "🙂",
        },
        "document": {
            **_file("document", 52000),
            "file_name": "notes.pdf",
            "mime_type": "application/pdf",
        },
        "video": {
            **_file("video", 900000),
            "width": 640,
            "height": 360,
            "duration": 7,
            "mime_type": "video/mp4",
        },
        "video_note": {**_file("video_note", 300000), "length": 240, "duration": 5},
        "audio": {**_file("audio", 700000), "duration": 30, "mime_type": "audio/mpeg"},
        "animation": {**_file("animation", 200000), "width": 320, "height": 240, "duration": 3},
        "location": {"latitude": 51.5072, "longitude": -0.1276},
        "contact": {"phone_number": "+447700900123", "first_name": "A", "user_id": 7_000_002},
    }
    if kind not in shapes:
        raise bad_request(f"unknown media kind {kind!r}; use one of photo, {', '.join(shapes)}")
    if kind == "animation":  # Telegram sends animations as documents too
        return {"animation": shapes[kind], "document": shapes[kind]}
    return {kind: shapes[kind]}


def text_entities(text: str) -> list[JSON]:
    """bot_command entities as Telegram marks them in incoming text."""
    return [
        {
            "type": "bot_command",
            "offset": utf16_len(text[: m.start()]),
            "length": utf16_len(m.group()),
        }
        for m in _COMMAND.finditer(text)
    ]


def _forward_origin(kind: str) -> JSON:
    date = now() - 3600
    if kind == "hidden_user":
        return {"type": "hidden_user", "date": date, "sender_user_name": "Someone Else"}
    if kind == "channel":
        chat = {"id": -1_009_999_999_999, "type": "channel", "title": "A channel"}
        return {"type": "channel", "date": date, "chat": chat, "message_id": 42}
    return {"type": "user", "date": date, "sender_user": _FORWARDED_FROM}


def _sender(state: EmulatorState, chat: SimChat, user_id: int) -> SimUser:
    user = state.user(user_id)
    if user_id not in chat.members:
        raise ApiError(403, f"Forbidden: user {user_id} is not a member of chat {chat.id}")
    if not chat.bot_is_member:
        raise ApiError(403, f"Forbidden: the bot is not in chat {chat.id}")
    return user


def user_message(state: EmulatorState, chat: SimChat, user_id: int, spec: dict[str, Any]) -> JSON:
    """A new message from a user (text or media, maybe forwarded or a reply) → its update."""
    user = _sender(state, chat, user_id)
    message: JSON = {
        "message_id": chat.new_message_id(),
        "from": user.to_api(),
        "chat": chat.to_api(),
        "date": now(),
    }
    kind, text = spec.get("kind") or "text", spec.get("text")
    if kind == "text":
        if not isinstance(text, str) or not text:
            raise bad_request("a text message needs non-empty 'text'")
        message["text"] = text
        entities = text_entities(text)
        if entities:
            message["entities"] = entities
    else:
        message.update(media_payload(kind))
        if text:
            message["caption"] = text
    if spec.get("forward_from"):
        message["forward_origin"] = _forward_origin(spec.get("forward_origin_type") or "user")
    reply_to = spec.get("reply_to_message_id")
    if reply_to:
        target = chat.messages.get(int(reply_to))
        if target is None:
            raise bad_request(f"message {reply_to} not found in chat {chat.id}")
        message["reply_to_message"] = target.message
    chat.messages[message["message_id"]] = StoredMessage(message, from_bot=False)
    chat.started = True
    chat.touch()
    return state.add_update("message", message, chat.id)


def edit_user_message(
    state: EmulatorState, chat: SimChat, user_id: int, message_id: int, text: str
) -> JSON:
    stored = chat.messages.get(message_id)
    if stored is None or stored.from_bot or stored.message["from"]["id"] != user_id:
        raise bad_request(f"user {user_id} has no message {message_id} in chat {chat.id}")
    if not text:
        raise bad_request("an edit needs non-empty 'text'")
    field = "text" if "text" in stored.message else "caption"
    message = {**stored.message, field: text, "edit_date": now()}
    message.pop("entities", None)
    if field == "text" and text_entities(text):
        message["entities"] = text_entities(text)
    stored.message = message
    stored.edit_count += 1
    chat.touch()
    return state.add_update("edited_message", message, chat.id)


def press(
    state: EmulatorState,
    chat: SimChat,
    user_id: int,
    message_id: int | None,
    data: str | None,
    label: str | None = None,
) -> JSON:
    """Press an inline button, found by message + callback_data or by its label (latest)."""
    user = _sender(state, chat, user_id)
    stored, button = _find_button(chat, message_id, data, label)
    query_id = str(secrets.randbits(63))
    state.callback_queries[query_id] = {"id": query_id, "chat_id": chat.id, "answered": False}
    query: JSON = {
        "id": query_id,
        "from": user.to_api(),
        "message": stored.message,
        "chat_instance": str(abs(chat.id) * 7919 + 13),
        "data": button["callback_data"],
    }
    return state.add_update("callback_query", query, chat.id)


def _find_button(
    chat: SimChat, message_id: int | None, data: str | None, label: str | None
) -> tuple[StoredMessage, JSON]:
    candidates = [chat.messages.get(message_id)] if message_id else reversed(chat.messages.values())
    for stored in candidates:
        if stored is None or stored.deleted or not stored.from_bot:
            continue
        for row in stored.buttons():
            for button in row:
                wanted = (data is None or button.get("callback_data") == data) and (
                    label is None or button.get("text") == label
                )
                if wanted and "callback_data" in button:
                    return stored, button
    raise ApiError(
        404,
        f"Not Found: no inline button (data={data!r}, label={label!r}) "
        f"in chat {chat.id} message {message_id}",
    )


def bot_joined_group(state: EmulatorState, chat: SimChat, by_user_id: int) -> JSON:
    """The my_chat_member update Telegram sends when someone adds the bot to a group."""
    by = state.user(by_user_id)
    member = {
        "chat": chat.to_api(),
        "from": by.to_api(),
        "date": now(),
        "old_chat_member": {"status": "left", "user": state.bot_user},
        "new_chat_member": {"status": "member", "user": state.bot_user},
    }
    return state.add_update("my_chat_member", member, chat.id)
