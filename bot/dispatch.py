"""Per-chat ordering with concurrency across chats.

Each chat gets a FIFO and at most one worker task: updates of one chat run strictly one after
another (PTB's plain concurrent_updates would race on conversation state), different chats run
side by side. A worker ends when its chat's queue is empty.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

log = logging.getLogger(__name__)
Item = TypeVar("Item")


class ChatDispatcher(Generic[Item]):
    def __init__(self, handle: Callable[[str, Item], Awaitable[None]]) -> None:
        self._handle = handle
        self._queues: dict[str, deque[Item]] = {}
        self._workers: dict[str, asyncio.Task[None]] = {}
        self._idle = asyncio.Event()
        self._idle.set()

    @property
    def pending(self) -> int:
        return sum(len(q) for q in self._queues.values()) + len(self._workers)

    def submit(self, chat: str, item: Item) -> None:
        self._queues.setdefault(chat, deque()).append(item)
        if chat not in self._workers:
            self._idle.clear()
            self._workers[chat] = asyncio.create_task(self._work(chat), name=f"chat-{chat[:8]}")

    async def _work(self, chat: str) -> None:
        queue = self._queues[chat]
        try:
            while queue:
                item = queue[0]
                await self._handle(chat, item)  # must not raise: it retries what it must
                queue.popleft()
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("a chat worker stopped on an unexpected error")
        finally:
            self._workers.pop(chat, None)
            if not queue:
                self._queues.pop(chat, None)
            if not self._workers:
                self._idle.set()

    async def drain(self, timeout: float | None = None) -> bool:
        """Wait until every chat's queue is done; False on timeout."""
        try:
            await asyncio.wait_for(self._idle.wait(), timeout)
        except TimeoutError:
            return False
        return True

    async def cancel(self) -> None:
        tasks = list(self._workers.values())
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
