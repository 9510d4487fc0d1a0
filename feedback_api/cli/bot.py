"""`yousaid bot`: the Telegram conversation, by polling (default) or behind a webhook."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    import asyncio

    from sqlalchemy import Engine

    from bot.application import BotApp
    from feedback_api.settings import Settings


def bot(
    webhook_url: Annotated[
        str | None,
        typer.Option(
            help="Public HTTPS URL of the API's /telegram/webhook endpoint. The API process "
            "receives updates there (checking YOUSAID_TELEGRAM_WEBHOOK_SECRET); this process "
            "then works through them. Without it the bot polls Telegram.",
        ),
    ] = None,
    poll_timeout: Annotated[
        float, typer.Option(help="Seconds each getUpdates long poll may wait.")
    ] = 10.0,
    one_at_a_time: Annotated[
        bool,
        typer.Option(
            "--one-at-a-time",
            help="Handle every chat in one queue (the benchmark baseline; slower).",
        ),
    ] = False,
) -> None:
    """Run the Telegram bot (YOUSAID_TELEGRAM_TOKEN, YOUSAID_TELEGRAM_API_URL) until SIGTERM."""
    import asyncio
    import contextlib
    import logging

    from feedback_api.cli.common import engine_or_exit, fail, settings_or_exit
    from feedback_api.migrate import upgrade

    settings = settings_or_exit()
    if settings.telegram_token is None:
        fail("Set YOUSAID_TELEGRAM_TOKEN (the bot's token from @BotFather) to run the bot.")
    if webhook_url and settings.telegram_webhook_secret is None:
        fail("Webhook mode needs YOUSAID_TELEGRAM_WEBHOOK_SECRET, so others cannot post updates.")
    engine = engine_or_exit(settings)
    upgrade(engine)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    # uvloop's event loop does the bot's socket and callback work in C: measured in
    # docs/benchmarks.md (bot-load); the standard loop is used where uvloop is missing.
    runner = asyncio.run
    with contextlib.suppress(ImportError):
        import uvloop

        runner = uvloop.run
    runner(_serve(settings, engine, webhook_url, poll_timeout, one_at_a_time))


async def _serve(
    settings: Settings, engine: Engine, webhook_url: str | None, poll: float, serial: bool
) -> None:
    import asyncio
    import signal

    from bot.application import build_application
    from bot.engine import safe_screen
    from bot.runner import BotRunner
    from feedback_api.db import make_session_factory
    from nlu.screen import screen

    application = build_application(settings, session_factory=make_session_factory(engine))
    # Screen once before taking updates, so the first message is not slowed by compiling it.
    await asyncio.to_thread(safe_screen, screen, "warm up")
    # The flow never depends on the NLU: start without it and plug it in once it is built.
    nlu = asyncio.create_task(_attach_classifier(application, settings))
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    runner = BotRunner(application, poll_timeout=poll, one_at_a_time=serial)
    if not await _connect(application, stop):
        nlu.cancel()
        return
    if webhook_url:
        secret = settings.telegram_webhook_secret
        await application.bot.set_webhook(
            webhook_url,
            secret_token=secret.get_secret_value() if secret else None,
            allowed_updates=["message", "edited_message", "callback_query", "my_chat_member"],
        )
    print("[bot] running; SIGTERM stops", flush=True)
    await runner.run(stop, webhook=bool(webhook_url))
    nlu.cancel()
    print("[bot] stopped", flush=True)


async def _connect(application: BotApp, stop: asyncio.Event) -> bool:
    """Reach the Bot API (it may still be starting, e.g. the local emulator); False if stopped."""
    import asyncio
    import contextlib
    import logging

    from telegram.error import InvalidToken, TelegramError

    from bot.application import set_commands

    delay = 1.0
    while not stop.is_set():
        try:
            await application.initialize()
        except InvalidToken:
            raise
        except TelegramError as exc:
            logging.getLogger(__name__).warning("Bot API not reachable yet (%s)", exc)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), delay)
            delay = min(delay * 2, 30.0)
            continue
        try:
            await set_commands(application)
        except TelegramError:
            logging.getLogger(__name__).warning("could not set the command menu; carrying on")
        return True
    return False


async def _attach_classifier(application: BotApp, settings: Settings) -> None:
    import asyncio
    import logging

    from bot.application import engine_of
    from nlu.intents import build_classifier

    token = settings.rasa_token.get_secret_value() if settings.rasa_token else None
    try:
        classifier = await asyncio.to_thread(
            build_classifier, rasa_url=settings.rasa_url, rasa_token=token
        )
    except Exception:
        logging.getLogger(__name__).exception("no intent classifier: keyword matching only")
        return
    engine_of(application).classifier = classifier


def register(app: typer.Typer) -> None:
    app.command("bot")(bot)
