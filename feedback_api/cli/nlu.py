"""`yousaid nlu ...`: install, train, serve and evaluate the Rasa NLU sidecar."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import typer

nlu_app = typer.Typer(
    help="Rasa NLU sidecar: install (Python 3.10 venv), train, serve, evaluate vs the fallback.",
    no_args_is_help=True,
)

PipelineName = Literal["light", "diet"]


def _pipeline(value: str) -> PipelineName:
    if value not in ("light", "diet"):
        raise typer.BadParameter("choose 'light' (TensorFlow-free, default) or 'diet'")
    return "light" if value == "light" else "diet"


@nlu_app.command("install")
def install_cmd() -> None:
    """Create .venv-rasa (or $YOUSAID_RASA_VENV) with pinned Rasa 3.6.21; instant once done.

    Exits 1 with one line of explanation when Python 3.10 is not available: the bot then
    runs on the in-process scikit-learn fallback.
    """
    from nlu.intent_sidecar import install

    raise typer.Exit(0 if install() else 1)


@nlu_app.command("train")
def train_cmd(
    pipeline: str = typer.Option("light", help="light (TF-free, ~15-35 s) or diet (DIET, ~1 min)."),
    force: bool = typer.Option(False, "--force", help="Retrain even if data/config are unchanged."),
) -> None:
    """Train an NLU-only model into nlu/rasa/models/<pipeline>.tar.gz when the data changed."""
    from nlu.intent_sidecar import SidecarUnavailable, train

    try:
        path = train(_pipeline(pipeline), force=force)
    except SidecarUnavailable as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(1) from exc
    typer.echo(f"model: {path}")


@nlu_app.command("serve")
def serve_cmd(
    port: int = typer.Option(5005, help="Port on 127.0.0.1."),
    pipeline: str = typer.Option("light", help="Which model to serve: light or diet."),
    token: str = typer.Option(
        "",
        envvar="YOUSAID_RASA_TOKEN",
        help="Auth token (default: $YOUSAID_RASA_TOKEN, else one kept in var/rasa.token).",
    ),
    if_available: bool = typer.Option(
        False,
        "--if-available",
        help="Exit 0 (not 1) after one line when Rasa cannot run here, e.g. no Python 3.10: "
        "for `yousaid run`, whose bot then stays on the fallback.",
    ),
) -> None:
    """Install (once), train (if data changed) and run Rasa on 127.0.0.1 until stopped."""
    import signal

    from nlu.intent_server import ensure_sidecar
    from nlu.intent_sidecar import local_token

    sidecar = ensure_sidecar(
        pipeline=_pipeline(pipeline), port=port, token=token or local_token(create=True)
    )
    if sidecar is None:
        raise typer.Exit(0 if if_available else 1)

    def _terminate(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt  # so `finally` stops Rasa when `yousaid run` stops us

    signal.signal(signal.SIGTERM, _terminate)
    try:
        if not sidecar.wait_ready():
            typer.echo(f"Rasa did not become ready; see {sidecar.logfile}", err=True)
            raise typer.Exit(1)
        typer.echo(f"Rasa NLU ready at {sidecar.url} (pid {sidecar.pid}); Ctrl-C to stop.")
        code = sidecar.wait()
        typer.echo(f"Rasa exited ({code}); see {sidecar.logfile}", err=True)
        raise typer.Exit(1)  # non-zero, so a supervisor restarts it
    except KeyboardInterrupt:
        pass
    finally:
        sidecar.stop()


@nlu_app.command("eval")
def eval_cmd(
    file: Path | None = typer.Option(None, "--file", help="Held-out Rasa NLU YAML file."),
    rasa_url: str | None = typer.Option(
        None,
        envvar="YOUSAID_RASA_URL",
        help="Evaluate this running server instead of starting each trained pipeline in turn.",
    ),
    rasa_token: str | None = typer.Option(None, envvar="YOUSAID_RASA_TOKEN", help="Its token."),
    show_errors: bool = typer.Option(False, "--errors", help="List misclassified examples."),
) -> None:
    """Accuracy, macro-F1, parse latency p50/p95: Rasa light, Rasa DIET (if trained), fallback."""
    import asyncio

    from nlu.intent_compare import compare
    from nlu.intent_data import HELDOUT_YAML
    from nlu.intent_eval import markdown_table

    reports = asyncio.run(
        compare(heldout=file or HELDOUT_YAML, rasa_url=rasa_url, rasa_token=rasa_token)
    )
    typer.echo(markdown_table(reports, baseline="fallback"))
    for report in reports:
        answered = report.sources.get("rasa", 0)
        if report.name.startswith("rasa") and answered < report.n:
            typer.echo(
                f"warning: {report.name}: Rasa answered only {answered}/{report.n}; "
                "the rest are fallback answers",
                err=True,
            )
    for report in reports if show_errors else []:
        for text, expected, got in report.errors:
            typer.echo(f"{report.name}: expected {expected}, got {got}: {text}")


def register(app: typer.Typer) -> None:
    app.add_typer(nlu_app, name="nlu")
