"""The screen must meet the issue's targets on the shipped labelled sets. These tests can fail."""

from pathlib import Path

import pytest

from nlu.screen import default_screener
from nlu.screen.evaluate import (
    evaluate,
    hatecheck_rates,
    load_labelled,
    quiet_false_alarm_rate,
)

TESTSETS = Path(__file__).resolve().parents[3] / "nlu" / "screen" / "testsets"
HATECHECK = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "hatecheck"
# Patterns alone: 1.2%; with the learned reader (2026.11.25-4): 3.4% (docs/safeguarding-screen.md)
HATECHECK_QUIET_LIMIT = 0.05


# Every shipped set except blind_c trains the learned reader, so these check that the screen still
# fits what it was taught; the floors below are the honest ones.
SETS = sorted(p.stem for p in TESTSETS.glob("*.jsonl") if p.name != "blind_c.jsonl")
# Per-set exceptions to the false-alarm target, each a known shortfall stated in
# docs/safeguarding-screen.md (none at present).
FALSE_ALARM_LIMIT: dict[str, float] = {}
BENCH_DATA = Path(__file__).resolve().parents[3] / "bench" / "data"
# Never trained on. Floors a little under what the screen measured (lexicon 2026.11.25-4 for
# the first three, 2026.11.25-5 for external3; docs/safeguarding-screen.md), so a change that
# makes the screen generalise worse fails here. blind_c, external2 and external3: only aggregates
# ever looked at; external: its misses were read.
FLOORS = {
    TESTSETS / "blind_c.jsonl": {"recall": 0.97, "urgent": 0.85, "false_alarms": 0.08},
    BENCH_DATA / "screen_external_blind.jsonl": {
        "recall": 0.97,
        "urgent": 0.95,
        "false_alarms": 0.07,
    },
    BENCH_DATA / "screen_external_blind2.jsonl": {
        "recall": 0.97,
        "urgent": 0.95,
        "false_alarms": 0.08,
    },
    BENCH_DATA / "screen_external_blind3.jsonl": {
        "recall": 0.96,
        "urgent": 0.88,
        "false_alarms": 0.09,
    },
}


@pytest.mark.parametrize("name", SETS)
def test_labelled_set_meets_the_targets(name):
    report = evaluate(default_screener(), load_labelled(TESTSETS / f"{name}.jsonl"))
    assert report.recall >= 0.97, [m[0].text for m in report.misses]
    assert report.urgent_rate >= 0.90, [m[0].text for m in report.misses]
    limit = FALSE_ALARM_LIMIT.get(name, 0.08)
    assert report.false_alarm_rate <= limit, [a[0].text for a in report.alarms]


@pytest.mark.parametrize("path", list(FLOORS), ids=lambda p: p.stem)
def test_sets_never_trained_on_do_not_get_worse(path):
    floor = FLOORS[path]
    report = evaluate(default_screener(), load_labelled(path))
    assert report.recall >= floor["recall"]
    assert report.urgent_rate >= floor["urgent"]
    assert report.false_alarm_rate <= floor["false_alarms"]


def test_labelled_sets_cover_every_category_with_hard_negatives():
    items = [i for p in TESTSETS.glob("*.jsonl") for i in load_labelled(p)]
    assert len(items) >= 500
    covered = {c for i in items for c in i.categories}
    from nlu.screen import CATEGORIES

    assert covered == set(CATEGORIES)
    negatives = sum(i.level.value == "none" for i in items)
    # Enough ordinary lines that false alarms are measured, enough risk that recall is.
    assert 0.3 <= negatives / len(items) <= 0.6


@pytest.mark.skipif(not HATECHECK.exists(), reason="../shared/data/hatecheck is not present")
def test_negation_and_counter_speech_about_hate_rarely_alarm():
    rates = hatecheck_rates(default_screener(), HATECHECK / "test_suite_cases.csv")
    assert quiet_false_alarm_rate(rates) <= HATECHECK_QUIET_LIMIT
    # hate opinions alone are not a risk to the writer: few of them should alarm
    total, flagged = rates["derog_neg_emote_h"]
    assert flagged <= 0.1 * total
