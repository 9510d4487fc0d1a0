"""Turns of many chats share one transaction; a failing turn cannot fail the others."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError

from bot.txbatch import TxBatcher


class FakeStore:
    """Runs each transaction's work against a list; a failing work rolls its transaction back."""

    def __init__(self) -> None:
        self.committed: list[str] = []
        self.transactions = 0

    def run_tx(self, work: Callable[[Any], Any]) -> Any:
        self.transactions += 1
        pending: list[str] = []
        result = work(pending)
        self.committed += pending
        return result


def _turn(name: str) -> Callable[[list[str]], str]:
    def work(pending: list[str]) -> str:
        if name == "bad":
            raise ValueError("a bug in one turn")
        pending.append(name)
        return f"replies for {name}"

    return work


async def test_turns_waiting_together_commit_in_one_transaction_and_each_gets_its_own_result():
    store = FakeStore()
    batcher: TxBatcher[str] = TxBatcher(store.run_tx)
    names = [f"chat{i}" for i in range(6)]
    results = await asyncio.gather(*(batcher.run(_turn(n)) for n in names))
    assert results == [f"replies for {n}" for n in names]
    assert sorted(store.committed) == sorted(names)
    assert store.transactions < len(names)


async def test_a_failing_turn_is_run_alone_and_only_its_caller_sees_the_error():
    store = FakeStore()
    batcher: TxBatcher[str] = TxBatcher(store.run_tx)
    results = await asyncio.gather(
        *(batcher.run(_turn(n)) for n in ("a", "bad", "b", "c")), return_exceptions=True
    )
    assert results[0] == "replies for a" and results[2:] == ["replies for b", "replies for c"]
    assert isinstance(results[1], ValueError)
    assert sorted(store.committed) == ["a", "b", "c"]  # each once: the shared try was rolled back


async def test_when_the_store_is_down_every_caller_gets_the_error_and_the_next_is_tried_afresh():
    def down(work: Callable[[Any], Any]) -> Any:
        raise OperationalError("BEGIN", {}, Exception("database is down"))

    batcher: TxBatcher[str] = TxBatcher(down, parallel=2)
    results = await asyncio.gather(
        *(batcher.run(_turn(n)) for n in ("a", "b", "c")), return_exceptions=True
    )
    assert all(isinstance(r, OperationalError) for r in results)
    with pytest.raises(OperationalError):
        await batcher.run(_turn("d"))


async def test_work_arriving_just_as_a_batch_finishes_still_runs():
    store = FakeStore()
    batcher: TxBatcher[str] = TxBatcher(store.run_tx)

    async def one_chat() -> list[str]:
        # The next turn is submitted the moment the first result arrives, before the finished
        # flusher's clean-up has had a turn of the loop.
        return [await batcher.run(_turn("a")), await batcher.run(_turn("b"))]

    assert await asyncio.wait_for(one_chat(), 5) == ["replies for a", "replies for b"]
