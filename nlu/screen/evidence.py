"""Where a match is, as the young person wrote it: spans and evidence snippets."""

from __future__ import annotations

import re
from collections.abc import Callable

MAX_EVIDENCE = 5
MAX_SNIPPET = 60
_REPEAT_RUN = re.compile(r"([a-z])\1+")


def locate(text: str, word: str) -> list[tuple[int, int]]:
    """Spans of `word` as a whole word in `text` (str.find is much cheaper than a regex)."""
    spans, at = [], text.find(word)
    while at >= 0:
        end = at + len(word)
        before_ok = at == 0 or not text[at - 1].isalnum()
        if before_ok and (end == len(text) or not text[end].isalnum()):
            spans.append((at, end))
        at = text.find(word, end)
    return spans


def _position_map(pre: str) -> Callable[[int], int]:
    """Map an index in squeeze(pre) back to `pre`, so evidence shows the original spelling."""
    runs = [(m.start(), m.end() - m.start() - 1) for m in _REPEAT_RUN.finditer(pre)]

    def to_pre(i: int) -> int:
        removed = 0
        for start, extra in runs:
            if start - removed >= i:
                break
            removed += extra
        return i + removed

    return to_pre


def evidence(spans: list[tuple[int, int, int]], pre: str) -> tuple[str, ...]:
    """Up to MAX_EVIDENCE snippets, most severe first, longest first, none inside another."""
    to_pre = _position_map(pre)
    kept: list[str] = []
    for _, a, b in sorted(spans, key=lambda e: (e[0], e[1] - e[2])):
        if a < 0:
            continue
        snippet = pre[to_pre(a) : to_pre(b - 1) + 1].strip()[:MAX_SNIPPET]
        if snippet and not any(snippet in k for k in kept):
            kept.append(snippet)
        if len(kept) == MAX_EVIDENCE:
            break
    return tuple(kept)
