from __future__ import annotations

import pytest

from bot.matcher import (
    Command,
    match_age_band,
    match_audience,
    match_command,
    match_language,
    match_yes_no,
)


@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("delete my stuff", Command.DELETE),
        ("Delete my data!", Command.DELETE),
        ("what happens to this?", Command.PRIVACY),
        ("is this anonymous", Command.PRIVACY),
        ("HELP", Command.HELP),
        ("i need help", Command.HELP),
        ("stop", Command.STOP),
        ("what do you hold about me", Command.MYDATA),
        ("change language", Command.LANGUAGE),
        ("usuń moje dane", Command.DELETE),
        ("usun moje dane", Command.DELETE),
        ("pomocy", Command.HELP),
    ],
)
def test_typed_commands_are_recognised(text, command):
    assert match_command(text) is command


@pytest.mark.parametrize(
    "text",
    [
        "stop the dealers outside the chicken shop",
        "they help each other",
        "I want the council to delete the graffiti",
        "",
    ],
)
def test_a_longer_answer_containing_a_command_word_is_not_a_command(text):
    assert match_command(text) is None


@pytest.mark.parametrize("text", ["yes", "Yeah", "ok", "sure, please", "Tak", "zgadzam się"])
def test_yes_in_words(text):
    assert match_yes_no(text) is True


@pytest.mark.parametrize("text", ["no", "nah", "No thanks", "nie", "Nie, dziękuję"])
def test_no_in_words(text):
    assert match_yes_no(text) is False


def test_something_else_is_neither_yes_nor_no():
    assert match_yes_no("maybe later, not sure") is None


@pytest.mark.parametrize(
    ("text", "band"),
    [
        ("9", "under_13"),
        ("12", "under_13"),
        ("13", "13_15"),
        ("I'm 16", "16_17"),
        ("17 years old", "16_17"),
        ("21", "18_25"),
        ("under 13", "under_13"),
        ("mam 14 lat", "13_15"),
    ],
)
def test_ages_in_words_become_bands(text, band):
    assert match_age_band(text) == band


def test_a_sentence_is_not_an_age():
    assert match_age_band("there are 3 parks near me") is None


@pytest.mark.parametrize(
    ("text", "audience"),
    [
        ("young person", "young_person"),
        ("I'm a parent", "parent_carer"),
        ("mum", "parent_carer"),
        ("rodzic", "parent_carer"),
        ("teenager", "young_person"),
    ],
)
def test_audience_in_words(text, audience):
    assert match_audience(text) == audience


@pytest.mark.parametrize(
    ("text", "code"), [("Polski", "pl"), ("english", "en"), ("po polsku", "pl")]
)
def test_languages_in_words(text, code):
    assert match_language(text) == code
