"""Bot API methods about the bot itself: updates, webhooks, commands, chats, menu buttons."""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from typing import Any

from bot.emulator.models import JSON, ApiError, bad_request
from bot.emulator.params import Params
from bot.emulator.state import EmulatorState, WebhookConfig

MAX_POLL_TIMEOUT = 50.0  # Telegram caps long polling at 50 s
_SECRET_TOKEN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
_COMMAND = re.compile(r"^[a-z0-9_]{1,32}$")
WEBHOOK_ACTIVE = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)
TERMINATED = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)
# Harmless setters the emulator accepts and forgets.
ACCEPTED_SETTERS = (
    "setmydescription",
    "setmyshortdescription",
    "setmyname",
    "setmydefaultadministratorrights",
    "logout",
    "close",
)


@dataclass
class Described:
    """A result that Telegram returns with a human description alongside."""

    result: Any
    description: str


async def get_me(state: EmulatorState, p: Params) -> JSON:
    return state.bot_user


async def get_updates(state: EmulatorState, p: Params) -> list[JSON]:
    if state.webhook is not None:
        raise ApiError(409, WEBHOOK_ACTIVE)
    offset = p.integer("offset")
    limit = min(max(p.integer("limit", 100) or 100, 1), 100)
    timeout = min(max(p.number("timeout"), 0.0), MAX_POLL_TIMEOUT)
    allowed = p.json("allowed_updates", "allowed updates")
    if isinstance(allowed, list):
        state.allowed_updates = [str(kind) for kind in allowed] or None
    if offset:
        state.confirm_before(offset)
    state.expire_old_updates()
    state.poll_generation += 1  # an older long poll still waiting now ends with 409
    state.wake_pollers()
    generation = state.poll_generation
    deadline = time.monotonic() + timeout
    while True:
        ready = state.deliverable(state.allowed_updates)
        if ready:
            return [u.body for u in ready[:limit]]
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return []
        await state.wait_for_updates(remaining)
        if state.poll_generation != generation:
            raise ApiError(409, TERMINATED)
        if state.webhook is not None:
            raise ApiError(409, WEBHOOK_ACTIVE)


async def set_webhook(state: EmulatorState, p: Params) -> Described:
    url = p.string("url") or ""
    if not url:
        return await delete_webhook(state, p)
    if not url.startswith(("https://", "http://")):
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    secret = p.string("secret_token")
    if secret is not None and not _SECRET_TOKEN.match(secret):
        raise bad_request("secret token contains unallowed characters")
    max_connections = p.integer("max_connections", 40) or 40
    if not 1 <= max_connections <= 100:
        raise bad_request("bad webhook: max_connections must be between 1 and 100")
    allowed = p.json("allowed_updates", "allowed updates")
    if p.flag("drop_pending_updates"):
        state.drop_pending()
    previous = state.webhook
    state.webhook = WebhookConfig(
        url, secret, max_connections, allowed if isinstance(allowed, list) else None
    )
    if isinstance(allowed, list):
        state.allowed_updates = allowed or None
    state.poll_generation += 1  # a pending long poll ends with 409, as on Telegram
    state.wake_pollers()
    if state.on_new_update is not None:
        state.on_new_update()
    if previous is not None and previous.url == url:
        return Described(True, "Webhook is already set")
    return Described(True, "Webhook was set")


async def delete_webhook(state: EmulatorState, p: Params) -> Described:
    if p.flag("drop_pending_updates"):
        state.drop_pending()
    existed = state.webhook is not None
    state.webhook = None
    return Described(True, "Webhook was deleted" if existed else "Webhook is already deleted")


async def get_webhook_info(state: EmulatorState, p: Params) -> JSON:
    hook = state.webhook
    info: JSON = {
        "url": hook.url if hook else "",
        "has_custom_certificate": False,
        "pending_update_count": len(state.updates),
    }
    if hook is not None:
        info["max_connections"] = hook.max_connections
        if hook.allowed_updates:
            info["allowed_updates"] = hook.allowed_updates
        if hook.last_error_date:
            info["last_error_date"] = hook.last_error_date
            info["last_error_message"] = hook.last_error_message
    return info


def _commands_key(p: Params) -> str:
    scope = p.json("scope", "scope") or {"type": "default"}
    return json.dumps(scope, sort_keys=True) + "|" + (p.string("language_code") or "")


async def set_my_commands(state: EmulatorState, p: Params) -> bool:
    commands = p.json("commands", "commands JSON object")
    if not isinstance(commands, list) or len(commands) > 100:
        raise bad_request("commands must be an array of at most 100 BotCommand")
    cleaned = []
    for command in commands:
        name = str((command or {}).get("command", "")).lstrip("/")
        description = str((command or {}).get("description", ""))
        if not _COMMAND.match(name):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(description) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        cleaned.append({"command": name, "description": description})
    state.commands[_commands_key(p)] = cleaned
    return True


async def get_my_commands(state: EmulatorState, p: Params) -> list[JSON]:
    return state.commands.get(_commands_key(p), [])


async def delete_my_commands(state: EmulatorState, p: Params) -> bool:
    state.commands.pop(_commands_key(p), None)
    return True


async def get_chat(state: EmulatorState, p: Params) -> JSON:
    return state.chat_for_bot(p.data.get("chat_id")).to_full_info()


async def leave_chat(state: EmulatorState, p: Params) -> bool:
    chat = state.chat_for_bot(p.data.get("chat_id"))
    if chat.type == "private":
        raise bad_request("chat member status can't be changed in private chats")
    chat.bot_is_member = False
    chat.touch()
    return True


async def set_chat_menu_button(state: EmulatorState, p: Params) -> bool:
    button = p.json("menu_button", "menu button") or {"type": "default"}
    state.menu_buttons[p.integer("chat_id")] = button
    return True


async def get_chat_menu_button(state: EmulatorState, p: Params) -> JSON:
    chat_id = p.integer("chat_id")
    return state.menu_buttons.get(chat_id) or state.menu_buttons.get(None) or {"type": "default"}


async def accept(state: EmulatorState, p: Params) -> bool:
    return True


async def get_my_name(state: EmulatorState, p: Params) -> JSON:
    return {"name": state.bot_user["first_name"]}


METHODS: dict[str, Any] = {
    "getme": get_me,
    "getupdates": get_updates,
    "setwebhook": set_webhook,
    "deletewebhook": delete_webhook,
    "getwebhookinfo": get_webhook_info,
    "setmycommands": set_my_commands,
    "getmycommands": get_my_commands,
    "deletemycommands": delete_my_commands,
    "getchat": get_chat,
    "leavechat": leave_chat,
    "setchatmenubutton": set_chat_menu_button,
    "getchatmenubutton": get_chat_menu_button,
    "getmyname": get_my_name,
    **dict.fromkeys(ACCEPTED_SETTERS, accept),
}
