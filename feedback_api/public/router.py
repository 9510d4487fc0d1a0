"""Published reports, at stable public URLs that need no login."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Response
from fastapi.responses import HTMLResponse
from sqlalchemy import select

from feedback_api.deps import SessionDep, SettingsDep
from feedback_api.reports.content import ReportContent
from feedback_api.reports.models import Report
from feedback_api.settings import Settings

router = APIRouter(tags=["public"])

MEDIA = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "md": "text/markdown; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}


def rendered(content: ReportContent, fmt: str, settings: Settings) -> Response:
    from feedback_api.reports import render

    if fmt not in MEDIA:
        raise HTTPException(404, f"unknown format {fmt!r}; use one of {', '.join(MEDIA)}")
    base = settings.public_base_url.rstrip("/")
    body: str | bytes
    if fmt == "html":
        body = render.render_html(content, base_url=base)
    elif fmt == "pdf":
        body = render.render_pdf(content)
    elif fmt == "md":
        body = render.render_markdown(content)
    elif fmt == "csv":
        body = render.render_csv(content)
    else:
        body = render.render_json(content)
    headers = {}
    if fmt in {"pdf", "csv", "md"}:
        headers["Content-Disposition"] = f'inline; filename="{content.slug}.{fmt}"'
    return Response(body, media_type=MEDIA[fmt], headers=headers)


@router.get("/reports", response_class=HTMLResponse)
def index(session: SessionDep) -> HTMLResponse:
    from html import escape

    reports = session.scalars(
        select(Report).where(Report.status == "published").order_by(Report.period_end.desc())
    ).all()
    links = [f'<li><a href="/reports/{escape(r.slug)}">{escape(_title(r))}</a>' for r in reports]
    items = "".join(links) or "<li>No reports have been published yet.</li>"
    return HTMLResponse(
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>You said, we did: reports</title></head><body><main>"
        f"<h1>You said, we did</h1><ul>{items}</ul></main></body></html>"
    )


def _title(report: Report) -> str:
    return str(report.content.get("title", report.slug))


@router.get("/reports/{name}")
def public_report(name: str, session: SessionDep, settings: SettingsDep) -> Response:
    slug, dot, fmt = name.rpartition(".")
    if not dot or fmt not in MEDIA:
        slug, fmt = name, "html"
    report = session.scalar(select(Report).where(Report.slug == slug, Report.status == "published"))
    if report is None:
        raise HTTPException(404, "no published report at this address")
    return rendered(ReportContent.model_validate(report.content), fmt, settings)
