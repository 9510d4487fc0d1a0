"""Read Rasa NLU training/test files (YAML, format 3.1) into plain examples.

The in-process fallback and the evaluation read the very same files the Rasa sidecar trains on,
so both classifiers always know the same intents and phrasings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from nlu.intent_types import Entity

RASA_DIR = Path(__file__).resolve().parent / "rasa"
NLU_YAML = RASA_DIR / "data" / "nlu.yml"
HELDOUT_YAML = RASA_DIR / "tests" / "heldout.yml"

# [the underpass](place)  or  [the underpass]{"entity": "place"}
_ANNOTATION = re.compile(r"\[(?P<text>[^\]]+)\](?:\((?P<short>[^)]+)\)|\{(?P<long>[^}]+)\})")
_LONG_ENTITY = re.compile(r'"entity"\s*:\s*"(?P<name>[^"]+)"')


@dataclass(frozen=True)
class Example:
    text: str
    intent: str
    entities: tuple[Entity, ...] = ()


@dataclass(frozen=True)
class NluData:
    examples: tuple[Example, ...]
    lookups: dict[str, tuple[str, ...]]


def parse_annotated(raw: str, intent: str) -> Example:
    """Strip Rasa entity markup from one example, keeping the entity spans in the plain text."""
    parts: list[str] = []
    entities: list[Entity] = []
    pos = 0
    for match in _ANNOTATION.finditer(raw):
        parts.append(raw[pos : match.start()])
        start = sum(len(p) for p in parts)
        value = match.group("text")
        name = match.group("short") or _long_name(match.group("long"))
        parts.append(value)
        entities.append(Entity(entity=name, value=value, start=start, end=start + len(value)))
        pos = match.end()
    parts.append(raw[pos:])
    return Example(text="".join(parts).strip(), intent=intent, entities=tuple(entities))


def _long_name(body: str) -> str:
    found = _LONG_ENTITY.search("{" + body + "}")
    return found.group("name") if found else "unknown"


def _example_lines(block: str) -> list[str]:
    lines = []
    for line in block.splitlines():
        stripped = line.strip()
        if stripped.startswith("- "):
            lines.append(stripped[2:].strip())
    return [line for line in lines if line]


def load_nlu(path: Path = NLU_YAML) -> NluData:
    doc: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    examples: list[Example] = []
    lookups: dict[str, tuple[str, ...]] = {}
    for item in doc.get("nlu", []) or []:
        block = str(item.get("examples", ""))
        if "intent" in item:
            intent = str(item["intent"])
            examples.extend(parse_annotated(raw, intent) for raw in _example_lines(block))
        elif "lookup" in item:
            lookups[str(item["lookup"])] = tuple(_example_lines(block))
    return NluData(examples=tuple(examples), lookups=lookups)


def load_examples(path: Path = NLU_YAML) -> tuple[Example, ...]:
    return load_nlu(path).examples
