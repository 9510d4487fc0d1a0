"""A real Rasa server: installed (cached in .venv-rasa; from scratch in CI), trained, served.

Skipped only when no Python 3.10 exists on the machine; an install or training failure fails.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterator

import pytest

from nlu.intent_data import HELDOUT_YAML, load_examples
from nlu.intent_eval import evaluate
from nlu.intent_server import RasaSidecar, free_port
from nlu.intent_sidecar import find_python310, install, train
from nlu.intents import FallbackClassifier, RasaClassifier

pytestmark = [pytest.mark.rasa, pytest.mark.slow]

# Measured 0.937 on this machine with the light pipeline; the target is 0.90.
MIN_RASA_ACCURACY = 0.90


@pytest.fixture(scope="module")
def sidecar() -> Iterator[RasaSidecar]:
    if find_python310() is None:
        pytest.skip("no Python 3.10 on this machine: Rasa 3.6 cannot run (bot uses the fallback)")
    assert install(), "Rasa install failed (see output above)"
    server = RasaSidecar(train("light"), port=free_port()).start()
    try:
        assert server.wait_ready(), f"Rasa never became ready; log: {server.logfile}"
        yield server
    finally:
        server.stop()


@pytest.fixture
async def classifier(sidecar: RasaSidecar) -> AsyncIterator[RasaClassifier]:
    # 1 s rather than the bot's 0.25 s: this test checks Rasa's answers, not the deadline, and the
    # shared CI machine may be busy. The deadline itself is covered by the unit tests.
    nlu = RasaClassifier(
        sidecar.url, token=sidecar.token, fallback=FallbackClassifier.from_nlu_yaml(), timeout=1.0
    )
    await nlu.classify("hello")  # warm-up
    yield nlu
    await nlu.aclose()


async def test_the_real_server_classifies_held_out_phrasing(classifier: RasaClassifier):
    report = await evaluate("rasa-light", classifier, load_examples(HELDOUT_YAML))
    assert report.sources == {"rasa": report.n}
    assert report.accuracy >= MIN_RASA_ACCURACY, report.errors


async def test_the_real_server_tags_places(classifier: RasaClassifier):
    result = await classifier.classify("the underpass by the station is well dodgy")
    assert result.source == "rasa"
    assert result.intent == "share_view"
    assert any(e.entity == "place" and "underpass" in e.value for e in result.entities)


async def test_the_server_refuses_requests_without_the_token(sidecar: RasaSidecar):
    import httpx

    async with httpx.AsyncClient() as http:
        answer = await http.post(f"{sidecar.url}/model/parse", json={"text": "hi"})
    assert answer.status_code == 401


# Last in the file: it kills the module's server.
async def test_killing_rasa_mid_conversation_changes_nothing_visible(sidecar: RasaSidecar):
    nlu = RasaClassifier(
        sidecar.url, token=sidecar.token, fallback=FallbackClassifier.from_nlu_yaml()
    )
    turns = [
        "hiya",
        "yeah ok",
        "the park gets dodgy at night",
        "is this anonymous",
        "delete my stuff",
        "stop",
    ]
    await nlu.classify("hello")  # warm-up
    before = [await nlu.classify(text) for text in turns[:3]]
    sidecar.kill()
    after, waits = [], []
    for text in turns[3:]:
        started = time.perf_counter()
        after.append(await nlu.classify(text))
        waits.append(time.perf_counter() - started)
    await nlu.aclose()
    assert {r.source for r in before} == {"rasa"}
    assert {r.source for r in after} == {"fallback"}
    assert [r.intent for r in before + after] == [
        "greet",
        "affirm",
        "share_view",
        "ask_privacy",
        "delete_data",
        "stop",
    ]
    assert max(waits) < 0.3
