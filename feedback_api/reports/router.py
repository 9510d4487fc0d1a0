"""Reports: participation workers draft and preview; publishers publish."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Response
from fastapi.responses import HTMLResponse
from sqlalchemy import select

from consent.db import utcnow
from feedback_api.audit.service import audit
from feedback_api.deps import SessionDep, SettingsDep
from feedback_api.reports import service
from feedback_api.reports.content import ReportContent
from feedback_api.reports.models import Report
from feedback_api.reports.schemas import ReportCreate, ReportRead
from feedback_api.settings import Settings
from feedback_api.staff.auth import ParticipationOrPublisher, PublisherStaff

router = APIRouter(prefix="/api/v1/reports", tags=["reports"])


def _read(report: Report, settings: Settings) -> ReportRead:
    url = f"{settings.public_base_url.rstrip('/')}/reports/{report.slug}"
    return ReportRead.model_validate(report).model_copy(
        update={"public_url": url if report.status == "published" else None}
    )


def _get(session: SessionDep, report_id: int) -> Report:
    report = session.get(Report, report_id)
    if report is None:
        raise HTTPException(404, "no such report")
    return report


@router.post("", response_model=ReportRead, status_code=201)
def draft_report(
    body: ReportCreate, session: SessionDep, settings: SettingsDep, staff: ParticipationOrPublisher
) -> ReportRead:
    """Draft a report for a campaign and period from the current themes and actions."""
    slug = service.slug_for(body.campaign, body.period_start, body.period_end)
    taken = session.scalar(select(Report).where(Report.slug == slug))
    if taken is not None and taken.status == "published":
        raise HTTPException(
            409, f"a report for this period is already published at /reports/{slug}"
        )
    content = service.build_content(
        session,
        settings=settings,
        campaign=body.campaign,
        start=body.period_start,
        end=body.period_end,
        slug=slug,
        title=body.title,
        introduction=body.introduction,
        what_happens_next=body.what_happens_next,
    )
    report = taken or Report(
        slug=slug,
        campaign=body.campaign,
        period_start=body.period_start,
        period_end=body.period_end,
        created_by=staff.id,
        content={},
    )
    report.content = content.model_dump(mode="json")
    session.add(report)
    session.flush()
    audit(session, actor=staff, action="draft", object_type="report", object_id=report.id)
    return _read(report, settings)


@router.get("", response_model=list[ReportRead])
def list_reports(
    session: SessionDep, settings: SettingsDep, staff: ParticipationOrPublisher
) -> list[ReportRead]:
    return [_read(r, settings) for r in session.scalars(select(Report).order_by(Report.id.desc()))]


@router.get("/{report_id}", response_model=ReportRead)
def read_report(
    report_id: int, session: SessionDep, settings: SettingsDep, staff: ParticipationOrPublisher
) -> ReportRead:
    return _read(_get(session, report_id), settings)


@router.get("/{report_id}/preview", response_class=HTMLResponse)
def preview(
    report_id: int,
    session: SessionDep,
    settings: SettingsDep,
    staff: ParticipationOrPublisher,
    format: str = "html",
) -> Response:
    """The draft exactly as it will be published (html, pdf, md, csv or json)."""
    from feedback_api.public.router import rendered

    content = ReportContent.model_validate(_get(session, report_id).content)
    return rendered(content, format, settings)


@router.post("/{report_id}/publish", response_model=ReportRead)
def publish(
    report_id: int, session: SessionDep, settings: SettingsDep, staff: PublisherStaff
) -> ReportRead:
    """Freeze the draft and put it on its public URL. A published report never changes."""
    report = _get(session, report_id)
    if report.status == "published":
        raise HTTPException(409, "this report is already published")
    report.status = "published"
    report.published_at = utcnow()
    report.published_by = staff.id
    report.content = report.content | {"published_at": report.published_at.isoformat()}
    audit(session, actor=staff, action="publish", object_type="report", object_id=report.id)
    return _read(report, settings)
