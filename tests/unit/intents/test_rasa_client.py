from __future__ import annotations

import asyncio
import logging
import time

import pytest

from nlu.intent_server import free_port
from nlu.intents import BreakerState, CircuitBreaker, RasaClassifier
from tests.unit.intents.factories import trained_fallback
from tests.unit.intents.fake_rasa import FakeRasa


def client(url: str, **kwargs) -> RasaClassifier:
    return RasaClassifier(url, token="s3cret", fallback=trained_fallback(), **kwargs)


async def test_a_prompt_rasa_answer_is_used_with_its_entities():
    async with FakeRasa() as rasa:
        nlu = client(rasa.url)
        result = await nlu.classify("the rec is boring")
        await nlu.aclose()
    assert result.source == "rasa"
    assert result.intent == "share_view"
    assert result.entities[0].value == "the rec"
    assert "token=s3cret" in rasa.requests[0]


async def test_a_slow_server_is_answered_by_the_fallback_within_300_ms():
    async with FakeRasa(mode="slow", delay=2.0) as rasa:
        nlu = client(rasa.url)
        started = time.perf_counter()
        result = await nlu.classify("yeah ok")
        elapsed = time.perf_counter() - started
        await nlu.aclose()
    assert result.source == "fallback"
    assert result.intent == "affirm"
    assert elapsed < 0.32  # 0.25 s deadline + ~5 ms of fallback; slack for a busy machine


@pytest.mark.parametrize("mode", ["401", "garbage", "no_model", "hang_up"])
async def test_a_misbehaving_server_never_makes_classify_raise(mode):
    async with FakeRasa(mode=mode) as rasa:
        nlu = client(rasa.url)
        result = await nlu.classify("delete my stuff")
        await nlu.aclose()
    assert (result.source, result.intent) == ("fallback", "delete_data")


async def test_a_server_that_is_not_running_is_answered_by_the_fallback():
    nlu = client(f"http://127.0.0.1:{free_port()}")
    result = await nlu.classify("stop")
    await nlu.aclose()
    assert (result.source, result.intent) == ("fallback", "stop")


async def test_after_repeated_failures_the_server_is_not_even_asked():
    async with FakeRasa(mode="401") as rasa:
        nlu = client(rasa.url, breaker=CircuitBreaker(failure_threshold=2, cooldown=60))
        for _ in range(5):
            await nlu.classify("hiya")
        await nlu.aclose()
    assert len(rasa.requests) == 2
    assert nlu.breaker.state is BreakerState.OPEN


async def test_rasa_is_used_again_once_it_recovers_after_the_cooldown():
    async with FakeRasa(mode="401") as rasa:
        nlu = client(rasa.url, breaker=CircuitBreaker(failure_threshold=1, cooldown=0.05))
        assert (await nlu.classify("the rec is boring")).source == "fallback"
        rasa.mode = "ok"
        time.sleep(0.06)
        result = await nlu.classify("the rec is boring")
        await nlu.aclose()
    assert result.source == "rasa"
    assert nlu.breaker.state is BreakerState.CLOSED


async def test_unknown_or_unsure_rasa_intents_become_out_of_scope():
    async with FakeRasa() as rasa:
        nlu = client(rasa.url)
        rasa.body = {"intent": {"name": "nlu_fallback", "confidence": 0.9}, "entities": []}
        unknown = await nlu.classify("x")
        rasa.body = {"intent": {"name": "affirm", "confidence": 0.1}, "entities": []}
        unsure = await nlu.classify("x")
        await nlu.aclose()
    assert (unknown.intent, unknown.source) == ("out_of_scope", "rasa")
    assert (unsure.intent, unsure.confidence) == ("out_of_scope", 0.1)


async def test_an_unexpected_error_still_yields_an_answer(monkeypatch):
    async def explode(text: str) -> None:
        raise RuntimeError("boom")

    nlu = client(f"http://127.0.0.1:{free_port()}")
    monkeypatch.setattr(nlu, "_ask_rasa", explode)
    result = await nlu.classify("hi")
    await nlu.aclose()
    assert (result.intent, result.source) == ("out_of_scope", "fallback")


async def test_a_caller_cancelling_mid_request_does_not_wedge_the_breaker():
    async with FakeRasa(mode="slow", delay=2.0) as rasa:
        nlu = client(
            rasa.url, timeout=1.0, breaker=CircuitBreaker(failure_threshold=1, cooldown=0.05)
        )
        with pytest.raises(asyncio.TimeoutError):
            await asyncio.wait_for(nlu.classify("hiya"), 0.1)  # the bot's own deadline
        assert nlu.breaker.state is BreakerState.OPEN
        rasa.mode = "ok"
        await asyncio.sleep(0.06)
        result = await nlu.classify("the rec is boring")
        await nlu.aclose()
    assert result.source == "rasa"


async def test_message_text_is_never_logged(caplog):
    secret = "my stepdad hurts me"
    async with FakeRasa(mode="garbage") as rasa:
        nlu = client(rasa.url)
        with caplog.at_level(logging.DEBUG):
            await nlu.classify(secret)
            await nlu.classify(secret)
            await nlu.classify(secret)
        await nlu.aclose()
    assert secret not in caplog.text


async def test_the_auth_token_is_never_logged(caplog):
    async with FakeRasa() as rasa:
        nlu = client(rasa.url)
        with caplog.at_level(logging.DEBUG):
            await nlu.classify("hiya")
        await nlu.aclose()
    assert "HTTP Request" in caplog.text  # httpx did log the request...
    assert "s3cret" not in caplog.text  # ...without the token
