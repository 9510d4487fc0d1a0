"""Quality of the safeguarding screen, written to the `screen-quality` section of
docs/benchmarks.md.

    .venv/bin/python -m bench.screen_eval

Recall / urgent-as-urgent / false alarms, for the full screen and for the patterns alone, on:
- the independent sets, which the learned reader never trained on (blind_c, bench/data/*.jsonl):
  the honest figures for text written by someone else;
- every training set (flattering: the reader has seen these lines).
Also, from ../shared/data (real text written outside this project, where present):
- HateCheck (CC BY 4.0, Röttger et al. 2021): the share flagged per functionality; negation,
  counter-speech, quotation and neutral mentions should stay quiet;
- pxtextmining (MIT, NHS England): 7,400 real patient-experience comments from adults. They are
  not labelled for risk and some really do describe self-harm or abuse, so the share flagged is
  an upper bound on false alarms for ordinary feedback unlike anything the screen was built on.
"""

from __future__ import annotations

import csv
from pathlib import Path

from bench._report import machine_description, write_section
from nlu.screen import Level, Screener, default_lexicon_path, default_screener
from nlu.screen.evaluate import (
    HATECHECK_QUIET,
    EvalReport,
    evaluate,
    hatecheck_rates,
    load_labelled,
    quiet_false_alarm_rate,
)
from nlu.screen.model import HELD_OUT

ROOT = Path(__file__).resolve().parent.parent
TESTSETS = ROOT / "nlu" / "screen" / "testsets"
SHARED = ROOT.parent / "shared" / "data"
HATECHECK = SHARED / "hatecheck" / "test_suite_cases.csv"
PXTEXT = SHARED / "pxtextmining" / "datasets_v6framework_230831.csv"


def independent_sets() -> list[Path]:
    held = [TESTSETS / name for name in sorted(HELD_OUT)]
    return held + sorted((ROOT / "bench" / "data").glob("screen_external*.jsonl"))


def _figures(report: EvalReport) -> str:
    return f"{report.recall:.3f} / {report.urgent_rate:.3f} / {report.false_alarm_rate:.3f}"


def _row(path: Path, full: Screener, patterns: Screener) -> str:
    items = load_labelled(path)
    both, alone = evaluate(full, items), evaluate(patterns, items)
    return f"| {path.stem} | {both.total} | {_figures(both)} | {_figures(alone)} |"


def _table(paths: list[Path], full: Screener, patterns: Screener) -> list[str]:
    head = [
        "| set | lines | screen: recall / urgent / false alarms | patterns alone |",
        "|---|---|---|---|",
    ]
    return head + [_row(p, full, patterns) for p in paths]


def patient_comments() -> list[str]:
    """pxtextmining's comments, minus those its coders flagged as holding personal details."""
    with open(PXTEXT, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return [
        text
        for row in rows
        if (text := (row.get("FFT answer") or "").strip())
        and (row.get("Person identifiable info?") or "").strip().lower() not in {"yes", "y", "1"}
    ]


def _flagged(screener: Screener, texts: list[str]) -> tuple[int, int]:
    results = screener.screen_many(texts)
    return sum(r.level is not Level.NONE for r in results), sum(
        r.level is Level.URGENT for r in results
    )


def _real_text(full: Screener, patterns: Screener) -> list[str]:
    out = []
    if HATECHECK.exists():
        quiet = [quiet_false_alarm_rate(hatecheck_rates(s, HATECHECK)) for s in (full, patterns)]
        out.append(
            f"- HateCheck, non-hateful functionalities ({', '.join(HATECHECK_QUIET)}): "
            f"**{quiet[0]:.3f}** flagged (patterns alone {quiet[1]:.3f})."
        )
    if PXTEXT.exists():
        texts = patient_comments()
        (flag, urgent), (p_flag, _) = _flagged(full, texts), _flagged(patterns, texts)
        out.append(
            f"- pxtextmining, {len(texts):,} real NHS patient comments by adults (unlabelled; "
            f"some genuinely describe risk): **{flag / len(texts):.3f}** flagged, "
            f"{urgent / len(texts):.3f} as urgent (patterns alone {p_flag / len(texts):.3f})."
        )
    return out or ["- ../shared/data not found: real-text checks skipped."]


def main() -> None:
    full = default_screener()
    patterns = Screener.from_yaml(default_lexicon_path())
    training = sorted(p for p in TESTSETS.glob("*.jsonl") if p.name not in HELD_OUT)
    lines = [
        "## screen-quality: what the safeguarding screen catches",
        "",
        f"Command: `python -m bench.screen_eval` · {machine_description()}  ",
        f"Screen {full.version}. Figures are recall of risk / urgent flagged as urgent / "
        "false alarms on ordinary lines. Targets: >= 0.97 / >= 0.90 / <= 0.08.",
        "",
        "**Independent sets** (the learned reader never trained on them):",
        "",
        *_table(independent_sets(), full, patterns),
        "",
        "**Real text written outside this project:**",
        "",
        *_real_text(full, patterns),
        "",
        "**Training sets** (the learned reader trained on these lines, so they flatter it):",
        "",
        *_table(training, full, patterns),
    ]
    markdown = "\n".join(lines)
    print(markdown)
    write_section("screen-quality", markdown)


if __name__ == "__main__":
    main()
