"""Core commands: database, API server, the whole stack, retention purge."""

from __future__ import annotations

from typing import Annotated

import typer

from feedback_api.cli.common import fail, settings_or_exit

db_app = typer.Typer(help="Database schema management.", no_args_is_help=True)


@db_app.command("upgrade")
def db_upgrade(
    revision: Annotated[str, typer.Argument(help="Target revision.")] = "head",
) -> None:
    """Create or upgrade the database schema to the latest version (safe to run again)."""
    from feedback_api.cli.common import engine_or_exit
    from feedback_api.migrate import current_revision, upgrade

    engine = engine_or_exit(settings_or_exit())
    before = current_revision(engine)
    upgrade(engine, revision)
    after = current_revision(engine)
    typer.echo(f"database at revision {after} (was {before or 'empty'})")


def api(
    host: Annotated[str | None, typer.Option(help="Interface to bind.")] = None,
    port: Annotated[int | None, typer.Option(help="TCP port.")] = None,
) -> None:
    """Serve the feedback API (health at /healthz, OpenAPI at /openapi.json)."""
    import uvicorn

    from feedback_api.app import create_app
    from feedback_api.cli.common import engine_or_exit
    from feedback_api.migrate import upgrade

    settings = settings_or_exit()
    upgrade(engine_or_exit(settings))
    app = create_app(settings)
    uvicorn.run(app, host=host or settings.api_host, port=port or settings.api_port)


def run() -> None:
    """Run everything `make run` starts, on the embedded default database."""
    from feedback_api.runner import run_stack

    run_stack(settings_or_exit())


def purge(
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Only show what would go.")] = False,
    days: Annotated[
        int | None, typer.Option(help="Retention period in days (default from settings).")
    ] = None,
) -> None:
    """Delete raw response text older than the retention period; aggregates stay."""
    from consent.service import purge_expired
    from feedback_api.cli.common import engine_or_exit
    from feedback_api.db import make_session_factory, unit_of_work
    from feedback_api.migrate import upgrade

    settings = settings_or_exit()
    engine = engine_or_exit(settings)
    upgrade(engine)
    retention = days if days is not None else settings.retention_days
    if retention < 1:
        fail("--days must be at least 1.")
    with unit_of_work(make_session_factory(engine)) as session:
        summary = purge_expired(session, retention_days=retention, dry_run=dry_run)
    verb = "would purge" if dry_run else "purged"
    typer.echo(
        f"{verb} the text of {summary.texts} responses older than "
        f"{summary.cutoff:%Y-%m-%d} ({retention} days); counts and themes are kept"
    )


def register(app: typer.Typer) -> None:
    app.add_typer(db_app, name="db")
    app.command("api")(api)
    app.command("run")(run)
    app.command("purge")(purge)
