"""Push updates to the bot's webhook, like Telegram: in order per chat, retried on failure.

Up to `max_connections` chats are delivered concurrently; within one chat the next update waits
until the previous one was accepted (HTTP 2xx). Failures are recorded for getWebhookInfo.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging

import httpx

from bot.emulator.models import now
from bot.emulator.state import EmulatorState, PendingUpdate

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
RETRY_DELAYS = (0.1, 0.25, 0.5, 1.0, 2.0, 5.0)


class WebhookPusher:
    def __init__(self, state: EmulatorState, retry_delays: tuple[float, ...] = RETRY_DELAYS):
        self.state = state
        self.retry_delays = retry_delays
        self._wake = asyncio.Event()
        self._in_flight: dict[int | None, asyncio.Task[None]] = {}
        self._task: asyncio.Task[None] | None = None
        self._client: httpx.AsyncClient | None = None
        state.on_new_update = self._wake.set

    async def start(self) -> None:
        self._client = httpx.AsyncClient(timeout=httpx.Timeout(10.0), trust_env=False)
        self._task = asyncio.create_task(self._run(), name="emulator-webhook")

    async def stop(self) -> None:
        tasks = [t for t in (self._task, *self._in_flight.values()) if t is not None]
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        if self._client is not None:
            await self._client.aclose()
        self.state.on_new_update = None

    async def _run(self) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            self._launch_ready()

    def _launch_ready(self) -> None:
        hook = self.state.webhook
        if hook is None:
            return
        seen: set[int | None] = set()
        for update in self.state.deliverable(self.state.allowed_updates):
            if update.chat_id in seen:
                continue  # only the oldest pending update of each chat may go out
            seen.add(update.chat_id)
            if update.chat_id in self._in_flight or len(self._in_flight) >= hook.max_connections:
                continue
            task = asyncio.create_task(self._deliver(update))
            self._in_flight[update.chat_id] = task
            task.add_done_callback(functools.partial(self._finished, update.chat_id))

    def _finished(self, chat_key: int | None, _task: asyncio.Task[None]) -> None:
        self._in_flight.pop(chat_key, None)
        self._wake.set()

    async def _deliver(self, update: PendingUpdate) -> None:
        attempt = 0
        while (hook := self.state.webhook) is not None and update in self.state.updates:
            headers = {"Content-Type": "application/json"}
            if hook.secret_token:
                headers[SECRET_HEADER] = hook.secret_token
            error = await self._post(hook.url, update, headers)
            if error is None:
                with contextlib.suppress(ValueError):
                    self.state.updates.remove(update)
                return
            hook.last_error_date, hook.last_error_message = now(), error
            await asyncio.sleep(self.retry_delays[min(attempt, len(self.retry_delays) - 1)])
            attempt += 1

    async def _post(self, url: str, update: PendingUpdate, headers: dict[str, str]) -> str | None:
        assert self._client is not None
        try:
            response = await self._client.post(url, json=update.body, headers=headers)
        except httpx.HTTPError as exc:
            return f"Connection error: {type(exc).__name__}"
        if 200 <= response.status_code < 300:
            return None
        return f"Wrong response from the webhook: {response.status_code} {response.reason_phrase}"
