"""After an urgent message the bot offers that a worker can message them; the answer is kept."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from consent.models import Response
from feedback_api.audit.models import AuditEvent
from feedback_api.escalations.models import Escalation
from tests.integration.bot.conftest import Harness

URGENT = "he said he will kill me if I tell anyone"
OFFER_BUTTONS = ["Yes, they can", "No, please don't"]


def _escalation(harness: Harness) -> Escalation:
    with Session(harness.engine) as session:
        return session.scalars(select(Escalation)).one()


def _responses(harness: Harness) -> list[str | None]:
    with Session(harness.engine) as session:
        return list(session.scalars(select(Response.text).order_by(Response.id)))


async def test_an_urgent_message_gets_help_first_then_the_offer_with_two_buttons(
    harness: Harness,
):
    chat = harness.person()
    replies = await chat.say(URGENT)
    assert "999" in replies[0] and "0800 1111" in replies[0] and "85258" in replies[0]
    assert "Are you safe right now?" in replies[1] and "message you here" in replies[1]
    assert chat.buttons() == OFFER_BUTTONS
    escalation = _escalation(harness)
    assert escalation.contact_offered_at is not None and escalation.contact_answer is None


async def test_tapping_no_is_recorded_on_the_escalation_and_audited(harness: Harness):
    chat = harness.person()
    await chat.say(URGENT)
    reply = await chat.press("No, please don't")
    assert "won't message you here" in reply[0]
    escalation = _escalation(harness)
    assert escalation.contact_answer == "no" and escalation.contact_answered_at is not None
    with Session(harness.engine) as session:
        event = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "contact_answer")
        ).one()
    assert event.object_id == escalation.id and event.actor_role == "system"
    assert event.detail == {"answer": "no", "via": "button", "withdrawn_replies": 0}


async def test_a_typed_yes_mid_questions_answers_the_offer_and_is_not_kept_as_a_view(
    harness: Harness,
):
    chat = harness.person()
    await chat.consent()
    await chat.say(URGENT)
    reply = await chat.say("yes")
    assert "may message you here" in reply[0]
    assert _escalation(harness).contact_answer == "yes"
    assert _responses(harness) == []


async def test_a_typed_no_to_a_first_message_offer_is_recorded_without_starting_onboarding(
    harness: Harness,
):
    chat = harness.person()
    await chat.say(URGENT)  # nothing else said before: no conversation is kept
    reply = await chat.say("no please don't")
    assert len(reply) == 1 and "won't message you here" in reply[0]
    assert _escalation(harness).contact_answer == "no"


async def test_other_words_after_the_offer_are_an_answer_and_leave_the_offer_open(
    harness: Harness,
):
    chat = harness.person()
    await chat.consent()
    await chat.say(URGENT)
    await chat.say("the park")
    assert _responses(harness) == ["the park"]
    await chat.say("no")  # the next question's answer now, not the offer's
    assert _escalation(harness).contact_answer is None
    assert _responses(harness) == ["the park", "no"]


async def test_after_a_yes_a_later_urgent_message_does_not_ask_again(harness: Harness):
    chat = harness.person()
    await chat.say(URGENT)
    await chat.press("Yes, they can")
    again = await chat.say(URGENT)
    assert "Are you safe right now?" in again[1]
    assert chat.buttons() == []


async def test_after_a_no_a_new_urgent_message_asks_again_and_a_yes_replaces_the_no(
    harness: Harness,
):
    chat = harness.person()
    await chat.say(URGENT)
    await chat.press("No, please don't")
    await chat.say(URGENT)
    assert chat.buttons() == OFFER_BUTTONS
    assert _escalation(harness).contact_answer == "no"  # an unanswered offer keeps the "no"
    await chat.say("yes they can")
    assert _escalation(harness).contact_answer == "yes"


async def test_the_offer_is_in_polish_for_a_polish_speaker(harness: Harness):
    chat = harness.person(language_code="pl")
    replies = await chat.say(URGENT)
    assert "Czy jesteś teraz bezpieczny" in replies[1]
    assert chat.buttons() == ["Tak, może", "Nie, proszę nie"]
    await chat.say("nie piszcie")
    assert _escalation(harness).contact_answer == "no"


async def test_a_bare_no_is_never_taken_as_a_refusal_the_bot_checks_with_buttons(
    harness: Harness,
):
    chat = harness.person()
    await chat.consent()
    await chat.say(URGENT)
    check = await chat.say("no")  # may well mean "no, I'm not safe"
    assert "999" in check[0] and "can a safeguarding worker message you here?" in check[0]
    assert chat.buttons() == OFFER_BUTTONS
    assert _escalation(harness).contact_answer is None
    assert _responses(harness) == []
    await chat.say("don't")
    assert _escalation(harness).contact_answer == "no"


async def test_a_concern_message_gets_the_kind_reply_and_no_offer(harness: Harness):
    chat = harness.person()
    replies = await chat.say("my friend told me she self harms")
    assert "may look at what you wrote" in replies[0] and "0800 1111" in replies[0]
    assert all("message you here" not in r for r in replies)
    escalation = _escalation(harness)
    assert escalation.level == "concern" and escalation.contact_offered_at is None


async def test_a_button_tapped_after_the_escalation_closed_records_nothing_and_points_to_help(
    harness: Harness,
):
    chat = harness.person()
    await chat.say(URGENT)
    with Session(harness.engine) as session, session.begin():
        session.scalars(select(Escalation)).one().status = "closed"
    reply = await chat.press("Yes, they can")
    assert "/help" in reply[0] and "999" in reply[0]
    assert _escalation(harness).contact_answer is None
