"""Many chats' turns committed in one transaction (a group commit); each chat still alone in order.

Under load, many chats have an update ready at the same moment. Each turn used to cost its own
thread hop, connection checkout, BEGIN and COMMIT; now whatever is waiting runs in one
transaction, and each caller gets its own turn's result once that transaction has committed.
A caller never sees a result before it is durable, and the per-chat queues still hand over
at most one update per chat, so a batch never holds two turns of one chat.

If the shared transaction fails, every turn in it is run again alone, so one bad turn (a bug,
a conflict) cannot fail the others; when the store is down each alone fails too, and each
caller sees the error exactly as before.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from sqlalchemy.orm import Session

log = logging.getLogger(__name__)
T = TypeVar("T")
Work = Callable[[Session], T]
# A bound on one transaction's size, so its locks and its latency stay small.
MAX_BATCH = 32


class TxBatcher(Generic[T]):
    def __init__(self, run_tx: Callable[[Work[Any]], Any], parallel: int = 1) -> None:
        self._run_tx = run_tx
        # Transactions in flight at once: on a server, one batch's round trips can overlap
        # another's work; SQLite has one writer, so one is all it can use.
        self._parallel = parallel
        self._waiting: list[tuple[Work[T], asyncio.Future[T]]] = []
        self._flushers: set[asyncio.Task[None]] = set()

    async def run(self, work: Work[T]) -> T:
        done: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._waiting.append((work, done))
        # done(), not set membership: a finished flusher leaves the set only a loop turn later,
        # and counting it then would leave this work waiting with no flusher to run it.
        self._flushers = {task for task in self._flushers if not task.done()}
        if len(self._flushers) < self._parallel:
            self._flushers.add(asyncio.create_task(self._flush(), name="turn-batch"))
        return await done

    async def _flush(self) -> None:
        # Whatever arrives while one batch runs goes in the next: no timer, no added wait.
        while self._waiting:
            batch, self._waiting = self._waiting[:MAX_BATCH], self._waiting[MAX_BATCH:]
            outcomes = await asyncio.to_thread(self._run_batch, [work for work, _ in batch])
            for (_, done), (ok, value) in zip(batch, outcomes, strict=True):
                if done.done():
                    continue  # the caller was cancelled (shutdown)
                if ok:
                    done.set_result(value)
                else:
                    done.set_exception(value)

    def _run_batch(self, works: list[Work[T]]) -> list[tuple[bool, Any]]:
        if len(works) > 1:
            try:
                results = self._run_tx(lambda session: [work(session) for work in works])
                return [(True, result) for result in results]
            except Exception:
                log.info("a shared transaction of %d turns failed; running each alone", len(works))
        return [self._alone(work) for work in works]

    def _alone(self, work: Work[T]) -> tuple[bool, Any]:
        try:
            return True, self._run_tx(work)
        except Exception as exc:  # handed to the caller, whose own handling decides
            return False, exc
