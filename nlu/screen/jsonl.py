"""The `yousaid screen` stream: JSON lines in, one JSON line out per input, same order.

Kept in nlu (no CLI framework) so the CLI, the benchmark and the tests run exactly the same loop.
Nothing is silently dropped: a line that is not a JSON object with a string "text" still gets an
output line, at level `concern` with an "error", so a broken upstream cannot hide a message.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from nlu.screen import Screener

_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


@dataclass
class StreamCounts:
    lines: int = 0
    errors: int = 0


def screen_line(screener: Screener, line: str) -> tuple[str, bool]:
    """One output JSON line (without newline) for one input line, and whether it was an error."""
    try:
        record: Any = json.loads(line)
    except ValueError as exc:
        return _error(screener, None, f"not valid JSON: {exc}"), True
    if not isinstance(record, dict):
        return _error(screener, None, "not a JSON object"), True
    ident = record.get("id")
    text = record.get("text")
    if not isinstance(text, str):
        return _error(screener, ident, 'missing or non-string "text"'), True
    result = screener.screen(text)
    out = {
        "id": ident,
        "level": result.level.value,
        "categories": list(result.categories),
        "evidence": list(result.evidence),
        "lexicon_version": result.lexicon_version,
    }
    return _dumps(out), False


def _error(screener: Screener, ident: Any, message: str) -> str:
    return _dumps(
        {
            "id": ident,
            "level": "concern",
            "categories": [],
            "evidence": [],
            "lexicon_version": screener.version,
            "error": message,
        }
    )


def screen_stream(
    screener: Screener,
    lines: Iterable[str],
    write: Callable[[str], object],
    flush: Callable[[], object] | None = None,
) -> StreamCounts:
    """Screen every non-blank line; `flush` (if given) is called after each output line."""
    counts = StreamCounts()
    for line in lines:
        if not line.strip():
            continue  # blank lines carry no message; skipping keeps `cat a b | screen` simple
        out, failed = screen_line(screener, line)
        write(out + "\n")
        counts.lines += 1
        counts.errors += failed
        if flush is not None:
            flush()
    return counts
