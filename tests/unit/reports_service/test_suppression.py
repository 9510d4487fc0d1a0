from feedback_api.reports.service import _trend, slug_for
from feedback_api.reports.suppress import suppress_breakdown, suppressed_total


def test_counts_under_k_are_withheld():
    assert suppressed_total(4, 5) is None
    assert suppressed_total(5, 5) == 5


def test_a_single_small_cell_takes_the_next_smallest_with_it():
    shown = suppress_breakdown({"13 to 15": 40, "16 to 17": 12, "18 to 25": 3}, 5)
    assert shown == {"13 to 15": 40, "16 to 17": None, "18 to 25": None}


def test_two_small_cells_already_protect_each_other():
    shown = suppress_breakdown({"a": 40, "b": 2, "c": 3}, 5)
    assert shown == {"a": 40, "b": None, "c": None}


def test_nothing_small_means_nothing_hidden():
    assert suppress_breakdown({"a": 9, "b": 7}, 5) == {"a": 9, "b": 7}


def test_trend_compares_with_the_previous_period():
    assert _trend(20, None) == "new"
    assert _trend(20, 10) == "up"
    assert _trend(10, 20) == "down"
    assert _trend(10, 10) == "same"


def test_slugs_are_stable_and_url_safe():
    from datetime import date

    assert slug_for("Feeling Safe!", date(2026, 7, 1), date(2026, 9, 30)) == (
        "feeling-safe-2026-07-01-to-2026-09-30"
    )


def test_the_cell_hidden_to_protect_a_small_one_is_marked_complementary():
    from feedback_api.reports.service import _counts

    counts = {c.label: c for c in _counts({"a": 40, "b": 12, "c": 3}, 5)}
    assert counts["b"].value is None and counts["b"].complementary
    assert counts["c"].value is None and not counts["c"].complementary


def test_a_complementary_cell_is_not_called_small_in_the_report():
    from feedback_api.reports.content import Count
    from feedback_api.reports.render.sample import sample_content
    from feedback_api.reports.render.words import count_text

    content = sample_content()
    hidden = Count(label="b", value=None, suppressed=True, complementary=True)
    small = Count(label="c", value=None, suppressed=True)
    assert count_text(hidden, content) == "not shown"
    assert count_text(small, content).startswith("fewer than")
