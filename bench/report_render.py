"""How long each report format takes to render, and how big it is.

    .venv/bin/python -m bench.report_render

Renders the sample report (4 themes) and a large one (30 themes, 3 long quotes each) in every
format; the baseline is JSON, the cheapest format, measured in the same run. Also times the PDF
with the core-font fallback (no embedded TTF) to show what Unicode support costs. Takes ~1 min.
Writes the "report_render" section of docs/benchmarks.md.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable

from bench._report import machine_description, write_section
from feedback_api.reports import render
from feedback_api.reports.content import ActionItem, ReportContent, ThemeSection
from feedback_api.reports.render import (
    pdf_fonts,
    render_csv,
    render_html,
    render_json,
    render_markdown,
    sample_content,
)
from feedback_api.reports.render.pdf import render_pdf  # uncached: we time the layout

COMMAND = ".venv/bin/python -m bench.report_render"
REPEATS = 5
Renderer = Callable[[ReportContent], str | bytes]


def large_content(themes: int = 30) -> ReportContent:
    base = sample_content()
    template = base.themes[0]
    many = [
        ThemeSection(
            **(template.model_dump() | {"theme_id": i, "label": f"{template.label} ({i})"}),
        ).model_copy(
            update={
                "quotes": ["Zażółć gęślą jaźń, it’s “so” dark 😬 " * 6] * 3,
                "actions": [ActionItem(agency="Council", what="Fix it. " * 10, status="done")] * 4,
            }
        )
        for i in range(1, themes + 1)
    ]
    return base.model_copy(update={"themes": many})


def median_ms(render: Renderer, content: ReportContent) -> tuple[float, int]:
    render(content)  # warm caches (templates, font cmap)
    times, size = [], 0
    for _ in range(REPEATS):
        started = time.perf_counter()
        output = render(content)
        times.append((time.perf_counter() - started) * 1000)
        size = len(output.encode() if isinstance(output, str) else output)
    return statistics.median(times), size


def pdf_core_font(content: ReportContent) -> bytes:
    original = pdf_fonts._font_dir
    pdf_fonts._font_dir = lambda: None
    pdf_fonts.font_set.cache_clear()
    try:
        return render_pdf(content)
    finally:
        pdf_fonts._font_dir = original
        pdf_fonts.font_set.cache_clear()


def cached_pdf(content: ReportContent) -> bytes:
    return render.render_pdf(content)


FORMATS: list[tuple[str, Renderer]] = [
    ("JSON (baseline)", render_json),
    ("CSV", render_csv),
    ("Markdown", render_markdown),
    ("HTML", render_html),
    ("PDF, embedded DejaVu", render_pdf),
    ("PDF, core font fallback", pdf_core_font),
    ("PDF, repeat request (memoised public API)", cached_pdf),
]


def main() -> None:
    lines = [
        "## Report rendering",
        "",
        f"Command: `{COMMAND}`  ",
        f"Machine: {machine_description()}  ",
        f"Median of {REPEATS} renders after one warm-up; ratio is against JSON in the same run. "
        f"Load average at start: {os.getloadavg()[0]:.1f} (the machine is shared).",
        "",
        "| Report | Format | Median ms | × JSON | Size |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    for name, content in (("sample, 4 themes", sample_content()), ("30 themes", large_content())):
        results = [(label, *median_ms(render, content)) for label, render in FORMATS]
        baseline = results[0][1]  # JSON, measured in this run
        for label, ms, size in results:
            lines.append(
                f"| {name} | {label} | {ms:.1f} | {ms / baseline:.1f} | {size / 1024:.0f} KiB |"
            )
            print(lines[-1], flush=True)
    write_section("report_render", "\n".join(lines))


if __name__ == "__main__":
    main()
