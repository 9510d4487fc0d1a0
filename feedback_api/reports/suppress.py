"""Small-number suppression for published breakdowns (pure functions)."""

from __future__ import annotations

from collections.abc import Mapping


def complementary_cell(counts: Mapping[str, int], k: int) -> str | None:
    """The cell hidden only to protect a lone small one: without it, the small cell could be
    worked out by subtracting the others from the total."""
    small = [label for label, n in counts.items() if 0 < n < k]
    if len(small) != 1:
        return None
    visible = sorted((n, label) for label, n in counts.items() if n >= k)
    return visible[0][1] if visible else None


def suppress_breakdown(counts: Mapping[str, int], k: int) -> dict[str, int | None]:
    """Hide cells under k, plus the complementary cell when only one is small."""
    shown: dict[str, int | None] = {label: (n if n >= k else None) for label, n in counts.items()}
    extra = complementary_cell(counts, k)
    if extra is not None:
        shown[extra] = None
    return shown


def suppressed_total(n: int, k: int) -> int | None:
    return n if n >= k else None
