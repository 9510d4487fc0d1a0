"""End to end: the `yousaid bot` process, the emulator, the database."""

from __future__ import annotations

import time

from sqlalchemy import create_engine, inspect, select
from sqlalchemy.orm import Session
from sqlalchemy.types import String, Text

from consent.models import Response
from tests.e2e.bot.conftest import BotProcess, Person

# Columns that hold ciphertext by design (the sealed escalation record).
SEALED = {
    ("escalations", "sealed_chat_id"),
    ("escalation_messages", "sealed_text"),
    ("escalation_messages", "sealed_evidence"),
}


_QUESTION_4 = "Is there anything else you want the partnership to know?"


def _consent(person: Person) -> None:
    assert "YouSaid" in person.say("/start", count=4, timeout=40)[0]
    person.press("Young person")
    person.press("16 or 17", count=2)
    person.press("Yes, keep my views")
    person.press("No")
    replies = person.press("No", count=3)
    assert replies[-1] == "What is good about where you live?"


def _responses(db_url: str) -> list[tuple[str, str | None]]:
    engine = create_engine(db_url)
    with Session(engine) as session:
        rows = session.execute(select(Response.question, Response.text).order_by(Response.id))
        result = [(q, t) for q, t in rows]
    engine.dispose()
    return result


def test_kill_9_mid_conversation_then_restart_loses_nothing_and_keeps_order(
    bot_process: BotProcess, emu, bot_env
):
    person = Person(emu)
    _consent(person)
    last = person.say("the library")[0]
    assert bot_process.kill() == -9
    # Written while the bot is dead: Telegram (the emulator) holds them until it is back.
    for text in ("near the station", "more youth workers", "please listen"):
        emu.send_text(person.id, text)
    bot_process.start()
    replies = person._wait(3, timeout=60)
    if replies[0] == last:
        # At-least-once: the reply sent just before the kill may be sent once more, never lost.
        replies = replies[1:] + person._wait(1, timeout=20)
    assert replies[:2] == ["What would make things better?", _QUESTION_4]
    assert "you said, we did" in replies[2]
    assert _responses(bot_env["YOUSAID_DATABASE_URL"]) == [
        ("good_things", "the library"),
        ("unsafe_places", "near the station"),
        ("make_better", "more youth workers"),
        ("tell_partnership", "please listen"),
    ]


def test_one_session_consent_answers_urgent_edit_group_and_no_raw_ids_anywhere(
    bot_process: BotProcess, emu, bot_env
):
    person = Person(emu)
    _consent(person)
    assert person.say("the library")[0].startswith("Where don't you feel safe, and why?")
    assert _responses(bot_env["YOUSAID_DATABASE_URL"]) == [("good_things", "the library")]
    assert "start" in str(emu.bot_info()["commands"])

    replies = person.say("he said he will kill me if I tell anyone, I'm scared", count=2)
    assert "999" in replies[0] and "0800 1111" in replies[0] and "85258" in replies[0]
    assert "E2E Front Door: 0300 111 2222" in replies[0]
    assert "Are you safe right now?" in replies[1]

    edited = emu.send_text(person.id, "fine thanks")
    person.seen = edited["message"]["message_id"]
    person._wait(1, timeout=20)
    emu.edit_text(person.id, edited["message"]["message_id"], "my stepdad hits me")
    assert "0800 1111" in person._wait(1, timeout=20)[0]

    _group_gets_one_prompt(emu, Person(emu), person)
    engine = create_engine(bot_env["YOUSAID_DATABASE_URL"])
    with engine.connect() as connection:
        levels = [r[0] for r in connection.exec_driver_sql("SELECT level FROM escalations")]
        kept = connection.exec_driver_sql("SELECT count(*) FROM responses").scalar()
    engine.dispose()
    assert levels == ["urgent"]
    assert kept == 2  # the library, "fine thanks"; never the disclosure, the edit or the group
    _assert_no_raw_ids(bot_env["YOUSAID_DATABASE_URL"], person.id)
    assert bot_process.kill(15) == 0  # SIGTERM: a clean stop


def _group_gets_one_prompt(emu, a: Person, b: Person) -> None:
    group = emu.create_group("Friends", [a.id, b.id])
    emu.send_text(a.id, "/start", chat_id=group["id"])
    emu.send_text(b.id, "/help", chat_id=group["id"])
    said = emu.wait_for_replies(group["id"], count=1, timeout=20)
    time.sleep(1.0)  # a second prompt would have arrived by now
    said = emu.bot_messages(group["id"])
    assert len(said) == 1 and "privately" in said[0]["text"]


def _assert_no_raw_ids(db_url: str, user_id: int) -> None:
    """Scan every text column of every table for the raw Telegram id (chat id == user id)."""
    engine = create_engine(db_url)
    needle = str(user_id)
    found = []
    with engine.connect() as connection:
        inspector = inspect(connection)
        for table in inspector.get_table_names():
            for column in inspector.get_columns(table):
                if (table, column["name"]) in SEALED:
                    continue
                if not isinstance(column["type"], String | Text) and "JSON" not in str(
                    column["type"]
                ):
                    continue
                rows = connection.exec_driver_sql(
                    f'SELECT CAST("{column["name"]}" AS TEXT) FROM "{table}"'
                ).all()
                found += [(table, column["name"]) for (v,) in rows if v and needle in v]
    engine.dispose()
    assert found == []
