"""All emulator state: one bot, its simulated users and chats, the update queue, faults, call log.

Everything here runs on the server's event loop (single-threaded), so there are no locks; waiting
is done with asyncio events that are replaced after each wake-up.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.emulator.flood import FloodControl, FloodLimits
from bot.emulator.models import JSON, ApiError, SimChat, SimUser, bad_request

DEFAULT_TOKEN = "123456:LOCAL-EMULATOR-TOKEN"  # what `yousaid run` gives the bot by default
UPDATE_RETENTION_SECONDS = 24 * 3600
CALL_LOG_SIZE = 20_000
TOKEN_SHAPE = re.compile(r"^\d+:[A-Za-z0-9_-]+$")
# Telegram's default when allowed_updates was never given: everything but these.
DEFAULT_EXCLUDED_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})


@dataclass
class Fault:
    """Make the next `remaining` calls of `method` ("*" = any) fail or slow down."""

    method: str
    kind: str  # "429" | "5xx" | "latency" | "error"
    remaining: int | None = 1  # None: until faults are cleared
    retry_after: int = 1
    status: int = 500
    delay: float = 0.0
    description: str | None = None

    def matches(self, method: str) -> bool:
        return self.method in ("*", method) and (self.remaining is None or self.remaining > 0)

    def consume(self) -> None:
        if self.remaining is not None:
            self.remaining -= 1

    def error(self) -> ApiError:
        if self.kind == "429":
            return ApiError(
                429,
                self.description or f"Too Many Requests: retry after {self.retry_after}",
                {"retry_after": self.retry_after},
            )
        if self.kind == "5xx":
            return ApiError(self.status, self.description or "Internal Server Error")
        return ApiError(self.status, self.description or "Bad Request: injected fault")

    def to_json(self) -> JSON:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


@dataclass
class WebhookConfig:
    url: str
    secret_token: str | None = None
    max_connections: int = 40
    allowed_updates: list[str] | None = None
    last_error_date: int | None = None
    last_error_message: str | None = None


@dataclass(eq=False)  # identity: the pusher removes exactly the update it delivered
class PendingUpdate:
    update_id: int
    kind: str
    chat_id: int | None
    created: float
    body: JSON = field(repr=False)


class EmulatorState:
    """The emulated Bot API server's memory. Not persisted: a restart starts empty."""

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        bot_username: str = "yousaid_local_bot",
        bot_first_name: str = "YouSaid",
        flood_limits: FloodLimits | None = None,
    ) -> None:
        if not TOKEN_SHAPE.match(token):
            raise ValueError("a bot token looks like 123456:ABC-def_ghi (digits, colon, letters)")
        self.token = token
        self.bot_user: JSON = {
            "id": int(token.split(":", 1)[0]),
            "is_bot": True,
            "first_name": bot_first_name,
            "username": bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }
        self.flood_limits = self._initial_flood_limits = flood_limits
        # Set by the webhook pusher so new updates are pushed as soon as they exist.
        self.on_new_update: Callable[[], None] | None = None
        # Ids survive reset(): a bot that keeps running across tests must never see an update
        # id below its offset (it would be silently confirmed) or a new person with an old id.
        self.next_update_id = 1
        self._next_user_id = 1_000_001
        self._next_group_id = 1_001
        self._updates_changed: asyncio.Event | None = None
        self.reset()

    def reset(self) -> None:
        self.users: dict[int, SimUser] = {}
        self.chats: dict[int, SimChat] = {}
        self.updates: deque[PendingUpdate] = deque()
        self.allowed_updates: list[str] | None = None
        self.webhook: WebhookConfig | None = None
        self.faults: list[Fault] = []
        self.calls: deque[JSON] = deque(maxlen=CALL_LOG_SIZE)
        self.commands: dict[str, list[JSON]] = {}
        self.menu_buttons: dict[int | None, JSON] = {}
        self.callback_queries: dict[str, JSON] = {}
        self.poll_generation = 0
        self.flood_limits = self._initial_flood_limits
        self.flood = FloodControl(self.flood_limits) if self.flood_limits else None
        self.wake_pollers()  # a long poll in progress re-checks against the emptied queue

    # -- users and chats ------------------------------------------------------------------
    def add_user(self, first_name: str, user_id: int | None = None, **extra: Any) -> SimUser:
        if user_id is None:
            while self._next_user_id in self.users:
                self._next_user_id += 1
            user_id = self._next_user_id
            self._next_user_id += 1
        if user_id in self.users or user_id <= 0:
            raise bad_request(f"user {user_id} already exists or is not a positive id")
        user = SimUser(id=user_id, first_name=first_name, **extra)
        self.users[user_id] = user
        return user

    def user(self, user_id: int) -> SimUser:
        try:
            return self.users[user_id]
        except KeyError:
            raise ApiError(404, f"Not Found: no simulated user {user_id}") from None

    def private_chat(self, user: SimUser) -> SimChat:
        """The user's chat with the bot; it exists once the user writes (as on Telegram)."""
        chat = self.chats.get(user.id)
        if chat is None:
            chat = SimChat(id=user.id, type="private", user=user, members={user.id})
            self.chats[user.id] = chat
        return chat

    def add_group(
        self,
        title: str,
        member_ids: list[int],
        chat_type: str = "group",
        chat_id: int | None = None,
    ) -> SimChat:
        if chat_type not in ("group", "supergroup"):
            raise bad_request("group type must be 'group' or 'supergroup'")
        for member in member_ids:
            self.user(member)
        if chat_id is None:
            base = -1_000_000_000_000 if chat_type == "supergroup" else 0
            chat_id = base - self._next_group_id
            self._next_group_id += 1
        if chat_id >= 0 or chat_id in self.chats:
            raise bad_request(f"group id {chat_id} is taken or not negative")
        chat = SimChat(
            id=chat_id, type=chat_type, title=title, members=set(member_ids), started=True
        )
        self.chats[chat_id] = chat
        return chat

    def chat_for_bot(self, chat_id: Any) -> SimChat:
        """Resolve a chat_id the bot passed, with Telegram's errors."""
        try:
            chat = self.chats.get(int(chat_id))
        except (TypeError, ValueError):
            chat = None
        if chat is None or not chat.started:
            raise bad_request("chat not found")
        if chat.user is not None and chat.user.blocked_bot:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        if not chat.bot_is_member:
            raise ApiError(403, "Forbidden: bot was kicked from the group chat")
        return chat

    def chat_for_control(self, chat_id: int) -> SimChat:
        chat = self.chats.get(chat_id)
        if chat is None:
            user = self.users.get(chat_id)
            if user is None:
                raise ApiError(404, f"Not Found: no chat or user {chat_id}")
            chat = self.private_chat(user)
        return chat

    # -- updates --------------------------------------------------------------------------
    def add_update(self, kind: str, payload: JSON, chat_id: int | None) -> JSON:
        update_id = self.next_update_id
        self.next_update_id += 1
        update = {"update_id": update_id, kind: payload}
        self.updates.append(PendingUpdate(update_id, kind, chat_id, time.monotonic(), update))
        self.wake_pollers()
        if self.on_new_update is not None:
            self.on_new_update()
        return update

    def wake_pollers(self) -> None:
        if self._updates_changed is not None:
            self._updates_changed.set()
            self._updates_changed = None

    async def wait_for_updates(self, timeout: float) -> None:
        if self._updates_changed is None:
            self._updates_changed = asyncio.Event()
        event = self._updates_changed
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), timeout)

    def confirm_before(self, offset: int) -> None:
        """getUpdates' offset: forget every update with a smaller id (negative: keep the last)."""
        if offset < 0:
            while len(self.updates) > -offset:
                self.updates.popleft()
            return
        while self.updates and self.updates[0].update_id < offset:
            self.updates.popleft()

    def expire_old_updates(self) -> None:
        cutoff = time.monotonic() - UPDATE_RETENTION_SECONDS
        while self.updates and self.updates[0].created < cutoff:
            self.updates.popleft()

    def deliverable(self, allowed: list[str] | None) -> list[PendingUpdate]:
        """Pending updates of allowed types; others are dropped (Telegram never keeps them)."""
        if allowed:
            keep = [u for u in self.updates if u.kind in allowed]
        else:
            keep = [u for u in self.updates if u.kind not in DEFAULT_EXCLUDED_UPDATES]
        if len(keep) != len(self.updates):
            self.updates = deque(keep)
        return keep

    def drop_pending(self) -> None:
        self.updates.clear()

    # -- faults and call log ------------------------------------------------------------
    def take_faults(self, method: str) -> tuple[float, ApiError | None]:
        """Latency to add and the error to return (if any) for this call of `method`."""
        delay, error = 0.0, None
        for fault in self.faults:
            if not fault.matches(method):
                continue
            if fault.kind == "latency":
                delay += fault.delay
                fault.consume()
            elif error is None:
                error = fault.error()
                fault.consume()
        self.faults = [f for f in self.faults if f.remaining is None or f.remaining > 0]
        return delay, error

    def log_call(self, method: str, status: int, started: float) -> None:
        self.calls.append(
            {
                "method": method,
                "time": time.time(),
                "status": status,
                "duration_ms": round((time.perf_counter() - started) * 1000, 3),
            }
        )
