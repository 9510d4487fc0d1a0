"""Intent classification for the bot: one interface, Rasa first, scikit-learn fallback.

    classifier = build_classifier(rasa_url=settings.rasa_url, rasa_token=settings.rasa_token)
    result = await classifier.classify(redacted_text)   # never raises, ~<= 300 ms
    if result.intent == "delete_data": ...

Low-confidence answers come back as `out_of_scope` (threshold OUT_OF_SCOPE_THRESHOLD, measured in
docs/benchmarks.md "nlu"), except `disclosure`, which is never demoted. Safeguarding does not
depend on this module: use `raise_only` to let a `disclosure` result raise the screen's level.
"""

from __future__ import annotations

from nlu.intent_breaker import BreakerState, CircuitBreaker
from nlu.intent_fallback import FallbackClassifier
from nlu.intent_rasa import RasaClassifier
from nlu.intent_sidecar import local_token
from nlu.intent_types import (
    DISCLOSURE_MIN_CONFIDENCE,
    INTENTS,
    OUT_OF_SCOPE_THRESHOLD,
    Entity,
    IntentClassifier,
    IntentResult,
    raise_only,
)

__all__ = [
    "DISCLOSURE_MIN_CONFIDENCE",
    "INTENTS",
    "OUT_OF_SCOPE_THRESHOLD",
    "BreakerState",
    "CircuitBreaker",
    "Entity",
    "FallbackClassifier",
    "IntentClassifier",
    "IntentResult",
    "RasaClassifier",
    "build_classifier",
    "raise_only",
]


def build_classifier(*, rasa_url: str | None, rasa_token: str | None) -> IntentClassifier:
    """Rasa client with fallback when a sidecar URL is configured, else the fallback alone.

    The Rasa client may be built before the sidecar is up: it answers from the fallback until
    the server responds (and the breaker keeps probing every cooldown).
    """
    fallback = FallbackClassifier.from_nlu_yaml()
    if not rasa_url:
        return fallback
    # Without a configured token, use the one `yousaid nlu serve` keeps in var/ (read per
    # request: the sidecar may write it after the bot has started).
    return RasaClassifier(rasa_url, token=rasa_token, fallback=fallback, token_provider=local_token)
