from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.replies import Button, Reply, split_reply, split_text


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def test_a_short_text_is_one_piece():
    assert split_text("hello") == ["hello"]


def test_a_long_text_is_split_at_word_boundaries_under_the_limit():
    pieces = split_text("word " * 2000)
    assert len(pieces) == 3
    assert all(_utf16(p) <= 4096 for p in pieces)
    assert all(not p.endswith("wor") for p in pieces)


def test_emoji_count_double_against_telegrams_limit():
    pieces = split_text("😀" * 3000)
    assert all(_utf16(p) <= 4096 for p in pieces)
    assert "".join(pieces) == "😀" * 3000


@given(st.text(min_size=0, max_size=9000))
def test_splitting_never_exceeds_the_limit_and_loses_no_visible_characters(text):
    pieces = split_text(text, limit=500)
    assert all(_utf16(p) <= 500 for p in pieces)
    assert "".join("".join(pieces).split()) == "".join(text.split())


def test_buttons_stay_on_the_last_piece():
    reply = Reply("x " * 3000, ((Button("Yes", "y"),),))
    pieces = split_reply(reply)
    assert [bool(p.buttons) for p in pieces] == [False, True]


def test_a_reply_survives_its_outbox_round_trip():
    reply = Reply("hi", ((Button("Yes", "consent:yes"), Button("No", "consent:no")),))
    assert Reply.from_json(reply.to_json(42)) == (42, reply)
