"""NLU comparison: Rasa light vs Rasa DIET (each trained and served for real) vs the fallback.

    .venv/bin/python -m bench.nlu_eval [--reuse]

Retrains both Rasa pipelines (timed; `--reuse` keeps up-to-date models and reports the time
recorded when they were trained), serves each on a free port, evaluates the held-out file over
HTTP, and writes the "nlu" section of docs/benchmarks.md. ~3-5 minutes on an idle machine.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from bench._report import machine_description, write_section
from nlu.intent_compare import evaluate_url
from nlu.intent_data import HELDOUT_YAML, NLU_YAML, load_examples
from nlu.intent_eval import EvalReport, evaluate, markdown_table
from nlu.intent_fallback import FallbackClassifier
from nlu.intent_server import RasaSidecar, free_port
from nlu.intent_sidecar import Pipeline, install, train, training_record_path
from nlu.intent_types import OUT_OF_SCOPE_THRESHOLD, apply_threshold

COMMAND = ".venv/bin/python -m bench.nlu_eval"


@dataclass
class RasaRun:
    pipeline: Pipeline
    train_s: float
    train_load: float
    ready_s: float
    rss_mb: float
    report: EvalReport
    train_note: str = ""


def rss_mb(pid: int | None) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


async def run_pipeline(
    pipeline: Pipeline, fallback: FallbackClassifier, *, reuse: bool
) -> RasaRun | None:
    model = train(pipeline, force=not reuse)
    record_file = training_record_path(pipeline)
    record = json.loads(record_file.read_text()) if record_file.exists() else {}
    record.setdefault("seconds", float("nan"))
    record.setdefault("loadavg_1m", float("nan"))
    started = time.perf_counter()
    with RasaSidecar(model, port=free_port()) as sidecar:
        if not sidecar.wait_ready():
            print(f"rasa-{pipeline} never became ready; see {sidecar.logfile}")
            return None
        ready_s = time.perf_counter() - started
        report = await evaluate_url(
            f"rasa-{pipeline}", sidecar.url, sidecar.token, fallback, HELDOUT_YAML
        )
        return RasaRun(
            pipeline,
            record["seconds"],
            record["loadavg_1m"],
            ready_s,
            rss_mb(sidecar.pid),
            report,
            str(record.get("note", "")),
        )


def fallback_train_seconds(repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        FallbackClassifier.from_nlu_yaml()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def threshold_sweep(fallback: FallbackClassifier) -> str:
    """How many correct in-scope answers each out-of-scope threshold would throw away."""
    examples = load_examples(HELDOUT_YAML)
    tops = []
    for example in examples:
        scores = fallback.scores(example.text)
        best = max(scores, key=scores.__getitem__)
        tops.append((example.intent, best, scores[best]))
    rows = ["| threshold | fallback accuracy | in-scope answers demoted |", "|---:|---:|---:|"]
    for threshold in (0.2, 0.25, 0.3, 0.35, 0.4, 0.5):
        got = [apply_threshold(best, score, threshold) for _, best, score in tops]
        right = sum(g == want for g, (want, _, _) in zip(got, tops, strict=True))
        demoted = sum(
            g == "out_of_scope" != want and best == want
            for g, (want, best, _) in zip(got, tops, strict=True)
        )
        rows.append(f"| {threshold} | {right / len(tops):.3f} | {demoted} |")
    return "\n".join(rows)


def render(
    runs: list[RasaRun],
    fallback: EvalReport,
    fallback_train: float,
    sweep: str,
    *,
    reuse: bool,
) -> str:
    n_train = len(load_examples(NLU_YAML))
    lines = [
        "## nlu: intent classification on held-out phrasing",
        "",
        f"Command: `{COMMAND}{' --reuse' if reuse else ''}`  ",
        f"Machine: {machine_description()}  ",
        f"Data: {n_train} training examples (`nlu/rasa/data/nlu.yml`), {fallback.n} held-out "
        "(`nlu/rasa/tests/heldout.yml`, never trained on). Latency = one `classify` call "
        "(HTTP round trip for Rasa) per example, median over the file; baseline for the "
        "ratio column = the in-process fallback. "
        f"Out-of-scope threshold: {OUT_OF_SCOPE_THRESHOLD}.",
        "",
        markdown_table([r.report for r in runs] + [fallback], baseline="fallback"),
        "",
        "| classifier | train s | load avg while training | ready s (start to /status) "
        "| server RSS MB |",
        "|---|---:|---:|---:|---:|",
    ]
    lines += [
        f"| rasa-{r.pipeline} | {r.train_s:.1f} | {r.train_load:.1f} | {r.ready_s:.1f} "
        f"| {r.rss_mb:.0f} |"
        for r in runs
    ]
    lines.append(f"| fallback | {fallback_train:.2f} (median of 5) | - | 0 (in-process) | - |")
    lines += [f"\nrasa-{r.pipeline} training time: {r.train_note}" for r in runs if r.train_note]
    lines += ["", "Out-of-scope threshold sweep (fallback, held-out):", "", sweep]
    lines += [
        "",
        f"Load average at the end of the run: {os.getloadavg()[0]:.1f} on 2 cores (the machine is "
        "shared with other jobs, so absolute times are pessimistic; ratios within a run hold).",
    ]
    if not runs:
        lines += ["", "Rasa unavailable on this machine (no Python 3.10): fallback only."]
    return "\n".join(lines)


async def main(reuse: bool) -> None:
    fallback = FallbackClassifier.from_nlu_yaml()
    runs: list[RasaRun] = []
    if install():
        for pipeline in ("light", "diet"):
            run = await run_pipeline(pipeline, fallback, reuse=reuse)
            if run is not None:
                runs.append(run)
    fallback_report = await evaluate("fallback", fallback, load_examples(HELDOUT_YAML))
    markdown = render(
        runs, fallback_report, fallback_train_seconds(), threshold_sweep(fallback), reuse=reuse
    )
    print(markdown)
    write_section("nlu", markdown)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reuse", action="store_true", help="Keep up-to-date trained models.")
    asyncio.run(main(parser.parse_args().reuse))
