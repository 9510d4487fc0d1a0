"""Optional flood control: answer 429 + retry_after when the bot sends faster than Telegram allows.

Telegram's published guidance is about 30 messages a second overall, about one a second per chat
(short bursts tolerated) and 20 a minute per group. The exact server rules are not public, so these
are sliding-window approximations, off by default and enabled for load tests to check that the
bot's rate limiter keeps it inside the limits.
"""

from __future__ import annotations

import math
import time
from collections import deque
from dataclasses import dataclass, field

from bot.emulator.models import ApiError

LIMITED_METHODS = frozenset({"sendmessage", "editmessagetext", "editmessagereplymarkup"})


@dataclass(frozen=True)
class FloodLimits:
    global_per_second: int = 30
    private_burst: int = 3  # per private chat, within `private_window` seconds
    private_window: float = 1.0
    group_per_minute: int = 20


@dataclass
class FloodControl:
    limits: FloodLimits
    _global: deque[float] = field(default_factory=deque)
    _per_chat: dict[int, deque[float]] = field(default_factory=dict)

    def check(self, method: str, chat_id: int | None, now: float | None = None) -> None:
        """Record a send, or raise Telegram's 429 if it breaks a limit (nothing is recorded)."""
        if method not in LIMITED_METHODS:
            return
        now = time.monotonic() if now is None else now
        windows = [(self._global, self.limits.global_per_second, 1.0)]
        if chat_id is not None:
            chat_window = self._per_chat.setdefault(chat_id, deque())
            if chat_id < 0:
                windows.append((chat_window, self.limits.group_per_minute, 60.0))
            else:
                windows.append((chat_window, self.limits.private_burst, self.limits.private_window))
        wait = max(_wait_needed(times, limit, span, now) for times, limit, span in windows)
        if wait > 0:
            retry_after = max(1, math.ceil(wait))
            raise ApiError(
                429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after}
            )
        for times, _limit, _span in windows:
            times.append(now)


def _wait_needed(times: deque[float], limit: int, span: float, now: float) -> float:
    while times and times[0] <= now - span:
        times.popleft()
    if len(times) < limit:
        return 0.0
    return times[0] + span - now
