"""Serve the emulator: in the foreground (CLI, `make run`) or in a background thread (tests)."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator

import uvicorn

from bot.emulator.app import create_emulator_app
from bot.emulator.state import DEFAULT_TOKEN, EmulatorState

STARTUP_TIMEOUT = 10.0


def _config(state: EmulatorState, host: str, port: int, log_level: str) -> uvicorn.Config:
    return uvicorn.Config(
        create_emulator_app(state),
        host=host,
        port=port,
        log_level=log_level,
        access_log=False,  # an access line per long poll is noise, and slows the load bench
        lifespan="on",
        timeout_keep_alive=75,  # long polls and PTB's pooled connections outlive uvicorn's 5 s
        timeout_graceful_shutdown=2,  # do not wait out long polls on Ctrl-C or SIGTERM
    )


def serve(
    host: str = "127.0.0.1",
    port: int = 8081,
    token: str = DEFAULT_TOKEN,
    state: EmulatorState | None = None,
    log_level: str = "warning",
) -> None:
    """Run the emulator until interrupted (blocking)."""
    uvicorn.Server(_config(state or EmulatorState(token), host, port, log_level)).run()


@contextlib.contextmanager
def run_emulator_in_thread(
    token: str = DEFAULT_TOKEN,
    state: EmulatorState | None = None,
    host: str = "127.0.0.1",
    port: int = 0,
) -> Iterator[str]:
    """Serve the emulator on a free port in a daemon thread; yields its root URL.

    PTB's base_url is f"{url}/bot"; the control API and chat page live under the same root.
    The server shuts down cleanly when the block exits.
    """
    # IPPROTO_TCP explicitly: asyncio only sets TCP_NODELAY on accepted sockets whose proto says
    # TCP, and without it every response waits ~40 ms for a delayed ACK.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    bound_port = sock.getsockname()[1]
    server = uvicorn.Server(_config(state or EmulatorState(token), host, bound_port, "warning"))
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name="bot-api-emulator", daemon=True
    )
    thread.start()
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            sock.close()
            raise RuntimeError("the Bot API emulator did not start")
        time.sleep(0.01)
    try:
        yield f"http://{host}:{bound_port}"
    finally:
        server.should_exit = True
        thread.join(timeout=STARTUP_TIMEOUT)
        sock.close()
