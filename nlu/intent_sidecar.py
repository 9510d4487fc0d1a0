"""Install, train and run the Rasa sidecar (a real `rasa run` server in its own Python 3.10 venv).

Rasa 3.6 needs Python < 3.11 and old SQLAlchemy/pydantic, so it cannot share the app's venv.
Everything here is idempotent and stamped: a second `install` or `train` with unchanged inputs
returns at once. When no Python 3.10 exists, `install` says so in one line and returns False,
and the bot runs on the in-process fallback.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import secrets
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

from nlu.intent_data import RASA_DIR

REPO_ROOT = RASA_DIR.parent.parent
REQUIREMENTS = RASA_DIR / "requirements.txt"
CONSTRAINTS = RASA_DIR / "constraints.txt"
MODELS_DIR = RASA_DIR / "models"
PIPELINE_CONFIGS = {"light": RASA_DIR / "config.yml", "diet": RASA_DIR / "config-diet.yml"}
Pipeline = Literal["light", "diet"]
Log = Callable[[str], None]

PYTHON_VERSION = "3.10.13"
_INSTALL_STAMP = ".yousaid-install.sha256"


class SidecarUnavailable(RuntimeError):
    """Rasa cannot run here (no Python 3.10, install failed, no model)."""


def _print(message: str) -> None:
    print(message, flush=True)


def var_dir() -> Path:
    return Path(os.environ.get("YOUSAID_VAR_DIR", REPO_ROOT / "var"))


def rasa_venv() -> Path:
    return Path(os.environ.get("YOUSAID_RASA_VENV", REPO_ROOT / ".venv-rasa"))


def rasa_executable() -> Path:
    return rasa_venv() / "bin" / "rasa"


def rasa_env() -> dict[str, str]:
    cache = var_dir() / "rasa-cache"
    cache.mkdir(parents=True, exist_ok=True)
    return {
        **os.environ,
        "RASA_TELEMETRY_ENABLED": "false",
        "RASA_CACHE_DIRECTORY": str(cache),
        "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "PYTHONUNBUFFERED": "1",
    }


def token_file() -> Path:
    return var_dir() / "rasa.token"


def local_token(*, create: bool = False) -> str | None:
    """The sidecar's auth token shared through var/ (mode 600), for when no
    YOUSAID_RASA_TOKEN is configured: `nlu serve` writes it, the bot's client reads it."""
    path = token_file()
    if path.exists():
        return path.read_text().strip() or None
    if not create:
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    token = secrets.token_urlsafe(24)
    path.touch(mode=0o600)
    path.write_text(token)
    return token


