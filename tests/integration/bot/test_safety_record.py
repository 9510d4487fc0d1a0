"""/mydata, /delete and /stop say plainly that a safety record is kept by the safeguarding lead."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from consent.models import Participant, Response
from feedback_api.escalations.models import Escalation
from tests.integration.bot.conftest import Chat, Harness

URGENT = "he said he will kill me if I tell anyone"


def _count(harness: Harness, model: type) -> int:
    with Session(harness.engine) as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


async def _consented_with_one_answer(chat: Chat) -> None:
    await chat.consent()
    await chat.say("the skate park")


async def test_mydata_says_a_safety_record_exists_who_keeps_it_and_how_to_ask(
    harness: Harness,
):
    chat = harness.person()
    await _consented_with_one_answer(chat)
    await chat.say(URGENT)
    held = await chat.say("/mydata")
    assert "Answers kept: 1" in held[0]
    assert "safety record" in held[1] and "safeguarding lead" in held[1]
    assert "even if you use /delete" in held[1]
    assert "Test Front Door on 0300 000 0000" in held[1]


async def test_mydata_without_any_escalation_does_not_mention_a_safety_record(
    harness: Harness,
):
    chat = harness.person()
    await _consented_with_one_answer(chat)
    held = await chat.say("/mydata")
    assert len(held) == 1 and "safety record" not in held[0]


async def test_delete_warns_first_then_erases_views_but_keeps_the_safety_record(
    harness: Harness,
):
    chat = harness.person()
    await _consented_with_one_answer(chat)
    await chat.say(URGENT)
    await chat.press("No, please don't")
    asked = await chat.say("/delete")
    assert "safety record is not deleted" in asked[0] and "safeguarding lead" in asked[0]
    assert chat.buttons() == ["Yes, delete it", "No, keep it"]
    done = await chat.press("Yes, delete it")
    assert "deleted (1 answers), except your safety record" in done[0]
    assert _count(harness, Response) == 0 and _count(harness, Participant) == 0
    assert _count(harness, Escalation) == 1
    after = await chat.say("/mydata")
    assert after[0] == "We don't keep any of your views or answers."
    assert "safety record" in after[1]


async def test_someone_who_never_agreed_still_hears_about_their_safety_record(
    harness: Harness,
):
    chat = harness.person()
    await chat.say(URGENT)
    asked = await chat.say("/delete")
    assert asked[0] == "We don't keep any of your views or answers."
    assert "safety record" in asked[1]


async def test_stop_says_the_safety_record_is_kept(harness: Harness):
    chat = harness.person()
    await _consented_with_one_answer(chat)
    await chat.say(URGENT)
    goodbye = await chat.say("/stop")
    assert "stopped and deleted" in goodbye[0]
    assert "safety record is not deleted" in goodbye[1]


async def test_the_safety_record_is_explained_in_polish_too(harness: Harness):
    chat = harness.person(language_code="pl")
    await chat.say(URGENT)
    held = await chat.say("/mydata")
    assert held[0] == "Nie przechowujemy żadnych Twoich opinii ani odpowiedzi."
    assert "zapis dotyczący bezpieczeństwa" in held[1] and "/delete" in held[1]
