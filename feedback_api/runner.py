"""`yousaid run`: start every part of the stack as a supervised child process.

Separate processes keep one part's crash (or a `kill -9` in a test) from taking the others down;
the supervisor restarts a child that dies, with backoff, until asked to stop.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field

from feedback_api.settings import Settings


@dataclass
class Component:
    name: str
    argv: list[str]
    env: dict[str, str] = field(default_factory=dict)
    process: subprocess.Popen[bytes] | None = None
    restarts: int = 0
    next_start: float = 0.0


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "feedback_api.cli", *args]


def plan_components(settings: Settings) -> list[Component]:
    telegram_env: dict[str, str] = {}
    components = [Component("api", _cli("api"))]
    if settings.telegram_token is None:
        # No real bot token: run the local Bot API emulator and point everything at it.
        from bot.emulator import DEFAULT_TOKEN

        port = str(settings.emulator_port)
        components.append(
            Component("emulator", _cli("emulator", "--port", port, "--token", DEFAULT_TOKEN))
        )
        telegram_env = {
            "YOUSAID_TELEGRAM_TOKEN": DEFAULT_TOKEN,
            "YOUSAID_TELEGRAM_API_URL": f"http://127.0.0.1:{port}/bot",
        }
    components.append(Component("outbox", _cli("outbox", "work"), env=telegram_env))
    nlu_env: dict[str, str] = {}
    if settings.nlu_sidecar:
        from nlu.intent_sidecar import local_token

        # The bot starts on the in-process fallback and uses Rasa as soon as it answers.
        token = (
            settings.rasa_token.get_secret_value()
            if settings.rasa_token
            else local_token(create=True)
        ) or ""
        nlu_env = {
            "YOUSAID_RASA_URL": settings.rasa_url or "http://127.0.0.1:5005",
            "YOUSAID_RASA_TOKEN": token,
        }
        components.append(Component("nlu", _cli("nlu", "serve", "--if-available"), env=nlu_env))
    components.append(Component("bot", _cli("bot"), env=telegram_env | nlu_env))
    return components


def _start(component: Component) -> None:
    env = {**os.environ, **component.env}
    component.process = subprocess.Popen(component.argv, env=env)
    print(f"[run] started {component.name} (pid {component.process.pid})", flush=True)


def run_stack(settings: Settings) -> None:
    from feedback_api.cli.common import engine_or_exit
    from feedback_api.migrate import upgrade

    upgrade(engine_or_exit(settings))
    components = plan_components(settings)
    stopping = False

    def stop(_signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    for component in components:
        _start(component)
    print(f"[run] API:       http://{settings.api_host}:{settings.api_port}/healthz", flush=True)
    if any(c.name == "emulator" for c in components):
        print(f"[run] Chat page: http://127.0.0.1:{settings.emulator_port}/chat", flush=True)
    print("[run] Ctrl-C stops everything", flush=True)
    try:
        while not stopping:
            _supervise(components)
            time.sleep(0.5)
    finally:
        _stop_all(components)


def _supervise(components: list[Component]) -> None:
    now = time.monotonic()
    for component in components:
        proc = component.process
        if proc is None or proc.poll() is None:
            if proc is None and now >= component.next_start:
                _start(component)
            continue
        if proc.returncode == 0 and component.name == "nlu":
            continue  # the NLU sidecar exits cleanly when Rasa is unavailable: run on the fallback
        component.restarts += 1
        delay = min(30.0, 2.0 ** min(component.restarts, 5))
        print(f"[run] {component.name} exited ({proc.returncode}); restart in {delay:.0f}s")
        component.process = None
        component.next_start = now + delay


def _stop_all(components: list[Component]) -> None:
    for component in components:
        if component.process and component.process.poll() is None:
            component.process.terminate()
    deadline = time.monotonic() + 10
    for component in components:
        if component.process is None:
            continue
        try:
            component.process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            component.process.kill()
