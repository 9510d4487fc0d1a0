"""What participation workers do with themes: rename, merge, split, hide, promote."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from consent.db import utcnow
from consent.models import Response
from feedback_api.audit.service import audit
from feedback_api.errors import Conflict
from feedback_api.staff.models import StaffMember
from feedback_api.themes.models import Theme, ThemeAssignment, ThemingRun
from feedback_api.themes.persist import recount
from feedback_api.themes.vectors import load_vectors


class ThemeError(Conflict):
    pass


def list_themes(session: Session, *, include_hidden: bool = False) -> list[Theme]:
    query = select(Theme).order_by(Theme.participants.desc(), Theme.id)
    statuses = ["active", "hidden"] if include_hidden else ["active"]
    return list(session.scalars(query.where(Theme.status.in_(statuses))))


def get_theme(session: Session, theme_id: int) -> Theme:
    theme = session.get(Theme, theme_id)
    if theme is None:
        raise ThemeError("no such theme")
    return theme


def start_run(
    session: Session, *, campaign: str | None, mode: str, staff: StaffMember
) -> ThemingRun:
    busy = session.scalar(select(ThemingRun).where(ThemingRun.status.in_(["queued", "running"])))
    if busy is not None:
        raise ThemeError(f"theming run {busy.id} is still {busy.status}; wait for it to finish")
    run = ThemingRun(campaign=campaign, mode=mode, created_by=staff.id)
    session.add(run)
    session.flush()
    audit(session, actor=staff, action="theming_run", object_type="theming_run", object_id=run.id)
    return run


def rename(session: Session, *, theme: Theme, label: str, staff: StaffMember) -> Theme:
    theme.label = label.strip()
    theme.label_locked = True
    theme.updated_at = utcnow()
    audit(
        session,
        actor=staff,
        action="rename",
        object_type="theme",
        object_id=theme.id,
        detail={"label": theme.label},
    )
    return theme


def set_hidden(session: Session, *, theme: Theme, hidden: bool, staff: StaffMember) -> Theme:
    if theme.status == "merged":
        raise ThemeError("a merged theme cannot be hidden or shown")
    theme.status = "hidden" if hidden else "active"
    audit(
        session,
        actor=staff,
        action="hide" if hidden else "show",
        object_type="theme",
        object_id=theme.id,
    )
    return theme


def merge(session: Session, *, target: Theme, sources: list[Theme], staff: StaffMember) -> Theme:
    if any(s.id == target.id for s in sources):
        raise ThemeError("a theme cannot be merged into itself")
    if target.status == "merged":
        raise ThemeError("cannot merge into a theme that was itself merged")
    ids = [s.id for s in sources]
    session.execute(
        update(ThemeAssignment).where(ThemeAssignment.theme_id.in_(ids)).values(theme_id=target.id)
    )
    for source in sources:
        source.status = "merged"
        source.merged_into_id = target.id
        target.keywords = list(dict.fromkeys([*target.keywords, *source.keywords]))[:8]
    recount(session, [target.id, *ids])
    audit(
        session,
        actor=staff,
        action="merge",
        object_type="theme",
        object_id=target.id,
        detail={"merged": ids},
    )
    return target


def split(session: Session, *, theme: Theme, parts: int, staff: StaffMember) -> list[Theme]:
    """Cluster one theme's responses into `parts` new themes, by their cached vectors."""
    from nlu.theming.discover import cluster
    from nlu.theming.labels import describe

    if parts < 2 or parts > 10:
        raise ThemeError("split into between 2 and 10 parts")
    rows = session.execute(
        select(ThemeAssignment.response_id, Response.text)
        .join(Response, Response.id == ThemeAssignment.response_id)
        .where(ThemeAssignment.theme_id == theme.id)
        .order_by(ThemeAssignment.response_id)
    ).all()
    vectors = load_vectors(session, [r for r, _ in rows])
    usable = [(r, t) for r, t in rows if r in vectors]
    if len(usable) < parts * 2:
        raise ThemeError("too few responses with vectors to split; run theming first")
    clustering = cluster(np.vstack([vectors[r] for r, _ in usable]), k=parts)
    groups = [
        [t or "" for (r, t), c in zip(usable, clustering.labels, strict=True) if c == i]
        for i in range(clustering.k)
    ]
    descriptions = describe(groups)
    created = []
    for i, description in enumerate(descriptions):
        child = Theme(
            key=f"split{theme.id}:{i}:{utcnow():%Y%m%d%H%M%S}",
            label=description.label,
            keywords=list(description.keywords),
            source="split",
            harm_types=theme.harm_types,
            aims=theme.aims,
            description=theme.description,
        )
        session.add(child)
        session.flush()
        members = [r for (r, _), c in zip(usable, clustering.labels, strict=True) if c == i]
        session.execute(
            update(ThemeAssignment)
            .where(ThemeAssignment.response_id.in_(members))
            .values(theme_id=child.id)
        )
        created.append(child)
    theme.status = "merged" if not _has_members(session, theme) else theme.status
    if theme.status == "merged":
        theme.merged_into_id = created[0].id
    recount(session, [theme.id, *(c.id for c in created)])
    audit(
        session,
        actor=staff,
        action="split",
        object_type="theme",
        object_id=theme.id,
        detail={"into": [c.id for c in created]},
    )
    return created


def _has_members(session: Session, theme: Theme) -> bool:
    return (
        session.scalar(
            select(ThemeAssignment.response_id).where(ThemeAssignment.theme_id == theme.id).limit(1)
        )
        is not None
    )


def promote(
    session: Session,
    *,
    theme: Theme,
    staff: StaffMember,
    codebook_path: Path,
    description: str | None = None,
) -> Theme:
    """Add a discovered theme, as the worker named it, to the codebook used by later runs."""
    import yaml

    from nlu.redact import redact
    from nlu.theming.codebook import DEFAULT_CODEBOOK, promote_theme

    if theme.source == "codebook":
        raise ThemeError("this theme is already in the codebook")
    source = codebook_path if codebook_path.exists() else DEFAULT_CODEBOOK
    data = yaml.safe_load(source.read_text())
    slug = re.sub(r"[^a-z0-9]+", "_", theme.label.lower()).strip("_")[:40] or f"theme_{theme.id}"
    examples = [
        redact(t).text
        for t in session.scalars(
            select(Response.text)
            .join(ThemeAssignment, ThemeAssignment.response_id == Response.id)
            .where(ThemeAssignment.theme_id == theme.id, Response.text.is_not(None))
            .order_by(ThemeAssignment.score.desc())
            .limit(5)
        )
        if t
    ]
    if len(examples) < 3:
        raise ThemeError("a theme needs at least 3 responses to be promoted")
    codebook_path.parent.mkdir(parents=True, exist_ok=True)
    promote_theme(
        data,
        theme_id=slug,
        label=theme.label,
        description=description or theme.label,
        examples=examples,
        path=codebook_path,
    )
    theme.source = "promoted"
    theme.key = f"cb:{slug}"
    theme.label_locked = True
    audit(
        session,
        actor=staff,
        action="promote",
        object_type="theme",
        object_id=theme.id,
        detail={"codebook_id": slug},
    )
    return theme
