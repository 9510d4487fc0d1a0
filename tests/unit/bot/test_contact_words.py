from __future__ import annotations

import pytest

from bot.catalogue import available_languages, load_catalogue
from bot.flows.safety import match_contact_answer


@pytest.mark.parametrize(
    "text",
    ["yes", "Yes, they can", "you can message me", "please message me here", "tak, mogą", "ok"],
)
def test_words_that_let_a_worker_message_read_as_yes(text):
    assert match_contact_answer(text) is True


@pytest.mark.parametrize(
    "text",
    ["No, please don't", "don't message me", "no they can't", "do not", "proszę nie piszcie"],
)
def test_words_that_clearly_refuse_a_worker_message_read_as_no(text):
    assert match_contact_answer(text) is False


@pytest.mark.parametrize("text", ["no", "nah", "No thanks", "nie"])
def test_a_bare_no_is_not_taken_as_a_refusal_because_it_may_mean_not_safe(text):
    assert match_contact_answer(text) is None


@pytest.mark.parametrize(
    "text", ["the park", "fine thanks", "he is outside now", "can they see my name"]
)
def test_other_words_are_not_an_answer(text):
    assert match_contact_answer(text) is None


@pytest.mark.parametrize("language", available_languages())
def test_every_language_says_the_safety_record_outlives_delete_and_how_to_ask(language):
    catalogue = load_catalogue(language)
    for key in ("mydata_safety", "delete_keeps_safety", "deleted_except_safety"):
        text = catalogue.text(key, front_door_name="FD", front_door_phone="0300", responses=2)
        assert "/delete" in text or key == "deleted_except_safety", key
        assert "FD" in text and "0300" in text, key
