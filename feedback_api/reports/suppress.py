"""Small-number suppression for published breakdowns (pure functions)."""

from __future__ import annotations

from collections.abc import Mapping


def suppress_breakdown(counts: Mapping[str, int], k: int) -> dict[str, int | None]:
    """Hide cells under k; if exactly one cell is hidden, hide the next smallest as well, so the
    hidden one cannot be worked out by subtracting the others from the total."""
    shown: dict[str, int | None] = {label: (n if n >= k else None) for label, n in counts.items()}
    hidden = [label for label, v in shown.items() if v is None and counts[label] > 0]
    if len(hidden) == 1:
        visible = sorted((n, label) for label, n in counts.items() if shown[label] is not None)
        if visible:
            shown[visible[0][1]] = None
    return shown


def suppressed_total(n: int, k: int) -> int | None:
    return n if n >= k else None
