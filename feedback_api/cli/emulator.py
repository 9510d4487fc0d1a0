"""`yousaid emulator`: the local Telegram Bot API emulator, for development and tests."""

from __future__ import annotations

import typer

_LOOPBACK = ("127.0.0.1", "localhost", "::1")


def register(app: typer.Typer) -> None:
    @app.command("emulator")
    def emulator(
        host: str = typer.Option(
            "127.0.0.1", help="Interface to listen on. Keep it local: the control API is open."
        ),
        port: int = typer.Option(8081, help="TCP port."),
        token: str = typer.Option(
            None,
            envvar="YOUSAID_EMULATOR_TOKEN",
            help="Bot token the emulator accepts (default: a fixed local-only token).",
            show_default=False,
        ),
        bot_username: str = typer.Option("yousaid_local_bot", help="The bot's @username."),
        log_level: str = typer.Option("warning", help="uvicorn log level."),
        flood_limits: bool = typer.Option(
            False,
            "--flood-limits/--no-flood-limits",
            help="Answer 429 like Telegram when the bot sends over ~30/s, ~1/s per chat or "
            "20/min per group (approximate; off by default).",
        ),
    ) -> None:
        """Run a local Telegram Bot API emulator with simulated users and a browser chat page.

        Point the bot at http://HOST:PORT/bot (YOUSAID_TELEGRAM_API_URL) with the printed token.

        Open http://HOST:PORT/chat to talk to the bot as a young person would.

        Nothing is persisted: stopping the emulator forgets every user, chat and update.
        """
        from bot.emulator import DEFAULT_TOKEN, EmulatorState, serve
        from bot.emulator.flood import FloodLimits

        if host not in _LOOPBACK:
            typer.secho(
                f"warning: {host} is not loopback; anyone who can reach it can act as any user",
                fg=typer.colors.YELLOW,
                err=True,
            )
        state = EmulatorState(
            token or DEFAULT_TOKEN,
            bot_username=bot_username,
            flood_limits=FloodLimits() if flood_limits else None,
        )
        root = f"http://{host}:{port}"
        typer.echo(f"Bot API base URL:  {root}/bot   (YOUSAID_TELEGRAM_API_URL)")
        typer.echo(f"Bot token:         {state.token}   (YOUSAID_TELEGRAM_TOKEN)")
        typer.echo(f"Chat page:         {root}/chat")
        typer.echo(f"Control API:       {root}/control/...")
        serve(host=host, port=port, state=state, log_level=log_level)
