"""How patterns and the learned reader decide together."""

import pytest

from nlu.screen.combine import (
    OVERRULE_THRESHOLD,
    OVERRULE_URGENT,
    RISK_THRESHOLD,
    URGENT_THRESHOLD,
    combine,
)
from nlu.screen.model import Reading
from nlu.screen.result import Level, ScreenResult


def patterns(level: Level, *, firm: bool = False) -> ScreenResult:
    cats = () if level is Level.NONE else ("self_harm_suicide",)
    return ScreenResult(level, cats, ("evidence",) if cats else (), "lex", firm)


def reading(risk: float, urgent: float = 0.0) -> Reading:
    return Reading(risk, urgent, None)


def test_the_model_flags_what_the_patterns_missed_and_names_a_category():
    result = combine(patterns(Level.NONE), reading(RISK_THRESHOLD), "m1", lambda: "bullying")
    assert result.level is Level.CONCERN
    assert result.categories == ("bullying",)
    assert result.lexicon_version == "lex+m1"


def test_below_the_risk_threshold_a_clean_message_stays_clean():
    assert combine(patterns(Level.NONE), reading(RISK_THRESHOLD - 0.01), "m").level is Level.NONE


def test_a_confident_model_overrules_a_concern_from_topic_words():
    result = combine(patterns(Level.CONCERN), reading(OVERRULE_THRESHOLD - 0.01), "m")
    assert result.level is Level.NONE


def test_a_concern_from_a_disclosure_pattern_is_firm():
    firm = patterns(Level.CONCERN, firm=True)
    assert combine(firm, reading(OVERRULE_THRESHOLD - 0.01), "m").level is Level.CONCERN
    assert combine(firm, reading(OVERRULE_URGENT - 0.001), "m").level is Level.NONE


@pytest.mark.parametrize("risk", [OVERRULE_URGENT, 0.1, 0.5, 0.99])
def test_an_urgent_pattern_stands_unless_the_model_is_all_but_certain(risk):
    assert combine(patterns(Level.URGENT), reading(risk), "m").level is Level.URGENT


def test_an_urgent_pattern_is_overruled_only_by_near_certainty():
    result = combine(patterns(Level.URGENT), reading(OVERRULE_URGENT - 0.001), "m")
    assert result.level is Level.NONE


def test_the_models_urgent_score_raises_a_flag_to_urgent_but_never_lowers_one():
    raised = combine(patterns(Level.CONCERN), reading(0.9, URGENT_THRESHOLD), "m")
    assert raised.level is Level.URGENT
    kept = combine(patterns(Level.URGENT), reading(0.9, 0.0), "m")
    assert kept.level is Level.URGENT


def test_the_pattern_evidence_is_kept_and_model_only_flags_say_so():
    assert combine(patterns(Level.CONCERN), reading(0.9), "m").evidence == ("evidence",)
    assert combine(patterns(Level.NONE), reading(0.95), "m").evidence == ("risk model 0.95",)
