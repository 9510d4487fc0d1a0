"""FastAPI dependency aliases, in one place."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from feedback_api.escalations.sealing import Sealer
from feedback_api.settings import Settings


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_session(request: Request) -> Iterator[Session]:
    """One transaction per request: committed when the handler returns, rolled back on error."""
    factory = request.app.state.session_factory
    with factory() as session, session.begin():
        yield session


def get_sealer(request: Request) -> Sealer:
    """One sealer per app: the key is read once, not on every request."""
    sealer: Sealer | None = getattr(request.app.state, "sealer", None)
    if sealer is None:
        sealer = request.app.state.sealer = Sealer.from_settings(request.app.state.settings)
    return sealer


SettingsDep = Annotated[Settings, Depends(get_settings)]
SessionDep = Annotated[Session, Depends(get_session)]
SealerDep = Annotated[Sealer, Depends(get_sealer)]
