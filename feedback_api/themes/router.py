"""Themes API for participation workers: theming runs, review, rename/merge/split/hide/promote."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request

from feedback_api.db import unit_of_work
from feedback_api.deps import SessionDep, SettingsDep
from feedback_api.staff.auth import ParticipationStaff
from feedback_api.themes import service
from feedback_api.themes.models import Theme, ThemingRun
from feedback_api.themes.schemas import (
    MergeRequest,
    PromoteRequest,
    RunCreate,
    RunRead,
    SplitRequest,
    ThemeRead,
    ThemeUpdate,
)

router = APIRouter(prefix="/api/v1", tags=["themes"])


def _theme(session: SessionDep, theme_id: int) -> Theme:
    return service.get_theme(session, theme_id)


@router.get("/themes", response_model=list[ThemeRead])
def list_themes(
    session: SessionDep, staff: ParticipationStaff, include_hidden: bool = False
) -> list[Theme]:
    return service.list_themes(session, include_hidden=include_hidden)


@router.get("/themes/{theme_id}", response_model=ThemeRead)
def read_theme(theme_id: int, session: SessionDep, staff: ParticipationStaff) -> Theme:
    return _theme(session, theme_id)


@router.patch("/themes/{theme_id}", response_model=ThemeRead)
def update_theme(
    theme_id: int, body: ThemeUpdate, session: SessionDep, staff: ParticipationStaff
) -> Theme:
    theme = _theme(session, theme_id)
    if body.label is not None:
        service.rename(session, theme=theme, label=body.label, staff=staff)
    if body.hidden is not None:
        service.set_hidden(session, theme=theme, hidden=body.hidden, staff=staff)
    return theme


@router.post("/themes/{theme_id}/merge", response_model=ThemeRead)
def merge_themes(
    theme_id: int, body: MergeRequest, session: SessionDep, staff: ParticipationStaff
) -> Theme:
    target = _theme(session, theme_id)
    sources = [_theme(session, i) for i in body.theme_ids]
    return service.merge(session, target=target, sources=sources, staff=staff)


@router.post("/themes/{theme_id}/split", response_model=list[ThemeRead])
def split_theme(
    theme_id: int, body: SplitRequest, session: SessionDep, staff: ParticipationStaff
) -> list[Theme]:
    theme = _theme(session, theme_id)
    return service.split(session, theme=theme, parts=body.parts, staff=staff)


@router.post("/themes/{theme_id}/promote", response_model=ThemeRead)
def promote_theme(
    theme_id: int,
    body: PromoteRequest,
    session: SessionDep,
    settings: SettingsDep,
    staff: ParticipationStaff,
) -> Theme:
    theme = _theme(session, theme_id)
    return service.promote(
        session,
        theme=theme,
        staff=staff,
        codebook_path=settings.codebook_path,
        description=body.description,
    )


@router.post("/theming-runs", response_model=RunRead, status_code=202)
def start_run(body: RunCreate, request: Request, staff: ParticipationStaff) -> ThemingRun:
    """Start theming in the background; poll GET /api/v1/theming-runs/{id} for progress."""
    # The job runs in another thread with its own session, so the run must be committed before
    # it starts: this endpoint owns that transaction rather than the request's.
    with unit_of_work(request.app.state.session_factory) as session:
        run = service.start_run(
            session, campaign=body.campaign, mode=body.mode, staff=session.merge(staff)
        )
    request.app.state.jobs.submit(request.app.state.run_theming, run.id)
    return run


@router.get("/theming-runs/{run_id}", response_model=RunRead)
def read_run(run_id: int, session: SessionDep, staff: ParticipationStaff) -> ThemingRun:
    run = session.get(ThemingRun, run_id)
    if run is None:
        raise HTTPException(404, "no such theming run")
    return run
