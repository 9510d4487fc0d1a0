"""Load on the real bot process through the emulator, with the database.

    .venv/bin/python -m bench.bot_load [--quick] [--backends sqlite,postgresql]

Simulated people (async, in this process) first agree to take part, then keep answering: each
sends a message, waits for the bot's reply, "thinks", and sends again, with a simulated network
delay on both legs. We report inputs per second, p50/p95 latency (send to reply seen, both
network legs included) and the bot process's CPU, for per-chat concurrency against the same bot
run one-chat-at-a-time, and a `kill -9` of the bot mid-load followed by a restart, checking
afterwards that every answer was stored once, in the order sent.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.fernet import Fernet
from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import Session

from bench._report import machine_description, write_section
from bot.emulator import AsyncEmulatorClient
from consent.domain import participant_key
from consent.models import Participant, Response
from tests.e2e.helpers import wait_for_http

REPO = Path(__file__).resolve().parent.parent
TOKEN = "123456:LOCAL-EMULATOR-TOKEN"
PEPPER = "bench-pepper"
NET_DELAY = 0.04  # one way, seconds
PG_URL = os.environ.get("YOUSAID_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


EXPLAIN = (
    "Simulated people answer questions in a loop: exponential think time, {net:.0f} ms "
    "simulated network delay each way (included in latency). Latency is send → reply seen. "
    "inputs/s counts answered inputs over the measured window; *offered/s* counts inputs sent. "
    "The 30/s row is open loop: each person's send times are drawn in advance (a person still "
    "waits for a reply before the next send), so slow replies do not lower the rate offered. "
    "*lost* = answers sent but "
    "never stored; *out of order* = chats whose stored answers are not in the order sent. "
    "The kill run's CPU is the restarted process only."
)


@dataclass
class Run:
    name: str
    users: int
    think: float
    seconds: float
    serial: bool = False
    open_loop: bool = False
    kill_at: float | None = None
    latencies: list[float] = field(default_factory=list)
    sent: dict[int, int] = field(default_factory=dict)
    replied: dict[int, int] = field(default_factory=dict)
    cpu: float = 0.0
    emu_cpu: float = 0.0
    load_cpu: float = 0.0
    elapsed: float = 0.0
    lost: int = 0
    out_of_order: int = 0

    @property
    def rate(self) -> float:
        return sum(self.replied.values()) / self.elapsed if self.elapsed else 0.0

    @property
    def offered(self) -> float:
        return sum(self.sent.values()) / self.elapsed if self.elapsed else 0.0

    def pct(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _cli(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "feedback_api.cli", *args],
            env={**os.environ, **env},
            cwd=REPO,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _fresh_db(backend: str, tmp: Path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp / f'{uuid.uuid4().hex[:8]}.db'}"
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_URL)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    admin.dispose()
    return f"{PG_URL}?options=-csearch_path%3D{schema}"


def _drop_db(db_url: str) -> None:
    if "search_path%3D" not in db_url:
        return  # SQLite: the temporary directory goes
    schema = db_url.rsplit("%3D", 1)[1]
    admin = create_engine(PG_URL)
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    admin.dispose()


async def _until_button(emu: AsyncEmulatorClient, uid: int, after: int, label: str) -> int:
    """Wait for the bot message offering `label` (extra messages, e.g. a retry notice, are fine)."""
    for count in range(1, 12):
        got = await emu.wait_for_replies(uid, after=after, count=count, timeout=120)
        labels = {b["text"] for row in got[-1]["buttons"] for b in row}
        if label in labels or (label == "" and got[-1]["text"].endswith("?")):
            return int(got[-1]["message_id"])
    raise RuntimeError(f"user {uid}: no button {label!r}")


STEPS = (
    ("Young person", "16 or 17"),
    ("16 or 17", "Yes, keep my views"),
    ("Yes, keep my views", "No"),
    ("No", "No"),
    ("No", ""),  # then the first question
)


async def _onboard(emu: AsyncEmulatorClient, uid: int) -> int:
    sent = await emu.send_text(uid, "/start")
    seen = await _until_button(emu, uid, sent["message"]["message_id"], "Young person")
    for press, then in STEPS:
        await emu.press_button(uid, press)
        seen = await _until_button(emu, uid, seen, then)
    return seen


async def _person(emu: AsyncEmulatorClient, uid: int, run: Run, until: float) -> None:
    rng = random.Random(uid)
    k = 0
    due = time.monotonic()
    while True:
        gap = rng.expovariate(1 / run.think)
        # Open loop: send times drawn ahead, so the bot's latency does not slow the sender.
        due = due + gap if run.open_loop else time.monotonic() + gap
        if due >= until:
            break  # nothing is sent after the window, so the rate is sends over the window
        await asyncio.sleep(max(0.0, due - time.monotonic()) + NET_DELAY)
        k += 1
        started = time.monotonic() - NET_DELAY
        sent = await emu.send_text(uid, f"answer {k}: more lights and benches by the park")
        run.sent[uid] = k
        try:
            await emu.wait_for_replies(uid, after=sent["message"]["message_id"], timeout=90)
        except TimeoutError:
            return  # counted as lost below unless it turns up in the database
        await asyncio.sleep(NET_DELAY)
        run.latencies.append(time.monotonic() - started)
        run.replied[uid] = k


async def _drive(
    run: Run, emu_url: str, bot: subprocess.Popen[bytes], restart: object, emu_pid: int
) -> subprocess.Popen[bytes]:
    """Returns the bot process running at the end (the restarted one after a kill)."""
    # One HTTP client per 20 people: httpx pools 100 connections, and each person holds a
    # long poll open while waiting for the bot.
    clients = [AsyncEmulatorClient(emu_url, timeout=150) for _ in range(run.users // 20 + 1)]
    try:
        emu = clients[0]
        users = [(await emu.create_user(f"U{i}"))["id"] for i in range(run.users)]
        mine = [clients[i // 20] for i in range(run.users)]
        await asyncio.gather(*(_onboard(c, u) for c, u in zip(mine, users, strict=True)))
        cpu0, t0 = _cpu_seconds(bot.pid), time.monotonic()
        emu0, self0 = _cpu_seconds(emu_pid), time.process_time()
        until = t0 + run.seconds
        people = asyncio.gather(
            *(_person(c, u, run, until) for c, u in zip(mine, users, strict=True))
        )
        if run.kill_at is not None:
            await asyncio.sleep(run.kill_at)
            os.killpg(bot.pid, signal.SIGKILL)
            bot.wait()
            bot = restart()  # type: ignore[operator]
        await people
        run.elapsed = time.monotonic() - t0
        run.cpu = (_cpu_seconds(bot.pid) - (0 if run.kill_at else cpu0)) / run.elapsed
        run.emu_cpu = (_cpu_seconds(emu_pid) - emu0) / run.elapsed
        run.load_cpu = (time.process_time() - self0) / run.elapsed
        run.users_ids = users  # type: ignore[attr-defined]
        return bot
    finally:
        for client in clients:
            await client.close()


def _check_order(run: Run, db_url: str) -> None:
    """Every sent answer stored exactly once, in the order sent (source_ref makes replays safe)."""
    engine = create_engine(db_url)
    with Session(engine) as session:
        for uid in run.users_ids:  # type: ignore[attr-defined]
            key = participant_key(PEPPER.encode(), "telegram", uid)
            pid = session.scalar(select(Participant.id).where(Participant.key == key))
            texts = session.scalars(
                select(Response.text).where(Response.participant_id == pid).order_by(Response.id)
            ).all()
            numbers = [int(str(t).split(":")[0].split()[1]) for t in texts]
            expected = list(range(1, run.sent.get(uid, 0) + 1))
            run.lost += len(set(expected) - set(numbers))
            run.out_of_order += int(numbers != sorted(numbers) or len(numbers) != len(set(numbers)))
    engine.dispose()


def _settle() -> None:
    """Let the disk finish writing back the previous run's files before the next run starts.

    A SQLite run leaves many dirty pages; PostgreSQL measured right after it waited on that
    write-back at every commit (90/s when run second, 107-121/s when run first or alone).
    """
    os.sync()
    time.sleep(3)


def one_run(run: Run, backend: str, tmp: Path) -> Run:
    _settle()
    port = _free_port()
    emu = _cli(["emulator", "--port", str(port), "--token", TOKEN], {}, tmp / "emulator.log")
    db_url = _fresh_db(backend, tmp)
    env = {
        "YOUSAID_DATABASE_URL": db_url,
        "YOUSAID_VAR_DIR": str(tmp / "var"),
        "YOUSAID_PEPPER": PEPPER,
        "YOUSAID_ESCALATION_KEY": Fernet.generate_key().decode(),
        "YOUSAID_TELEGRAM_TOKEN": TOKEN,
        "YOUSAID_TELEGRAM_API_URL": f"http://127.0.0.1:{port}/bot",
    }
    args = ["bot", "--poll-timeout", "2"] + (["--one-at-a-time"] if run.serial else [])

    def start() -> subprocess.Popen[bytes]:
        return _cli(args, env, tmp / "bot.log")

    wait_for_http(f"http://127.0.0.1:{port}/control/bot", timeout=60)
    bot = start()
    try:
        # Track the restarted process too, or it outlives the run and eats CPU in the next.
        bot = asyncio.run(_drive(run, f"http://127.0.0.1:{port}", bot, start, emu.pid))
        time.sleep(2.0)
        _check_order(run, db_url)
    finally:
        for proc in (bot, emu):
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        _drop_db(db_url)
        # Kept for a look after a bad run; the temporary directory goes.
        (Path(tempfile.gettempdir()) / "bot_load_last_bot.log").write_bytes(
            (tmp / "bot.log").read_bytes()
        )
    return run


def _row(run: Run, baseline: Run | None) -> str:
    ratio = f"{run.rate / baseline.rate:.2f}×" if baseline and baseline.rate else "1.00×"
    return (
        f"| {run.name} | {run.users} | {run.think:.2f} | {run.offered:.1f} | {run.rate:.1f} | "
        f"{ratio} | "
        f"{statistics.median(run.latencies) * 1000:.0f} | {run.pct(0.95) * 1000:.0f} | "
        f"{run.cpu * 100:.0f}% | {run.emu_cpu * 100:.0f}% / {run.load_cpu * 100:.0f}% | "
        f"{run.lost} | {run.out_of_order} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="Shorter runs (about 3 minutes).")
    parser.add_argument("--backends", default="sqlite,postgresql")
    opts = parser.parse_args()
    secs = 12.0 if opts.quick else 25.0
    lines = []
    load_before = os.getloadavg()[0]
    for backend in opts.backends.split(","):
        with tempfile.TemporaryDirectory() as tmp_dir:
            tmp = Path(tmp_dir)
            serial = one_run(
                Run("max load, one at a time", 120, 0.3, secs, serial=True), backend, tmp
            )
            fast = one_run(Run("max load, per-chat concurrent", 120, 0.3, secs), backend, tmp)
            steady = one_run(
                Run("30/s offered (open loop), per-chat", 66, 2.0, secs, open_loop=True),
                backend,
                tmp,
            )
            killed = one_run(
                Run("30 people, kill -9 at 1/3 + restart", 30, 0.9, secs, kill_at=secs / 3),
                backend,
                tmp,
            )
        lines.append(f"\n**{backend}**\n")
        lines.append(
            "| run | users | think s | offered/s | inputs/s | vs one-at-a-time | p50 ms | p95 ms "
            "| bot CPU | emulator / load CPU | lost | chats out of order |"
        )
        lines.append("|---|---|---|---|---|---|---|---|---|---|---|---|")
        lines += [_row(r, serial) for r in (serial, fast, steady, killed)]
        print("\n".join(lines[-6:]), flush=True)
    command = "python -m bench.bot_load" + (" --quick" if opts.quick else "")
    write_section(
        "bot-load",
        "\n".join(
            [
                "## bot-load: the bot process under load (emulator + database)",
                "",
                f"Command: `{command}` · {machine_description()}",
                "",
                EXPLAIN.format(net=NET_DELAY * 1000),
                "",
                f"Machine load average (1 min) before / after: {load_before:.1f} / "
                f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores, shared with other work; "
                "the bot process gets only part of a core when the machine is this busy.",
                *lines,
            ]
        ),
    )


if __name__ == "__main__":
    main()
