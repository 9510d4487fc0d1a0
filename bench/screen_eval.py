"""Quality of the safeguarding screen: the labelled sets and HateCheck, by functionality.

    .venv/bin/python -m bench.screen_eval

Prints recall / urgent-as-urgent / false alarms for every shipped labelled set, and for the
HateCheck suite (../shared/data/hatecheck, CC BY 4.0, Röttger et al. 2021) the share of cases
flagged per functionality. Non-hateful functionalities (negation, counter-speech, quotation,
neutral mentions) should stay quiet; hateful opinions alone are not a risk to the writer and
are expected to stay `none` too, while threats of violence are flagged.
"""

from __future__ import annotations

from pathlib import Path

from nlu.screen import default_screener
from nlu.screen.evaluate import (
    HATECHECK_QUIET,
    evaluate,
    hatecheck_rates,
    load_labelled,
    quiet_false_alarm_rate,
)

ROOT = Path(__file__).resolve().parent.parent
HATECHECK = ROOT.parent / "shared" / "data" / "hatecheck" / "test_suite_cases.csv"


def main() -> None:
    screener = default_screener()
    print(f"lexicon {screener.version}\n")
    print("| set | items | recall | urgent as urgent | false alarms |")
    print("|---|---|---|---|---|")
    for path in sorted((ROOT / "nlu" / "screen" / "testsets").glob("*.jsonl")):
        r = evaluate(screener, load_labelled(path))
        print(
            f"| {path.stem} | {r.total} | {r.recall:.3f} | {r.urgent_rate:.3f} | "
            f"{r.false_alarm_rate:.3f} |"
        )
    if not HATECHECK.exists():
        print("\nHateCheck not found at", HATECHECK)
        return
    rates = hatecheck_rates(screener, HATECHECK)
    print("\n| HateCheck functionality | cases | flagged | should stay quiet |")
    print("|---|---|---|---|")
    for func, (n, k) in rates.items():
        print(f"| {func} | {n} | {k / n:.3f} | {'yes' if func in HATECHECK_QUIET else ''} |")
    print(f"\nfalse-alarm rate on the quiet functionalities: {quiet_false_alarm_rate(rates):.4f}")


if __name__ == "__main__":
    main()
