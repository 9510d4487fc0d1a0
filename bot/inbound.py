"""One Telegram update reduced to what the conversation needs (raw ids stay in memory only)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from telegram import Message, Update

MEDIA_KINDS = (
    "voice",
    "photo",
    "sticker",
    "document",
    "video",
    "video_note",
    "audio",
    "animation",
    "location",
    "contact",
    "poll",
    "dice",
    "venue",
)


class Kind(StrEnum):
    TEXT = "text"
    EDITED = "edited"
    CALLBACK = "callback"
    MEDIA = "media"
    BOT_ADDED = "bot_added"
    BOT_REMOVED = "bot_removed"
    OTHER = "other"


@dataclass(frozen=True)
class Inbound:
    update_id: int
    kind: Kind
    chat_id: int | None = None
    private: bool = True
    user_id: int | None = None
    text: str | None = None  # message text or media caption
    forwarded: bool = False
    media: str | None = None
    callback_data: str | None = None
    callback_id: str | None = None
    language_code: str | None = None
    message_id: int | None = None  # per-chat message number: links an edit to what it edits

    @property
    def command(self) -> tuple[str, str | None] | None:
        """('start', 'feeling-safe') for '/start feeling-safe' or '/start@bot feeling-safe'."""
        if self.kind is not Kind.TEXT or self.forwarded or not self.text:
            return None
        if not self.text.startswith("/"):
            return None
        head, _, arg = self.text[1:].partition(" ")
        name = head.split("@", 1)[0].lower()
        return (name, arg.strip() or None) if name else None


def _media_kind(message: Message) -> str | None:
    return next((k for k in MEDIA_KINDS if getattr(message, k, None)), None)


def _from_message(update_id: int, message: Message, edited: bool) -> Inbound:
    user = message.from_user
    media = _media_kind(message)
    if edited:
        kind = Kind.EDITED
    elif message.text is not None:
        kind = Kind.TEXT
    elif media is not None:
        kind = Kind.MEDIA
    else:
        kind = Kind.OTHER
    return Inbound(
        update_id=update_id,
        kind=kind,
        chat_id=message.chat.id,
        private=message.chat.type == "private",
        user_id=user.id if user else None,
        text=message.text if message.text is not None else message.caption,
        forwarded=message.forward_origin is not None,
        media=media,
        language_code=user.language_code if user else None,
        message_id=message.message_id,
    )


def parse_update(update: Update) -> Inbound:
    uid = update.update_id
    if update.message is not None:
        return _from_message(uid, update.message, edited=False)
    if update.edited_message is not None:
        return _from_message(uid, update.edited_message, edited=True)
    query = update.callback_query
    if query is not None:
        chat = query.message.chat if query.message is not None else None
        return Inbound(
            update_id=uid,
            kind=Kind.CALLBACK,
            chat_id=chat.id if chat else query.from_user.id,
            private=chat is None or chat.type == "private",
            user_id=query.from_user.id,
            callback_data=query.data,
            callback_id=query.id,
            language_code=query.from_user.language_code,
        )
    member = update.my_chat_member
    if member is not None:
        joined = member.new_chat_member.status in ("member", "administrator")
        return Inbound(
            update_id=uid,
            kind=Kind.BOT_ADDED if joined else Kind.BOT_REMOVED,
            chat_id=member.chat.id,
            private=member.chat.type == "private",
            user_id=member.from_user.id,
        )
    chat = update.effective_chat
    return Inbound(update_id=uid, kind=Kind.OTHER, chat_id=chat.id if chat else None)
