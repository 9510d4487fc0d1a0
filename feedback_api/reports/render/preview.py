"""Write every format of a report to a folder, for design reviews and board-paper drafts.

    .venv/bin/python -m feedback_api.reports.render.preview /tmp/report-preview

With no JSON file given it uses the fictional sample; with one (a ReportContent as JSON, e.g.
from the report service) it renders that instead.
"""

from __future__ import annotations

import sys
from pathlib import Path

from feedback_api.reports.content import ReportContent
from feedback_api.reports.render import (
    render_csv,
    render_html,
    render_json,
    render_markdown,
    render_pdf,
    sample_content,
)


def write_previews(content: ReportContent, folder: Path) -> list[Path]:
    """Write `reports/<slug>.html/.pdf/.md/.csv/.json` under `folder`, laid out as the public
    URLs are, so the HTML's links to the other formats work when opened from disk."""
    folder = folder / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    outputs: dict[str, str | bytes] = {
        "html": render_html(content, base_url=".."),
        "pdf": render_pdf(content),
        "md": render_markdown(content),
        "csv": render_csv(content),
        "json": render_json(content),
    }
    paths = []
    for ext, data in outputs.items():
        path = folder / f"{content.slug}.{ext}"
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str]) -> int:
    if not argv or argv[0] in {"-h", "--help"}:
        print(__doc__)
        return 0 if argv else 2
    content = (
        ReportContent.model_validate_json(Path(argv[1]).read_text("utf-8"))
        if len(argv) > 1
        else sample_content()
    )
    for path in write_previews(content, Path(argv[0])):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
