"""The outbox worker: claims due messages, delivers them, records the outcome. Survives restarts."""

from __future__ import annotations

import asyncio
import logging
import os
from datetime import timedelta

import httpx
from sqlalchemy.orm import Session, sessionmaker

from consent.db import utcnow
from feedback_api.db import unit_of_work
from feedback_api.escalations.service import queue_unacknowledged
from feedback_api.outbox.delivery import Deliverer, DeliveryError, Withdrawn
from feedback_api.outbox.service import claim_due, mark_failed, mark_sent, mark_withdrawn
from feedback_api.settings import Settings

log = logging.getLogger("yousaid.outbox")


async def run_once(
    settings: Settings,
    factory: sessionmaker[Session],
    deliverer: Deliverer,
    *,
    lease: timedelta | None = None,
) -> int:
    """One pass: chase unacknowledged urgent alerts, then deliver what is due; returns sent."""
    with unit_of_work(factory) as session:
        queue_unacknowledged(session, settings=settings)
    with unit_of_work(factory) as session:
        lease = lease or timedelta(seconds=settings.outbox_lease_seconds)
        claimed = claim_due(session, now=utcnow(), lease=lease)
        for message in claimed:
            session.expunge(message)
    if os.environ.get("YOUSAID_TEST_CRASH_AFTER_CLAIM") and claimed:
        os._exit(70)  # fault injection for the restart test: die holding leases
    sent = 0
    for message in claimed:
        try:
            await deliverer.deliver(message)
        except Withdrawn as exc:
            with unit_of_work(factory) as session:
                mark_withdrawn(session, message_id=message.id, reason=str(exc))
            continue
        except DeliveryError as exc:
            log.warning("outbox %s: %s (attempt %s)", message.id, exc, message.attempts)
            with unit_of_work(factory) as session:
                mark_failed(
                    session, message_id=message.id, error=str(exc), retry_after=exc.retry_after
                )
            continue
        except Exception as exc:  # never let one bad message stop the others
            log.exception("outbox %s: unexpected failure", message.id)
            with unit_of_work(factory) as session:
                mark_failed(session, message_id=message.id, error=type(exc).__name__)
            continue
        with unit_of_work(factory) as session:
            mark_sent(session, message_id=message.id)
        sent += 1
    return sent


async def work_forever(
    settings: Settings, factory: sessionmaker[Session], *, interval: float = 1.0
) -> None:
    async with httpx.AsyncClient(timeout=10) as client:
        deliverer = Deliverer(settings, factory, client)
        while True:
            try:
                await run_once(settings, factory, deliverer)
            except Exception:
                # Database down or similar: wait and try again; nothing is lost, only delayed.
                log.exception("outbox pass failed; retrying")
            await asyncio.sleep(interval)
