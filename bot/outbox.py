"""Replies are written (sealed) with the state change, then sent, then deleted.

A crash before the send resends on restart; a crash between the send and the delete resends
that one message: at-least-once, never lost, duplicated at most for the very last send.
"""

from __future__ import annotations

import asyncio
import json
import logging
import warnings
from collections.abc import Callable
from datetime import timedelta
from functools import partial

from sqlalchemy import bindparam, delete, insert, select
from sqlalchemy.orm import Session
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.models import OUTBOX, OutboundMessage
from bot.replies import Reply, split_reply
from feedback_api.escalations.sealing import Sealer

log = logging.getLogger(__name__)
SEND_ATTEMPTS = 6


_UNSENT = (
    select(OUTBOX.c.id, OUTBOX.c.sealed_payload)
    .where(OUTBOX.c.chat_key == bindparam("chat"))
    .order_by(OUTBOX.c.id)
)


def queue_replies(
    session: Session,
    *,
    replies: list[Reply],
    chat_id: int,
    chat: str,
    update_id: int,
    sealer: Sealer,
) -> int:
    pieces = [piece for reply in replies for piece in split_reply(reply)]
    rows = [
        {
            "chat_key": chat,
            "update_id": update_id,
            "seq": seq,
            "sealed_payload": sealer.seal(
                json.dumps(piece.to_json(chat_id), separators=(",", ":"), ensure_ascii=False)
            ),
        }
        for seq, piece in enumerate(pieces)
    ]
    if rows:
        # Core: no ORM objects to track, one statement for all pieces.
        session.connection().execute(insert(OUTBOX), rows)
    return len(pieces)


def unsent(session: Session, *, chat: str, sealer: Sealer) -> list[tuple[int, int, Reply]]:
    rows = session.connection().execute(_UNSENT, {"chat": chat})
    out = []
    for row_id, sealed in rows:
        chat_id, reply = Reply.from_json(json.loads(sealer.unseal(sealed)))
        out.append((row_id, chat_id, reply))
    return out


def chats_with_unsent(session: Session) -> list[str]:
    return list(session.scalars(select(OutboundMessage.chat_key).distinct()))


def mark_sent(session: Session, message_id: int) -> None:
    mark_sent_many(session, [message_id])


def mark_sent_many(session: Session, message_ids: list[int]) -> None:
    # One statement per batch of chats (see SentMarker), so the ORM's cost here is shared.
    session.execute(delete(OutboundMessage).where(OutboundMessage.id.in_(message_ids)))


class SentMarker:
    """Deletes sent messages for many chats in one transaction (a group commit).

    Each caller waits until its own row is gone, so a chat never sends its next message (or
    reads its unsent ones) before the delete is committed: a crash still resends at most the
    last message of each chat. Only the number of transactions under load goes down.
    """

    def __init__(self, run_tx: Callable[[Callable[[Session], None]], None]) -> None:
        self._run_tx = run_tx
        self._waiting: dict[int, asyncio.Future[None]] = {}
        self._flusher: asyncio.Task[None] | None = None

    async def mark(self, message_id: int) -> None:
        done = asyncio.get_running_loop().create_future()
        self._waiting[message_id] = done
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.create_task(self._flush(), name="outbox-sent")
        await done

    async def _flush(self) -> None:
        # Whatever arrives while one delete runs goes in the next: no timer, no added wait.
        while self._waiting:
            batch, self._waiting = self._waiting, {}
            try:
                await asyncio.to_thread(
                    self._run_tx, partial(mark_sent_many, message_ids=list(batch))
                )
            except Exception as exc:  # the callers' own retry loops decide what to do
                for waiter in batch.values():
                    if not waiter.done():
                        waiter.set_exception(exc)
            else:
                for waiter in batch.values():
                    if not waiter.done():
                        waiter.set_result(None)


def _seconds(exc: RetryAfter) -> float:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # PTB 22 warns that the type will become timedelta
        wait = exc.retry_after
    return float(wait.total_seconds() if isinstance(wait, timedelta) else wait)


def _markup(reply: Reply) -> InlineKeyboardMarkup | None:
    if not reply.buttons:
        return None
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(b.label, callback_data=b.data) for b in row]
            for row in reply.buttons
        ]
    )


async def send_reply(bot: Bot, chat_id: int, reply: Reply) -> bool:
    """Send one message, waiting out 429s; False if Telegram will never take it."""
    delay = 0.5
    for attempt in range(SEND_ATTEMPTS):
        try:
            await bot.send_message(chat_id, reply.text, reply_markup=_markup(reply))
            return True
        except RetryAfter as exc:
            await asyncio.sleep(_seconds(exc))
        except Forbidden:
            log.info("a person blocked the bot; dropping a reply to them")
            return False
        except BadRequest as exc:
            log.error("Telegram refused a reply (%s); dropping it", exc.message)
            return False
        except (TimedOut, NetworkError):
            if attempt == SEND_ATTEMPTS - 1:
                raise
            await asyncio.sleep(delay)
            delay = min(delay * 2, 10.0)
    raise NetworkError("Telegram kept asking us to retry later")