def _works(python: Path) -> bool:
    try:
        out = subprocess.run(
            [str(python), "-c", "import sys; print(sys.version_info[:2] == (3, 10))"],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return out.stdout.strip() == "True"


def find_python310() -> Path | None:
    """pyenv's 3.10.13, any pyenv 3.10.x, then `python3.10` on PATH; None if none works."""
    candidates: list[Path] = []
    if explicit := os.environ.get("YOUSAID_RASA_PYTHON"):
        candidates.append(Path(explicit))
    pyenv = shutil.which("pyenv")
    if pyenv:
        root = subprocess.run([pyenv, "root"], capture_output=True, text=True, check=False)
        versions = Path(root.stdout.strip() or "~/.pyenv").expanduser() / "versions"
        candidates.append(versions / PYTHON_VERSION / "bin" / "python3.10")
        candidates.extend(sorted(versions.glob("3.10.*/bin/python3.10"), reverse=True))
    if on_path := shutil.which("python3.10"):
        candidates.append(Path(on_path))
    return next((c for c in candidates if c.exists() and _works(c)), None)


@contextmanager
def _exclusive(lock: Path) -> Iterator[None]:
    """Serialise installs/trainings across processes (`make run` and a test run at once)."""
    lock.parent.mkdir(parents=True, exist_ok=True)
    with lock.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _hash_files(*paths: Path) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def is_installed() -> bool:
    stamp = rasa_venv() / _INSTALL_STAMP
    return (
        rasa_executable().exists()
        and stamp.exists()
        and stamp.read_text().strip() == _hash_files(REQUIREMENTS, CONSTRAINTS)
    )


def install(*, log: Log = _print) -> bool:
    """Create the Rasa venv and install the pinned requirements (once). False when impossible."""
    if is_installed():
        return True
    with _exclusive(var_dir() / "rasa-install.lock"):
        return is_installed() or _install(log)


def _install(log: Log) -> bool:
    python = find_python310()
    if python is None:
        log(
            "Rasa sidecar unavailable: no Python 3.10 found (pyenv or python3.10); "
            "using the in-process NLU fallback."
        )
        return False
    venv = rasa_venv()
    log(f"Installing Rasa into {venv} with {python} (a few minutes, ~2.7 GB)...")
    steps = [
        [str(python), "-m", "venv", str(venv)],
        [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "pip==24.3.1"],
        [
            str(venv / "bin" / "python"),
            "-m",
            "pip",
            "install",
            "-q",
            "-r",
            str(REQUIREMENTS),
            "-c",
            str(CONSTRAINTS),
        ],
    ]
    for step in steps:
        if subprocess.run(step, check=False).returncode != 0:
            log(f"Rasa install failed at: {' '.join(step[:4])}...; using the NLU fallback.")
            return False
    (venv / _INSTALL_STAMP).write_text(_hash_files(REQUIREMENTS, CONSTRAINTS))
    return True


def model_path(pipeline: Pipeline = "light") -> Path:
    return MODELS_DIR / f"{pipeline}.tar.gz"


def _training_hash(pipeline: Pipeline) -> str:
    return _hash_files(PIPELINE_CONFIGS[pipeline], RASA_DIR / "data" / "nlu.yml", CONSTRAINTS)


def is_trained(pipeline: Pipeline = "light") -> bool:
    stamp = MODELS_DIR / f"{pipeline}.sha256"
    return (
        model_path(pipeline).exists()
        and stamp.exists()
        and stamp.read_text().strip() == _training_hash(pipeline)
    )


def train(pipeline: Pipeline = "light", *, force: bool = False, log: Log = _print) -> Path:
    """Train an NLU-only model into nlu/rasa/models/<pipeline>.tar.gz if the data changed."""
    if not force and is_trained(pipeline):
        return model_path(pipeline)
    if not rasa_executable().exists():
        raise SidecarUnavailable("Rasa is not installed: run `yousaid nlu install` first")
    with _exclusive(var_dir() / f"rasa-train-{pipeline}.lock"):
        if not force and is_trained(pipeline):  # another process just trained it
            return model_path(pipeline)
        return _train(pipeline, log)


def _train(pipeline: Pipeline, log: Log) -> Path:
    MODELS_DIR.mkdir(parents=True, exist_ok=True)
    stamp = MODELS_DIR / f"{pipeline}.sha256"
    stamp.unlink(missing_ok=True)  # a failed run must not leave an old model looking current
    logfile = var_dir() / f"rasa-train-{pipeline}.log"
    log(f"Training Rasa '{pipeline}' model (log: {logfile})...")
    command = [
        str(rasa_executable()),
        "train",
        "nlu",
        "--config",
        str(PIPELINE_CONFIGS[pipeline]),
        "--nlu",
        str(RASA_DIR / "data" / "nlu.yml"),
        "--out",
        str(MODELS_DIR),
        "--fixed-model-name",
        pipeline,
    ]
    started = time.monotonic()
    with logfile.open("w") as out:
        done = subprocess.run(
            command, cwd=RASA_DIR, env=rasa_env(), stdout=out, stderr=subprocess.STDOUT, check=False
        )
    if done.returncode != 0 or not model_path(pipeline).exists():
        raise SidecarUnavailable(f"Rasa training failed; see {logfile}")
    stamp.write_text(_training_hash(pipeline))
    record = {"seconds": round(time.monotonic() - started, 1), "loadavg_1m": os.getloadavg()[0]}
    training_record_path(pipeline).write_text(json.dumps(record))
    return model_path(pipeline)


def training_record_path(pipeline: Pipeline) -> Path:
    """How long the current model took to train, and how busy the machine was (for bench)."""
    return MODELS_DIR / f"{pipeline}.train.json"
