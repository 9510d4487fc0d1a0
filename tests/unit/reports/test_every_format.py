"""Edge cases every format must survive: a bare report with almost nothing in it."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from pypdf import PdfReader

from feedback_api.reports.content import Participation, ReportContent
from feedback_api.reports.render import (
    render_as,
    render_csv,
    render_html,
    render_json,
    render_markdown,
    render_pdf,
)
from feedback_api.reports.render.words import NO_THEMES


def bare_report() -> ReportContent:
    return ReportContent(
        slug="tiny-2026-q1",
        title="You said, we did: a very small quarter",
        partnership="Smallton Partnership",
        campaign="Feeling safe",
        period_start=date(2026, 1, 1),
        period_end=date(2026, 3, 31),
        introduction="Only a few people took part this time.",
        participation=Participation(
            total_participants=None,
            total_responses=None,
            suppression_note="Numbers under 5 are not shown.",
        ),
        themes=[],
        what_happens_next="We will ask again.",
        contact="Message the chatbot.",
        method_note="Nothing to report without identifying someone.",
    )


def test_a_bare_draft_renders_in_every_format_and_says_fewer_than_five() -> None:
    content = bare_report()
    page = render_html(content)
    assert "Fewer than 5" in page and "Draft: not yet published" in page
    assert "fewer than 5" in render_markdown(content)
    assert NO_THEMES in render_markdown(content)
    pdf = render_pdf(content)
    assert pdf.startswith(b"%PDF-")
    assert NO_THEMES in " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages
    )
    rows = list(csv.DictReader(io.StringIO(render_csv(content))))
    assert len(rows) == 1 and rows[0]["suppressed"] == "true" and rows[0]["participants"] == ""
    document = json.loads(render_json(content))
    assert document["published_at"] is None and document["themes"] == []


def test_render_as_gives_bytes_and_media_type_and_refuses_unknown_formats() -> None:
    content = bare_report()
    body, media_type = render_as(content, "csv")
    assert media_type.startswith("text/csv") and body.startswith(b"report_slug,")
    body, media_type = render_as(content, "html", base_url="https://x.example")
    assert b'href="https://x.example/reports/tiny-2026-q1.pdf"' in body
    assert media_type == "text/html; charset=utf-8"
    with pytest.raises(ValueError, match="unknown report format"):
        render_as(content, "docx")
