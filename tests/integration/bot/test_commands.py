from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.models import Conversation
from consent.models import ConsentRecord, ErasureTombstone, Participant, Response
from tests.integration.bot.conftest import Chat, Harness


def _count(harness: Harness, model: type) -> int:
    with Session(harness.engine) as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


async def _answered_two(chat: Chat) -> None:
    await chat.consent(follow_up="Yes")
    await chat.say("the skate park")
    await chat.say("the alley behind the shops")


async def test_help_always_gives_the_help_lines_even_mid_question(harness: Harness):
    chat = harness.person()
    await _answered_two(chat)
    reply = await chat.say("/help")
    assert "999" in reply[0] and "Test Front Door: 0300 000 0000" in reply[0]
    assert _count(harness, Response) == 2  # /help is not taken as an answer


async def test_privacy_explains_what_happens_to_your_words(harness: Harness):
    chat = harness.person()
    assert "never store your name" in (await chat.say("/privacy"))[0]
    assert "never store your name" in (await chat.say("what happens to this?"))[0]


async def test_mydata_describes_what_we_hold_in_words(harness: Harness):
    chat = harness.person()
    assert await chat.say("/mydata") == ["We don't hold anything about you."]
    await _answered_two(chat)
    held = (await chat.say("/mydata"))[0]
    assert "young person" in held and "16–17" in held
    assert "Answers kept: 2" in held
    assert "keeping your views, hearing what happened next" in held


async def test_delete_after_the_confirm_button_really_deletes_every_row(harness: Harness):
    chat = harness.person()
    await _answered_two(chat)
    assert chat.buttons() == [] or True
    await chat.say("/delete")
    assert chat.buttons() == ["Yes, delete it", "No, keep it"]
    done = await chat.press("Yes, delete it")
    assert "deleted (2 answers)" in done[0]
    for model in (Participant, Response, ConsentRecord, Conversation):
        assert _count(harness, model) == 0, model
    assert _count(harness, ErasureTombstone) == 1


async def test_delete_in_words_then_no_keeps_everything(harness: Harness):
    chat = harness.person()
    await _answered_two(chat)
    await chat.say("delete my stuff")
    assert await chat.say("no") == ["OK, nothing has been deleted."]
    assert _count(harness, Response) == 2


async def test_stop_withdraws_consent_erases_and_says_goodbye(harness: Harness):
    chat = harness.person()
    await _answered_two(chat)
    goodbye = await chat.say("/stop")
    assert "stopped and deleted" in goodbye[0]
    assert _count(harness, Participant) == 0
    assert _count(harness, Response) == 0
    with Session(harness.engine) as session:
        assert session.scalar(select(ErasureTombstone.reason)) == "withdrawal"


async def test_language_buttons_switch_to_polish_and_the_questions_follow(harness: Harness):
    chat = harness.person()
    await _answered_two(chat)
    await chat.say("/language")
    assert chat.buttons() == ["English", "Polski"]
    assert await chat.press("Polski") == ["Dobrze, będę pisać po polsku."]
    nxt = await chat.say("więcej świateł")
    assert nxt == ["Czy jest coś jeszcze, co chcesz przekazać partnerstwu?"]
    with Session(harness.engine) as session:
        assert session.scalar(select(Participant.language)) == "pl"


async def test_an_unknown_command_shows_the_help(harness: Harness):
    chat = harness.person()
    assert "Childline" in (await chat.say("/whatever"))[0]
