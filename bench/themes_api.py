"""GET /api/v1/themes latency with 1M responses stored, on PostgreSQL.

Run: .venv/bin/python -m bench.themes_api [--responses 1000000]
Baseline in the same run: GET /healthz (same server, same client, no database work beyond SELECT 1).
"""

from __future__ import annotations

import argparse
import io
import statistics
import threading
import time
import uuid

import httpx
import uvicorn
from sqlalchemy import create_engine, text

from bench._report import machine_description, write_section
from feedback_api.app import create_app
from feedback_api.db import make_engine, make_session_factory, unit_of_work
from feedback_api.migrate import upgrade
from feedback_api.settings import Settings
from feedback_api.staff.models import Role
from feedback_api.staff.service import add_staff
from feedback_api.themes.persist import recount

PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def _copy(conn, table: str, columns: str, rows) -> None:
    buf = io.StringIO()
    for row in rows:
        buf.write("\t".join(str(v) for v in row) + "\n")
    buf.seek(0)
    with conn.cursor().copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        copy.write(buf.read())


def seed(url: str, n: int, themes: int = 40) -> float:
    engine = make_engine(url)
    started = time.perf_counter()
    raw = engine.raw_connection()
    try:
        conn = raw.driver_connection
        people = max(1, n // 10)
        _copy(
            conn,
            "participants",
            "id, key, channel, language, created_at, last_seen_at",
            (
                (i, f"{i:064x}", "telegram", "en", "2026-10-01", "2026-10-01")
                for i in range(1, people + 1)
            ),
        )
        _copy(
            conn,
            "responses",
            "id, participant_id, campaign, question, text, language, audience, age_band, created_at",
            (
                (
                    i,
                    (i % people) + 1,
                    "feeling-safe",
                    "unsafe_places",
                    f"response number {i} about the park",
                    "en",
                    "young_person",
                    "13_15",
                    "2026-10-02",
                )
                for i in range(1, n + 1)
            ),
        )
        _copy(
            conn,
            "themes",
            "id, key, label, keywords, source, status, harm_types, aims, responses,"
            " participants, created_at, updated_at, label_locked, extra",
            (
                (
                    t,
                    f"bench:{t}",
                    f"Theme {t}",
                    "[]",
                    "discovered",
                    "active",
                    "[]",
                    "[]",
                    0,
                    0,
                    "2026-10-02",
                    "2026-10-02",
                    "false",
                    "{}",
                )
                for t in range(1, themes + 1)
            ),
        )
        _copy(
            conn,
            "theme_assignments",
            "response_id, theme_id, score",
            ((i, (i % themes) + 1, 0.5) for i in range(1, n + 1)),
        )
        conn.commit()
    finally:
        raw.close()
    with unit_of_work(make_session_factory(engine)) as session:
        recount(session)
    engine.dispose()
    return time.perf_counter() - started


def measure(url: str, token: str, path: str, n: int) -> list[float]:
    times = []
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}) as client:
        for _ in range(20):
            client.get(path)  # warm up
        for _ in range(n):
            t0 = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - t0) * 1000)
            response.raise_for_status()
    return times


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--responses", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG)
    with admin.begin() as c:
        c.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = f"{PG}?options=-csearch_path%3D{schema}"
    try:
        upgrade(make_engine(url))
        seed_seconds = seed(url, args.responses)
        with unit_of_work(make_session_factory(make_engine(url))) as session:
            _, token = add_staff(session, name="bench", role=Role.PARTICIPATION)
        app = create_app(Settings(database_url=url))
        server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=8765, log_level="warning")
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        base = measure("http://127.0.0.1:8765", token, "/healthz", args.requests)
        themes = measure("http://127.0.0.1:8765", token, "/api/v1/themes", args.requests)
        server.should_exit = True
        thread.join()
    finally:
        with admin.begin() as c:
            c.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    rows = [
        ("GET /healthz (baseline)", base),
        ("GET /api/v1/themes", themes),
    ]
    table = "\n".join(
        f"| {name} | {statistics.median(t):.1f} | {pct(t, 95):.1f} | {statistics.median(t) / statistics.median(base):.2f}× |"
        for name, t in rows
    )
    write_section(
        "themes-api",
        f"""## Theme listing with {args.responses:,} responses (PostgreSQL)

Command: `.venv/bin/python -m bench.themes_api --responses {args.responses}` · {machine_description()}

Seeded {args.responses:,} responses, {max(1, args.responses // 10):,} participants, 40 themes and
their assignments with COPY, then refreshed the per-theme counts ({seed_seconds:.0f} s in all).
{args.requests} sequential requests each over HTTP to a real uvicorn server, after 20 warm-up requests.
Target: p95 < 100 ms for `GET /api/v1/themes`.

| request | median ms | p95 ms | median vs baseline |
|---|---|---|---|
{table}

Theme counts are kept on the theme rows (refreshed when a run finishes, and on merge or split), so
the listing reads 40 rows whatever the number of responses; bearer-token auth is one indexed lookup.
""",
    )
    print(table)


if __name__ == "__main__":
    main()
