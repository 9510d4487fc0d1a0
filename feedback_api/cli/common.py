"""Shared CLI plumbing: settings and database errors become one clear sentence."""

from __future__ import annotations

from typing import NoReturn

import typer
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from feedback_api.settings import ConfigError, Settings, load_settings


def fail(message: str, code: int = 2) -> NoReturn:
    typer.echo(f"yousaid: {message}", err=True)
    raise typer.Exit(code)


def settings_or_exit() -> Settings:
    try:
        settings = load_settings()
        if not settings.database_url:
            settings.prepare_var_dir()
        settings.pepper_bytes()  # generates the pepper on first run, never printed
        return settings
    except ConfigError as exc:
        fail(str(exc))


def engine_or_exit(settings: Settings) -> Engine:
    from feedback_api.db import make_engine

    url = settings.resolved_database_url
    try:
        engine = make_engine(url)
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as exc:
        safe = make_url(url).render_as_string(hide_password=True)
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0][:200]
        fail(f"Cannot open the database {safe}: {reason}")
    return engine
