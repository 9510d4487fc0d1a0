"""Render a "you said, we did" report (`ReportContent`) as HTML, PDF, Markdown, CSV and JSON.

Pure functions with no database or web framework: the report service builds the (already
suppressed and redacted) content and serves what these return.
"""

from __future__ import annotations

from functools import lru_cache

from feedback_api.reports.content import ReportContent
from feedback_api.reports.render.html import render_html
from feedback_api.reports.render.markdown import render_markdown
from feedback_api.reports.render.opendata import (
    CSV_COLUMNS,
    JSON_SCHEMA_VERSION,
    render_csv,
    render_json,
)
from feedback_api.reports.render.sample import sample_content

MEDIA_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "md": "text/markdown; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}


def render_pdf(content: ReportContent) -> bytes:
    """An A4 board paper. Laying out a PDF takes most of a second, and the same published
    report is fetched again and again, so the last 32 distinct reports are remembered; the
    output is a pure function of the content, so this is safe."""
    return _render_pdf_cached(content.model_dump_json())


@lru_cache(maxsize=32)
def _render_pdf_cached(content_json: str) -> bytes:
    from feedback_api.reports.render.pdf import render_pdf as render_uncached  # fpdf2 is heavy

    return render_uncached(ReportContent.model_validate_json(content_json))


def render_as(content: ReportContent, fmt: str, *, base_url: str = "") -> tuple[bytes, str]:
    """The report in `fmt` (a key of MEDIA_TYPES: html, pdf, md, csv, json) as bytes, with
    its media type, for serving `/reports/{slug}.{fmt}`. Unknown formats raise ValueError."""
    if fmt == "pdf":
        return render_pdf(content), MEDIA_TYPES["pdf"]
    text_renderers = {
        "html": lambda: render_html(content, base_url=base_url),
        "md": lambda: render_markdown(content),
        "csv": lambda: render_csv(content),
        "json": lambda: render_json(content),
    }
    if fmt not in text_renderers:
        raise ValueError(f"unknown report format {fmt!r}; expected one of {sorted(MEDIA_TYPES)}")
    return text_renderers[fmt]().encode("utf-8"), MEDIA_TYPES[fmt]


__all__ = [
    "CSV_COLUMNS",
    "JSON_SCHEMA_VERSION",
    "MEDIA_TYPES",
    "render_as",
    "render_csv",
    "render_html",
    "render_json",
    "render_markdown",
    "render_pdf",
    "sample_content",
]
