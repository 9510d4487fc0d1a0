"""Sent replies are deleted for many chats in one transaction, each sender waiting for its own."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError

from bot.outbox import SentMarker


class FakeSession:
    def __init__(self) -> None:
        self.deleted: list[int] = []

    def execute(self, statement: Any) -> None:
        (ids,) = statement.compile().params.values()
        self.deleted += ids


async def test_each_sender_returns_only_after_its_message_is_deleted_in_a_shared_transaction():
    session = FakeSession()
    batches: list[list[int]] = []

    def run_tx(work: Callable[[Any], None]) -> None:
        before = len(session.deleted)
        work(session)
        batches.append(session.deleted[before:])

    marker = SentMarker(run_tx)
    await asyncio.gather(*(marker.mark(i) for i in range(1, 6)))
    assert sorted(session.deleted) == [1, 2, 3, 4, 5]
    assert len(batches) < 5  # shared: fewer transactions than messages
    await marker.mark(9)
    assert session.deleted[-1] == 9 and batches[-1] == [9]


async def test_a_failed_delete_reaches_every_waiting_sender():
    def run_tx(work: Callable[[Any], None]) -> None:
        raise OperationalError("DELETE", {}, Exception("database is down"))

    marker = SentMarker(run_tx)
    results = await asyncio.gather(marker.mark(1), marker.mark(2), return_exceptions=True)
    assert all(isinstance(r, OperationalError) for r in results)
    with pytest.raises(OperationalError):
        await marker.mark(3)  # and the next one is tried afresh, not stuck
