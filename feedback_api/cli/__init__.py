"""The `yousaid` command line.

Each sub-module owns a group of commands and exposes `register(app)`; heavy imports stay inside
the command functions so `yousaid --help` is instant and nothing works at import time.
"""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    name="yousaid",
    help="yousaid: anonymous youth voice, safeguarding and 'you said, we did' reports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Order is the order in --help.
_COMMAND_MODULES = ("core", "staff", "screen", "theme", "bot", "emulator", "nlu")
_registered = False


def _register_all() -> None:
    global _registered
    if _registered:
        return
    for name in _COMMAND_MODULES:
        importlib.import_module(f"feedback_api.cli.{name}").register(app)
    _registered = True


def main() -> None:
    _register_all()
    app()
