"""The runner: the webhook inbox is worked through, and a restart replays what was left."""

from __future__ import annotations

import asyncio
import contextlib

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot import inbox, outbox
from bot.application import engine_of
from bot.models import InboundUpdate, OutboundMessage
from bot.replies import Reply
from bot.runner import BotRunner
from tests.integration.bot.conftest import Harness


async def _run_for(runner: BotRunner, seconds: float, webhook: bool) -> None:
    stop = asyncio.Event()
    task = asyncio.create_task(runner.run(stop, webhook=webhook))
    await asyncio.sleep(seconds)
    stop.set()
    with contextlib.suppress(asyncio.CancelledError):
        await task


async def test_updates_stored_by_the_webhook_are_answered_in_order_by_the_runner(
    harness: Harness,
):
    engine = engine_of(harness.app)
    chat = harness.person()
    raws = [harness.emu.send_text(chat.user_id, t) for t in ("/privacy", "/help", "/mydata")]
    with Session(harness.engine) as session, session.begin():
        inbox.store_updates(session, raws, sealer=engine.sealer, pepper=engine.pepper)
    await _run_for(BotRunner(harness.app), 3.0, webhook=True)
    said = [m["text"] for m in harness.emu.bot_messages(chat.user_id)]
    assert len(said) == 3
    assert "never store your name" in said[0] and "Childline" in said[1]
    assert said[2] == "We don't hold anything about you."
    with Session(harness.engine) as session:
        pending = session.scalar(select(func.count()).where(InboundUpdate.handled_at.is_(None)))
        payloads = session.scalars(select(InboundUpdate.sealed_payload)).all()
    assert pending == 0 and payloads == [None, None, None]


async def test_a_restart_sends_replies_that_were_decided_but_never_sent(harness: Harness):
    engine = engine_of(harness.app)
    chat = harness.person()
    key = engine.chat_key(chat.user_id)
    harness.emu.send_text(chat.user_id, "hi")  # the chat exists once they have written
    with Session(harness.engine) as session, session.begin():
        outbox.queue_replies(
            session,
            replies=[Reply("one"), Reply("two")],
            chat_id=chat.user_id,
            chat=key,
            update_id=1,
            sealer=engine.sealer,
        )
    await _run_for(BotRunner(harness.app), 2.0, webhook=True)
    assert [m["text"] for m in harness.emu.bot_messages(chat.user_id)] == ["one", "two"]
    with Session(harness.engine) as session:
        assert session.scalar(select(func.count()).select_from(OutboundMessage)) == 0
