from __future__ import annotations

import re
from pathlib import Path

from feedback_api.reports.render import sample_content
from feedback_api.reports.render.preview import write_previews


def test_previews_are_written_where_the_pages_links_point(tmp_path: Path) -> None:
    paths = write_previews(sample_content(), tmp_path)
    assert sorted(p.suffix for p in paths) == [".csv", ".html", ".json", ".md", ".pdf"]
    page = next(p for p in paths if p.suffix == ".html")
    links = re.findall(r'href="(\.\./reports/[^"]+)"', page.read_text("utf-8"))
    assert len(links) == 4
    assert all((page.parent / link).resolve().is_file() for link in links)
