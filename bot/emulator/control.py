"""The control API (JSON under /control): simulated people act, tests observe and inject faults.

Errors come back as {"detail": "..."} with the HTTP status of the underlying problem.
"""

from __future__ import annotations

import json
import time
from collections.abc import Awaitable, Callable
from dataclasses import asdict
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bot.emulator import simulate
from bot.emulator.flood import FloodControl, FloodLimits
from bot.emulator.models import JSON, ApiError, SimChat, bad_request
from bot.emulator.state import EmulatorState, Fault

MAX_WAIT_SECONDS = 120.0
Handler = Callable[[EmulatorState, Request, JSON], Awaitable[Any]]


def _respond(body: Any, status: int = 200) -> Response:
    payload = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    return Response(payload, status_code=status, media_type="application/json")


def _wrap(state: EmulatorState, handler: Handler) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        body: Any = {}
        if request.method in ("POST", "PUT"):
            raw = await request.body()
            try:
                body = json.loads(raw) if raw else {}
            except ValueError:
                body = None
            if not isinstance(body, dict):
                return _respond({"detail": "body must be a JSON object"}, 400)
        try:
            return _respond(await handler(state, request, body))
        except ApiError as exc:
            return _respond({"detail": exc.description}, exc.status)
        except (KeyError, TypeError, ValueError) as exc:
            return _respond({"detail": f"bad control request: {exc!r}"}, 400)

    return endpoint


def _chat(state: EmulatorState, request: Request) -> SimChat:
    return state.chat_for_control(int(request.path_params["chat_id"]))


def _query_float(request: Request, key: str, default: float) -> float:
    return float(request.query_params.get(key, default))


async def create_user(state: EmulatorState, request: Request, body: JSON) -> JSON:
    extra = {k: body[k] for k in ("last_name", "username", "language_code") if k in body}
    user_id = int(body["id"]) if body.get("id") is not None else None
    user = state.add_user(body.get("first_name") or "Test", user_id, **extra)
    return user.to_control()


async def list_users(state: EmulatorState, request: Request, body: JSON) -> list[JSON]:
    return [u.to_control() for u in state.users.values()]


async def block_user(state: EmulatorState, request: Request, body: JSON) -> JSON:
    user = state.user(int(request.path_params["user_id"]))
    user.blocked_bot = bool(body.get("blocked", True))
    return user.to_control()


async def create_group(state: EmulatorState, request: Request, body: JSON) -> JSON:
    members = [int(m) for m in body.get("member_ids", [])]
    if not members:
        raise bad_request("a group needs member_ids")
    chat = state.add_group(
        body.get("title") or "Group", members, body.get("type") or "group", body.get("id")
    )
    if body.get("announce", True):
        simulate.bot_joined_group(state, chat, int(body.get("added_by") or members[0]))
    return chat.to_control()


async def list_chats(state: EmulatorState, request: Request, body: JSON) -> list[JSON]:
    return [c.to_control() for c in state.chats.values()]


async def post_message(state: EmulatorState, request: Request, body: JSON) -> JSON:
    chat = _chat(state, request)
    user_id = int(body.get("from_user_id") or chat.id)
    if body.get("edit_of"):
        return simulate.edit_user_message(
            state, chat, user_id, int(body["edit_of"]), body.get("text") or ""
        )
    return simulate.user_message(state, chat, user_id, body)


async def post_callback(state: EmulatorState, request: Request, body: JSON) -> JSON:
    chat = _chat(state, request)
    user_id = int(body.get("from_user_id") or chat.id)
    message_id = int(body["message_id"]) if body.get("message_id") else None
    return simulate.press(state, chat, user_id, message_id, body.get("data"), body.get("label"))


async def bot_messages(state: EmulatorState, request: Request, body: JSON) -> list[JSON]:
    chat = _chat(state, request)
    after = int(request.query_params.get("after", 0))
    everyone = request.query_params.get("include_user") in ("1", "true")
    return [
        m.view()
        for m in chat.messages.values()
        if m.message_id > after and (everyone or m.from_bot)
    ]


async def wait_messages(state: EmulatorState, request: Request, body: JSON) -> JSON:
    """Long-poll until `count` bot messages newer than `after` exist (or timeout)."""
    chat = _chat(state, request)
    after = int(request.query_params.get("after", 0))
    count = int(request.query_params.get("count", 1))
    return await _wait(chat, after, count, _query_float(request, "timeout", 10.0))


async def say(state: EmulatorState, request: Request, body: JSON) -> JSON:
    """Send a message and wait for `count` bot replies in one round trip (load tests)."""
    chat = _chat(state, request)
    user_id = int(body.get("from_user_id") or chat.id)
    update = simulate.user_message(state, chat, user_id, body)
    after = update["message"]["message_id"]
    waited = await _wait(chat, after, int(body.get("count", 1)), float(body.get("timeout", 10.0)))
    return {"update": update, **waited}


async def _wait(chat: SimChat, after: int, count: int, timeout: float) -> JSON:
    deadline = time.monotonic() + min(timeout, MAX_WAIT_SECONDS)
    while True:
        found = chat.bot_messages_after(after)
        remaining = deadline - time.monotonic()
        if len(found) >= count or remaining <= 0:
            return {"messages": [m.view() for m in found], "complete": len(found) >= count}
        await chat.wait_change(remaining)


