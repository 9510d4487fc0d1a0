"""Saving a theming result: themes upserted by key, assignments replaced, counts refreshed."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from consent.db import utcnow
from consent.models import Response
from feedback_api.themes.models import Theme, ThemeAssignment, ThemingRun


def theme_key(run_id: int, engine_id: str, source: str) -> str:
    if source == "codebook":
        return f"cb:{engine_id}"
    if engine_id == "other":
        return "other"
    return f"run{run_id}:{engine_id}"


def resolve(session: Session, theme: Theme) -> Theme:
    """Follow merges, so re-theming respects what workers merged."""
    seen = set()
    while theme.status == "merged" and theme.merged_into_id and theme.id not in seen:
        seen.add(theme.id)
        target = session.get(Theme, theme.merged_into_id)
        if target is None:
            break
        theme = target
    return theme


def _upsert(session: Session, *, key: str, values: dict[str, Any]) -> Theme:
    theme = session.scalar(select(Theme).where(Theme.key == key))
    if theme is None:
        theme = Theme(key=key, **values)
        session.add(theme)
        session.flush()
        return theme
    for name, value in values.items():
        if name == "label" and theme.label_locked:
            continue
        setattr(theme, name, value)
    if theme.status == "retired":
        theme.status = "active"
    theme.updated_at = utcnow()
    return resolve(session, theme)


def save_result(session: Session, *, run_id: int, result: Any, codebook: Any | None) -> None:
    run = session.get(ThemingRun, run_id)
    assert run is not None
    by_codebook = {t.id: t for t in codebook.themes} if codebook is not None else {}
    db_ids: dict[str, int] = {}
    for theme in result.themes:
        entry = by_codebook.get(theme.id) if theme.source == "codebook" else None
        values: dict[str, Any] = {
            "label": entry.label if entry else theme.label,
            "keywords": list(theme.keywords),
            "sentiment": theme.sentiment,
            "source": "codebook" if entry else "discovered",
            "last_run_id": run_id,
        }
        if entry:
            values |= {
                "description": entry.description,
                "harm_types": list(entry.harm_types),
                "aims": [str(a) for a in entry.aims],
            }
        row = _upsert(session, key=theme_key(run_id, theme.id, theme.source), values=values)
        db_ids[theme.id] = row.id
    _replace_assignments(session, run=run, result=result, db_ids=db_ids)
    _retire_empty_discoveries(session)


def _replace_assignments(
    session: Session, *, run: ThemingRun, result: Any, db_ids: dict[str, int]
) -> None:
    scope = select(Response.id)
    if run.campaign:
        scope = scope.where(Response.campaign == run.campaign)
    session.execute(delete(ThemeAssignment).where(ThemeAssignment.response_id.in_(scope)))
    scores = result.similarity or [0.0] * len(result.assignments)
    rows = [
        {"response_id": int(rid), "theme_id": db_ids[tid], "score": float(score), "run_id": run.id}
        for (rid, tid), score in zip(result.assignments, scores, strict=True)
    ]
    for start in range(0, len(rows), 5000):
        session.execute(insert(ThemeAssignment), rows[start : start + 5000])
    recount(session)


def recount(session: Session, theme_ids: Iterable[int] | None = None) -> None:
    query = (
        select(
            ThemeAssignment.theme_id,
            func.count(),
            func.count(func.distinct(Response.participant_id)),
        )
        .join(Response, Response.id == ThemeAssignment.response_id)
        .group_by(ThemeAssignment.theme_id)
    )
    ids = list(theme_ids) if theme_ids is not None else None
    if ids is not None:
        query = query.where(ThemeAssignment.theme_id.in_(ids))
        session.execute(update(Theme).where(Theme.id.in_(ids)).values(responses=0, participants=0))
    else:
        session.execute(update(Theme).values(responses=0, participants=0))
    for theme_id, responses, participants in session.execute(query):
        session.execute(
            update(Theme)
            .where(Theme.id == theme_id)
            .values(responses=responses, participants=participants)
        )
    session.flush()


def _retire_empty_discoveries(session: Session) -> None:
    session.execute(
        update(Theme)
        .where(
            Theme.source == "discovered",
            Theme.responses == 0,
            Theme.status == "active",
            Theme.label_locked.is_(False),
        )
        .values(status="retired")
    )
