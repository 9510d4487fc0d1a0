"""Optional Telegram-like flood limits, and PTB's rate limiter recovering from 429s."""

from __future__ import annotations

import time

import pytest
import telegram
from telegram.error import RetryAfter
from telegram.ext import AIORateLimiter, ExtBot

from bot.emulator import DEFAULT_TOKEN, EmulatorClient
from bot.emulator.flood import FloodControl, FloodLimits
from bot.emulator.models import ApiError

from .factories import make_user

# PTB warns about its own RetryAfter.retry_after type change whenever it builds one.
pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


def test_a_private_chat_gets_a_short_burst_then_429_until_the_window_passes() -> None:
    flood = FloodControl(FloodLimits(private_burst=2, private_window=1.0))
    flood.check("sendmessage", 7, now=0.0)
    flood.check("sendmessage", 7, now=0.1)
    with pytest.raises(ApiError) as caught:
        flood.check("sendmessage", 7, now=0.2)
    assert caught.value.status == 429 and caught.value.parameters == {"retry_after": 1}
    flood.check("sendmessage", 8, now=0.2)  # other chats are unaffected
    flood.check("sendmessage", 7, now=1.05)


def test_groups_are_limited_per_minute_and_everyone_per_second() -> None:
    flood = FloodControl(FloodLimits(global_per_second=2, group_per_minute=2))
    flood.check("sendmessage", -5, now=0.0)
    flood.check("sendmessage", -5, now=2.0)
    with pytest.raises(ApiError) as caught:
        flood.check("sendmessage", -5, now=3.0)
    assert caught.value.parameters == {"retry_after": 57}
    flood.check("sendmessage", 1, now=3.0)
    flood.check("sendmessage", 2, now=3.05)
    with pytest.raises(ApiError):
        flood.check("editmessagetext", 3, now=3.1)  # a third send within a second overall


def test_reads_and_answers_are_never_limited() -> None:
    flood = FloodControl(FloodLimits(global_per_second=1))
    for _ in range(5):
        flood.check("getupdates", None, now=0.0)
        flood.check("answercallbackquery", None, now=0.0)


async def test_flood_limits_reach_ptb_as_retry_after(
    bot: telegram.Bot, emu: EmulatorClient
) -> None:
    user_id = make_user(emu)
    emu.flood_limits(private_burst=2, private_window=5)
    await bot.send_message(user_id, "one")
    await bot.send_message(user_id, "two")
    with pytest.raises(RetryAfter):
        await bot.send_message(user_id, "three")
    emu.flood_limits(enabled=False)
    assert (await bot.send_message(user_id, "three")).text == "three"


async def test_ptbs_rate_limiter_waits_out_a_429_and_succeeds(
    emulator_url: str, emu: EmulatorClient
) -> None:
    user_id = make_user(emu)
    emu.inject_fault("sendMessage", "429", count=1, retry_after=1)
    limited = ExtBot(
        DEFAULT_TOKEN, base_url=f"{emulator_url}/bot", rate_limiter=AIORateLimiter(max_retries=2)
    )
    async with limited:
        started = time.monotonic()
        sent = await limited.send_message(user_id, "got there")
    assert sent.text == "got there" and time.monotonic() - started >= 1.0
    assert [c["status"] for c in emu.calls("sendmessage")] == [429, 200]
