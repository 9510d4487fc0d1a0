"""Outbox delivery channels: Telegram, email (SMTP), webhook, participant reply, log."""

from __future__ import annotations

import asyncio
import logging
import smtplib
from email.message import EmailMessage
from typing import Any

import httpx
from sqlalchemy.orm import Session, sessionmaker

from feedback_api.escalations.contact import REFUSED
from feedback_api.escalations.models import ContactAnswer, Escalation, EscalationMessage
from feedback_api.escalations.sealing import Sealer
from feedback_api.outbox.models import OutboxMessage
from feedback_api.settings import Settings

log = logging.getLogger("yousaid.outbox")


class DeliveryError(Exception):
    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class Withdrawn(Exception):
    """The message must not be sent any more (the young person said no to worker messages)."""


def alert_text(payload: dict[str, Any]) -> str:
    level = str(payload["level"]).upper()
    event = str(payload["event"])
    lead = {
        "new": "New",
        "unacknowledged": "NOT ACKNOWLEDGED",
    }.get(event, "Update to")
    return (
        f"{level} safeguarding alert — {lead} escalation #{payload['escalation_id']}.\n"
        f"Open it (safeguarding login): {payload['link']}"
    )


class Deliverer:
    def __init__(
        self, settings: Settings, factory: sessionmaker[Session], client: httpx.AsyncClient
    ) -> None:
        self.settings = settings
        self.factory = factory
        self.client = client
        self._sealer: Sealer | None = None

    @property
    def sealer(self) -> Sealer:
        if self._sealer is None:
            self._sealer = Sealer.from_settings(self.settings)
        return self._sealer

    async def deliver(self, message: OutboxMessage) -> None:
        handler = getattr(self, f"_deliver_{message.channel}", None)
        if handler is None:
            raise DeliveryError(f"unknown channel {message.channel}")
        await handler(message)

    async def _deliver_log(self, message: OutboxMessage) -> None:
        log.warning("NO ALERT CHANNEL CONFIGURED — %s", alert_text(message.payload))

    async def _deliver_telegram(self, message: OutboxMessage) -> None:
        chat = (
            self.settings.backup_chat_id
            if message.recipient == "backup"
            else self.settings.safeguarding_chat_id
        )
        if not chat:
            raise DeliveryError("no staff Telegram chat configured")
        await self._telegram_send(chat, alert_text(message.payload))

    async def _deliver_reply(self, message: OutboxMessage) -> None:
        with self.factory() as session:
            escalation = session.get(Escalation, message.payload["escalation_id"])
            reply = session.get(EscalationMessage, message.payload["message_id"])
            if escalation is None or reply is None:
                raise DeliveryError("escalation or message missing")
            if escalation.contact_answer == ContactAnswer.NO:
                # A "no" that arrived while this reply was already claimed for delivery.
                raise Withdrawn(REFUSED)
            chat_id = self.sealer.unseal(escalation.sealed_chat_id)
            text = self.sealer.unseal(reply.sealed_text)
        await self._telegram_send(chat_id, f"A safety worker says:\n\n{text}")

    async def _telegram_send(self, chat_id: str, text: str) -> None:
        if self.settings.telegram_token is None:
            raise DeliveryError("no Telegram token configured")
        token = self.settings.telegram_token.get_secret_value()
        url = f"{self.settings.telegram_api_url}{token}/sendMessage"
        try:
            response = await self.client.post(url, json={"chat_id": chat_id, "text": text})
        except httpx.HTTPError as exc:
            raise DeliveryError(f"telegram unreachable: {type(exc).__name__}") from None
        body = _json(response)
        if response.status_code == 429:
            retry = float(body.get("parameters", {}).get("retry_after", 5))
            raise DeliveryError("telegram flood control", retry_after=retry)
        if not body.get("ok"):
            raise DeliveryError(f"telegram said {response.status_code}: {body.get('description')}")

    async def _deliver_webhook(self, message: OutboxMessage) -> None:
        assert self.settings.webhook_url
        try:
            response = await self.client.post(
                self.settings.webhook_url,
                json=message.payload | {"text": alert_text(message.payload)},
                headers={"Idempotency-Key": f"yousaid-outbox-{message.id}"},
            )
        except httpx.HTTPError as exc:
            raise DeliveryError(f"webhook unreachable: {type(exc).__name__}") from None
        if response.status_code >= 300:
            raise DeliveryError(f"webhook answered {response.status_code}")

    async def _deliver_email(self, message: OutboxMessage) -> None:
        settings = self.settings
        to = settings.smtp_backup_to if message.recipient == "backup" else settings.smtp_to
        email = EmailMessage()
        email["From"] = settings.smtp_from
        email["To"] = str(to)
        email["Subject"] = f"[yousaid] {str(message.payload['level']).upper()} safeguarding alert"
        # A stable Message-ID lets mail systems drop a duplicate if a retry follows a lost ack.
        email["Message-ID"] = f"<yousaid-outbox-{message.id}@yousaid>"
        email.set_content(alert_text(message.payload))

        def send() -> None:
            with smtplib.SMTP(str(settings.smtp_host), settings.smtp_port, timeout=10) as smtp:
                smtp.send_message(email)

        try:
            await asyncio.to_thread(send)
        except (OSError, smtplib.SMTPException) as exc:
            raise DeliveryError(f"smtp: {type(exc).__name__}") from None


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        data = response.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}
