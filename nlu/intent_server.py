"""Run the Rasa sidecar process: `RasaSidecar` (start / wait_ready / stop) and `ensure_sidecar`.

`start()` does not block, so `yousaid run` can bring the bot up at once on the fallback; the
`RasaClassifier` switches to Rasa by itself as soon as the server answers.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import secrets
import signal
import socket
import subprocess
import time
from pathlib import Path
from types import TracebackType

import httpx

from nlu.intent_sidecar import (
    Log,
    Pipeline,
    SidecarUnavailable,
    _print,
    install,
    model_path,
    rasa_env,
    rasa_executable,
    train,
    var_dir,
)

DEFAULT_PORT = 5005
# Ready in 11-23 s on an idle machine, but loading DIET took over 3 min on a busy shared one.
READY_TIMEOUT = 600.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _die_with_parent() -> None:
    """In the child: ask Linux to SIGTERM it when its parent dies (even by SIGKILL), so a
    crashed `yousaid` never leaves an orphaned 0.7 GB Rasa holding the port."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


class RasaSidecar:
    """One `rasa run --enable-api` process bound to 127.0.0.1 with an auth token."""

    def __init__(
        self,
        model: Path | None = None,
        *,
        port: int = DEFAULT_PORT,
        token: str | None = None,
        logfile: Path | None = None,
    ) -> None:
        self.model = model or model_path("light")
        self.port = port
        self.token = token or secrets.token_urlsafe(24)
        self.logfile = logfile or var_dir() / f"rasa-server-{port}.log"
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    def command(self) -> list[str]:
        return [
            str(rasa_executable()),
            "run",
            "--enable-api",
            "-i",
            "127.0.0.1",
            "-p",
            str(self.port),
            "--auth-token",
            self.token,
            "-m",
            str(self.model),
        ]

    def start(self) -> RasaSidecar:
        """Launch the server and return at once; see `wait_ready`."""
        if self.running:
            return self
        if not rasa_executable().exists() or not self.model.exists():
            raise SidecarUnavailable(f"Rasa or model missing ({self.model})")
        self.logfile.parent.mkdir(parents=True, exist_ok=True)
        with self.logfile.open("wb") as out:
            # Own process group, so stop() also ends any worker processes Rasa/Sanic spawn.
            self._process = subprocess.Popen(
                self.command(),
                cwd=self.model.parent,
                env=rasa_env(),
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
                preexec_fn=_die_with_parent,
            )
        return self

    def wait(self) -> int:
        """Block until the server exits; its return code."""
        return self._process.wait() if self._process else 0

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def is_ready(self) -> bool:
        """True once the server answers /status with a loaded model."""
        try:
            answer = httpx.get(f"{self.url}/status", params={"token": self.token}, timeout=1.0)
            return answer.status_code == 200 and bool(answer.json().get("model_file"))
        except (httpx.HTTPError, ValueError):
            return False

    def wait_ready(self, timeout: float = READY_TIMEOUT) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.is_ready():
                return True
            if not self.running:
                return False
            time.sleep(0.5)
        return False

    def stop(self, grace: float = 10.0) -> None:
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        self._signal(process, signal.SIGTERM)
        try:
            process.wait(grace)
        except subprocess.TimeoutExpired:
            self._signal(process, signal.SIGKILL)
            process.wait(grace)

    def kill(self) -> None:
        """Hard kill (SIGKILL), as a crash would: for resilience tests."""
        if self._process is not None and self._process.poll() is None:
            self._signal(self._process, signal.SIGKILL)
            self._process.wait(10)

    @staticmethod
    def _signal(process: subprocess.Popen[bytes], sig: signal.Signals) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)

    def __enter__(self) -> RasaSidecar:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def ensure_sidecar(
    *,
    pipeline: Pipeline = "light",
    port: int = DEFAULT_PORT,
    token: str | None = None,
    log: Log = _print,
) -> RasaSidecar | None:
    """Install (once), train (if the data changed) and start the sidecar without waiting.

    None, after one line of explanation, when Rasa cannot run here: the caller carries on with
    `build_classifier(rasa_url=None, ...)` or simply lets the RasaClassifier fall back.
    """
    if not install(log=log):
        return None
    try:
        return RasaSidecar(train(pipeline, log=log), port=port, token=token).start()
    except SidecarUnavailable as exc:
        log(f"Rasa sidecar not started ({exc}); using the in-process NLU fallback.")
        return None
