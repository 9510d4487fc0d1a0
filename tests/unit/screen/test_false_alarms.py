"""Risk words used in ordinary ways do not alarm the patterns; the same words in a disclosure do.

Measured on the patterns alone (no learned model): an urgent pattern cannot be overruled later,
so a pattern false alarm is a false alarm of the whole screen.
"""

import pytest

from nlu.screen import Level, Screener, screen
from nlu.screen.patterns import compile_pattern


@pytest.mark.parametrize(
    "text",
    [
        "i owe my brother a tenner for the cinema",
        "my dad tracks my location when i go out which is fair",
        "i always share my location with my dad",
        "my mum checks my phone sometimes, fair enough",
        "got shot loads of times at laser tag for my birthday",
        "plugging my laptop in at the library",
        "cutting down on sugar this month",
        "my dog went missing for ten minutes at the park",
        "im starving, when is lunch",
        "need to renew my passport for the holiday",
        "got trapped in the lift at college for five minutes",
        "this revision is going to end me",
        "boxing keeps me out of trouble",
        "we got kicked out of the library for talking",
        "radical idea: longer lunch breaks",
        "nobody has ever bullied me here",
        "my cousin is going country with my nan for half term",
        "doing runs for athletics club on tuesdays",
    ],
)
def test_everyday_uses_of_risk_words_are_not_alarmed(text: str, patterns_only: Screener) -> None:
    assert patterns_only.screen(text).level is Level.NONE


@pytest.mark.parametrize(
    "text",
    [
        "they say i owe them and i have to work it off",
        "the olders say i owe them 500",
        "he keeps me locked in my room",
        "they took my passport and i cant leave",
        "im starving myself to lose weight",
        "ive been cutting my arms again",
        "my sister went missing three days ago",
        "got kicked out last night and slept on the bus",
        "someone keeps taking my phone and wont let me leave",
    ],
)
def test_the_same_words_in_a_disclosure_are_urgent(text: str, patterns_only: Screener) -> None:
    assert patterns_only.screen(text).level is Level.URGENT


@pytest.mark.parametrize(
    "text",
    [
        "my boyfriend tracks my location and goes mad if i turn it off",
        "my bf controls all my money",
        "i carry a knife cos of the lads round here",
    ],
)
def test_the_same_words_in_a_worry_are_a_concern(text: str, patterns_only: Screener) -> None:
    assert patterns_only.screen(text).level is not Level.NONE


def test_a_lesson_naming_combined_signals_is_not_a_disclosure_but_the_writers_own_is(
    patterns_only: Screener,
) -> None:
    lesson = patterns_only.screen("our teachers talked about porn in year 9, awkward")
    assert lesson.level is Level.NONE
    assert patterns_only.screen("i watch porn and im in year 9").level is Level.CONCERN


def test_two_optional_words_before_the_first_required_one_can_both_be_present() -> None:
    regex = compile_pattern("(got|have)? (a|my)? rape alarm", {}).regex
    assert regex.search("i got a rape alarm") is not None
    assert regex.search("my rape alarm") is not None
    assert regex.search("rape alarm") is not None


@pytest.mark.parametrize(
    "text",
    [
        "everybody would be better off if i were dead",
        "i took about 30 tablets an hour ago",
        "what is the point of living",
        "ive been shing again",
        "i  w a n t  t o  d i e",
    ],
)
def test_plain_risk_is_not_hidden_by_a_joke_mask_or_a_number(text):
    assert screen(text).level is not Level.NONE, text


@pytest.mark.parametrize(
    "text", ["im dead lol", "i was dead laughing at that", "i took 2 paracetamol for my headache"]
)
def test_laughing_and_ordinary_medicine_stay_quiet(text):
    assert screen(text).level is Level.NONE, text
