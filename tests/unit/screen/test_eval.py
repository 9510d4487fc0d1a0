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
# Measured 0.009 on lexicon 2026.11.25-1; counter-speech quoting "call me a ..." is the rest.
HATECHECK_QUIET_LIMIT = 0.06  # patterns alone: 1.2%; with the learned reader: 5.1% (docs)


SETS = [
    "youth_dev",
    "youth_holdout",
    "youth_fresh",
    "youth_fresh2",
    "youth_fresh3",
    "youth_fresh4",
    "blind_a",
    "blind_b",
]
# blind_c was written by someone who never saw the lexicon and is kept out of tuning (only its
# aggregate numbers were ever looked at). It does NOT meet the targets; this floor is what lexicon
# 2026.11.25-2 measured on it, so a change that makes the screen generalise worse fails here.
BLIND_C_FLOOR = {"recall": 0.72, "urgent": 0.60, "false_alarms": 0.15}


@pytest.mark.parametrize("name", SETS)
def test_labelled_set_meets_the_targets(name):
    report = evaluate(default_screener(), load_labelled(TESTSETS / f"{name}.jsonl"))
    assert report.recall >= 0.97, [m[0].text for m in report.misses]
    assert report.urgent_rate >= 0.90, [m[0].text for m in report.misses]
    assert report.false_alarm_rate <= 0.08, [a[0].text for a in report.alarms]


def test_the_untouched_blind_set_does_not_get_worse():
    report = evaluate(default_screener(), load_labelled(TESTSETS / "blind_c.jsonl"))
    assert report.recall >= BLIND_C_FLOOR["recall"]
    assert report.urgent_rate >= BLIND_C_FLOOR["urgent"]
    assert report.false_alarm_rate <= BLIND_C_FLOOR["false_alarms"]


def test_labelled_sets_cover_every_category_with_hard_negatives():
    items = [i for p in TESTSETS.glob("*.jsonl") for i in load_labelled(p)]
    assert len(items) >= 500
    covered = {c for i in items for c in i.categories}
    from nlu.screen import CATEGORIES

    assert covered == set(CATEGORIES)
    negatives = sum(i.level.value == "none" for i in items)
    assert 0.3 <= negatives / len(items) <= 0.5


@pytest.mark.skipif(not HATECHECK.exists(), reason="../shared/data/hatecheck is not present")
def test_negation_and_counter_speech_about_hate_rarely_alarm():
    rates = hatecheck_rates(default_screener(), HATECHECK / "test_suite_cases.csv")
    assert quiet_false_alarm_rate(rates) <= HATECHECK_QUIET_LIMIT
    # hate opinions alone are not a risk to the writer: few of them should alarm
    total, flagged = rates["derog_neg_emote_h"]
    assert flagged <= 0.1 * total
