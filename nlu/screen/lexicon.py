"""Load the partnership's lexicon (YAML) into compiled rules, validating it on the way.

The YAML is the reviewable artefact: see the comments at the top of lexicon.yaml. Loading fails
loudly on an unknown category, a typo in a section name or a pattern that does not compile, so a
bad edit cannot silently switch part of the screen off.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from nlu.screen.normalise import squeeze
from nlu.screen.patterns import Compiled, PatternError, compile_pattern
from nlu.screen.respell import respell
from nlu.screen.result import Level
from nlu.screen.vocab import Vocabulary, VocabularyError

CATEGORIES: tuple[str, ...] = (
    "sexual_exploitation_grooming",
    "criminal_exploitation_county_lines",
    "youth_violence_weapons",
    "trafficking",
    "modern_slavery",
    "online_abuse_sextortion",
    "relationship_abuse_coercive_control",
    "bullying",
    "child_on_child_sexual_harassment",
    "harmful_sexual_behaviour",
    "radicalisation",
    "going_missing",
    "self_harm_suicide",
    "eating_disorder",
    "abuse_at_home",
    "substance_misuse",
)
KINDS = ("urgent", "concern", "topic")
_TOP_KEYS = {
    "version",
    "owner",
    "reviewed",
    "notes",
    "lists",
    "categories",
    "hyperbole",
    "context",
    "negation",
    "generic",
    "resolved",
    "signals",
    "cues",
    "combinations",
    "ages",
    "vocabulary",
}


class LexiconError(ValueError):
    pass


@dataclass(frozen=True)
class Rule:
    """One compiled pattern and what a match means."""

    compiled: Compiled
    kind: str  # urgent | concern | topic | cue | mask | context | resolved | signal
    category: str = ""
    cue: str = ""

    @property
    def level(self) -> Level:
        return Level.URGENT if self.kind == "urgent" else Level.CONCERN


@dataclass(frozen=True)
class Combination:
    when: frozenset[str]
    category: str
    level: Level


@dataclass(frozen=True)
class AgeRules:
    child_max: int = 17
    adult_min: int = 18
    min_gap: int = 4
    older_refs: tuple[str, ...] = ()
    family: tuple[str, ...] = ()


@dataclass(frozen=True)
class Lexicon:
    version: str
    rules: tuple[Rule, ...]
    combinations: tuple[Combination, ...]
    negation: frozenset[str]
    generic: frozenset[str] = frozenset()
    signal_threshold: int = 3
    ages: AgeRules = field(default_factory=AgeRules)
    vocabulary: Vocabulary | None = None


def _patterns(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LexiconError(f"{where}: expected a list of patterns")
    return value


def _compile(source: str, lists: dict[str, list[str]], where: str) -> Compiled:
    try:
        return compile_pattern(source, lists)
    except PatternError as exc:
        raise LexiconError(f"{where}: {exc}") from exc


def _category_rules(data: dict[str, Any], lists: dict[str, list[str]]) -> list[Rule]:
    rules = []
    for cat, body in (data.get("categories") or {}).items():
        if cat not in CATEGORIES:
            raise LexiconError(f"unknown category {cat!r}; known: {', '.join(CATEGORIES)}")
        extra = set(body) - {"name", "description", *KINDS}
        if extra:
            raise LexiconError(f"{cat}: unknown section(s) {sorted(extra)}")
        for kind in KINDS:
            for src in _patterns(body.get(kind), f"{cat}.{kind}"):
                rules.append(Rule(_compile(src, lists, f"{cat}.{kind}"), kind, category=cat))
    return rules


def _other_rules(data: dict[str, Any], lists: dict[str, list[str]]) -> list[Rule]:
    rules = []
    for kind, key in (("mask", "hyperbole"), ("context", "context"), ("resolved", "resolved")):
        for src in _patterns(data.get(key), key):
            rules.append(Rule(_compile(src, lists, key), kind))
    for cue, body in (data.get("cues") or {}).items():
        for src in _patterns(body, f"cues.{cue}"):
            rules.append(Rule(_compile(src, lists, f"cues.{cue}"), "cue", cue=cue))
    return rules + _signal_rules(data, lists)


def _signal_rules(data: dict[str, Any], lists: dict[str, list[str]]) -> list[Rule]:
    """`signals:` words, strong or weak, per category (the strength rides in `cue`)."""
    rules = []
    for cat, body in (data.get("signals") or {}).items():
        if cat == "threshold":
            continue
        if cat not in CATEGORIES:
            raise LexiconError(f"signals: unknown category {cat!r}")
        extra = set(body) - {"strong", "weak"}
        if extra:
            raise LexiconError(f"signals.{cat}: unknown section(s) {sorted(extra)}")
        for strength in ("strong", "weak"):
            where = f"signals.{cat}.{strength}"
            for src in _patterns(body.get(strength), where):
                compiled = _compile(src, lists, where)
                rules.append(Rule(compiled, "signal", category=cat, cue=strength))
    return rules


def _combinations(data: dict[str, Any], cues: set[str]) -> list[Combination]:
    out = []
    for i, item in enumerate(data.get("combinations") or []):
        when = frozenset(item.get("when") or [])
        unknown = when - cues - set(CATEGORIES)
        if not when or unknown:
            raise LexiconError(f"combinations[{i}]: unknown or missing cues {sorted(unknown)}")
        if item.get("category") not in CATEGORIES:
            raise LexiconError(f"combinations[{i}]: unknown category {item.get('category')!r}")
        out.append(Combination(when, item["category"], Level(item.get("level", "concern"))))
    return out


def _words(value: Any) -> frozenset[str]:
    return frozenset(squeeze(str(w).lower().replace("'", "")) for w in value or [])


def load_lexicon(path: Path) -> Lexicon:
    # Messages are respelled before matching ("gettin" -> "getting", "wiv" -> "with"), so the
    # lexicon is read in the same spelling: a pattern that spells a word the dialect way still
    # matches the respelled message.
    data = yaml.safe_load(respell(Path(path).read_text(encoding="utf-8")))
    if not isinstance(data, dict) or not str(data.get("version") or "").strip():
        raise LexiconError(f"{path}: a lexicon needs a top-level 'version'")
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise LexiconError(f"{path}: unknown section(s) {sorted(unknown)}")
    lists = {
        str(k).upper(): [str(v) for v in vals] for k, vals in (data.get("lists") or {}).items()
    }
    rules = _category_rules(data, lists) + _other_rules(data, lists)
    cues = {r.cue for r in rules if r.kind == "cue"} | {"child_age", "age_gap", "adult_age"}
    ages = data.get("ages") or {}
    negation = _words(data.get("negation"))
    try:
        vocabulary = (
            Vocabulary(data["vocabulary"], CATEGORIES, negation) if data.get("vocabulary") else None
        )
    except VocabularyError as exc:
        raise LexiconError(f"{path}: {exc}") from exc
    return Lexicon(
        version=str(data["version"]),
        rules=tuple(rules),
        combinations=tuple(_combinations(data, cues)),
        negation=negation,
        generic=_words(data.get("generic")),
        signal_threshold=int((data.get("signals") or {}).get("threshold", 3)),
        ages=AgeRules(
            child_max=int(ages.get("child_max", 17)),
            adult_min=int(ages.get("adult_min", 18)),
            min_gap=int(ages.get("min_gap", 4)),
            older_refs=tuple(ages.get("older_refs") or ()),
            family=tuple(ages.get("family") or ()),
        ),
        vocabulary=vocabulary,
    )
