"""Run the bot: replay what a crash left, then poll (or watch the webhook inbox), per-chat ordered.

Offsets: updates are committed to the inbox before the next getUpdates confirms them; if the
store is down, the offset is not advanced (Telegram redelivers) and polling backs off.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from telegram import Update
from telegram.error import TelegramError

from bot import inbox, outbox
from bot.application import BotApp, engine_of
from bot.dispatch import ChatDispatcher
from bot.engine import Engine
from bot.inbound import parse_update
from bot.inbox import Stored

log = logging.getLogger(__name__)
ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "my_chat_member"]
MAX_IN_FLIGHT = 2000
SWEEP_SECONDS = 15.0


class BotRunner:
    def __init__(
        self, application: BotApp, poll_timeout: float = 10.0, one_at_a_time: bool = False
    ) -> None:
        self.app = application
        self.engine: Engine = engine_of(application)
        self.poll_timeout = poll_timeout
        # The benchmark's baseline: every chat in one queue, as a plain sequential bot.
        self.one_at_a_time = one_at_a_time
        # Items: an update to handle, or a chat key whose unsent replies need flushing.
        self.dispatcher: ChatDispatcher[Stored | str] = ChatDispatcher(self._process)
        self._in_flight: set[int] = set()
        self._parsed: dict[int, Update] = {}  # polled updates, so they are not parsed twice

    # -- work for one chat --------------------------------------------------------------
    async def _process(self, queue: str, item: Stored | str) -> None:
        delay = 0.5
        while True:
            try:
                if isinstance(item, str):
                    await self.engine.flush(self.app.bot, item)
                    return
                update = self._parsed.pop(item.update_id, None)
                await self.app.process_update(update or Update.de_json(item.raw, self.app.bot))
                if item.update_id not in self.engine.failed:
                    self._in_flight.discard(item.update_id)
                    return
            except (TelegramError, SQLAlchemyError):
                log.exception("sending or storing failed; retrying this chat shortly")
            # Keep this chat's order: retry the same item until it goes through.
            await asyncio.sleep(delay)
            delay = min(delay * 2, 30.0)

    def submit(self, stored: Stored) -> None:
        if stored.update_id in self._in_flight:
            return
        self._in_flight.add(stored.update_id)
        self.dispatcher.submit("all" if self.one_at_a_time else stored.chat_key, stored)

    # -- start-up replay and periodic sweeps ----------------------------------------------
    def _pending(self) -> tuple[list[str], list[Stored]]:
        def work(session: Session) -> tuple[list[str], list[Stored]]:
            chats = outbox.chats_with_unsent(session)
            return chats, inbox.pending_updates(session, sealer=self.engine.sealer)

        return self.engine.tx(work)

    async def sweep(self) -> None:
        """Unsent replies first, then unhandled updates, each chat in order."""
        chats, pending = await asyncio.to_thread(self._pending)
        for chat in chats:
            self.dispatcher.submit("all" if self.one_at_a_time else chat, chat)
        for stored in pending:
            self.submit(stored)

    async def _sweeper(self, stop: asyncio.Event) -> None:
        while not await _wait(stop, SWEEP_SECONDS):
            with contextlib.suppress(SQLAlchemyError):
                await self.sweep()
                await asyncio.to_thread(self._prune)

    def _prune(self) -> None:
        self.engine.tx(inbox.prune_handled)

    # -- polling -----------------------------------------------------------------------
    def _store(self, updates: list[Update]) -> list[Stored]:
        """Record the batch, then screen what is new in one pass (one thread hop for both)."""
        raws = [u.to_dict() for u in updates]
        fresh = self.engine.tx(
            lambda s: inbox.store_updates(
                s, raws, sealer=self.engine.sealer, pepper=self.engine.pepper
            )
        )
        new = {stored.update_id for stored in fresh}
        self.engine.prescreen([u for u in updates if u.update_id in new])
        return fresh

    async def poll(self, stop: asyncio.Event) -> None:
        bot = self.app.bot
        await bot.delete_webhook(drop_pending_updates=False)
        # Start from whatever Telegram still holds unconfirmed (offset None), not from our own
        # newest id: after a quiet week Telegram picks update ids at random, so a stored
        # offset could confirm (drop) newer updates. Redelivered ones are deduplicated.
        offset: int | None = None
        backoff = 1.0
        while not stop.is_set():
            try:
                updates = await bot.get_updates(
                    offset=offset,
                    timeout=int(self.poll_timeout),
                    allowed_updates=ALLOWED_UPDATES,
                    read_timeout=self.poll_timeout + 10,
                )
            except TelegramError as exc:
                log.warning("getUpdates failed (%s); retrying in %.0fs", exc, backoff)
                await _wait(stop, backoff)
                backoff = min(backoff * 2, 30.0)
                continue
            if not updates:
                continue
            try:
                fresh = await asyncio.to_thread(self._store, updates)
            except SQLAlchemyError:
                log.exception("DATABASE UNAVAILABLE: %d updates left with Telegram", len(updates))
                for update in updates:
                    await self.engine.apologise(bot, parse_update(update), None)
                await _wait(stop, backoff)
                backoff = min(backoff * 2, 30.0)
                continue
            backoff = 1.0
            offset = updates[-1].update_id + 1
            for update in updates:
                self._parsed[update.update_id] = update
            for stored in fresh:
                self.submit(stored)
            self._parsed = {k: v for k, v in self._parsed.items() if k in self._in_flight}
            while self.dispatcher.pending > MAX_IN_FLIGHT and not stop.is_set():
                await asyncio.sleep(0.05)

    # -- webhook mode: the API process stores updates, we work the inbox --------------------
    async def watch_inbox(self, stop: asyncio.Event, interval: float = 0.2) -> None:
        while not await _wait(stop, interval):
            try:
                _, pending = await asyncio.to_thread(self._pending)
            except SQLAlchemyError:
                log.exception("DATABASE UNAVAILABLE while watching the webhook inbox")
                await _wait(stop, 5.0)
                continue
            for stored in pending:
                self.submit(stored)

    async def run(self, stop: asyncio.Event, *, webhook: bool = False) -> None:
        await self.app.initialize()
        try:
            await self.sweep()
            loop = self.watch_inbox(stop) if webhook else self.poll(stop)
            main = asyncio.create_task(loop, name="bot-updates")
            sweeper = asyncio.create_task(self._sweeper(stop), name="bot-sweeper")
            await stop.wait()
            for task in (main, sweeper):
                task.cancel()
            await asyncio.gather(main, sweeper, return_exceptions=True)
            if not await self.dispatcher.drain(timeout=10.0):
                await self.dispatcher.cancel()
        finally:
            await self.app.shutdown()


async def _wait(stop: asyncio.Event, seconds: float) -> bool:
    """Sleep up to `seconds`; True if asked to stop."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), seconds)
    return stop.is_set()
