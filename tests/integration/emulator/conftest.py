"""One emulator per test session (reset before each test) and a real PTB Bot pointed at it."""

from __future__ import annotations

import ssl
from collections.abc import AsyncIterator

import pytest
import telegram
from telegram.request import HTTPXRequest

from bot.emulator import DEFAULT_TOKEN, EmulatorClient


@pytest.fixture(scope="session")
def tls_context() -> ssl.SSLContext:
    # Building an SSL context costs ~60 ms and PTB builds two per Bot; share one (never used
    # on the plain-HTTP emulator, but httpx builds it eagerly).
    return ssl.create_default_context()


@pytest.fixture
async def bot(
    emulator_url: str, emu: EmulatorClient, tls_context: ssl.SSLContext
) -> AsyncIterator[telegram.Bot]:
    def request() -> HTTPXRequest:
        return HTTPXRequest(httpx_kwargs={"verify": tls_context})

    tg_bot = telegram.Bot(
        DEFAULT_TOKEN,
        base_url=f"{emulator_url}/bot",
        request=request(),
        get_updates_request=request(),
    )
    async with tg_bot:
        yield tg_bot
