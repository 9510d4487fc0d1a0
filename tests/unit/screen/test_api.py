from pathlib import Path

import pytest

from nlu.screen import (
    CATEGORIES,
    UNCLASSIFIED,
    Level,
    LexiconError,
    Screener,
    ScreenResult,
    default_screener,
    raise_with_intent,
    screen,
)

TINY_LEXICON = """
version: "test-7"
categories:
  bullying:
    concern: [picked on]
  self_harm_suicide:
    urgent: [kill myself]
"""


def write_lexicon(tmp_path: Path, text: str = TINY_LEXICON) -> Path:
    path = tmp_path / "lexicon.yaml"
    path.write_text(text)
    return path


def test_every_result_records_the_lexicon_version(tmp_path):
    screener = Screener.from_yaml(write_lexicon(tmp_path))
    assert screener.version == "test-7"
    assert screener.screen("i get picked on").lexicon_version == "test-7"
    assert screener.screen("hello").lexicon_version == "test-7"
    assert screen("hello").lexicon_version == default_screener().version


def test_to_dict_has_exactly_the_contract_keys():
    d = screen("im being bullied").to_dict()
    assert set(d) == {"level", "categories", "evidence", "lexicon_version"}
    assert d["level"] == "concern" and d["categories"] == ["bullying"]


def test_categories_are_the_partnership_scope_plus_the_four_that_follow_a_child():
    assert len(CATEGORIES) == 16 and len(set(CATEGORIES)) == 16
    for extra in ("self_harm_suicide", "eating_disorder", "abuse_at_home", "substance_misuse"):
        assert extra in CATEGORIES


def test_categories_are_sorted_urgent_first_then_by_name():
    result = screen("im being bullied so bad i want to kill myself")
    assert result.categories == ("self_harm_suicide", "bullying")


def test_evidence_is_short_and_limited():
    text = " ".join(["i want to kill myself"] * 40 + ["a" * 200 + " rape"])
    result = screen(text)
    assert 0 < len(result.evidence) <= 5
    assert all(len(e) <= 60 for e in result.evidence)


def test_evidence_keeps_the_young_persons_spelling():
    assert screen("im being bulllied").evidence == ("being bulllied",)


def test_screening_is_deterministic_and_the_default_is_cached():
    assert default_screener() is default_screener()
    assert screen("they keep my passport") == screen("they keep my passport")


def test_intent_can_raise_none_to_concern_but_never_lower():
    clean = screen("the bus was late")
    raised = raise_with_intent(clean, disclosure_intent=True)
    assert raised.level is Level.CONCERN and raised.categories == (UNCLASSIFIED,)
    urgent = screen("i want to kill myself")
    assert raise_with_intent(urgent, disclosure_intent=True) == urgent
    assert raise_with_intent(urgent, disclosure_intent=False) == urgent
    assert raise_with_intent(clean, disclosure_intent=False) == clean


def test_result_is_a_frozen_value():
    result = screen("hello")
    assert isinstance(result, ScreenResult)
    with pytest.raises(AttributeError):
        result.level = Level.URGENT  # type: ignore[misc]


@pytest.mark.parametrize(
    "bad",
    [
        'version: "x"\ncategories:\n  not_a_category:\n    concern: [hi]\n',
        'version: "x"\ncategories:\n  bullying:\n    concren: [hi]\n',
        'version: "x"\ncategories:\n  bullying:\n    concern: ["(unclosed"]\n',
        'version: "x"\ncategories:\n  bullying:\n    concern: ["{nolist} hi"]\n',
        "categories:\n  bullying:\n    concern: [hi]\n",
    ],
)
def test_a_broken_lexicon_fails_loudly(tmp_path, bad):
    with pytest.raises(LexiconError):
        Screener.from_yaml(write_lexicon(tmp_path, bad))
