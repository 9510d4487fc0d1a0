from nlu.screen.normalise import normalise
from nlu.screen.patterns import compile_pattern, fuzzy_variants, inflections

LISTS = {"PARTNER": ["my (boyfriend|bf)", "he"]}


def matches(pattern: str, text: str) -> bool:
    return compile_pattern(pattern, LISTS).regex.search(normalise(text)) is not None


def test_words_match_in_order_with_any_punctuation_between():
    assert matches("kill myself", "gonna kill...myself")
    assert not matches("kill myself", "myself kill")


def test_optional_words_and_groups():
    assert matches("really? want to die", "want to die")
    assert matches("really? want to die", "really want to die")
    assert matches("(cut|hurt) myself", "i hurt myself")


def test_gaps_allow_a_few_words_only():
    assert matches("said ... not to tell", "he said to me not to tell")
    assert not matches("said ... not to tell", "said one two three four five six not to tell")


def test_star_matches_any_ending_and_words_match_whole():
    assert matches("bull*", "bullying")
    assert not matches("sex", "sussex")


def test_lists_expand_with_nested_groups():
    assert matches("{partner} hits me", "my bf hits me")
    assert matches("{partner} hits me", "he hits me")
    assert matches("{partner} hit me", "he hitting me")


def test_regular_endings_match_without_being_written():
    assert {"stabed", "stabing", "stabs"} <= inflections("stab")
    assert matches("want to die", "she wants to die")
    assert inflections("me") == {"me"}


def test_tilde_covers_one_letter_misspellings():
    assert {"suiside", "sucide"} <= fuzzy_variants("suicide")
    assert matches("suicide~", "thinking about suiside")


def test_a_pattern_names_an_uncommon_anchor_word():
    compiled = compile_pattern("(he|she) (touched|groped) me", LISTS)
    assert "touched" in compiled.anchors
    assert "he" not in compiled.anchors
