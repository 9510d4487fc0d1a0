"""Onboarding state transitions, before anything touches the database."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy.orm import Session

from bot.conversation import run_turn
from bot.inbound import Inbound, Kind
from bot.state import Conv, ConvData, State
from bot.turn import Turn
from feedback_api.settings import Settings

SETTINGS = Settings(pepper="unit", front_door_name="Front Door", front_door_phone="0300")  # type: ignore[arg-type]


def _turn(conv: Conv, **inbound: Any) -> Turn:
    fields = {"update_id": 1, "kind": Kind.TEXT, "chat_id": 5, "user_id": 5, **inbound}
    # These steps never reach the database; a session would only be used from consent onwards.
    no_db = cast(Session, None)
    return Turn(no_db, SETTINGS, Inbound(**fields), conv, participant_key="k" * 64)


def _tap(conv: Conv, data: str) -> Turn:
    turn = _turn(conv, kind=Kind.CALLBACK, callback_data=data)
    run_turn(turn)
    return turn


def _type(conv: Conv, text: str) -> Turn:
    turn = _turn(conv, text=text)
    run_turn(turn)
    return turn


def test_audience_then_age_then_consent_then_the_optional_scopes():
    conv = Conv(key="k", state=State.AUDIENCE)
    _tap(conv, "aud:young_person")
    assert conv.state is State.AGE
    turn = _tap(conv, "age:16_17")
    assert conv.state is State.CONSENT and conv.data.age_band == "16_17"
    assert [b.data for b in turn.replies[-1].buttons[0]] == ["consent:yes", "consent:no"]
    _tap(conv, "consent:yes")
    assert conv.state is State.QUOTE
    _type(conv, "yes please")
    assert conv.state is State.FOLLOW_UP and conv.data.quote is True


def test_a_parent_goes_straight_to_consent_as_an_adult():
    conv = Conv(key="k", state=State.AUDIENCE)
    _type(conv, "I'm a parent")
    assert conv.state is State.CONSENT and conv.data.age_band == "adult"


def test_under_13_keeps_no_age_and_listens_without_keeping():
    conv = Conv(key="k", state=State.AGE, data=ConvData(audience="young_person"))
    turn = _type(conv, "11")
    assert conv.state is State.NOT_KEEPING
    assert conv.data == ConvData(language="en")
    assert "Front Door: 0300" in turn.replies[-1].text


def test_saying_no_to_consent_forgets_the_profile():
    conv = Conv(
        key="k", state=State.CONSENT, data=ConvData(audience="young_person", age_band="13_15")
    )
    _type(conv, "no thanks")
    assert conv.state is State.NOT_KEEPING and conv.data.age_band is None


def test_an_unclear_answer_keeps_the_state_and_asks_again():
    conv = Conv(key="k", state=State.AGE)
    turn = _type(conv, "dunno")
    assert conv.state is State.AGE
    assert turn.replies[-1].text.startswith("Please tap")


def test_a_button_from_an_earlier_step_is_ignored():
    conv = Conv(key="k", state=State.CONSENT, data=ConvData(audience="young_person"))
    turn = _tap(conv, "aud:parent_carer")
    assert conv.state is State.CONSENT and turn.replies == []


def test_the_nlu_can_answer_a_yes_no_question_the_matcher_did_not_get():
    conv = Conv(key="k", state=State.QUOTE)
    turn = _turn(conv, text="go for it mate")
    turn.intent = "affirm"
    run_turn(turn)
    assert conv.state is State.FOLLOW_UP and conv.data.quote is True


def test_a_first_message_starts_the_welcome_in_the_persons_language():
    conv = Conv(key="k", data=ConvData(language="pl"))
    turn = _type(conv, "hej")
    assert conv.state is State.AUDIENCE
    assert turn.replies[0].text.startswith("Cześć")


def test_conversation_data_survives_json_and_ignores_unknown_keys():
    data = ConvData(language="pl", campaign="feeling-safe", question=2, quote=True)
    assert ConvData.from_json(data.to_json()) == data
    assert ConvData.from_json('{"language": "en", "old_field": 1}') == ConvData()
