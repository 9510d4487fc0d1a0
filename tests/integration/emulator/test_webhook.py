"""Webhook mode: pushes with the secret header, in order, retried; getUpdates is then 409."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
import telegram
from telegram.error import Conflict

from bot.emulator import EmulatorClient

from .factories import make_user, message_of


@dataclass
class Receiver:
    """A tiny webhook endpoint that records pushes and can fail the first few."""

    url: str = ""
    fail_first: int = 0
    received: list[tuple[dict[str, str], dict[str, Any]]] = field(default_factory=list)
    attempts: int = 0

    def wait_for(self, count: int, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while len(self.received) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        assert len(self.received) >= count, f"got {self.received}, wanted {count} pushes"


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    record = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            record.attempts += 1
            if record.attempts <= record.fail_first:
                self.send_response(500)
            else:
                record.received.append((dict(self.headers), json.loads(body)))
                self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    record.url = f"http://127.0.0.1:{server.server_address[1]}/telegram"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield record
    server.shutdown()
    server.server_close()


async def test_updates_are_pushed_with_the_secret_header_in_order(
    bot: telegram.Bot, emu: EmulatorClient, receiver: Receiver
) -> None:
    user_id = make_user(emu, says=None)
    assert await bot.set_webhook(receiver.url, secret_token="s3cret-Token_1")
    for text in ("one", "two", "three"):
        emu.send_text(user_id, text)
    receiver.wait_for(3)
    headers = [h for h, _ in receiver.received]
    assert all(h["X-Telegram-Bot-Api-Secret-Token"] == "s3cret-Token_1" for h in headers)
    assert [b["message"]["text"] for _, b in receiver.received] == ["one", "two", "three"]
    # The emulator drops an update once it has read the 200, a moment after the receiver saw it.
    for _ in range(100):
        info = await bot.get_webhook_info()
        if info.pending_update_count == 0:
            break
        await asyncio.sleep(0.02)
    assert info.url == receiver.url and info.pending_update_count == 0


async def test_get_updates_conflicts_while_a_webhook_is_set(
    bot: telegram.Bot, emu: EmulatorClient, receiver: Receiver
) -> None:
    await bot.set_webhook(receiver.url)
    with pytest.raises(Conflict, match="webhook is active"):
        await bot.get_updates()
    assert await bot.delete_webhook()
    assert await bot.get_updates() == ()


async def test_failed_pushes_are_retried_and_reported(
    bot: telegram.Bot, emu: EmulatorClient, receiver: Receiver
) -> None:
    receiver.fail_first = 2
    user_id = make_user(emu, says=None)
    await bot.set_webhook(receiver.url)
    emu.send_text(user_id, "please get this")
    receiver.wait_for(1)
    assert receiver.attempts == 3
    assert receiver.received[0][1]["message"]["text"] == "please get this"
    info = await bot.get_webhook_info()
    assert "500" in (info.last_error_message or "")


async def test_deleting_the_webhook_keeps_undelivered_updates_for_polling(
    bot: telegram.Bot, emu: EmulatorClient
) -> None:
    user_id = make_user(emu, says=None)
    await bot.set_webhook("http://127.0.0.1:9/nobody-listens")
    emu.send_text(user_id, "kept")
    assert await bot.delete_webhook()
    assert [message_of(u).text for u in await bot.get_updates()] == ["kept"]


async def test_drop_pending_updates_forgets_the_backlog(
    bot: telegram.Bot, emu: EmulatorClient
) -> None:
    make_user(emu, says="old news")
    assert await bot.delete_webhook(drop_pending_updates=True)
    assert await bot.get_updates() == ()


async def test_invalid_secret_tokens_are_refused(
    bot: telegram.Bot, emu: EmulatorClient, receiver: Receiver
) -> None:
    with pytest.raises(telegram.error.BadRequest, match="unallowed characters"):
        await bot.set_webhook(receiver.url, secret_token="not allowed!")
