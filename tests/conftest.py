"""Test fixtures: every database test runs on SQLite and on PostgreSQL.

Each test gets a transaction that is rolled back afterwards; tests that need a whole app or
another process get a freshly migrated database of their own (`fresh_db_url`).
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.orm import Session

from feedback_api.db import make_engine
from feedback_api.migrate import upgrade

# The Bot API emulator fixtures (emulator_state, emulator_url, emu) for the bot and emulator tests.
pytest_plugins = ["tests.support.emulator"]

PG_URL = os.environ.get("YOUSAID_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
BACKENDS = ["sqlite", "postgresql"]


def _pg_reachable() -> bool:
    try:
        engine = create_engine(PG_URL, connect_args={"connect_timeout": 3})
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        engine.dispose()
        return True
    except Exception:
        return False


class Databases:
    """Makes migrated databases for one backend: a template per run, copies per test."""

    def __init__(self, backend: str, root: Path) -> None:
        self.backend = backend
        self.root = root
        self.schemas: list[str] = []
        self._template: Path | None = None

    def new_url(self) -> str:
        if self.backend == "sqlite":
            return self._new_sqlite()
        schema = f"t_{uuid.uuid4().hex[:12]}"
        admin = create_engine(PG_URL)
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        admin.dispose()
        self.schemas.append(schema)
        url = f"{PG_URL}?options=-csearch_path%3D{schema}"
        engine = make_engine(url)
        upgrade(engine)
        engine.dispose()
        return url

    def _new_sqlite(self) -> str:
        if self._template is None:
            self._template = self.root / "template.db"
            engine = make_engine(f"sqlite:///{self._template}")
            upgrade(engine)
            with engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            engine.dispose()
        path = self.root / f"{uuid.uuid4().hex[:12]}.db"
        shutil.copy(self._template, path)
        return f"sqlite:///{path}"

    def drop_all(self) -> None:
        if not self.schemas:
            return
        admin = create_engine(PG_URL)
        # One transaction per schema: dropping them all at once needs more locks than
        # PostgreSQL's default max_locks_per_transaction allows.
        for schema in self.schemas:
            with admin.begin() as connection:
                connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(scope="session", params=BACKENDS)
def databases(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Databases]:
    backend = request.param
    if backend == "postgresql" and not _pg_reachable():
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is not answering at {PG_URL} in CI")
        pytest.skip(f"PostgreSQL is not answering at {PG_URL}")
    dbs = Databases(backend, tmp_path_factory.mktemp(f"db-{backend}"))
    yield dbs
    dbs.drop_all()


@pytest.fixture(scope="session")
def db_engine(databases: Databases) -> Iterator[Engine]:
    engine = make_engine(databases.new_url())
    yield engine
    engine.dispose()


@pytest.fixture
def session(db_engine: Engine) -> Iterator[Session]:
    """A session whose commits are savepoints inside a transaction rolled back after the test."""
    connection = db_engine.connect()
    outer = connection.begin()
    db_session = Session(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )
    try:
        yield db_session
    finally:
        db_session.close()
        outer.rollback()
        connection.close()


@pytest.fixture
def fresh_db_url(databases: Databases) -> str:
    """A new, migrated, empty database for tests that start an app or another process."""
    return databases.new_url()


@pytest.fixture
def backend(databases: Databases) -> str:
    return databases.backend


def _backend_of(nodeid: str) -> str | None:
    params = nodeid.rpartition("[")[2].rstrip("]").split("-") if nodeid.endswith("]") else []
    return next((b for b in BACKENDS if b in params), None)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    counts = {b: {"passed": 0, "failed": 0, "skipped": 0} for b in BACKENDS}
    for outcome, key in (
        ("passed", "passed"),
        ("failed", "failed"),
        ("error", "failed"),
        ("skipped", "skipped"),
    ):
        for report in terminalreporter.stats.get(outcome, []):
            backend = _backend_of(getattr(report, "nodeid", ""))
            if backend is None or (outcome == "passed" and report.when != "call"):
                continue
            counts[backend][key] += 1
    terminalreporter.write_sep("-", "database backends exercised")
    for name, c in counts.items():
        terminalreporter.write_line(
            f"{name:>10}: {c['passed']} passed, {c['failed']} failed, {c['skipped']} skipped"
        )
