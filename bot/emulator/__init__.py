"""A local Telegram Bot API emulator with a control API for simulated users.

Point python-telegram-bot at it with `Bot(token, base_url=f"{url}/bot")`; drive simulated people
with `EmulatorClient(url)`; talk to the bot yourself at `{url}/chat`.
"""

from bot.emulator.aclient import AsyncEmulatorClient
from bot.emulator.app import create_emulator_app
from bot.emulator.client import EmulatorClient, EmulatorError, EmulatorTimeout
from bot.emulator.flood import FloodLimits
from bot.emulator.runner import run_emulator_in_thread, serve
from bot.emulator.state import DEFAULT_TOKEN, EmulatorState

__all__ = [
    "DEFAULT_TOKEN",
    "AsyncEmulatorClient",
    "EmulatorClient",
    "EmulatorError",
    "EmulatorState",
    "EmulatorTimeout",
    "FloodLimits",
    "create_emulator_app",
    "run_emulator_in_thread",
    "serve",
]
