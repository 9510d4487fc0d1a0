"""HTTP client for the Rasa sidecar (`rasa run --enable-api`), with a hard deadline.

`classify` never raises and never takes much longer than `timeout`: anything other than a prompt,
well-formed answer from Rasa (down, slow, 401, no model loaded, circuit open) is answered by the
in-process fallback instead. Message text is never logged.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable
from typing import Any

import httpx

from nlu.intent_breaker import CircuitBreaker
from nlu.intent_fallback import FallbackClassifier
from nlu.intent_types import OUT_OF_SCOPE_THRESHOLD, Entity, IntentResult, apply_threshold

log = logging.getLogger(__name__)


class _HideToken(logging.Filter):
    """httpx logs each request URL at INFO, and Rasa only takes its token in the query string."""

    _TOKEN = re.compile(r"(token=)[^&\s\"']+")

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(
                self._TOKEN.sub(r"\1***", str(a)) if "token=" in str(a) else a for a in record.args
            )
        return True


logging.getLogger("httpx").addFilter(_HideToken())


class RasaAnswerError(ValueError):
    """Rasa answered, but not with a usable parse (e.g. no model loaded)."""


def parse_rasa_answer(body: Any, threshold: float = OUT_OF_SCOPE_THRESHOLD) -> IntentResult:
    if not isinstance(body, dict) or not isinstance(body.get("intent"), dict):
        raise RasaAnswerError("no intent in answer")
    name, confidence = body["intent"].get("name"), body["intent"].get("confidence")
    if not isinstance(name, str) or not isinstance(confidence, int | float):
        raise RasaAnswerError("no intent name/confidence in answer")
    entities = tuple(
        Entity(
            entity=str(e["entity"]), value=str(e["value"]), start=int(e["start"]), end=int(e["end"])
        )
        for e in body.get("entities") or []
        if isinstance(e, dict) and {"entity", "value", "start", "end"} <= e.keys()
    )
    return IntentResult(
        intent=apply_threshold(name, float(confidence), threshold),
        confidence=round(float(confidence), 4),
        source="rasa",
        entities=entities,
    )


class RasaClassifier:
    def __init__(
        self,
        url: str,
        *,
        token: str | None,
        fallback: FallbackClassifier,
        timeout: float = 0.25,
        breaker: CircuitBreaker | None = None,
        threshold: float = OUT_OF_SCOPE_THRESHOLD,
        token_provider: Callable[[], str | None] | None = None,
    ) -> None:
        """`token_provider` (used when `token` is None) is asked before each request, so a bot
        started before the sidecar picks up the token the sidecar writes later."""
        self.url = url.rstrip("/")
        self.timeout = timeout
        self.breaker = breaker or CircuitBreaker()
        self.threshold = threshold
        self._fallback = fallback
        self._token = token
        self._token_provider = token_provider
        self._client = httpx.AsyncClient(timeout=httpx.Timeout(timeout))

    async def classify(self, text: str) -> IntentResult:
        try:
            if self.breaker.allow():
                result = await self._ask_rasa(text)
                if result is not None:
                    return result
            return await self._fallback.classify(text)
        except Exception as exc:  # the bot must never fail because of NLU
            # Type only: an exception's message or traceback could quote the young person.
            log.error("intent classification failed (%s); out_of_scope", type(exc).__name__)
            return IntentResult(intent="out_of_scope", confidence=0.0, source="fallback")

    async def _ask_rasa(self, text: str) -> IntentResult | None:
        try:
            # wait_for bounds the whole exchange: httpx's timeout applies per phase
            # (connect, write, read), which could add up to several times `timeout`.
            response = await asyncio.wait_for(
                self._client.post(
                    f"{self.url}/model/parse", params=self._params(), json={"text": text}
                ),
                timeout=self.timeout,
            )
            response.raise_for_status()
            result = parse_rasa_answer(response.json(), self.threshold)
        except (TimeoutError, httpx.HTTPError, RasaAnswerError, ValueError) as exc:
            log.debug("rasa unavailable (%s); using fallback", type(exc).__name__)
            self.breaker.record_failure()
            return None
        except asyncio.CancelledError:
            # The caller gave up on us: count it, or a cancelled half-open trial would leave
            # the breaker waiting for an answer that never comes.
            self.breaker.record_failure()
            raise
        self.breaker.record_success()
        return result

    def _params(self) -> dict[str, str]:
        token = self._token or (self._token_provider() if self._token_provider else None)
        return {"token": token} if token else {}

    async def aclose(self) -> None:
        await self._client.aclose()
