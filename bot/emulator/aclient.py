"""Async client for the emulator's control API; see `bot.emulator.client` for the shapes."""

from __future__ import annotations

from typing import Any, cast

import httpx

from bot.emulator.client import _LIMITS, JSON, _Call, _Calls, _result, _waited


class AsyncEmulatorClient:
    """Async twin of EmulatorClient; `async with AsyncEmulatorClient(url) as emu: ...`."""

    def __init__(self, base_url: str, timeout: float = 30.0) -> None:
        self.base_url = base_url.rstrip("/")
        # Each waiting person holds a connection for a long poll: allow many, keep many alive.
        self._http = httpx.AsyncClient(
            base_url=self.base_url, timeout=timeout, trust_env=False, limits=_LIMITS
        )

    async def __aenter__(self) -> AsyncEmulatorClient:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.close()

    async def close(self) -> None:
        await self._http.aclose()

    async def _send(self, call: _Call) -> Any:
        return _result(
            await self._http.request(
                call.verb, call.path, json=call.body, params=call.params, timeout=call.timeout
            )
        )

    async def _obj(self, call: _Call) -> JSON:
        return cast(JSON, await self._send(call))

    async def _list(self, call: _Call) -> list[JSON]:
        return cast(list[JSON], await self._send(call))

    async def create_user(
        self,
        first_name: str = "Sam",
        user_id: int | None = None,
        language_code: str = "en",
        **extra: Any,
    ) -> JSON:
        return await self._obj(_Calls.create_user(first_name, user_id, language_code, **extra))

    async def create_group(
        self, title: str, member_ids: list[int], chat_type: str = "group"
    ) -> JSON:
        body = {"title": title, "member_ids": member_ids, "type": chat_type}
        return await self._obj(_Call("POST", "/control/groups", body))

    async def block(self, user_id: int, blocked: bool = True) -> JSON:
        call = _Call("POST", f"/control/users/{user_id}/block", {"blocked": blocked})
        return await self._obj(call)

    async def send_text(
        self,
        user_id: int,
        text: str,
        chat_id: int | None = None,
        reply_to_message_id: int | None = None,
    ) -> JSON:
        call = _Calls.message(
            chat_id or user_id, user_id, text=text, reply_to_message_id=reply_to_message_id
        )
        return await self._obj(call)

    async def send_media(
        self, user_id: int, kind: str, chat_id: int | None = None, caption: str | None = None
    ) -> JSON:
        call = _Calls.message(chat_id or user_id, user_id, kind=kind, text=caption)
        return await self._obj(call)

    async def forward(
        self, user_id: int, text: str, chat_id: int | None = None, origin: str = "user"
    ) -> JSON:
        call = _Calls.message(
            chat_id or user_id, user_id, text=text, forward_from=True, forward_origin_type=origin
        )
        return await self._obj(call)

    async def edit_text(
        self, user_id: int, message_id: int, text: str, chat_id: int | None = None
    ) -> JSON:
        call = _Calls.message(chat_id or user_id, user_id, text=text, edit_of=message_id)
        return await self._obj(call)

    async def press(
        self, user_id: int, message_id: int, data: str, chat_id: int | None = None
    ) -> JSON:
        call = _Calls.callback(chat_id or user_id, user_id, message_id=message_id, data=data)
        return await self._obj(call)

    async def press_button(self, user_id: int, label: str, chat_id: int | None = None) -> JSON:
        """Press the button labelled `label` on the latest bot message that has one."""
        return await self._obj(_Calls.callback(chat_id or user_id, user_id, label=label))

    async def wait_for_replies(
        self, chat_id: int, after: int = 0, count: int = 1, timeout: float = 10.0
    ) -> list[JSON]:
        """Bot messages newer than message id `after` once `count` exist, else EmulatorTimeout."""
        return _waited(
            chat_id, count, await self._send(_Calls.wait(chat_id, after, count, timeout))
        )

    async def say(
        self, user_id: int, text: str, count: int = 1, timeout: float = 10.0
    ) -> list[JSON]:
        """Send text in the user's private chat; wait for `count` replies (one round trip)."""
        body = {"from_user_id": user_id, "text": text, "count": count, "timeout": timeout}
        call = _Call("POST", f"/control/chats/{user_id}/say", body, timeout=timeout + 10.0)
        return _waited(user_id, count, await self._send(call))

    async def bot_messages(
        self, chat_id: int, after: int = 0, include_user: bool = False
    ) -> list[JSON]:
        params = {"after": after, "include_user": int(include_user)}
        return await self._list(_Call("GET", f"/control/chats/{chat_id}/messages", None, params))

    async def history(self, chat_id: int, since: int = -1, timeout: float = 0.0) -> JSON:
        """Both sides of the chat; long-polls up to `timeout` s until its version passes `since`."""
        params = {"since": since, "timeout": timeout}
        path = f"/control/chats/{chat_id}/history"
        return await self._obj(_Call("GET", path, None, params, timeout + 10.0))

    async def calls(self, method: str | None = None, since: float = 0.0) -> list[JSON]:
        params = {"method": method or "", "since": since}
        return await self._list(_Call("GET", "/control/calls", None, params))

    async def inject_fault(
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
        return await self._obj(call)

    async def flood_limits(self, enabled: bool = True, **limits: float) -> JSON:
        """Make the emulator answer 429 like Telegram when the bot sends too fast (see flood.py)."""
        return await self._obj(_Call("POST", "/control/flood", {"enabled": enabled, **limits}))

    async def clear_faults(self) -> None:
        await self._send(_Call("DELETE", "/control/faults"))

    async def pending_updates(self) -> list[JSON]:
        return await self._list(_Call("GET", "/control/updates"))

    async def bot_info(self) -> JSON:
        return await self._obj(_Call("GET", "/control/bot"))

    async def reset(self) -> None:
        await self._send(_Call("POST", "/control/reset"))
