"""Screening a poll's worth of messages at once gives what screening each alone gives."""

from __future__ import annotations

from bot.screening import screen_batch
from nlu.screen import Level, ScreenResult, screen

TEXTS = [
    "more lights by the park please",
    "he's 23 and I'm 14 and he said not to tell my mum",
    "i want to kms tonight",
    "the buses never come on time",
]


def test_a_batch_is_screened_exactly_as_each_message_alone():
    assert screen_batch(screen, TEXTS) == [screen(text) for text in TEXTS]
    assert {r.level for r in screen_batch(screen, TEXTS)} >= {Level.NONE, Level.URGENT}


def test_a_broken_screen_fails_towards_a_human_for_every_message_in_a_batch():
    def broken(text: str) -> ScreenResult:
        raise RuntimeError("lexicon missing")

    results = screen_batch(broken, TEXTS)
    assert [r.level for r in results] == [Level.CONCERN] * len(TEXTS)
    assert all(r.categories == ("screen_unavailable",) for r in results)


def test_an_injected_screen_is_asked_about_every_message_in_order():
    seen: list[str] = []

    def check(text: str) -> ScreenResult:
        seen.append(text)
        return screen(text)

    screen_batch(check, TEXTS)
    assert seen == TEXTS
