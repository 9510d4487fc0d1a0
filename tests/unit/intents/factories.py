"""Factories for intent tests: one trained fallback per test session (training takes ~0.5 s)."""

from __future__ import annotations

from functools import lru_cache

from nlu.intents import FallbackClassifier, IntentResult


@lru_cache(maxsize=1)
def trained_fallback() -> FallbackClassifier:
    return FallbackClassifier.from_nlu_yaml()


def result(intent: str = "disclosure", confidence: float = 0.9) -> IntentResult:
    return IntentResult(intent=intent, confidence=confidence, source="fallback")
