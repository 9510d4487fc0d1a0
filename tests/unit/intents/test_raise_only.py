from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from nlu.intents import INTENTS, raise_only
from tests.unit.intents.factories import result

LEVELS = ("none", "low", "medium", "high", "urgent")


@given(
    current=st.sampled_from(LEVELS),
    raise_to=st.sampled_from(LEVELS),
    intent=st.sampled_from(INTENTS),
    confidence=st.floats(0.0, 1.0),
)
def test_nlu_can_never_lower_the_screens_level(current, raise_to, intent, confidence):
    combined = raise_only(current, result(intent, confidence), order=LEVELS, raise_to=raise_to)
    assert LEVELS.index(combined) >= LEVELS.index(current)
    assert combined in (current, raise_to)


def test_a_confident_disclosure_raises_the_level():
    assert raise_only("low", result("disclosure", 0.8), order=LEVELS, raise_to="high") == "high"


def test_other_intents_leave_the_level_alone():
    assert raise_only("low", result("share_view", 0.99), order=LEVELS, raise_to="high") == "low"


def test_a_disclosure_below_the_floor_is_ignored():
    assert raise_only("none", result("disclosure", 0.05), order=LEVELS, raise_to="high") == "none"
