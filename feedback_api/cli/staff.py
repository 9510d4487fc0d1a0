"""Staff accounts and the notification outbox worker."""

from __future__ import annotations

from typing import Annotated

import typer

from feedback_api.cli.common import engine_or_exit, fail, settings_or_exit

staff_app = typer.Typer(help="Staff accounts and their bearer tokens.", no_args_is_help=True)
outbox_app = typer.Typer(
    help="Deliver safeguarding alerts and worker replies.", no_args_is_help=True
)


@staff_app.command("add")
def add(
    name: Annotated[str, typer.Option(help="The person's name, as colleagues know them.")],
    role: Annotated[str, typer.Option(help="participation | safeguarding | publisher | admin")],
) -> None:
    """Create a staff member. The bearer token is printed once, as the last line; keep it safe."""
    from feedback_api.db import make_session_factory, unit_of_work
    from feedback_api.migrate import upgrade
    from feedback_api.staff.models import Role
    from feedback_api.staff.service import add_staff

    try:
        chosen = Role(role.strip().lower())
    except ValueError:
        fail(f"--role must be one of {', '.join(r.value for r in Role)}, not {role!r}.")
    if not name.strip():
        fail("--name must not be empty.")
    engine = engine_or_exit(settings_or_exit())
    upgrade(engine)
    with unit_of_work(make_session_factory(engine)) as session:
        member, token = add_staff(session, name=name, role=chosen)
        member_id = member.id
    typer.echo(f"added staff #{member_id} {name.strip()} with role {chosen.value}; bearer token:")
    typer.echo(token)


@outbox_app.command("work")
def work(
    once: Annotated[bool, typer.Option("--once", help="One pass, then exit.")] = False,
    interval: Annotated[float, typer.Option(help="Seconds between passes.")] = 1.0,
) -> None:
    """Deliver queued alerts and replies, retrying with backoff until each is delivered."""
    import asyncio
    import logging

    import httpx

    from feedback_api.db import make_session_factory
    from feedback_api.migrate import upgrade
    from feedback_api.outbox.delivery import Deliverer
    from feedback_api.outbox.worker import run_once, work_forever

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    settings = settings_or_exit()
    engine = engine_or_exit(settings)
    upgrade(engine)
    factory = make_session_factory(engine)

    async def one_pass() -> int:
        async with httpx.AsyncClient(timeout=10) as client:
            return await run_once(settings, factory, Deliverer(settings, factory, client))

    try:
        if once:
            typer.echo(f"delivered {asyncio.run(one_pass())}")
        else:
            asyncio.run(work_forever(settings, factory, interval=interval))
    except KeyboardInterrupt:
        pass


def register(app: typer.Typer) -> None:
    app.add_typer(staff_app, name="staff")
    app.add_typer(outbox_app, name="outbox")
