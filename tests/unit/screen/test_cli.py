import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from feedback_api.cli.screen import register

runner = CliRunner()


def cli() -> typer.Typer:
    app = typer.Typer()
    register(app)
    return app


def run_screen(lines: list[str]):
    result = runner.invoke(cli(), ["screen"], input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_one_output_line_per_input_line_in_order():
    texts = ["the bus is late", "i want to kill myself", "im being bullied", "hi"]
    out = run_screen([json.dumps({"id": i, "text": t}) for i, t in enumerate(texts)])
    assert [o["id"] for o in out] == [0, 1, 2, 3]
    assert [o["level"] for o in out] == ["none", "urgent", "concern", "none"]
    assert set(out[1]) >= {"id", "level", "categories", "evidence"}


def test_ids_of_any_type_are_echoed_back():
    lines = [json.dumps({"id": "a-1", "text": "x"}), json.dumps({"id": None, "text": "y"})]
    out = run_screen(lines)
    assert [o["id"] for o in out] == ["a-1", None]


def test_bad_lines_are_reported_in_place_and_blank_lines_skipped():
    out = run_screen(
        [
            '{"id": 1, "text": "hi"}',
            "",
            "not json",
            '{"id": 2}',
            "[1, 2]",
            '{"id": 3, "text": "ok"}',
        ]
    )
    assert [o["id"] for o in out] == [1, None, 2, None, 3]
    assert [("error" in o) for o in out] == [False, True, True, True, False]
    assert all(o["level"] == "concern" for o in out if "error" in o)


def test_eval_command_reports_metrics_and_check_fails_below_target(tmp_path: Path):
    labelled = tmp_path / "set.jsonl"
    rows = [
        {"id": 1, "text": "i want to kill myself", "level": "urgent"},
        {"id": 2, "text": "the bus is late", "level": "none"},
        # Deliberately mislabelled, so exactly one of two risk rows is missed.
        {"id": 3, "text": "ok", "level": "concern"},
    ]
    labelled.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    result = runner.invoke(cli(), ["screen-eval", str(labelled)])
    assert result.exit_code == 0
    assert "recall of risk messages: 0.500" in result.stdout
    assert runner.invoke(cli(), ["screen-eval", str(labelled), "--check"]).exit_code == 1


def test_every_command_has_help():
    for command in ("screen", "screen-eval"):
        result = runner.invoke(cli(), [command, "--help"])
        assert result.exit_code == 0 and "JSON" in result.stdout
