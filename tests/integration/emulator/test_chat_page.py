"""The browser chat page, driven in headless Chromium (skipped where Playwright/Chromium lack)."""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.emulator import DEFAULT_TOKEN, EmulatorClient

sync_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="no Chromium on this machine"),
    pytest.mark.slow,
]
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


@pytest.fixture
def page(tmp_path: Path) -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        # A persistent context is how Playwright takes a fresh --user-data-dir of our choosing.
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 390, "height": 760},
        )
        yield context.new_page()
        context.close()


def _wait_for_update(emu: EmulatorClient, kind: str) -> dict[str, Any]:
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        found = [u for u in emu.pending_updates() if kind in u]
        if found:
            return found[-1]
        time.sleep(0.05)
    raise AssertionError(f"no {kind} update from the page")


def test_a_person_can_chat_press_buttons_and_send_a_photo(
    page: Any, emulator_url: str, emu: EmulatorClient, tmp_path: Path
) -> None:
    page.goto(f"{emulator_url}/chat")
    page.get_by_label("Name for a new person").fill("Jess")
    page.get_by_role("button", name="Add a new person").click()
    page.get_by_label("Message").fill("hello")
    page.get_by_label("Message").press("Enter")
    said = _wait_for_update(emu, "message")["message"]
    assert said["text"] == "hello" and said["from"]["first_name"] == "Jess"

    keyboard = {"inline_keyboard": [[{"text": "Yes, go on", "callback_data": "go"}]]}
    reply = httpx.post(
        f"{emulator_url}/bot{DEFAULT_TOKEN}/sendMessage",
        data={"chat_id": said["chat"]["id"], "text": "<b>Welcome</b> – shall we start?",
              "parse_mode": "HTML", "reply_markup": json.dumps(keyboard)},
    )  # fmt: skip
    assert reply.json()["ok"]
    bot_bubble = page.get_by_role("log").get_by_text("shall we start?")
    bot_bubble.wait_for(timeout=5000)
    assert page.locator(".bot strong").inner_text() == "Welcome"

    page.get_by_role("button", name="Yes, go on").click()
    assert _wait_for_update(emu, "callback_query")["callback_query"]["data"] == "go"
    page.get_by_role("button", name="Photo").click()
    assert "photo" in _wait_for_update(emu, "message")["message"]
    page.get_by_text("[photo]").wait_for(timeout=5000)

    shot = tmp_path / "chat.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.read_bytes().startswith(b"\x89PNG")
