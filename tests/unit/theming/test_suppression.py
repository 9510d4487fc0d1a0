from __future__ import annotations

from nlu.theming.suppression import (
    Quote,
    keep_publishable,
    meets_k,
    publishable_quotes,
    suppress_counts,
)


def quote(participant: str, theme: str = "safe_places", consented: bool = True) -> Quote:
    return Quote(participant, theme, f"redacted words from {participant}", consented)


def test_k_counts_distinct_participants_not_responses() -> None:
    assert not meets_k(["p1"] * 10, k=5)
    assert meets_k(["p1", "p2", "p3", "p4", "p5"], k=5)


def test_items_below_k_are_withheld_and_order_is_kept() -> None:
    themes = {"a": ["p1", "p2", "p3", "p4", "p5"], "b": ["p1", "p1"], "c": list("abcdef")}
    assert keep_publishable(list(themes), lambda t: themes[t], k=5) == ["a", "c"]


def test_small_cells_are_shown_as_suppressed_not_dropped() -> None:
    counts = suppress_counts({"park": ["p1", "p2"], "bus": list("abcde")}, k=5)
    assert counts == {"park": None, "bus": 5}


def test_quotes_need_consent_and_a_theme_with_k_participants() -> None:
    quotes = [quote(f"p{i}") for i in range(5)] + [quote("p9", consented=False)]
    quotes += [quote("q1", theme="tiny"), quote("q2", theme="tiny")]
    kept = publishable_quotes(quotes, k=5)
    assert {q.participant for q in kept} == {"p0", "p1", "p2", "p3", "p4"}


def test_one_participant_gets_at_most_one_quote_per_theme() -> None:
    quotes = [quote("p0"), quote("p0")] + [quote(f"p{i}") for i in range(1, 5)]
    kept = publishable_quotes(quotes, k=5, per_theme=3)
    assert [q.participant for q in kept] == ["p0", "p1", "p2"]