def _reply_keyboard(chat: SimChat) -> JSON | None:
    """The custom keyboard a Telegram app would show now (None: the normal keyboard)."""
    current: JSON | None = None
    for stored in chat.messages.values():
        if stored.from_bot and stored.reply_keyboard is not None:
            current = stored.reply_keyboard if "keyboard" in stored.reply_keyboard else None
        elif not stored.from_bot and current and current.get("one_time_keyboard"):
            current = None
    return current


async def history(state: EmulatorState, request: Request, body: JSON) -> JSON:
    """Everything in the chat once its version passes `since` (long-poll for the chat page)."""
    chat = _chat(state, request)
    since = int(request.query_params.get("since", -1))
    deadline = time.monotonic() + min(_query_float(request, "timeout", 0.0), MAX_WAIT_SECONDS)
    while chat.version <= since and (remaining := deadline - time.monotonic()) > 0:
        await chat.wait_change(remaining)
    action = chat.chat_action
    return {
        "chat": chat.to_control(),
        "version": chat.version,
        "messages": [m.view() for m in chat.messages.values()],
        "notices": chat.notices[-20:],
        "reply_keyboard": _reply_keyboard(chat),
        "chat_action": action[0] if action and action[1] > time.time() else None,
    }


async def calls(state: EmulatorState, request: Request, body: JSON) -> list[JSON]:
    method = (request.query_params.get("method") or "").lower()
    since = _query_float(request, "since", 0.0)
    return [c for c in state.calls if c["time"] >= since and (not method or c["method"] == method)]


async def add_fault(state: EmulatorState, request: Request, body: JSON) -> JSON:
    kind = str(body.get("kind", "429"))
    if kind not in ("429", "5xx", "latency", "error"):
        raise bad_request("fault kind must be 429, 5xx, latency or error")
    count = body.get("count", 1)
    fault = Fault(
        method=str(body.get("method", "*")).lower() if body.get("method") != "*" else "*",
        kind=kind,
        remaining=None if count is None or int(count) < 0 else int(count),
        retry_after=int(body.get("retry_after", 1)),
        status=int(body.get("status", 500 if kind == "5xx" else 400)),
        delay=float(body.get("delay_ms", 0)) / 1000.0,
        description=body.get("description"),
    )
    state.faults.append(fault)
    return fault.to_json()


async def set_flood(state: EmulatorState, request: Request, body: JSON) -> JSON:
    """Turn Telegram-like flood limits on (with optional overrides) or off."""
    if not body.get("enabled", True):
        state.flood_limits, state.flood = None, None
        return {"enabled": False}
    fields = {k: body[k] for k in FloodLimits.__dataclass_fields__ if k in body}
    state.flood_limits = FloodLimits(**fields)
    state.flood = FloodControl(state.flood_limits)
    return {"enabled": True, **asdict(state.flood_limits)}


async def list_faults(state: EmulatorState, request: Request, body: JSON) -> list[JSON]:
    return [f.to_json() for f in state.faults]


async def clear_faults(state: EmulatorState, request: Request, body: JSON) -> JSON:
    state.faults.clear()
    return {"ok": True}


async def reset(state: EmulatorState, request: Request, body: JSON) -> JSON:
    state.reset()
    return {"ok": True}


async def bot_info(state: EmulatorState, request: Request, body: JSON) -> JSON:
    hook = state.webhook
    return {
        "bot": state.bot_user,
        "pending_updates": len(state.updates),
        "webhook": hook.url if hook else None,
        "commands": state.commands,
        "next_update_id": state.next_update_id,
    }


async def pending_updates(state: EmulatorState, request: Request, body: JSON) -> list[JSON]:
    return [u.body for u in state.updates]


_ROUTES: list[tuple[str, str, Handler]] = [
    ("/control/bot", "GET", bot_info),
    ("/control/users", "POST", create_user),
    ("/control/users", "GET", list_users),
    ("/control/users/{user_id}/block", "POST", block_user),
    ("/control/groups", "POST", create_group),
    ("/control/chats", "GET", list_chats),
    ("/control/chats/{chat_id}/messages", "POST", post_message),
    ("/control/chats/{chat_id}/messages", "GET", bot_messages),
    ("/control/chats/{chat_id}/callback", "POST", post_callback),
    ("/control/chats/{chat_id}/say", "POST", say),
    ("/control/chats/{chat_id}/wait", "GET", wait_messages),
    ("/control/chats/{chat_id}/history", "GET", history),
    ("/control/updates", "GET", pending_updates),
    ("/control/calls", "GET", calls),
    ("/control/faults", "POST", add_fault),
    ("/control/faults", "GET", list_faults),
    ("/control/flood", "POST", set_flood),
    ("/control/faults", "DELETE", clear_faults),
    ("/control/reset", "POST", reset),
]


def control_routes(state: EmulatorState) -> list[Route]:
    return [Route(path, _wrap(state, handler), methods=[verb]) for path, verb, handler in _ROUTES]
