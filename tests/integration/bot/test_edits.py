"""An edited message is screened first; if it was a stored answer, the answer follows the edit."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from consent.models import Response
from feedback_api.escalations.models import Escalation
from tests.integration.bot.conftest import Chat, Harness


def _answers(harness: Harness) -> list[tuple[str, str | None]]:
    with Session(harness.engine) as session:
        rows = session.execute(select(Response.question, Response.text).order_by(Response.id))
        return [(q, t) for q, t in rows]


async def _answer(chat: Chat, text: str) -> dict[str, Any]:
    update = chat.emu.send_text(chat.user_id, text)
    await chat.send(update)
    message: dict[str, Any] = update["message"]
    return message


async def _edit(chat: Chat, message: dict[str, Any], text: str) -> list[str]:
    return await chat.send(chat.emu.edit_text(chat.user_id, message["message_id"], text))


async def test_editing_an_answer_updates_the_stored_answer_and_says_so(harness: Harness):
    chat = harness.person()
    await chat.consent(age="13 to 15")
    first = await _answer(chat, "the libary")
    await _answer(chat, "the underpass")
    reply = await _edit(chat, first, "the library and the youth club")
    assert reply == ["I've changed your saved answer to match your edit."]
    assert _answers(harness) == [
        ("good_things", "the library and the youth club"),
        ("unsafe_places", "the underpass"),
    ]


async def test_editing_a_message_that_was_not_an_answer_changes_nothing_and_says_nothing(
    harness: Harness,
):
    chat = harness.person()
    await chat.say("/start")
    typed = await _answer(chat, "young person")  # a typed button choice, not a view
    assert await _edit(chat, typed, "parent") == []
    assert _answers(harness) == []


async def test_after_delete_an_edit_is_not_stored_and_the_person_is_told_kindly(
    harness: Harness,
):
    chat = harness.person()
    await chat.consent(age="13 to 15")
    first = await _answer(chat, "the skate park")
    await chat.say("/delete")
    await chat.press("Yes, delete it")
    reply = await _edit(chat, first, "the skate park at night")
    assert reply == [
        "I saw you changed a message. I'm not keeping your answers at the moment,"
        " so there was nothing to change."
    ]
    assert _answers(harness) == []


async def test_an_answer_whose_text_retention_removed_is_not_brought_back(harness: Harness):
    chat = harness.person()
    await chat.consent(age="13 to 15")
    first = await _answer(chat, "the bus station")
    with Session(harness.engine) as session, session.begin():
        session.execute(update(Response).values(text=None))
    reply = await _edit(chat, first, "the bus station after dark")
    assert "isn't stored any more" in reply[0]
    assert _answers(harness) == [("good_things", None)]


async def test_an_edit_that_reads_urgent_gets_help_and_is_never_put_into_the_campaign(
    harness: Harness,
):
    chat = harness.person()
    await chat.consent(age="13 to 15")
    first = await _answer(chat, "fine thanks")
    reply = await _edit(chat, first, "he said he will kill me if I tell anyone")
    assert "999" in reply[0] and "Are you safe right now?" in reply[1]
    assert _answers(harness) == [("good_things", "fine thanks")]
    with Session(harness.engine) as session:
        assert session.scalars(select(Escalation.level)).all() == ["urgent"]


async def test_an_edit_that_reads_as_a_concern_gets_the_kind_reply_and_updates_the_answer(
    harness: Harness,
):
    chat = harness.person()
    await chat.consent(age="13 to 15")
    first = await _answer(chat, "the park")
    reply = await _edit(chat, first, "my friend told me she self harms")
    assert "may look at what you wrote" in reply[0]
    assert reply[1] == "I've changed your saved answer to match your edit."
    assert _answers(harness) == [("good_things", "my friend told me she self harms")]
