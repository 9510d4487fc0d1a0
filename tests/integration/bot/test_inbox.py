from __future__ import annotations

from datetime import timedelta

from cryptography.fernet import Fernet
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import inbox
from bot.models import InboundUpdate
from consent.db import utcnow
from feedback_api.escalations.sealing import Sealer

SEALER = Sealer([Fernet.generate_key()])
PEPPER = b"inbox-test"


def _raw(update_id: int, chat_id: int = 555) -> dict[str, object]:
    message = {"message_id": 1, "date": 0, "chat": {"id": chat_id, "type": "private"}, "text": "x"}
    return {"update_id": update_id, "message": message}


def test_a_redelivered_update_is_stored_once(session: Session):
    first = inbox.store_updates(session, [_raw(1), _raw(2)], sealer=SEALER, pepper=PEPPER)
    again = inbox.store_updates(session, [_raw(2), _raw(3)], sealer=SEALER, pepper=PEPPER)
    assert [s.update_id for s in first] == [1, 2]
    assert [s.update_id for s in again] == [3]


def test_pending_updates_come_back_unsealed_in_update_order(session: Session):
    inbox.store_updates(session, [_raw(9), _raw(4)], sealer=SEALER, pepper=PEPPER)
    pending = inbox.pending_updates(session, sealer=SEALER)
    assert [p.update_id for p in pending] == [4, 9]
    assert pending[0].raw == _raw(4)
    assert pending[0].chat_key == inbox.chat_key(PEPPER, 555)


def test_handling_blanks_the_payload_and_a_second_handling_is_refused(session: Session):
    inbox.store_updates(session, [_raw(7)], sealer=SEALER, pepper=PEPPER)
    assert inbox.mark_handled(session, update_id=7, chat="k") is True
    assert inbox.mark_handled(session, update_id=7, chat="k") is False
    row = session.scalar(select(InboundUpdate).where(InboundUpdate.update_id == 7))
    assert row is not None and row.sealed_payload is None
    assert inbox.pending_updates(session, sealer=SEALER) == []


def test_old_handled_rows_are_pruned_and_pending_ones_never(session: Session):
    inbox.store_updates(session, [_raw(1), _raw(2)], sealer=SEALER, pepper=PEPPER)
    inbox.mark_handled(session, update_id=1, chat="k")
    row = session.scalar(select(InboundUpdate).where(InboundUpdate.update_id == 1))
    assert row is not None
    row.handled_at = utcnow() - timedelta(hours=2)
    session.flush()
    assert inbox.prune_handled(session) == 1
    assert [s.update_id for s in inbox.pending_updates(session, sealer=SEALER)] == [2]


def test_the_chat_of_a_button_press_is_found_in_the_raw_update():
    raw = {"update_id": 1, "callback_query": {"from": {"id": 8}, "message": {"chat": {"id": 9}}}}
    assert inbox.raw_chat_id(raw) == 9
