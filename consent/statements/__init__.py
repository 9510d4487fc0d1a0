"""Versioned consent statements, one YAML file per language."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

STATEMENTS_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Statement:
    audience: str
    version: str
    language: str
    text: str
    scopes: dict[str, str] = field(default_factory=dict)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode()).hexdigest()


@cache
def load_statements(language: str = "en") -> dict[str, Statement]:
    path = STATEMENTS_DIR / f"{language}.yaml"
    if not path.exists():
        path = STATEMENTS_DIR / "en.yaml"
    data = yaml.safe_load(path.read_text())
    lang = str(data.get("language", language))
    return {
        audience: Statement(
            audience=audience,
            version=str(entry["version"]),
            language=lang,
            text=str(entry["text"]).strip(),
            scopes={str(k): str(v) for k, v in (entry.get("scopes") or {}).items()},
        )
        for audience, entry in data["statements"].items()
    }


def statement_for(audience: str, language: str = "en") -> Statement:
    return load_statements(language)[audience]
