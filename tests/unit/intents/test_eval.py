from __future__ import annotations

import pytest
import typer
from typer.testing import CliRunner

from feedback_api.cli import nlu as nlu_cli
from nlu.intent_data import Example
from nlu.intent_eval import evaluate, markdown_table, percentile
from nlu.intents import IntentResult


class ParrotClassifier:
    """Answers 'greet' for everything."""

    async def classify(self, text: str) -> IntentResult:
        return IntentResult(intent="greet", confidence=1.0, source="fallback")


async def test_evaluation_counts_accuracy_macro_f1_and_sources():
    examples = (Example("hi", "greet"), Example("bye", "goodbye"))
    report = await evaluate("parrot", ParrotClassifier(), examples)
    assert report.accuracy == 0.5
    assert report.macro_f1 == pytest.approx((2 / 3 + 0) / 2)
    assert report.sources == {"fallback": 2}
    assert report.errors == (("bye", "goodbye", "greet"),)


def test_percentiles_interpolate():
    assert percentile([1.0, 2.0, 3.0, 4.0, 5.0], 0.5) == 3.0
    assert percentile([0.0, 10.0], 0.95) == pytest.approx(9.5)


async def test_the_table_has_a_row_per_classifier_and_ratios_to_the_baseline():
    examples = (Example("hi", "greet"),)
    reports = [await evaluate(name, ParrotClassifier(), examples) for name in ("a", "fallback")]
    table = markdown_table(reports, baseline="fallback")
    assert table.count("\n") == 3
    assert "p50 vs fallback" in table


def test_the_nlu_commands_all_have_help():
    app = typer.Typer()
    nlu_cli.register(app)
    runner = CliRunner()
    listing = runner.invoke(app, ["nlu", "--help"])
    assert listing.exit_code == 0
    for command in ("install", "train", "serve", "eval"):
        assert command in listing.output
        assert runner.invoke(app, ["nlu", command, "--help"]).exit_code == 0


def test_an_unknown_pipeline_is_refused():
    app = typer.Typer()
    nlu_cli.register(app)
    assert CliRunner().invoke(app, ["nlu", "train", "--pipeline", "bert"]).exit_code != 0
