"""`yousaid theme`: theme JSON-lines responses from stdin into one JSON document on stdout."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer

HELP = "\n\n".join(
    [
        'Theme responses read as JSON lines ({"id": ..., "text": ...}) from stdin.',
        'Writes ONE JSON document to stdout: {"themes": [{"id", "label", "size", "keywords", '
        '"sentiment", "source"}], "assignments": [{"id", "theme"}]}. Every input id appears '
        "exactly once in assignments, in input order.",
        "With the default codebook, responses are matched to codebook themes by sentence "
        "embeddings (all-MiniLM-L6-v2, offline); those that fit no theme are clustered into "
        '"proposed_N" themes (or "other" when too few). With --codebook none, themes "theme_N" '
        "are discovered from the data alone (number chosen by silhouette among 6-16, fewer for "
        "small inputs; deterministic).",
        'Lines that are not valid JSON objects with an "id" are SKIPPED with a warning on stderr; '
        'a missing or non-string "text" is treated as empty text (warned).',
        "Sentiment is the mean TextBlob PatternAnalyzer polarity (-1..1): a weak signal that "
        'misreads youth slang ("sick"). Labels and keywords are built from redacted text.',
    ]
)


def read_items(lines: Any) -> tuple[list[Any], list[str]]:
    """Parse JSON lines into (ids, texts), warning on stderr about anything unusable."""
    ids: list[Any] = []
    texts: list[str] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            typer.echo(f"warning: line {number}: not valid JSON ({exc.msg}); skipped", err=True)
            continue
        if not isinstance(record, dict) or "id" not in record:
            typer.echo(f'warning: line {number}: no "id" field; skipped', err=True)
            continue
        text = record.get("text")
        if not isinstance(text, str):
            typer.echo(f'warning: line {number}: "text" missing or not a string', err=True)
            text = "" if text is None else str(text)
        ids.append(record["id"])
        texts.append(text)
    return ids, texts


def theme_command(
    codebook: str = typer.Option(
        "default",
        "--codebook",
        help="Codebook YAML file, 'default' for the shipped one, or 'none' to discover only.",
    ),
    k: int = typer.Option(0, "--k", min=0, help="Number of themes to discover (0 = choose)."),
    cache: Path | None = typer.Option(
        None, "--cache", help="SQLite file caching sentence vectors between runs (opt-in)."
    ),
    progress: bool = typer.Option(False, "--progress", help="Show a progress bar on stderr."),
    indent: int | None = typer.Option(None, "--indent", help="Pretty-print the JSON."),
) -> None:
    from nlu.theming import CodebookError, SqliteVectorStore, load_codebook, theme_texts
    from nlu.theming.codebook import DEFAULT_CODEBOOK

    try:
        book = (
            None
            if codebook.lower() == "none"
            else load_codebook(DEFAULT_CODEBOOK if codebook == "default" else Path(codebook))
        )
    except CodebookError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    ids, texts = read_items(sys.stdin)
    store = SqliteVectorStore(cache) if cache is not None else None
    try:
        result = theme_texts(ids, texts, codebook=book, store=store, k=k or None, progress=progress)
    finally:
        if store is not None:
            store.close()
    typer.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=indent))


def register(app: typer.Typer) -> None:
    app.command("theme", help=HELP)(theme_command)
