"""Python clients for the emulator's control API (sync `EmulatorClient`, async twin).

Both return the control API's JSON: updates exactly as the bot receives them, and bot messages
as flat views ({message_id, text, raw_text, parse_mode, buttons, edited, deleted, ...}).
In private chats the chat id is the user id, so `chat_id` is usually optional.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

import httpx

JSON = dict[str, Any]
_LIMITS = httpx.Limits(max_connections=1000, max_keepalive_connections=200)


class EmulatorError(RuntimeError):
    def __init__(self, status: int, detail: str) -> None:
        super().__init__(f"emulator control API {status}: {detail}")
        self.status, self.detail = status, detail


class EmulatorTimeout(TimeoutError):
    """Fewer bot messages arrived than expected; `.messages` holds those that did."""

    def __init__(self, chat_id: int, count: int, messages: list[JSON]) -> None:
        texts = [m["text"] for m in messages]
        super().__init__(
            f"chat {chat_id}: wanted {count} bot messages, got {len(messages)}: {texts}"
        )
        self.messages = messages


@dataclass
class _Call:
    verb: str
    path: str
    body: JSON | None = None
    params: dict[str, Any] = field(default_factory=dict)
    timeout: float = 30.0


class _Calls:
    """Builds control API calls; the sync and async clients only differ in how they send."""

    @staticmethod
    def create_user(
        first_name: str, user_id: int | None, language_code: str, **extra: Any
    ) -> _Call:
        body = {"first_name": first_name, "language_code": language_code, **extra}
        if user_id is not None:
            body["id"] = user_id
        return _Call("POST", "/control/users", body)

    @staticmethod
    def message(chat_id: int, user_id: int, **fields: Any) -> _Call:
        body = {"from_user_id": user_id, **{k: v for k, v in fields.items() if v is not None}}
        return _Call("POST", f"/control/chats/{chat_id}/messages", body)

    @staticmethod
    def callback(chat_id: int, user_id: int, **fields: Any) -> _Call:
        body = {"from_user_id": user_id, **{k: v for k, v in fields.items() if v is not None}}
        return _Call("POST", f"/control/chats/{chat_id}/callback", body)

    @staticmethod
    def wait(chat_id: int, after: int, count: int, timeout: float) -> _Call:
        params = {"after": after, "count": count, "timeout": timeout}
        return _Call("GET", f"/control/chats/{chat_id}/wait", None, params, timeout + 10.0)

    @staticmethod
    def fault(
        method: str,
        kind: str,
        count: int | None,
        retry_after: int,
        status: int | None,
        delay_ms: float,
    ) -> _Call:
        body: JSON = {
            "method": method,
            "kind": kind,
            "count": -1 if count is None else count,
            "retry_after": retry_after,
            "delay_ms": delay_ms,
        }
        if status is not None:
            body["status"] = status
        return _Call("POST", "/control/faults", body)


def _result(response: httpx.Response) -> Any:
    if response.status_code >= 400:
        try:
            detail = response.json().get("detail", response.text)
        except ValueError:
            detail = response.text
        raise EmulatorError(response.status_code, detail)
    return response.json()


def _waited(chat_id: int, count: int, result: JSON) -> list[JSON]:
    messages: list[JSON] = result["messages"]
    if not result["complete"]:
        raise EmulatorTimeout(chat_id, count, messages)
    return messages


class EmulatorClient:
    """Blocking client; `with EmulatorClient(url) as emu: ...` closes its connections."""

    def __init__(self, base_url: str, timeout: float = 30.0) -> None:
        self.base_url = base_url.rstrip("/")
        # Each waiting person holds a connection for a long poll: allow many, keep many alive.
        self._http = httpx.Client(
            base_url=self.base_url, timeout=timeout, trust_env=False, limits=_LIMITS
        )

    def __enter__(self) -> EmulatorClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def _send(self, call: _Call) -> Any:
        return _result(
            self._http.request(
                call.verb, call.path, json=call.body, params=call.params, timeout=call.timeout
            )
        )

    def _obj(self, call: _Call) -> JSON:
        return cast(JSON, self._send(call))

    def _list(self, call: _Call) -> list[JSON]:
        return cast(list[JSON], self._send(call))

    def create_user(
        self,
        first_name: str = "Sam",
        user_id: int | None = None,
        language_code: str = "en",
        **extra: Any,
    ) -> JSON:
        return self._obj(_Calls.create_user(first_name, user_id, language_code, **extra))

    def create_group(self, title: str, member_ids: list[int], chat_type: str = "group") -> JSON:
        body = {"title": title, "member_ids": member_ids, "type": chat_type}
        return self._obj(_Call("POST", "/control/groups", body))

    def block(self, user_id: int, blocked: bool = True) -> JSON:
        call = _Call("POST", f"/control/users/{user_id}/block", {"blocked": blocked})
        return self._obj(call)

    def send_text(
        self,
        user_id: int,
        text: str,
        chat_id: int | None = None,
        reply_to_message_id: int | None = None,
    ) -> JSON:
        call = _Calls.message(
            chat_id or user_id, user_id, text=text, reply_to_message_id=reply_to_message_id
        )
        return self._obj(call)

    def send_media(
        self, user_id: int, kind: str, chat_id: int | None = None, caption: str | None = None
    ) -> JSON:
        call = _Calls.message(chat_id or user_id, user_id, kind=kind, text=caption)
        return self._obj(call)

    def forward(
        self, user_id: int, text: str, chat_id: int | None = None, origin: str = "user"
    ) -> JSON:
        call = _Calls.message(
            chat_id or user_id, user_id, text=text, forward_from=True, forward_origin_type=origin
        )
        return self._obj(call)

    def edit_text(
        self, user_id: int, message_id: int, text: str, chat_id: int | None = None
    ) -> JSON:
        call = _Calls.message(chat_id or user_id, user_id, text=text, edit_of=message_id)
        return self._obj(call)

    def press(self, user_id: int, message_id: int, data: str, chat_id: int | None = None) -> JSON:
        call = _Calls.callback(chat_id or user_id, user_id, message_id=message_id, data=data)
        return self._obj(call)

    def press_button(self, user_id: int, label: str, chat_id: int | None = None) -> JSON:
        """Press the button labelled `label` on the latest bot message that has one."""
        return self._obj(_Calls.callback(chat_id or user_id, user_id, label=label))

    def wait_for_replies(
        self, chat_id: int, after: int = 0, count: int = 1, timeout: float = 10.0
    ) -> list[JSON]:
        """Bot messages newer than message id `after` once `count` exist, else EmulatorTimeout."""
        return _waited(chat_id, count, self._send(_Calls.wait(chat_id, after, count, timeout)))

    def say(self, user_id: int, text: str, count: int = 1, timeout: float = 10.0) -> list[JSON]:
        """Send text in the user's private chat; wait for `count` replies (one round trip)."""
        body = {"from_user_id": user_id, "text": text, "count": count, "timeout": timeout}
        call = _Call("POST", f"/control/chats/{user_id}/say", body, timeout=timeout + 10.0)
        return _waited(user_id, count, self._send(call))

    def bot_messages(self, chat_id: int, after: int = 0, include_user: bool = False) -> list[JSON]:
        params = {"after": after, "include_user": int(include_user)}
        return self._list(_Call("GET", f"/control/chats/{chat_id}/messages", None, params))

    def history(self, chat_id: int, since: int = -1, timeout: float = 0.0) -> JSON:
        """Both sides of the chat; long-polls up to `timeout` s until its version passes `since`."""
        params = {"since": since, "timeout": timeout}
        path = f"/control/chats/{chat_id}/history"
        return self._obj(_Call("GET", path, None, params, timeout + 10.0))

    def calls(self, method: str | None = None, since: float = 0.0) -> list[JSON]:
        params = {"method": method or "", "since": since}
        return self._list(_Call("GET", "/control/calls", None, params))

    def inject_fault(
        self,
        method: str = "*",
        kind: str = "429",
        count: int | None = 1,
        retry_after: int = 1,
        status: int | None = None,
        delay_ms: float = 0.0,
    ) -> JSON:
        """Next `count` calls of `method` (None: all, until cleared) get 429/5xx/error/latency."""
        call = _Calls.fault(method, kind, count, retry_after, status, delay_ms)
        return self._obj(call)

    def flood_limits(self, enabled: bool = True, **limits: float) -> JSON:
        """Make the emulator answer 429 like Telegram when the bot sends too fast (see flood.py)."""
        return self._obj(_Call("POST", "/control/flood", {"enabled": enabled, **limits}))

    def clear_faults(self) -> None:
        self._send(_Call("DELETE", "/control/faults"))

    def pending_updates(self) -> list[JSON]:
        return self._list(_Call("GET", "/control/updates"))

    def bot_info(self) -> JSON:
        return self._obj(_Call("GET", "/control/bot"))

    def reset(self) -> None:
        self._send(_Call("POST", "/control/reset"))
