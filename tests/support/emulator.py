"""Emulator fixtures shared by the bot and emulator test packages (import them into a conftest).

One in-thread Bot API emulator per session; each test gets a client on a reset emulator.
"""

from collections.abc import Iterator

import pytest

from bot.emulator import DEFAULT_TOKEN, EmulatorClient, EmulatorState, run_emulator_in_thread


@pytest.fixture(scope="session")
def emulator_state() -> EmulatorState:
    return EmulatorState(DEFAULT_TOKEN)


@pytest.fixture(scope="session")
def emulator_url(emulator_state: EmulatorState) -> Iterator[str]:
    with run_emulator_in_thread(state=emulator_state) as url:
        yield url


@pytest.fixture
def emu(emulator_url: str) -> Iterator[EmulatorClient]:
    with EmulatorClient(emulator_url) as client:
        client.reset()
        yield client
