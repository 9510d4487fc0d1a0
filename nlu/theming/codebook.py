"""The codebook: youth-voice themes, each with example phrases that anchor it in embedding space.

Loaded from YAML and validated with pydantic so a worker's typo fails with a message naming the
theme and field. `promote_theme` appends a discovered theme and writes the YAML back.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

import numpy as np
import yaml
from pydantic import BaseModel, Field, ValidationError, field_validator, model_validator

DEFAULT_CODEBOOK = Path(__file__).resolve().parent / "codebook.yaml"

Aim = Literal["Prepare", "Prevent", "Protect", "Pursue"]
HARM_TYPES = frozenset(
    {
        "exploitation",
        "county_lines",
        "youth_violence",
        "trafficking",
        "modern_slavery",
        "online_abuse",
        "teen_relationship_abuse",
        "bullying",
        "child_on_child_sexual_harassment",
        "radicalisation",
        "missing",
        "general_wellbeing",
    }
)
_ID = re.compile(r"^[a-z][a-z0-9_]*$")


class CodebookError(ValueError):
    """The codebook file is missing or invalid; the message says where."""


class CodebookTheme(BaseModel):
    id: str
    label: str = Field(min_length=1)
    description: str = Field(min_length=1)
    examples: list[str] = Field(min_length=3)
    harm_types: list[str] = Field(min_length=1)
    aims: list[Aim] = Field(min_length=1)
    status: Literal["active", "proposed"] = "active"

    @field_validator("id")
    @classmethod
    def _id_is_slug(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError(f"id {value!r} must be lower_snake_case")
        return value

    @field_validator("harm_types")
    @classmethod
    def _known_harms(cls, value: list[str]) -> list[str]:
        unknown = sorted(set(value) - HARM_TYPES)
        if unknown:
            raise ValueError(f"unknown harm types {unknown}; allowed: {sorted(HARM_TYPES)}")
        return value


class Codebook(BaseModel):
    version: int = 1
    themes: list[CodebookTheme] = Field(min_length=1)
    # Cosine similarity a response needs to its best theme anchor; None = calibrate (see below).
    threshold: float | None = Field(default=None, ge=-1.0, le=1.0)

    @model_validator(mode="after")
    def _unique_ids(self) -> Codebook:
        ids = [t.id for t in self.themes]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate theme ids: {dupes}")
        return self


def _describe_errors(exc: ValidationError, data: Any) -> str:
    lines = []
    for err in exc.errors():
        loc = list(err["loc"])
        where = ".".join(str(p) for p in loc)
        if len(loc) >= 2 and loc[0] == "themes" and isinstance(loc[1], int):
            with contextlib.suppress(KeyError, IndexError, TypeError, AttributeError):
                where = f"theme {data['themes'][loc[1]].get('id', loc[1])!r}: " + ".".join(
                    str(p) for p in loc[2:]
                )
        lines.append(f"  {where}: {err['msg']}")
    return "\n".join(lines)


def parse_codebook(data: Any, source: str = "codebook") -> Codebook:
    try:
        return Codebook.model_validate(data)
    except ValidationError as exc:
        raise CodebookError(
            f"{source} is not a valid codebook:\n{_describe_errors(exc, data)}"
        ) from exc


def load_codebook(path: str | Path = DEFAULT_CODEBOOK) -> Codebook:
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise CodebookError(f"codebook file not found: {path}") from exc
    except yaml.YAMLError as exc:
        raise CodebookError(f"{path} is not valid YAML: {exc}") from exc
    return parse_codebook(data, str(path))


def anchor_texts(theme: CodebookTheme) -> list[str]:
    return [theme.description, *theme.examples]


def anchors(codebook: Codebook, encode: Any) -> np.ndarray:
    """(n_themes, dim) unit vectors: mean of each theme's description and example vectors.

    `encode` is anything with the Embedder's `encode(texts) -> ndarray` signature.
    """
    texts = [anchor_texts(theme) for theme in codebook.themes]
    # One encode call for every theme: batching is much faster than 15 small calls.
    flat = np.asarray(encode([t for group in texts for t in group]), dtype=np.float32)
    rows, start = [], 0
    for group in texts:
        mean = flat[start : start + len(group)].mean(axis=0)
        start += len(group)
        rows.append(mean / max(float(np.linalg.norm(mean)), 1e-12))
    return np.vstack(rows).astype(np.float32)


def promote_theme(
    codebook_data: dict[str, Any],
    *,
    theme_id: str,
    label: str,
    description: str,
    examples: Sequence[str],
    harm_types: Sequence[str] = ("general_wellbeing",),
    aims: Sequence[str] = ("Prevent",),
    path: str | Path | None = None,
) -> dict[str, Any]:
    """Append a worker-named discovered theme (status "proposed") and optionally write the YAML.

    Examples must be REDACTED text: the codebook is a published document.
    """
    theme = {
        "id": theme_id,
        "label": label,
        "description": description,
        "examples": list(examples),
        "harm_types": list(harm_types),
        "aims": list(aims),
        "status": "proposed",
    }
    updated = {**codebook_data, "themes": [*codebook_data.get("themes", []), theme]}
    parse_codebook(updated, "promoted codebook")  # refuse to write something that will not load
    if path is not None:
        Path(path).write_text(yaml.safe_dump(updated, sort_keys=False, allow_unicode=True))
    return updated
