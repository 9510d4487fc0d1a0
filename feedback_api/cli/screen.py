"""`yousaid screen` and `yousaid screen-eval`: the safeguarding screen from the command line."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import typer


def _paragraphs(*paragraphs: str) -> str:
    # Typer reflows each paragraph; hard line breaks inside one would show up mid-sentence.
    return "\n\n".join(" ".join(p.split()) for p in paragraphs)


SCREEN_HELP = _paragraphs(
    """Screen JSON lines from stdin for safeguarding risk. Each input line is {"id": ...,
    "text": ...}; one JSON line is written per input line, in the same order: {"id", "level":
    "none|concern|urgent", "categories": [...], "evidence": [...], "lexicon_version"}. Pure
    Python, offline and deterministic.""",
    """Blank lines are ignored. A line that is not valid JSON, not an object, or has no string
    "text" still gets an output line, so nothing is silently dropped and outputs stay aligned:
    {"id": <id or null>, "level": "concern", "categories": [], "evidence": [], "error": "..."}.""",
    """Output is flushed after every line when stdin is a pipe or a terminal, so another program
    can talk to it one message at a time; when stdin is a file it is buffered for speed.""",
    """Example: echo '{"id": 1, "text": "he said not to tell my mum"}' | yousaid screen""",
)

EVAL_HELP = _paragraphs(
    """Measure the screen on a labelled JSON-lines file: {"id", "text", "level":
    "none|concern|urgent", "categories": [...]} per line.""",
    """Prints recall of risk messages (level != none, flagged at any level), urgent flagged as
    urgent, the false-alarm rate on level == none lines, per-category recall, and every miss and
    false alarm. With --check, exits 1 if a target is missed (recall >= 0.97, urgent >= 0.90,
    false alarms <= 0.08).""",
    """Shipped labelled sets: nlu/screen/testsets/youth_*.jsonl.""",
)

_LEXICON = typer.Option(
    None, "--lexicon", help="Lexicon YAML to use instead of the shipped nlu/screen/lexicon.yaml."
)


def _screener(lexicon: Path | None):  # type: ignore[no-untyped-def]
    from nlu.screen import LexiconError, Screener, default_screener

    if lexicon is None:
        return default_screener()
    try:
        return Screener.from_yaml(lexicon)
    except (OSError, LexiconError) as exc:
        typer.echo(f"yousaid: cannot load lexicon {lexicon}: {exc}", err=True)
        raise typer.Exit(2) from exc


def _interactive(stream: object) -> bool:
    try:
        mode = os.fstat(stream.fileno()).st_mode  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)


def screen_command(lexicon: Path | None = _LEXICON) -> None:
    from nlu.screen.jsonl import read_available_batches, screen_batches, screen_stream

    screener = _screener(lexicon)
    out = sys.stdout
    flush = out.flush if _interactive(sys.stdin) else None
    try:
        fd = sys.stdin.fileno()
    except (AttributeError, OSError, ValueError):
        fd = None  # an in-memory stream (tests): read it line by line
    if fd is None:
        counts = screen_stream(screener, iter(sys.stdin.readline, ""), out.write, flush)
    else:
        counts = screen_batches(screener, read_available_batches(fd), out.write, flush)
    out.flush()
    if counts.errors:
        typer.echo(f"yousaid screen: {counts.errors} of {counts.lines} lines had errors", err=True)


def screen_eval_command(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="Labelled JSON lines."),
    lexicon: Path | None = _LEXICON,
    check: bool = typer.Option(False, "--check", help="Exit 1 if any target is missed."),
    show_misses: bool = typer.Option(
        True, "--show-misses/--no-show-misses", help="List every miss and false alarm."
    ),
) -> None:
    from nlu.screen.evaluate import evaluate, format_report, load_labelled

    screener = _screener(lexicon)
    try:
        items = load_labelled(file)
    except (ValueError, KeyError) as exc:
        typer.echo(f"yousaid: {file} is not a labelled JSON-lines file: {exc}", err=True)
        raise typer.Exit(2) from exc
    report = evaluate(screener, items)
    typer.echo(f"lexicon {screener.version}, file {file}")
    typer.echo(format_report(report, show_misses=show_misses))
    if check and not report.meets_targets():
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("screen", help=SCREEN_HELP)(screen_command)
    app.command("screen-eval", help=EVAL_HELP)(screen_eval_command)
