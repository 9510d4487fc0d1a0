"""Small-number suppression: nothing reaches a report unless ≥ k distinct participants stand
behind it, and quotes come only from participants who consented to being quoted.

Pure functions; the report builder applies them to themes, places, breakdowns and quotes.
Distinct PARTICIPANTS, not responses: one young person writing ten times is still one person
and still identifiable.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

DEFAULT_K = 5
T = TypeVar("T")


def meets_k(participants: Iterable[Hashable], k: int = DEFAULT_K) -> bool:
    return len(set(participants)) >= k


def keep_publishable(
    items: Iterable[T], participants_of: Callable[[T], Iterable[Hashable]], k: int = DEFAULT_K
) -> list[T]:
    """Items (themes, places, ...) backed by at least k distinct participants, order kept."""
    return [item for item in items if meets_k(participants_of(item), k)]


def suppress_counts(
    groups: Mapping[str, Iterable[Hashable]], k: int = DEFAULT_K
) -> dict[str, int | None]:
    """Distinct-participant count per group, or None ("fewer than k") where it is below k.

    A breakdown must show suppressed cells as suppressed, not drop them silently, so readers do
    not subtract their way back to the small number.
    """
    out: dict[str, int | None] = {}
    for name, members in groups.items():
        n = len(set(members))
        out[name] = n if n >= k else None
    return out


@dataclass(frozen=True)
class Quote:
    participant: Hashable
    theme: str
    text: str  # must already be redacted text
    consented: bool


def publishable_quotes(
    quotes: Iterable[Quote], k: int = DEFAULT_K, per_theme: int | None = None
) -> list[Quote]:
    """Consented quotes from themes that ≥ k distinct participants stand behind.

    The theme's k is counted over everyone in it (consent is about quoting, not counting); at
    most one quote per participant per theme so a single voice cannot dominate.
    """
    all_quotes = list(quotes)
    people: dict[str, set[Hashable]] = defaultdict(set)
    for q in all_quotes:
        people[q.theme].add(q.participant)
    seen: set[tuple[str, Hashable]] = set()
    taken: dict[str, int] = defaultdict(int)
    out: list[Quote] = []
    for q in all_quotes:
        if not q.consented or len(people[q.theme]) < k or (q.theme, q.participant) in seen:
            continue
        if per_theme is not None and taken[q.theme] >= per_theme:
            continue
        seen.add((q.theme, q.participant))
        taken[q.theme] += 1
        out.append(q)
    return out
