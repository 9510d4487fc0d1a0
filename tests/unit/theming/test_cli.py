from __future__ import annotations

import json

import typer
from typer.testing import CliRunner

from feedback_api.cli.theme import register

YOUTH_LINES = [
    "the buses stop at 9 so i walk home in the dark",
    "bus fares are too expensive",
    "the last bus never turns up",
    "i feel anxious all the time",
    "my mental health is really bad",
    "waiting list for camhs is so long",
    "there's nothing to do round here",
    "we need a youth club again",
    "nowhere to go in the evenings",
    "someone online asked me for pics",
    "people share fight videos on snapchat",
    "a stranger on a game keeps messaging me",
]


def make_app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def root() -> None:
        """Test root so `theme` stays a sub-command, as in the real CLI."""

    register(app)
    return app


def run(args: list[str], lines: list[str]):
    return CliRunner().invoke(make_app(), ["theme", *args], input="\n".join(lines) + "\n")


def jsonl(texts: list[str], start: int = 0) -> list[str]:
    return [json.dumps({"id": start + i, "text": t}) for i, t in enumerate(texts)]


def test_discovery_mode_assigns_every_id_once_in_input_order(embedder) -> None:
    lines = jsonl(YOUTH_LINES * 2)
    result = run(["--codebook", "none"], lines)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert [a["id"] for a in doc["assignments"]] == list(range(len(lines)))
    theme_ids = {t["id"] for t in doc["themes"]}
    assert {a["theme"] for a in doc["assignments"]} == theme_ids
    assert sum(t["size"] for t in doc["themes"]) == len(lines)
    for theme in doc["themes"]:
        assert set(theme) >= {"id", "label", "size", "keywords", "sentiment"}
        assert -1.0 <= theme["sentiment"] <= 1.0


def test_bad_lines_are_skipped_with_a_warning_on_stderr(embedder) -> None:
    lines = [*jsonl(YOUTH_LINES[:3]), "{not json", "[1, 2]", json.dumps({"id": "x"})]
    result = run([], lines)
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert [a["id"] for a in doc["assignments"]] == [0, 1, 2, "x"]
    assert "line 4" in result.stderr
    assert "line 5" in result.stderr


def test_default_codebook_puts_youth_voice_in_codebook_themes(embedder) -> None:
    result = run([], jsonl(YOUTH_LINES))
    doc = json.loads(result.stdout)
    by_id = {a["id"]: a["theme"] for a in doc["assignments"]}
    assert by_id[0] == "getting_around"
    assert by_id[4] == "mental_health"


def test_empty_input_gives_an_empty_document() -> None:
    result = run(["--codebook", "none"], [])
    assert json.loads(result.stdout) == {"themes": [], "assignments": []}


def test_an_invalid_codebook_file_exits_with_a_clear_message(tmp_path) -> None:
    bad = tmp_path / "cb.yaml"
    bad.write_text("themes: []\n")
    result = run(["--codebook", str(bad)], jsonl(["hi"]))
    assert result.exit_code == 2
    assert "not a valid codebook" in result.stderr


def test_help_explains_input_output_and_bad_lines() -> None:
    result = CliRunner().invoke(make_app(), ["theme", "--help"])
    assert result.exit_code == 0
    assert "JSON lines" in result.stdout
    assert "SKIPPED" in result.stdout
