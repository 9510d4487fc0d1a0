"""Webhook mode: Telegram POSTs updates here; we store them in the inbox and answer 200 fast.

The bot process (`yousaid bot --webhook-url ...`) works through the inbox. If the store is down
we answer with a sendMessage in the webhook response, so the person hears "try again shortly"
instead of silence, and nothing is claimed saved.
"""

from __future__ import annotations

import hmac
import logging
from typing import Any

from fastapi import APIRouter, Header, HTTPException, Request
from sqlalchemy.exc import SQLAlchemyError

from bot import inbox
from bot.catalogue import language_for, load_catalogue
from bot.engine import safe_screen
from feedback_api.deps import SettingsDep
from feedback_api.escalations.sealing import Sealer
from feedback_api.settings import Settings
from nlu.screen import Level, screen

log = logging.getLogger(__name__)
router = APIRouter(tags=["telegram"])


def _secret_ok(expected: str | None, given: str | None) -> bool:
    if not expected or given is None:
        return False
    return hmac.compare_digest(expected.encode(), given.encode())


def _sorry(raw: dict[str, Any], settings: Settings) -> dict[str, Any]:
    """One reply (all a webhook response allows): help first if the screen flags the words."""
    chat_id = inbox.raw_chat_id(raw)
    message = raw.get("message") or raw.get("edited_message") or {}
    code = (message.get("from") or {}).get("language_code")
    if chat_id is None:
        return {}
    cat = load_catalogue(language_for(code))
    texts = [cat.text("store_down")]
    level = safe_screen(screen, str(message.get("text") or message.get("caption") or "")).level
    if level is not Level.NONE:
        key = "urgent" if level is Level.URGENT else "concern"
        help_values = {
            "front_door_name": settings.front_door_name,
            "front_door_phone": settings.front_door_phone,
        }
        texts.insert(0, cat.text(key, **help_values))
    return {"method": "sendMessage", "chat_id": chat_id, "text": "\n\n".join(texts)}


@router.post("/telegram/webhook", include_in_schema=False)
async def telegram_webhook(
    request: Request,
    settings: SettingsDep,
    x_telegram_bot_api_secret_token: str | None = Header(default=None),
) -> dict[str, Any]:
    secret = settings.telegram_webhook_secret
    expected = secret.get_secret_value() if secret else None
    if not _secret_ok(expected, x_telegram_bot_api_secret_token):
        raise HTTPException(status_code=403, detail="forbidden")
    raw = await request.json()
    if not isinstance(raw, dict) or not isinstance(raw.get("update_id"), int):
        raise HTTPException(status_code=400, detail="not a Telegram update")
    factory = request.app.state.session_factory
    try:
        with factory() as session, session.begin():
            inbox.store_updates(
                session,
                [raw],
                sealer=Sealer.from_settings(settings),
                pepper=settings.pepper_bytes(),
            )
    except SQLAlchemyError:
        log.exception("DATABASE UNAVAILABLE: webhook update %s not stored", raw["update_id"])
        return _sorry(raw, settings)
    return {}
