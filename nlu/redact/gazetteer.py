"""The partnership's local gazetteer: schools and places with the aliases young people use."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, Field, ValidationError

DEFAULT_GAZETTEER = Path(__file__).resolve().parent.parent / "data" / "gazetteer.yaml"
SCHOOL_KINDS = frozenset({"school", "college"})


class GazetteerError(ValueError):
    pass


class Place(BaseModel):
    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    kind: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)


class _GazetteerFile(BaseModel):
    version: int = 1
    places: list[Place]


@dataclass(frozen=True)
class PlaceMention:
    place_id: str
    name: str
    kind: str
    start: int
    end: int


@dataclass
class Gazetteer:
    places: list[Place]
    _pattern: re.Pattern[str] = field(init=False, repr=False)
    _by_alias: dict[str, Place] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_alias = {}
        for place in self.places:
            for alias in [place.name, *place.aliases]:
                self._by_alias.setdefault(_norm(alias), place)
        # Longest alias first so "Hartwell Bus Station" wins over "bus station".
        alternatives = sorted(self._by_alias, key=len, reverse=True)
        body = "|".join(_alias_regex(a) for a in alternatives) or r"(?!x)x"
        self._pattern = re.compile(rf"(?<![\w'’])(?:{body})(?![\w'’])", re.IGNORECASE)

    def mentions(self, text: str) -> list[PlaceMention]:
        found = []
        for m in self._pattern.finditer(text):
            place = self._by_alias.get(_norm(m.group(0)))
            if place is not None:
                found.append(PlaceMention(place.id, place.name, place.kind, m.start(), m.end()))
        return found


def _norm(alias: str) -> str:
    return " ".join(alias.lower().replace("’", "").replace("'", "").split())


def _alias_regex(alias: str) -> str:
    parts = [re.escape(p).replace("'", "['’]?") for p in alias.split(" ")]
    return r"\s+".join(parts)


def load_gazetteer(path: str | Path = DEFAULT_GAZETTEER) -> Gazetteer:
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return Gazetteer(_GazetteerFile.model_validate(data).places)
    except FileNotFoundError as exc:
        raise GazetteerError(f"gazetteer file not found: {path}") from exc
    except (yaml.YAMLError, ValidationError) as exc:
        raise GazetteerError(f"{path} is not a valid gazetteer: {exc}") from exc


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    return load_gazetteer()
