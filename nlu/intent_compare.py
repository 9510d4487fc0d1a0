"""Side-by-side evaluation: each trained Rasa pipeline (served for real) and the fallback."""

from __future__ import annotations

from pathlib import Path

from nlu.intent_data import HELDOUT_YAML, load_examples
from nlu.intent_eval import EvalReport, evaluate
from nlu.intent_fallback import FallbackClassifier
from nlu.intent_rasa import RasaClassifier
from nlu.intent_server import RasaSidecar, free_port
from nlu.intent_sidecar import Log, Pipeline, _print, is_trained, model_path

# Generous: evaluation measures Rasa itself, so it must not quietly score the fallback instead
# (the "answered by" column shows it if it ever does).
EVAL_TIMEOUT = 5.0


async def evaluate_url(
    name: str, url: str, token: str | None, fallback: FallbackClassifier, heldout: Path
) -> EvalReport:
    client = RasaClassifier(url, token=token, fallback=fallback, timeout=EVAL_TIMEOUT)
    try:
        await client.classify("hello")  # warm-up: first parse loads lazily
        return await evaluate(name, client, load_examples(heldout))
    finally:
        await client.aclose()


async def evaluate_pipeline(
    pipeline: Pipeline, fallback: FallbackClassifier, heldout: Path, log: Log = _print
) -> EvalReport | None:
    """Serve the trained `pipeline` model on a free port, evaluate it, stop it."""
    if not is_trained(pipeline):
        log(f"rasa-{pipeline}: no up-to-date model (yousaid nlu train --pipeline {pipeline})")
        return None
    with RasaSidecar(model_path(pipeline), port=free_port()) as sidecar:
        if not sidecar.wait_ready():
            log(f"rasa-{pipeline}: server did not become ready (log: {sidecar.logfile})")
            return None
        return await evaluate_url(f"rasa-{pipeline}", sidecar.url, sidecar.token, fallback, heldout)


async def compare(
    *,
    heldout: Path = HELDOUT_YAML,
    rasa_url: str | None = None,
    rasa_token: str | None = None,
    pipelines: tuple[Pipeline, ...] = ("light", "diet"),
    log: Log = _print,
) -> list[EvalReport]:
    fallback = FallbackClassifier.from_nlu_yaml()
    reports: list[EvalReport] = []
    if rasa_url:
        reports.append(await evaluate_url("rasa", rasa_url, rasa_token, fallback, heldout))
    else:
        for pipeline in pipelines:
            report = await evaluate_pipeline(pipeline, fallback, heldout, log)
            if report is not None:
                reports.append(report)
    reports.append(await evaluate("fallback", fallback, load_examples(heldout)))
    return reports
