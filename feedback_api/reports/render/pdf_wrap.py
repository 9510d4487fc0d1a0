"""Greedy word wrapping in linear time.

fpdf2's multi_cell re-measures the whole line for every character it adds, which made a report
with long quotes take seconds; measuring each word once (and caching it) is much faster and
gives the same left-aligned lines.
"""

from __future__ import annotations

from collections.abc import Callable

Measure = Callable[[str], float]


def _cut(word: str, width: float, measure: Measure) -> int:
    """How many characters of an over-long word (a URL, say) fit in `width`; at least one."""
    cut = len(word)
    while cut > 1 and measure(word[:cut]) > width:
        cut = max(1, min(cut - 1, int(cut * width / max(measure(word[:cut]), 1e-6))))
    return cut


def wrap_words(text: str, width: float, measure: Measure) -> list[str]:
    """The lines `text` takes at `width`, breaking at spaces and at newlines."""
    space = measure(" ")
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, line_width = "", 0.0
        for word in paragraph.split():
            word_width = measure(word)
            if line and line_width + space + word_width > width:
                lines.append(line)
                line, line_width = "", 0.0
            if line:
                line, line_width = f"{line} {word}", line_width + space + word_width
                continue
            while word_width > width and len(word) > 1:
                cut = _cut(word, width, measure)
                lines.append(word[:cut])
                word = word[cut:]
                word_width = measure(word)
            line, line_width = word, word_width
        lines.append(line)
    return lines
