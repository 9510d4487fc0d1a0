import subprocess
import sys
from datetime import timedelta

from sqlalchemy import select
from typer.testing import CliRunner

from consent.db import utcnow
from consent.models import Response
from feedback_api.cli import _register_all, app
from feedback_api.db import make_engine, make_session_factory, unit_of_work
from tests.factories import make_response

runner = CliRunner()


def _invoke(args, env):
    _register_all()
    return runner.invoke(app, args, env=env)


def test_every_command_has_help():
    _register_all()
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for name in ("db", "api", "run", "purge"):
        assert name in result.output
        assert runner.invoke(app, [name, "--help"]).exit_code == 0


def test_db_upgrade_creates_the_schema(tmp_path):
    env = {"YOUSAID_VAR_DIR": str(tmp_path)}
    result = _invoke(["db", "upgrade"], env)
    assert result.exit_code == 0, result.output
    assert "database at revision" in result.output
    assert (tmp_path / "yousaid.db").exists()
    assert (tmp_path / "pepper").exists()


def test_a_bad_database_url_fails_with_one_sentence_not_a_traceback(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "feedback_api.cli", "db", "upgrade"],
        env={"YOUSAID_DATABASE_URL": "nonsense", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip().count("\n") == 0
    assert "YOUSAID_DATABASE_URL" in proc.stderr


def test_an_unreachable_database_fails_with_one_sentence(tmp_path):
    result = _invoke(
        ["db", "upgrade"],
        {"YOUSAID_DATABASE_URL": "postgresql+psycopg://nobody:secret@127.0.0.1:1/x"},
    )
    assert result.exit_code == 2
    assert "Cannot open the database" in result.output
    assert "secret" not in result.output


def test_purge_dry_run_then_purge(fresh_db_url):
    engine = make_engine(fresh_db_url)
    factory = make_session_factory(engine)
    with unit_of_work(factory) as session:
        make_response(session, created_at=utcnow() - timedelta(days=500))
        make_response(session)
    env = {"YOUSAID_DATABASE_URL": fresh_db_url}

    dry = _invoke(["purge", "--dry-run"], env)
    assert dry.exit_code == 0, dry.output
    assert "would purge the text of 1 responses" in dry.output
    done = _invoke(["purge"], env)
    assert "purged the text of 1 responses" in done.output
    with factory() as session:
        texts = sorted(str(t) for t in session.scalars(select(Response.text)))
    assert texts == ["None", "the park by the station feels unsafe at night"]
    engine.dispose()
