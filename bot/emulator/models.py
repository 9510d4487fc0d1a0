"""Simulated users, chats and stored messages, rendered in the Bot API's JSON shapes."""

from __future__ import annotations

import asyncio
import contextlib
import time
from dataclasses import dataclass, field
from typing import Any

JSON = dict[str, Any]


class ApiError(Exception):
    """A Bot API error response: HTTP status = error_code, Telegram's description."""

    def __init__(self, status: int, description: str, parameters: JSON | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters

    def to_json(self) -> JSON:
        body: JSON = {"ok": False, "error_code": self.status, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(detail: str) -> ApiError:
    return ApiError(400, f"Bad Request: {detail}")


@dataclass
class SimUser:
    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = "en"
    blocked_bot: bool = False

    def to_api(self) -> JSON:
        user: JSON = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        for key in ("last_name", "username", "language_code"):
            value = getattr(self, key)
            if value:
                user[key] = value
        return user

    def to_control(self) -> JSON:
        return {**self.to_api(), "blocked_bot": self.blocked_bot}


@dataclass
class StoredMessage:
    """One message in a chat, as the Bot API last described it, plus what the chat page needs."""

    message: JSON
    from_bot: bool
    raw_text: str | None = None
    parse_mode: str | None = None
    reply_keyboard: JSON | None = None
    deleted: bool = False
    edit_count: int = 0

    @property
    def message_id(self) -> int:
        return int(self.message["message_id"])

    def kind(self) -> str:
        for key in MEDIA_KINDS:
            if key in self.message:
                return key
        return "text"

    def buttons(self) -> list[list[JSON]]:
        markup = self.message.get("reply_markup") or {}
        rows: list[list[JSON]] = markup.get("inline_keyboard") or []
        return rows

    def view(self) -> JSON:
        """The control API's flattened view of this message."""
        msg = self.message
        visible = msg.get("text", msg.get("caption", ""))
        return {
            "message_id": self.message_id,
            "chat_id": msg["chat"]["id"],
            "from_bot": self.from_bot,
            "from_user_id": msg.get("from", {}).get("id"),
            "date": msg["date"],
            "kind": self.kind(),
            "text": visible,
            "raw_text": self.raw_text if self.raw_text is not None else visible,
            "parse_mode": self.parse_mode,
            "entities": msg.get("entities", msg.get("caption_entities", [])),
            "buttons": self.buttons(),
            "reply_keyboard": self.reply_keyboard,
            "reply_to_message_id": (msg.get("reply_to_message") or {}).get("message_id"),
            "forwarded": "forward_origin" in msg,
            "edited": self.edit_count > 0,
            "edit_count": self.edit_count,
            "deleted": self.deleted,
        }


MEDIA_KINDS = (
    "photo",
    "voice",
    "sticker",
    "document",
    "video",
    "video_note",
    "audio",
    "animation",
    "location",
    "contact",
)


@dataclass
class SimChat:
    id: int
    type: str  # private | group | supergroup
    title: str | None = None
    user: SimUser | None = None  # the other side of a private chat
    members: set[int] = field(default_factory=set)
    messages: dict[int, StoredMessage] = field(default_factory=dict)
    next_message_id: int = 1
    version: int = 0
    chat_action: tuple[str, float] | None = None
    notices: list[JSON] = field(default_factory=list)
    bot_is_member: bool = True
    # A private chat exists for the bot only once the user has written (Telegram's rule); the
    # control API may create the record earlier, e.g. when the chat page starts watching it.
    started: bool = False
    _changed: asyncio.Event | None = field(default=None, repr=False)

    def to_api(self) -> JSON:
        chat: JSON = {"id": self.id, "type": self.type}
        if self.type == "private" and self.user is not None:
            chat.update({k: v for k, v in self.user.to_api().items() if k in _CHAT_USER_KEYS})
        else:
            chat["title"] = self.title or ""
        return chat

    def to_full_info(self) -> JSON:
        """getChat's ChatFullInfo: the required fields PTB 22 insists on, plus the basics."""
        gifts = dict.fromkeys(_GIFT_KEYS, False)
        return {
            **self.to_api(),
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": gifts,
        }

    def new_message_id(self) -> int:
        message_id = self.next_message_id
        self.next_message_id += 1
        return message_id

    def touch(self) -> None:
        """Record a change and wake whoever waits on this chat (tests, the chat page)."""
        self.version += 1
        if self._changed is not None:
            self._changed.set()
            self._changed = None

    async def wait_change(self, timeout: float) -> None:
        if self._changed is None:
            self._changed = asyncio.Event()
        event = self._changed
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), timeout)

    def bot_messages_after(self, after: int) -> list[StoredMessage]:
        return [m for m in self.messages.values() if m.from_bot and m.message_id > after]

    def to_control(self) -> JSON:
        return {
            **self.to_api(),
            "members": sorted(self.members),
            "version": self.version,
            "message_count": len(self.messages),
        }


_CHAT_USER_KEYS = ("first_name", "last_name", "username")
_GIFT_KEYS = (
    "unlimited_gifts",
    "limited_gifts",
    "unique_gifts",
    "premium_subscription",
    "gifts_from_channels",
)


def now() -> int:
    return int(time.time())
