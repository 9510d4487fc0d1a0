"""The message catalogue: every word the bot says, per language, loaded from YAML.

Placeholders use str.format names ({front_door_phone}); `text()` fills the help-line ones from
settings so workers can change the local numbers without touching the catalogue.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

CATALOGUE_DIR = Path(__file__).resolve().parent
DEFAULT_LANGUAGE = "en"


class CatalogueError(Exception):
    pass


@dataclass(frozen=True)
class Catalogue:
    language: str
    name: str
    messages: dict[str, str]

    def text(self, key: str, **values: Any) -> str:
        try:
            template = self.messages[key]
        except KeyError:
            raise CatalogueError(f"no message {key!r} in language {self.language!r}") from None
        return template.format(**values) if values or "{" in template else template


def placeholders(template: str) -> frozenset[str]:
    return frozenset(
        name for _, name, _, _ in string.Formatter().parse(template) if name is not None
    )


@cache
def available_languages() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in CATALOGUE_DIR.glob("*.yaml")))


@cache
def load_catalogue(language: str) -> Catalogue:
    """The catalogue for `language`, or English when there is none for it."""
    path = CATALOGUE_DIR / f"{language}.yaml"
    if not path.exists():
        path = CATALOGUE_DIR / f"{DEFAULT_LANGUAGE}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    messages = {str(k): str(v) for k, v in data["messages"].items()}
    return Catalogue(language=str(data["language"]), name=str(data["name"]), messages=messages)


def language_for(code: str | None) -> str:
    """Pick a catalogue language from a Telegram language code such as 'pl' or 'en-GB'."""
    if code:
        base = code.split("-")[0].lower()
        if base in available_languages():
            return base
    return DEFAULT_LANGUAGE
