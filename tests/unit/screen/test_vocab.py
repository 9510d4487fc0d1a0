"""The risk vocabulary: the word-level recall layer under the lexicon's patterns."""

import re

import pytest

from nlu.screen import Level, LexiconError, Screener, screen
from nlu.screen.normalise import normalise
from nlu.screen.vocab import Vocabulary

CATS = ("trafficking", "substance_misuse", "going_missing")


def vocabulary(**categories: dict[str, list[str]]) -> Vocabulary:
    data = {
        "now": ["(rn|tonight|shaking)"],
        "safe": ["(lesson|used to)"],
        "quiet": ["(recovered)"],
        "escalate": {"going_missing": ["(days|nights)"]},
        "categories": categories,
    }
    return Vocabulary(data, CATS, frozenset({"not", "dont", "never"}))


def read(vocab: Vocabulary, text: str) -> dict[str, Level]:
    tokens = re.findall("[a-z0-9]+", normalise(text))
    return {h.category: h.level for h in vocab.read(tokens).hits}


def test_a_risk_word_about_the_writer_is_a_concern():
    vocab = vocabulary(substance_misuse={"concern": ["canisters"]})
    assert read(vocab, "my mate has been on the canisters") == {"substance_misuse": Level.CONCERN}


def test_one_letter_misspellings_of_long_words_still_match():
    vocab = vocabulary(trafficking={"urgent": ["passport"]})
    for typo in ("they took my pasprt", "they took my passprot", "they took my pazport"):
        assert read(vocab, typo) == {"trafficking": Level.URGENT}, typo


def test_misspellings_that_are_everyday_words_are_not_variants():
    vocab = vocabulary(substance_misuse={"concern": ["wasted"]})
    assert read(vocab, "i was wasted again last night")
    assert read(vocab, "drugs are a waste of my money") == {}


def test_regular_endings_are_added_to_single_words():
    vocab = vocabulary(going_missing={"concern": ["disappear"]})
    assert read(vocab, "my sister keeps disappearing")


def test_phrases_match_only_in_order_and_templates_expand():
    vocab = vocabulary(going_missing={"urgent": ["(went|gone) ghost"]})
    assert read(vocab, "my g just went ghost") == {"going_missing": Level.URGENT}
    assert read(vocab, "my g has gone ghost") == {"going_missing": Level.URGENT}
    assert read(vocab, "ghost went my g") == {}


def test_a_now_cue_makes_a_concern_urgent():
    vocab = vocabulary(substance_misuse={"concern": ["canisters"]})
    assert read(vocab, "my mate is on the canisters rn") == {"substance_misuse": Level.URGENT}


def test_a_lesson_or_the_past_silences_concern_words():
    vocab = vocabulary(substance_misuse={"concern": ["canisters"]})
    assert read(vocab, "we had a lesson about canisters in my school") == {}
    assert read(vocab, "i used to do canisters") == {}


def test_a_denial_just_before_the_word_does_not_count():
    vocab = vocabulary(substance_misuse={"concern": ["canisters"]})
    assert read(vocab, "i dont do canisters") == {}


def test_general_statements_need_an_urgent_word():
    vocab = vocabulary(
        substance_misuse={"concern": ["canisters"]}, trafficking={"urgent": ["passport"]}
    )
    assert read(vocab, "people should not use canisters") == {}
    assert read(vocab, "they keep the passport") == {"trafficking": Level.URGENT}


def test_a_message_without_any_person_is_read_as_the_writer_speaking():
    vocab = vocabulary(substance_misuse={"concern": ["canisters"]})
    assert read(vocab, "on canisters every day now, cant stop") == {
        "substance_misuse": Level.CONCERN
    }


def test_escalation_cues_are_reported_per_category():
    vocab = vocabulary(going_missing={"concern": ["sofa surfing"]})
    tokens = re.findall("[a-z0-9]+", normalise("my mate has been sofa surfing for days"))
    assert vocab.read(tokens).escalate == frozenset({"going_missing"})


@pytest.mark.parametrize(
    ("once", "escalated"),
    [
        ("theres no food at home", "theres no food at home again"),
        ("got scars on my arms", "got scars on my arms and pills ready"),
    ],
)
def test_a_concern_with_its_categorys_escalation_cue_is_urgent(once, escalated):
    assert screen(once).level is Level.CONCERN, screen(once)
    assert screen(escalated).level is Level.URGENT, screen(escalated)


def test_an_unknown_category_in_the_vocabulary_fails_loudly(tmp_path):
    path = tmp_path / "lexicon.yaml"
    path.write_text('version: "t"\nvocabulary:\n  categories:\n    nonsense:\n      concern: [x]\n')
    with pytest.raises(LexiconError, match="nonsense"):
        Screener.from_yaml(path)


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("bare man waitin outside my block rn wid their faces covered", Level.URGENT),
        ("boss takes the bank card and just gives us 20 a week", Level.URGENT),
        ("my bro keeps talking bout how martyrs go to paradise", Level.URGENT),
        ("mixin lean n pills, cant even remember what day it is", Level.CONCERN),
    ],
)
def test_the_shipped_vocabulary_catches_phrasings_no_pattern_has(text, level):
    # At least this level: the learned reader may rightly raise a concern to urgent.
    assert screen(text).level.rank >= level.rank, screen(text)


@pytest.mark.parametrize(
    "text",
    [
        "i got bullied in year 7 but its all sorted now",
        "i used to skip meals when i was 14 but i'm recovered now",
        "what do i do if i see someone being bullied",
    ],
)
def test_clear_signs_of_the_past_or_a_question_quiet_a_concern(text):
    assert screen(text).level is Level.NONE, screen(text)


def test_quiet_signs_never_lower_an_urgent_message():
    assert screen("its all sorted now but i want to kill myself tonight").level is Level.URGENT


def test_a_generated_form_listed_as_everyday_is_dropped_but_a_written_one_is_kept():
    data = {"everyday": ["trapped"], "categories": {"trafficking": {"concern": ["strapped"]}}}
    vocab = Vocabulary(data, CATS, frozenset({"not"}))
    assert read(vocab, "i got trapped in the lift") == {}
    assert read(vocab, "my mate is strapped") == {"trafficking": Level.CONCERN}


def test_a_negation_of_several_words_just_before_a_risk_word_is_a_denial():
    data = {"categories": {"substance_misuse": {"concern": ["canisters"]}}}
    vocab = Vocabulary(data, CATS, frozenset({"not", "nobody has ever"}))
    assert read(vocab, "nobody has ever canisters me") == {}
    assert read(vocab, "nobody said canisters to me") == {"substance_misuse": Level.CONCERN}
