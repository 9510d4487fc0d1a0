"""Hand-written horizontal bar charts as inline SVG.

Each chart is an image with a title and a description (role="img", aria-labelledby), and the page
always carries the same numbers in a table, so nothing depends on seeing the bars. Labels sit above
their bars, wrapped onto two lines, so long theme names stay legible on a phone (the chart is
narrow: it shrinks little on small screens). Every piece of text is escaped here because the
result is inserted into the page as markup.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

WIDTH = 400
FONT_SIZE = 14
LINE_HEIGHT = 17
BAR_HEIGHT = 18
ROW_GAP = 12
LABEL_CHARS = 50  # per line, at FONT_SIZE in a typical sans-serif
MAX_LABEL_LINES = 2
CHAR_WIDTH_BOLD = 0.62  # of FONT_SIZE, to leave room after a bar for its words
BAR_COLOUR = "#005a70"
WITHHELD_COLOUR = "#505a5f"
TEXT_COLOUR = "#1d1d1b"


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | None  # None: withheld, drawn as an outline with words, never a number
    value_text: str  # what to write after the bar, e.g. "42 ↑ more than last time"


def label_lines(label: str) -> list[str]:
    lines = textwrap.wrap(label, LABEL_CHARS) or [""]
    if len(lines) > MAX_LABEL_LINES:
        lines = lines[:MAX_LABEL_LINES]
        lines[-1] = lines[-1][: LABEL_CHARS - 1].rstrip() + "…"
    return lines


def _row(bar: Bar, y: float, largest: int, usable: float) -> tuple[str, float]:
    """One bar's markup, and the y where the next row starts."""
    lines = label_lines(bar.label)
    spans = "".join(
        f'<tspan x="0" dy="{0 if i == 0 else LINE_HEIGHT}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    label = f'<text x="0" y="{y + FONT_SIZE}" font-size="{FONT_SIZE}">{spans}</text>'
    bar_y = y + LINE_HEIGHT * len(lines) + 4
    if bar.value is None or largest <= 0:
        # A dashed outline of fixed small size: shows the row exists without hinting at a size.
        shape = (
            f'<rect x="1" y="{bar_y}" width="26" height="{BAR_HEIGHT}" fill="none" '
            f'stroke="{WITHHELD_COLOUR}" stroke-width="2" stroke-dasharray="4 3"/>'
        )
        text_x = 36.0
    else:
        width = max(2.0, usable * bar.value / largest)
        shape = (
            f'<rect x="0" y="{bar_y}" width="{width:.1f}" height="{BAR_HEIGHT}" '
            f'fill="{BAR_COLOUR}"/>'
        )
        text_x = width + 7
    words = (
        f'<text x="{text_x:.1f}" y="{bar_y + BAR_HEIGHT - 4}" font-size="{FONT_SIZE}" '
        f'font-weight="bold">{escape(bar.value_text)}</text>'
    )
    return label + shape + words, bar_y + BAR_HEIGHT + ROW_GAP


def bar_chart(bars: list[Bar], *, chart_id: str, title: str, description: str) -> Markup:
    """An accessible horizontal bar chart; `chart_id` must be unique within the page."""
    largest = max((b.value for b in bars if b.value is not None), default=0)
    longest_text = max((len(b.value_text) for b in bars), default=0)
    usable = max(WIDTH * 0.3, WIDTH - 10 - longest_text * FONT_SIZE * CHAR_WIDTH_BOLD)
    rows: list[str] = []
    y = 4.0
    for bar in bars:
        markup, y = _row(bar, y, largest, usable)
        rows.append(markup)
    title_id, desc_id = escape(f"{chart_id}-title"), escape(f"{chart_id}-desc")
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{escape(chart_id)}" '
        f'role="img" viewBox="0 0 {WIDTH} {y:.0f}" width="{WIDTH}" height="{y:.0f}" '
        f'aria-labelledby="{title_id} {desc_id}" fill="{TEXT_COLOUR}" '
        f'font-family="system-ui, -apple-system, Segoe UI, Arial, sans-serif">'
        f'<title id="{title_id}">{escape(title)}</title>'
        f'<desc id="{desc_id}">{escape(description)}</desc>'
        f"{''.join(rows)}</svg>"
    )
