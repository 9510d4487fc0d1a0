"""Replies are written (sealed) with the state change, then sent, then deleted.

A crash before the send resends on restart; a crash between the send and the delete resends
that one message: at-least-once, never lost, duplicated at most for the very last send.
"""

from __future__ import annotations

import asyncio
import json
import logging
import warnings
from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.models import OutboundMessage
from bot.replies import Reply, split_reply
from feedback_api.escalations.sealing import Sealer

log = logging.getLogger(__name__)
SEND_ATTEMPTS = 6


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
    for seq, piece in enumerate(pieces):
        payload = json.dumps(piece.to_json(chat_id), separators=(",", ":"), ensure_ascii=False)
        session.add(
            OutboundMessage(
                chat_key=chat, update_id=update_id, seq=seq, sealed_payload=sealer.seal(payload)
            )
        )
    session.flush()
    return len(pieces)


def unsent(session: Session, *, chat: str, sealer: Sealer) -> list[tuple[int, int, Reply]]:
    rows = session.scalars(
        select(OutboundMessage).where(OutboundMessage.chat_key == chat).order_by(OutboundMessage.id)
    )
    out = []
    for row in rows:
        chat_id, reply = Reply.from_json(json.loads(sealer.unseal(row.sealed_payload)))
        out.append((row.id, chat_id, reply))
    return out


def chats_with_unsent(session: Session) -> list[str]:
    return list(session.scalars(select(OutboundMessage.chat_key).distinct()))


def mark_sent(session: Session, message_id: int) -> None:
    session.execute(delete(OutboundMessage).where(OutboundMessage.id == message_id))


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
