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
HATECHECK_QUIET_LIMIT = 0.03


SETS = ["youth_dev", "youth_holdout", "youth_fresh", "youth_fresh2", "youth_fresh3", "youth_fresh4"]


@pytest.mark.parametrize("name", SETS)
def test_labelled_set_meets_the_targets(name):
    report = evaluate(default_screener(), load_labelled(TESTSETS / f"{name}.jsonl"))
    assert report.recall >= 0.97, [m[0].text for m in report.misses]
    assert report.urgent_rate >= 0.90, [m[0].text for m in report.misses]
    assert report.false_alarm_rate <= 0.08, [a[0].text for a in report.alarms]


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
    # hate opinions alone are not a risk to the writer; threats of violence are flagged
    assert rates["derog_neg_emote_h"][1] == 0
