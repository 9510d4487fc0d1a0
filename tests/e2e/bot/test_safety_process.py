"""End to end through the `yousaid bot` process: an edited answer, and the worker-contact offer."""

from __future__ import annotations

from sqlalchemy import create_engine

from tests.e2e.bot.conftest import BotProcess, Person


def _rows(db_url: str, sql: str) -> list[tuple[object, ...]]:
    engine = create_engine(db_url)
    with engine.connect() as connection:
        rows = [tuple(r) for r in connection.exec_driver_sql(sql)]
    engine.dispose()
    return rows


def test_an_edited_answer_is_updated_and_a_no_to_worker_contact_is_recorded(
    bot_process: BotProcess, emu, bot_env
):
    db_url = bot_env["YOUSAID_DATABASE_URL"]
    person = Person(emu)
    assert "YouSaid" in person.say("/start", count=4, timeout=40)[0]
    person.press("Young person")
    person.press("16 or 17", count=2)
    person.press("Yes, keep my views")
    person.press("No")
    person.press("No", count=3)

    sent = emu.send_text(person.id, "the libary")
    person.seen = sent["message"]["message_id"]
    person._wait(1, timeout=20)
    emu.edit_text(person.id, sent["message"]["message_id"], "the library")
    assert person._wait(1, timeout=20) == ["I've changed your saved answer to match your edit."]
    assert _rows(db_url, "SELECT text FROM responses") == [("the library",)]

    replies = person.say("he said he will kill me if I tell anyone, I'm scared", count=2)
    assert "999" in replies[0] and "Can they message you here?" in replies[1]
    assert person.press("No, please don't")[0].startswith("OK, a worker won't message you here")
    assert _rows(db_url, "SELECT level, contact_answer FROM escalations") == [("urgent", "no")]
    assert bot_process.kill(15) == 0
