"""Measure the screen on a labelled file: recall, urgent-as-urgent, false alarms.

A labelled file is JSON lines `{"id", "text", "level", "categories"?}`. "Risk" means a labelled
level other than `none`. Used by `yousaid screen-eval`, bench/screen_eval.py and the tests.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from nlu.screen import Level, Screener

TARGET_RECALL = 0.97
TARGET_URGENT = 0.90
TARGET_FALSE_ALARM = 0.08
# HateCheck functionalities that are not hateful and where the screen must stay quiet: negation,
# counter-speech, quotation, neutral or positive mentions of groups, reclaimed slurs, homonyms.
HATECHECK_QUIET = (
    "counter_quote_nh",
    "counter_ref_nh",
    "negate_neg_nh",
    "ident_neutral_nh",
    "ident_pos_nh",
    "slur_homonym_nh",
    "slur_reclaimed_nh",
    "profanity_nh",
    "target_obj_nh",
)


@dataclass(frozen=True)
class Labelled:
    id: str
    text: str
    level: Level
    categories: tuple[str, ...]


@dataclass
class EvalReport:
    total: int = 0
    risk: int = 0
    caught: int = 0
    urgent: int = 0
    urgent_caught: int = 0
    ordinary: int = 0
    false_alarms: int = 0
    by_category: dict[str, list[int]] = field(default_factory=dict)  # [items, flagged, named]
    misses: list[tuple[Labelled, str, tuple[str, ...]]] = field(default_factory=list)
    alarms: list[tuple[Labelled, str, tuple[str, ...]]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.caught / self.risk if self.risk else 1.0

    @property
    def urgent_rate(self) -> float:
        return self.urgent_caught / self.urgent if self.urgent else 1.0

    @property
    def false_alarm_rate(self) -> float:
        return self.false_alarms / self.ordinary if self.ordinary else 0.0

    def meets_targets(self) -> bool:
        return (
            self.recall >= TARGET_RECALL
            and self.urgent_rate >= TARGET_URGENT
            and self.false_alarm_rate <= TARGET_FALSE_ALARM
        )


def load_labelled(path: Path) -> list[Labelled]:
    items = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        items.append(
            Labelled(
                str(row.get("id", n)),
                str(row["text"]),
                Level(row["level"]),
                tuple(row.get("categories") or ()),
            )
        )
    return items


def evaluate(screener: Screener, items: Iterable[Labelled]) -> EvalReport:
    report = EvalReport()
    labelled = list(items)
    for item, result in zip(
        labelled, screener.screen_many([i.text for i in labelled]), strict=True
    ):
        report.total += 1
        got = (result.level.value, result.categories)
        if item.level is Level.NONE:
            report.ordinary += 1
            if result.level is not Level.NONE:
                report.false_alarms += 1
                report.alarms.append((item, *got))
            continue
        report.risk += 1
        flagged = result.level is not Level.NONE
        report.caught += flagged
        if item.level is Level.URGENT:
            report.urgent += 1
            report.urgent_caught += result.level is Level.URGENT
        if not flagged or (item.level is Level.URGENT and result.level is not Level.URGENT):
            report.misses.append((item, *got))
        for cat in item.categories:
            row = report.by_category.setdefault(cat, [0, 0, 0])
            row[0] += 1
            row[1] += flagged
            row[2] += cat in result.categories
    return report


def format_report(report: EvalReport, *, show_misses: bool = True) -> str:
    def mark(ok: bool) -> str:
        return "ok" if ok else "MISSED TARGET"

    lines = [
        f"items: {report.total} (risk {report.risk}, urgent {report.urgent}, "
        f"ordinary {report.ordinary})",
        f"recall of risk messages: {report.recall:.3f} (target >= {TARGET_RECALL}) "
        f"{mark(report.recall >= TARGET_RECALL)}",
        f"urgent flagged as urgent: {report.urgent_rate:.3f} (target >= {TARGET_URGENT}) "
        f"{mark(report.urgent_rate >= TARGET_URGENT)}",
        f"false alarms on ordinary feedback: {report.false_alarm_rate:.3f} "
        f"(target <= {TARGET_FALSE_ALARM}) {mark(report.false_alarm_rate <= TARGET_FALSE_ALARM)}",
        "",
        "per category: items, flagged (recall), category named",
    ]
    for cat, (n, flagged, named) in sorted(report.by_category.items()):
        lines.append(f"  {cat:38s} {n:4d}  {flagged / n:6.3f}  {named / n:6.3f}")
    if show_misses:
        lines += ["", f"misses ({len(report.misses)}): id, expected -> got, text"]
        lines += [
            f"  {i.id}: {i.level.value} -> {lv} {list(c)}  {i.text}" for i, lv, c in report.misses
        ]
        lines += ["", f"false alarms ({len(report.alarms)}):"]
        lines += [f"  {i.id}: none -> {lv} {list(c)}  {i.text}" for i, lv, c in report.alarms]
    return "\n".join(lines)


def hatecheck_rates(screener: Screener, csv_path: Path) -> dict[str, tuple[int, int]]:
    """Functionality -> (cases, cases the screen flagged) on the HateCheck test suite."""
    counts: Counter[str] = Counter()
    flagged: Counter[str] = Counter()
    with open(csv_path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    results = screener.screen_many([row["test_case"] for row in rows])
    for row, result in zip(rows, results, strict=True):
        func = row["functionality"]
        counts[func] += 1
        flagged[func] += result.level is not Level.NONE
    return {f: (counts[f], flagged[f]) for f in sorted(counts)}


def quiet_false_alarm_rate(rates: dict[str, tuple[int, int]]) -> float:
    cases = sum(rates[f][0] for f in HATECHECK_QUIET if f in rates)
    alarms = sum(rates[f][1] for f in HATECHECK_QUIET if f in rates)
    return alarms / cases if cases else 0.0
