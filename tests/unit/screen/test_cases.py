"""The cases the issue names, and the slang and spellings young people actually use."""

import pytest

from nlu.screen import Level, screen


@pytest.mark.parametrize(
    "text",
    [
        "I'm being forced to have sex and I'm only 12 years old",
        "they keep my passport",
        "they say I owe them",
        "im going to kms tonight",
        "i want to unalive myself",
        "he's 23 and I'm 14 and he's my boyfriend",
        "if I tell anyone he said he'll hurt my mum and he said not to tell",
        "had to plug it on the train",
        "theyre gonna jook me after school",
    ],
)
def test_urgent_disclosures_are_urgent(text):
    assert screen(text).level is Level.URGENT, screen(text)


@pytest.mark.parametrize(
    "text",
    [
        "he's 23 and I'm 14",
        "he said not to tell my mum",
        "been going country on weekends",
        "i went OT last week",
        "my cousin is running a line",
        "they been trapping out my nans flat",
        "someone is cuckooing the man downstairs",
        "we was trapping in the bando all night",
        "i carry a shank",
        "i been doing sh again",
        "thinking about suiside",
        "im being bulied",
        "i'm getting b u l l i e d",
    ],
)
def test_risk_in_young_peoples_words_is_flagged(text):
    assert screen(text).level is not Level.NONE, text


@pytest.mark.parametrize(
    "text",
    [
        "the knife crime talk at school was good",
        "that exam nearly killed me",
        "we did a project on modern slavery",
        "this homework is killing me",
        "I'd die for a Greggs",
        "that was dead funny",
        "she killed it at the show",
        "my mum will kill me if I'm late lol",
        "I've never been bullied, school is fine",
        "i killed him in fortnite",
        "the bus is always late",
    ],
)
def test_ordinary_feedback_on_the_same_topics_is_not_alarmed(text):
    assert screen(text).level is Level.NONE, screen(text)


def test_the_2018_chatbot_failure_is_caught_with_its_category_and_evidence():
    result = screen("I'm being forced to have sex and I'm only 12 years old")
    assert result.categories[0] == "sexual_exploitation_grooming"
    assert any("forced" in e for e in result.evidence)


def test_a_negation_lowers_a_pattern_match_one_step(patterns_only):
    assert patterns_only.screen("i want to kill myself").level is Level.URGENT
    assert patterns_only.screen("i don't want to kill myself").level is Level.CONCERN
    # With the learned reader on top, a negated disclosure is still never let go.
    assert screen("i don't want to kill myself").level is not Level.NONE


def test_a_condition_is_not_a_negation():
    assert screen("if i dont keep shotting they said theyll hurt my sister").level is Level.URGENT


def test_a_general_statement_is_not_a_disclosure_but_a_first_person_one_is():
    assert screen("people who carry knives are idiots").level is Level.NONE
    assert screen("i carry a knife cos people round here do").level is not Level.NONE


def test_a_family_members_age_is_not_an_age_gap():
    assert screen("my brother is 23 and I'm 14").level is Level.NONE


def test_hate_targeting_the_young_person_is_flagged_as_bullying():
    assert "bullying" in screen("people at school keep calling me a paki").categories


def test_counter_speech_about_hate_is_not_alarmed():
    assert screen("it's not okay that people use racist words, I reported it").level is Level.NONE
