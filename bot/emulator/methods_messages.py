"""Bot API methods that send, edit or delete messages and answer buttons."""

from __future__ import annotations

from typing import Any

from bot.emulator.formatting import EntityParseError, UnsupportedParseMode, parse_text
from bot.emulator.models import JSON, SimChat, StoredMessage, bad_request, now
from bot.emulator.params import Params, parse_reply_markup
from bot.emulator.state import EmulatorState

MAX_TEXT_LENGTH = 4096
MAX_CALLBACK_ANSWER = 200
NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)
CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)


def _formatted_text(p: Params) -> tuple[str, list[JSON], str | None]:
    """Visible text, entities and parse_mode, enforcing Telegram's text rules."""
    raw = p.string("text") or ""
    parse_mode = p.string("parse_mode") or None
    explicit = p.json("entities", "entities JSON object")
    try:
        text, entities = parse_text(raw, None if explicit else parse_mode)
    except UnsupportedParseMode:
        raise bad_request("unsupported parse_mode") from None
    except EntityParseError as exc:
        raise bad_request(f"can't parse entities: {exc}") from None
    if isinstance(explicit, list):
        entities = explicit
    if not text.strip():
        raise bad_request("message text is empty")
    if len(text) > MAX_TEXT_LENGTH:
        raise bad_request("message is too long")
    return text, entities, parse_mode


def _reply_to(chat: SimChat, p: Params) -> JSON | None:
    reply = p.json("reply_parameters", "reply parameters JSON object") or {}
    message_id = reply.get("message_id") if isinstance(reply, dict) else None
    message_id = message_id or p.integer("reply_to_message_id")
    if not message_id:
        return None
    target = chat.messages.get(int(message_id))
    if target is None or target.deleted:
        if reply.get("allow_sending_without_reply") or p.flag("allow_sending_without_reply"):
            return None
        raise bad_request("message to be replied not found")
    return {k: v for k, v in target.message.items() if k != "reply_to_message"}


async def send_message(state: EmulatorState, p: Params) -> JSON:
    chat = state.chat_for_bot(p.data.get("chat_id"))
    text, entities, parse_mode = _formatted_text(p)
    markup = parse_reply_markup(p)
    reply_to = _reply_to(chat, p)
    message: JSON = {
        "message_id": chat.new_message_id(),
        "from": state.bot_user,
        "chat": chat.to_api(),
        "date": now(),
        "text": text,
    }
    if entities:
        message["entities"] = entities
    if reply_to:
        message["reply_to_message"] = reply_to
    if markup and "inline_keyboard" in markup:
        message["reply_markup"] = markup
    raw = p.string("text")
    stored = StoredMessage(
        message,
        from_bot=True,
        raw_text=raw,
        parse_mode=parse_mode,
        reply_keyboard=markup if markup and "inline_keyboard" not in markup else None,
    )
    chat.messages[message["message_id"]] = stored
    chat.chat_action = None  # sending a message ends "typing…", as in the apps
    chat.touch()
    return message


def _editable(
    state: EmulatorState, p: Params, deleting: bool = False
) -> tuple[SimChat, StoredMessage]:
    if p.has("inline_message_id"):
        raise bad_request("MESSAGE_ID_INVALID")
    chat = state.chat_for_bot(p.data.get("chat_id"))
    what = "delete" if deleting else "edit"
    message_id = p.required_int("message_id", "message identifier is not specified")
    stored = chat.messages.get(message_id)
    if stored is None or stored.deleted:
        raise bad_request(f"message to {what} not found")
    if not deleting and not stored.from_bot:
        raise bad_request("message can't be edited")
    return chat, stored


def _commit_edit(chat: SimChat, stored: StoredMessage, changes: JSON) -> JSON:
    message = {k: v for k, v in stored.message.items() if k not in ("entities", "reply_markup")}
    message.update({k: v for k, v in changes.items() if v})
    comparable = ("text", "entities", "reply_markup")
    if all(message.get(k) == stored.message.get(k) for k in comparable):
        raise bad_request(NOT_MODIFIED)
    message["edit_date"] = now()
    stored.message = message
    stored.edit_count += 1
    chat.touch()
    return message


async def edit_message_text(state: EmulatorState, p: Params) -> JSON:
    chat, stored = _editable(state, p)
    if "text" not in stored.message:
        raise bad_request("there is no text in the message to edit")
    text, entities, parse_mode = _formatted_text(p)
    markup = parse_reply_markup(p)
    if markup is not None and "inline_keyboard" not in markup:
        raise bad_request("inline keyboard expected")
    # Omitting reply_markup removes the inline keyboard, as on Telegram.
    result = _commit_edit(
        chat, stored, {"text": text, "entities": entities, "reply_markup": markup}
    )
    stored.raw_text, stored.parse_mode = p.string("text"), parse_mode
    return result


async def edit_message_reply_markup(state: EmulatorState, p: Params) -> JSON:
    chat, stored = _editable(state, p)
    markup = parse_reply_markup(p)
    if markup is not None and "inline_keyboard" not in markup:
        raise bad_request("inline keyboard expected")
    keep = {k: stored.message.get(k) for k in ("text", "entities")}
    return _commit_edit(chat, stored, {**keep, "reply_markup": markup})


async def delete_message(state: EmulatorState, p: Params) -> bool:
    chat, stored = _editable(state, p, deleting=True)
    stored.deleted = True
    chat.touch()
    return True


async def delete_messages(state: EmulatorState, p: Params) -> bool:
    chat = state.chat_for_bot(p.data.get("chat_id"))
    ids = p.json("message_ids", "message identifiers")
    if not isinstance(ids, list) or not 1 <= len(ids) <= 100:
        raise bad_request("message identifiers are not specified")
    for message_id in ids:
        stored = chat.messages.get(int(message_id))
        if stored is not None:
            stored.deleted = True
    chat.touch()
    return True


async def answer_callback_query(state: EmulatorState, p: Params) -> bool:
    query = state.callback_queries.get(p.string("callback_query_id") or "")
    if query is None or query["answered"]:
        raise bad_request("query is too old and response timeout expired or query ID is invalid")
    text = p.string("text") or ""
    if len(text) > MAX_CALLBACK_ANSWER:
        raise bad_request("MESSAGE_TOO_LONG")
    query["answered"] = True
    chat = state.chats.get(query["chat_id"])
    if chat is not None:
        chat.notices.append(
            {
                "callback_query_id": query["id"],
                "text": text,
                "show_alert": p.flag("show_alert"),
                "date": now(),
            }
        )
        chat.touch()
    return True


async def send_chat_action(state: EmulatorState, p: Params) -> bool:
    chat = state.chat_for_bot(p.data.get("chat_id"))
    action = p.string("action") or ""
    if action not in CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    chat.chat_action = (action, now() + 5)
    chat.touch()
    return True


METHODS: dict[str, Any] = {
    "sendmessage": send_message,
    "editmessagetext": edit_message_text,
    "editmessagereplymarkup": edit_message_reply_markup,
    "deletemessage": delete_message,
    "deletemessages": delete_messages,
    "answercallbackquery": answer_callback_query,
    "sendchataction": send_chat_action,
}
