from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.models import Conversation
from consent.models import ConsentRecord, Participant, Response
from tests.integration.bot.conftest import Chat, Harness


def _count(harness: Harness, model: type) -> int:
    with Session(harness.engine) as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


async def _consent_as_teenager(chat: Chat, quote: str = "Yes", follow: str = "No") -> list[str]:
    welcome = await chat.say("/start")
    assert "YouSaid" in welcome[0]
    assert chat.buttons() == ["Young person", "Parent or carer"]
    await chat.press("Young person")
    await chat.press("13 to 15")
    await chat.press("Yes, keep my views")
    await chat.press(quote)
    return await chat.press(follow)


async def test_a_young_person_who_agrees_answers_every_question_and_each_answer_is_kept(
    harness: Harness,
):
    chat = harness.person()
    first = await _consent_as_teenager(chat)
    assert "/mydata" in first[0]
    assert first[-1] == "What is good about where you live?"
    await chat.say("the youth club")
    await chat.say("the underpass, people get robbed")
    await chat.say("more lights")
    done = await chat.say("listen to us")
    assert "you said, we did" in done[-1]
    with Session(harness.engine) as session:
        answers = session.scalars(select(Response).order_by(Response.id)).all()
        assert [(r.question, r.text) for r in answers] == [
            ("good_things", "the youth club"),
            ("unsafe_places", "the underpass, people get robbed"),
            ("make_better", "more lights"),
            ("tell_partnership", "listen to us"),
        ]
        assert {r.age_band for r in answers} == {"13_15"}
        assert all(r.source_ref and r.source_ref.startswith("tg:") for r in answers)
        granted = {r.scope for r in session.scalars(select(ConsentRecord)) if r.granted}
        assert granted == {"keep_views", "quote"}


async def test_saying_no_keeps_nothing_but_the_person_can_still_talk(harness: Harness):
    chat = harness.person()
    await chat.say("hi")
    await chat.press("Young person")
    await chat.press("16 or 17")
    declined = await chat.press("No thanks")
    assert "won't keep anything" in declined[0]
    reply = await chat.say("the bus station is dodgy")
    assert "not keeping" in reply[0]
    assert _count(harness, Participant) == 0
    assert _count(harness, Response) == 0


async def test_an_under_13_is_told_kindly_given_help_and_nothing_is_kept(harness: Harness):
    chat = harness.person()
    await chat.say("/start")
    await chat.press("Young person")
    replies = await chat.press("Under 13")
    assert "parent or carer" in replies[0]
    assert "0800 1111" in replies[1] and "Test Front Door" in replies[1]
    await chat.say("my school is fine")
    assert _count(harness, Participant) == 0
    assert _count(harness, Response) == 0
    with Session(harness.engine) as session:
        conv = session.scalar(select(Conversation))
        assert conv is not None and "13" not in conv.data


async def test_a_parent_skips_the_age_question(harness: Harness):
    chat = harness.person()
    await chat.say("/start")
    statement = await chat.press("Parent or carer")
    assert "children and families" in statement[0]
    assert "keep your views" in statement[1]


async def test_typed_answers_work_as_well_as_buttons(harness: Harness):
    chat = harness.person()
    await chat.say("/start")
    await chat.say("young person")
    await chat.say("I'm 14")
    await chat.say("yeah")
    await chat.say("nah")
    first = await chat.say("no")
    assert first[-1] == "What is good about where you live?"


async def test_an_unclear_typed_answer_at_a_button_question_asks_again(harness: Harness):
    chat = harness.person()
    await chat.say("/start")
    assert await chat.say("banana") == ["Please tap one of the buttons, or type your answer."]


async def test_a_deep_link_payload_is_taken_and_a_bad_one_falls_back(harness: Harness):
    chat = harness.person()
    await chat.say("/start ../../etc")
    first = await _consent_as_teenager(chat)
    assert first[-1] == "What is good about where you live?"
    with Session(harness.engine) as session:
        conv = session.scalar(select(Conversation))
        assert conv is not None and '"campaign":"feeling-safe"' in conv.data


async def test_a_polish_telegram_user_is_answered_in_polish(harness: Harness):
    chat = harness.person(language_code="pl")
    welcome = await chat.say("/start")
    assert "Cześć" in welcome[0]
    assert chat.buttons() == ["Osoba młoda", "Rodzic lub opiekun"]


async def test_a_stale_button_from_an_earlier_step_changes_nothing(harness: Harness):
    chat = harness.person()
    await chat.say("/start")
    await chat.press("Young person")
    assert await chat.send(harness.emu.press_button(chat.user_id, "Young person")) == []
