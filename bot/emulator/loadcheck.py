"""Throughput check: simulated users talking to a PTB echo bot through the emulator.

    python -m bot.emulator.loadcheck --users 50 --messages 10

Emulator, echo bot and the simulated users each run in their own process, as in `make run`,
so the GIL of one does not slow the others. Prints inputs/s and reply latency.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import time

from bot.emulator.aclient import AsyncEmulatorClient
from bot.emulator.state import DEFAULT_TOKEN

_ECHO_BOT = """
import sys
from telegram.ext import Application, MessageHandler, filters
async def echo(update, context):
    await update.effective_message.reply_text("echo: " + update.effective_message.text)
app = Application.builder().token(sys.argv[1]).base_url(sys.argv[2]).concurrent_updates(64).build()
app.add_handler(MessageHandler(filters.TEXT, echo))
app.run_polling(poll_interval=0.0, timeout=10)
"""


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux), so results survive a busy machine."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def _wait_until_up(url: str) -> None:
    async with AsyncEmulatorClient(url) as client:
        for _ in range(200):
            try:
                await client.bot_info()
                return
            except Exception:
                await asyncio.sleep(0.05)
    raise RuntimeError("emulator did not start")


async def _wait_for_polling(client: AsyncEmulatorClient) -> None:
    for _ in range(600):
        if await client.calls("getupdates"):
            return
        await asyncio.sleep(0.05)
    raise RuntimeError("the echo bot never polled")


async def _person(client: AsyncEmulatorClient, index: int, messages: int) -> list[float]:
    user_id = int((await client.create_user(f"User{index}"))["id"])
    latencies = []
    for n in range(messages):
        started = time.perf_counter()
        replies = await client.say(user_id, f"message {n} from {index}", timeout=30)
        assert replies[0]["text"].startswith("echo: ")
        latencies.append(time.perf_counter() - started)
    return latencies


async def run(users: int, messages: int) -> dict[str, float]:
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    emulator = subprocess.Popen(
        [sys.executable, "-c", f"from bot.emulator import serve; serve(port={port})"]
    )
    bot = None
    try:
        await _wait_until_up(url)
        bot = subprocess.Popen([sys.executable, "-c", _ECHO_BOT, DEFAULT_TOKEN, f"{url}/bot"])
        async with AsyncEmulatorClient(url) as client:
            await _wait_for_polling(client)
            await _person(client, -1, 1)  # warm-up: the bot is polling and answering
            cpu_before = _cpu_seconds(emulator.pid), _cpu_seconds(bot.pid)
            driver_before = time.process_time()
            started = time.perf_counter()
            results = await asyncio.gather(*(_person(client, i, messages) for i in range(users)))
            elapsed = time.perf_counter() - started
            cpu_after = _cpu_seconds(emulator.pid), _cpu_seconds(bot.pid)
            driver_cpu = time.process_time() - driver_before
        latencies = sorted(x for person in results for x in person)
        return {
            "inputs": float(len(latencies)),
            "seconds": elapsed,
            "inputs_per_second": len(latencies) / elapsed,
            "median_ms": statistics.median(latencies) * 1000,
            "p95_ms": latencies[int(len(latencies) * 0.95) - 1] * 1000,
            "emulator_cpu_ms_per_input": (cpu_after[0] - cpu_before[0]) * 1000 / len(latencies),
            "bot_cpu_ms_per_input": (cpu_after[1] - cpu_before[1]) * 1000 / len(latencies),
            "driver_cpu_ms_per_input": driver_cpu * 1000 / len(latencies),
        }
    finally:
        for process in (bot, emulator):
            if process is not None:
                process.terminate()
                process.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--users", type=int, default=50, help="concurrent simulated people")
    parser.add_argument("--messages", type=int, default=10, help="messages each person sends")
    args = parser.parse_args()
    result = asyncio.run(run(args.users, args.messages))
    print(f"{os.cpu_count()} cores; {args.users} users x {args.messages} messages")
    for key, value in result.items():
        print(f"{key:>26}: {value:.2f}")


if __name__ == "__main__":
    main()
