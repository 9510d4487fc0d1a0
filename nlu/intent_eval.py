"""Accuracy, macro-F1 and latency of an intent classifier on a held-out Rasa NLU file."""

from __future__ import annotations

import statistics
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from sklearn.metrics import accuracy_score, f1_score

from nlu.intent_data import HELDOUT_YAML, Example, load_examples
from nlu.intent_types import IntentClassifier


@dataclass(frozen=True)
class EvalReport:
    name: str
    n: int
    accuracy: float
    macro_f1: float
    p50_ms: float
    p95_ms: float
    sources: dict[str, int] = field(default_factory=dict)
    errors: tuple[tuple[str, str, str], ...] = ()  # (text, expected, got)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * q
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


async def evaluate(
    name: str, classifier: IntentClassifier, examples: tuple[Example, ...] | None = None
) -> EvalReport:
    examples = examples if examples is not None else load_examples(HELDOUT_YAML)
    predicted: list[str] = []
    latencies: list[float] = []
    sources: Counter[str] = Counter()
    for example in examples:
        started = time.perf_counter()
        result = await classifier.classify(example.text)
        latencies.append((time.perf_counter() - started) * 1000)
        predicted.append(result.intent)
        sources[result.source] += 1
    expected = [e.intent for e in examples]
    labels = sorted(set(expected))
    return EvalReport(
        name=name,
        n=len(examples),
        accuracy=float(accuracy_score(expected, predicted)),
        macro_f1=float(
            f1_score(expected, predicted, labels=labels, average="macro", zero_division=0)
        ),
        p50_ms=statistics.median(latencies) if latencies else float("nan"),
        p95_ms=percentile(latencies, 0.95),
        sources=dict(sources),
        errors=tuple(
            (e.text, e.intent, got)
            for e, got in zip(examples, predicted, strict=True)
            if got != e.intent
        ),
    )


def markdown_table(reports: list[EvalReport], baseline: str | None = None) -> str:
    """One row per classifier; `baseline` names the row the ratios are taken against."""
    base = next((r for r in reports if r.name == baseline), None)
    head = "| classifier | n | accuracy | macro-F1 | p50 ms | p95 ms | answered by |"
    rule = "|---|---:|---:|---:|---:|---:|---|"
    if base:
        head += f" p50 vs {base.name} |"
        rule += "---:|"
    rows = [head, rule]
    for r in reports:
        answered = ", ".join(f"{k} {v}" for k, v in sorted(r.sources.items()))
        row = (
            f"| {r.name} | {r.n} | {r.accuracy:.3f} | {r.macro_f1:.3f} | {r.p50_ms:.1f} "
            f"| {r.p95_ms:.1f} | {answered} |"
        )
        if base:
            row += f" {r.p50_ms / base.p50_ms:.2f}x |" if base.p50_ms else " - |"
        rows.append(row)
    return "\n".join(rows)


def heldout_path(path: Path | None) -> Path:
    return path or HELDOUT_YAML
