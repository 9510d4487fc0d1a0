from __future__ import annotations

import pytest

from bot.catalogue import (
    CatalogueError,
    available_languages,
    language_for,
    load_catalogue,
    placeholders,
)

ENGLISH = load_catalogue("en")


def test_english_and_polish_are_both_shipped():
    assert {"en", "pl"} <= set(available_languages())


@pytest.mark.parametrize("language", [code for code in available_languages() if code != "en"])
def test_every_language_has_every_english_key_and_no_extra_ones(language):
    assert set(load_catalogue(language).messages) == set(ENGLISH.messages)


@pytest.mark.parametrize("language", available_languages())
def test_placeholders_match_english_in_every_message(language):
    catalogue = load_catalogue(language)
    for key, template in ENGLISH.messages.items():
        assert placeholders(catalogue.messages[key]) == placeholders(template), key


@pytest.mark.parametrize("language", available_languages())
def test_messages_are_short_enough_for_one_telegram_message(language):
    for key, template in load_catalogue(language).messages.items():
        assert 0 < len(template) < 1000, key


def test_polish_is_really_polish_not_a_copy_of_english():
    polish = load_catalogue("pl").messages
    same = [k for k, v in ENGLISH.messages.items() if polish[k] == v and "{" not in v]
    assert same == []


def test_help_lines_use_the_configured_front_door():
    text = ENGLISH.text("help", front_door_name="Leeds Front Door", front_door_phone="0113 000")
    assert "Leeds Front Door: 0113 000" in text
    assert "999" in text and "0800 1111" in text and "85258" in text


def test_an_unknown_key_is_an_error_naming_it():
    with pytest.raises(CatalogueError, match="nope"):
        ENGLISH.text("nope")


@pytest.mark.parametrize(
    ("code", "expected"),
    [("pl", "pl"), ("pl-PL", "pl"), ("en-GB", "en"), ("fr", "en"), (None, "en")],
)
def test_the_telegram_language_code_picks_a_catalogue(code, expected):
    assert language_for(code) == expected


def test_an_unknown_language_falls_back_to_english():
    assert load_catalogue("xx").language == "en"
