"""The bot's core: screen first, then one transaction (escalation, conversation, outbox,
inbox mark; shared with other chats' turns ready at the same moment), then send. Used by the
PTB handler, the polling runner and the webhook poller.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import TypeVar

from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from telegram import Bot, Update
from telegram.error import TelegramError

from bot import inbox, outbox
from bot.catalogue import language_for, load_catalogue
from bot.conversation import run_turn
from bot.flows.safety import offer_worker_contact
from bot.inbound import Inbound, Kind, parse_update
from bot.replies import Reply
from bot.screening import Screen as Screen  # re-exported: callers import them from here
from bot.screening import needs_screen, screen_batch
from bot.screening import safe_screen as safe_screen
from bot.state import load_conv, save_conv
from bot.turn import Turn
from bot.txbatch import TxBatcher
from consent.domain import participant_key
from feedback_api.db import unit_of_work
from feedback_api.escalations.sealing import Sealer
from feedback_api.escalations.service import record_screened_message
from feedback_api.settings import Settings
from nlu.intents import DISCLOSURE_MIN_CONFIDENCE, IntentClassifier
from nlu.screen import Level, ScreenResult, raise_with_intent, screen

log = logging.getLogger(__name__)
T = TypeVar("T")
NLU_TIMEOUT = 0.5
LOCK_RETRIES = 8
TURN_TXS = 2  # turn transactions in flight at once on PostgreSQL (see TxBatcher)


class StoreUnavailable(Exception):
    """The database could not record this update; it stays pending and is retried."""


@dataclass
class Engine:
    settings: Settings
    factory: sessionmaker[Session]
    sealer: Sealer
    classifier: IntentClassifier | None = None
    check: Screen = screen
    pepper: bytes = b""
    failed: set[int] = field(default_factory=set)
    _apologised: set[int] = field(default_factory=set)
    _write_lock: threading.Lock | None = None
    _screened: dict[int, ScreenResult] = field(default_factory=dict)  # by update id
    _sent: outbox.SentMarker | None = None
    _turns: TxBatcher[list[tuple[int, int, Reply]]] = field(init=False)

    def __post_init__(self) -> None:
        self.pepper = self.pepper or self.settings.pepper_bytes()
        bind = self.factory.kw.get("bind")
        if bind is not None and bind.dialect.name == "sqlite":
            # SQLite has one writer: taking turns in-process avoids SQLITE_BUSY on upgrade.
            self._write_lock = threading.Lock()
        self._turns = TxBatcher(self.tx, parallel=1 if self._write_lock else TURN_TXS)

    def tx(self, work: Callable[[Session], T]) -> T:
        """Run `work` in one transaction (blocking; call via asyncio.to_thread).

        A "database is locked" from another process's writer is retried briefly; anything
        else (the store is down) propagates.
        """
        for attempt in range(LOCK_RETRIES):
            try:
                lock = self._write_lock or contextlib.nullcontext()
                with lock, unit_of_work(self.factory) as session:
                    return work(session)
            except OperationalError as exc:
                if "locked" not in str(exc.orig) or attempt == LOCK_RETRIES - 1:
                    raise
                time.sleep(0.05 * (attempt + 1))
        raise AssertionError("unreachable")

    def chat_key(self, chat_id: int | None) -> str:
        return inbox.chat_key(self.pepper, chat_id)

    async def _intent(self, inbound: Inbound) -> tuple[str | None, bool]:
        """(intent to act on, whether the NLU reads a disclosure)."""
        if self.classifier is None or inbound.kind is not Kind.TEXT or inbound.command:
            return None, False
        try:
            text = inbound.text or ""
            result = await asyncio.wait_for(self.classifier.classify(text), NLU_TIMEOUT)
        except Exception:
            log.warning("intent classifier unavailable; carrying on with the keyword matcher")
            return None, False
        confident = result.confidence >= DISCLOSURE_MIN_CONFIDENCE
        disclosure = result.intent == "disclosure" and confident
        return result.intent, disclosure

    def prescreen(self, updates: list[Update]) -> None:
        """Screen stored updates in one pass (blocking); `handle` uses the results."""
        inbounds = [i for i in map(parse_update, updates) if needs_screen(i)]
        results = screen_batch(self.check, [i.text or "" for i in inbounds])
        self._screened.update(zip((i.update_id for i in inbounds), results, strict=True))

    async def handle(self, update: Update, bot: Bot) -> None:
        inbound = parse_update(update)
        result: ScreenResult | None = None
        if needs_screen(inbound):
            result = self._screened.pop(inbound.update_id, None) or safe_screen(
                self.check, inbound.text or ""
            )
            intent, disclosure = await self._intent(inbound)
            result = raise_with_intent(result, disclosure_intent=disclosure)
        else:
            intent = None
        key = self.chat_key(inbound.chat_id)
        try:
            # Committed with whatever other chats' turns are ready (one transaction).
            work = partial(self._turn, inbound, result, intent, key)
            pending = await self._turns.run(work)
        except SQLAlchemyError:
            log.exception("DATABASE UNAVAILABLE: update %s not handled yet", inbound.update_id)
            self.failed.add(inbound.update_id)
            await self.apologise(bot, inbound, result)
            raise StoreUnavailable(str(inbound.update_id)) from None
        self.failed.discard(inbound.update_id)
        self._apologised.discard(inbound.update_id)
        if inbound.callback_id:
            # Only stops the spinner: the reply itself is safe in the outbox.
            with contextlib.suppress(TelegramError):
                await bot.answer_callback_query(inbound.callback_id)
        await self._send_all(bot, pending)

    def _turn(
        self,
        inbound: Inbound,
        result: ScreenResult | None,
        intent: str | None,
        key: str,
        session: Session,
    ) -> list[tuple[int, int, Reply]]:
        """Decide and record (in the caller's transaction); returns this chat's unsent replies."""
        if inbox.mark_handled(session, update_id=inbound.update_id, chat=key):
            replies = self._decide(session, inbound, result, intent)
            if replies and inbound.chat_id is not None:
                outbox.queue_replies(
                    session,
                    replies=replies,
                    chat_id=inbound.chat_id,
                    chat=key,
                    update_id=inbound.update_id,
                    sealer=self.sealer,
                )
        # A replay of something already done still sends whatever is left in the outbox.
        return outbox.unsent(session, chat=key, sealer=self.sealer)

    def _decide(
        self, session: Session, inbound: Inbound, result: ScreenResult | None, intent: str | None
    ) -> list[Reply]:
        if inbound.user_id is None or inbound.chat_id is None:
            return []
        person = participant_key(self.pepper, "telegram", inbound.user_id)
        if result is not None and inbound.text:
            record_screened_message(
                session,
                result=result,
                participant_key=person,
                channel="telegram",
                # A worker's reply goes to the person's private chat, never into a group.
                chat_id=inbound.user_id,
                text=inbound.text,
                sealer=self.sealer,
                settings=self.settings,
                source_ref=f"tg:{inbound.update_id}",
            )
        conv_key = (
            person
            if inbound.private
            else participant_key(self.pepper, "telegram-group", inbound.chat_id)
        )
        conv = load_conv(session, conv_key, language_for(inbound.language_code))
        if conv.last_update_id == inbound.update_id:
            return []  # the same update again (the inbox row is the main guard)
        turn = Turn(session, self.settings, inbound, conv, person, intent=intent)
        self._safety(turn, result)
        run_turn(turn)
        save_conv(session, turn.conv, inbound.update_id)
        return turn.replies

    @staticmethod
    def _safety(turn: Turn, result: ScreenResult | None) -> None:
        if result is None or result.level is Level.NONE:
            return
        if result.level is Level.URGENT:
            turn.urgent = True
            turn.say("urgent")
            offer_worker_contact(turn)
        else:
            turn.say("concern")

    async def apologise(self, bot: Bot, inbound: Inbound, result: ScreenResult | None) -> None:
        """The store is down: say so once per update, with help first if the screen flagged it."""
        if inbound.chat_id is None or inbound.update_id in self._apologised:
            return
        if inbound.kind in (Kind.BOT_REMOVED, Kind.OTHER):
            return
        self._apologised.add(inbound.update_id)
        cat = load_catalogue(language_for(inbound.language_code))
        help_values = {
            "front_door_name": self.settings.front_door_name,
            "front_door_phone": self.settings.front_door_phone,
        }
        texts = []
        if result is not None and result.level is not Level.NONE:
            key = "urgent" if result.level is Level.URGENT else "concern"
            texts.append(cat.text(key, **help_values))
        texts.append(cat.text("store_down"))
        for text in texts:
            try:
                await outbox.send_reply(bot, inbound.chat_id, Reply(text))
            except TelegramError:
                log.exception("could not even tell the person the store is down")

    async def flush(self, bot: Bot, key: str) -> None:
        """Send this chat's unsent replies in order, deleting each once Telegram has it."""
        await self._send_all(bot, await asyncio.to_thread(self._unsent, key))

    async def _send_all(self, bot: Bot, pending: list[tuple[int, int, Reply]]) -> None:
        sent = self._sent = self._sent or outbox.SentMarker(self.tx)
        for message_id, chat_id, reply in pending:
            await outbox.send_reply(bot, chat_id, reply)
            await sent.mark(message_id)

    def _unsent(self, key: str) -> list[tuple[int, int, Reply]]:
        return self.tx(lambda session: outbox.unsent(session, chat=key, sealer=self.sealer))
