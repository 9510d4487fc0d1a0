"""Build the python-telegram-bot Application: nothing happens at import time.

We own the update loop (bot.runner) so every update is stored before it is confirmed; the
Application provides the Bot, parsing and handler dispatch, with one handler into the Engine.
"""

from __future__ import annotations

import logging
import sys
from typing import Any, TypeAlias

from sqlalchemy.orm import Session, sessionmaker
from telegram import BotCommand, Update
from telegram.ext import AIORateLimiter, Application, ContextTypes, TypeHandler

from bot.catalogue import available_languages, load_catalogue
from bot.engine import Engine, Screen, StoreUnavailable
from feedback_api.escalations.sealing import Sealer
from feedback_api.settings import Settings
from nlu.intents import IntentClassifier

log = logging.getLogger(__name__)
TELEGRAM_API = "https://api.telegram.org/bot"
COMMANDS = ("start", "help", "privacy", "mydata", "delete", "stop", "language")
BotApp: TypeAlias = Application[Any, Any, Any, Any, Any, Any]
# httpcore checks every pooled connection (a syscall each) on every request, so a big pool
# costs CPU per send; 8 in flight covers Telegram's 30 messages/s at ~250 ms a request.
POOL_SIZE = 8


def _stop_sniffio_lookups() -> None:
    """httpcore imports sniffio on every request; without it each try scans sys.path again."""
    try:
        import sniffio  # noqa: F401
    except ImportError:
        # None in sys.modules makes later imports fail at once: httpcore then assumes asyncio.
        sys.modules["sniffio"] = None  # type: ignore[assignment]


def _engine_of(context: ContextTypes.DEFAULT_TYPE) -> Engine:
    engine: Engine = context.bot_data["engine"]
    return engine


async def _on_update(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    if isinstance(update, Update):
        await _engine_of(context).handle(update, context.bot)


async def _on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    if isinstance(context.error, StoreUnavailable):
        return  # already logged loudly by the engine; the runner retries the update
    log.error("error while handling an update", exc_info=context.error)


def build_application(
    settings: Settings,
    *,
    session_factory: sessionmaker[Session],
    classifier: IntentClassifier | None = None,
    check: Screen | None = None,
) -> BotApp:
    if settings.telegram_token is None:
        raise ValueError("YOUSAID_TELEGRAM_TOKEN is not set")
    _stop_sniffio_lookups()
    builder = (
        Application.builder()
        .token(settings.telegram_token.get_secret_value())
        .base_url(settings.telegram_api_url)
        .updater(None)
        .connection_pool_size(POOL_SIZE)
        .pool_timeout(10.0)
    )
    if settings.telegram_api_url.rstrip("/") == TELEGRAM_API:
        # Telegram's own limits (30 msg/s overall, 20/min per group); 429s are retried.
        builder = builder.rate_limiter(AIORateLimiter(max_retries=3))  # type: ignore[arg-type]
    application = builder.build()
    kwargs = {} if check is None else {"check": check}
    engine = Engine(
        settings=settings,
        factory=session_factory,
        sealer=Sealer.from_settings(settings),
        classifier=classifier,
        **kwargs,  # type: ignore[arg-type]
    )
    application.bot_data["engine"] = engine
    application.add_handler(TypeHandler(Update, _on_update))
    application.add_error_handler(_on_error)
    return application


def engine_of(application: BotApp) -> Engine:
    engine: Engine = application.bot_data["engine"]
    return engine


async def set_commands(application: BotApp) -> None:
    """The command menu, in every catalogue language (English as the default)."""
    for code in available_languages():
        cat = load_catalogue(code)
        commands = [BotCommand(name, cat.text(f"cmd_{name}")) for name in COMMANDS]
        language = None if code == "en" else code
        await application.bot.set_my_commands(commands, language_code=language)
