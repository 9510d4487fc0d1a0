"""Value types shared by every intent classifier (re-exported by `nlu.intents`).

Kept apart from the classifiers so the fallback, the Rasa client and the evaluation can all use
them without importing each other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol, TypeVar

INTENTS: tuple[str, ...] = (
    "greet",
    "goodbye",
    "affirm",
    "deny",
    "share_view",
    "ask_privacy",
    "ask_help",
    "ask_what_happens_next",
    "withdraw_consent",
    "delete_data",
    "stop",
    "change_language",
    "bot_challenge",
    "disclosure",
    "out_of_scope",
)

Source = Literal["rasa", "fallback"]

# A top intent scoring below this is reported as `out_of_scope`, so the bot asks again instead of
# acting on a guess ("delete my stuff" must not be triggered by a coin toss). 0.30 is the highest
# value that demotes none of the fallback's correct held-out answers (0.35 demotes 3, 0.5
# demotes 13; sweep in docs/benchmarks.md, "nlu"); keyboard mash scores 0.1-0.25 and is caught.
OUT_OF_SCOPE_THRESHOLD = 0.30

# `disclosure` is never demoted to out_of_scope by the threshold above: a missed disclosure costs
# far more than a spurious one, and the signal can only raise a safeguarding level, which a human
# then reviews. Below this floor it is still ignored by `raise_only`.
DISCLOSURE_MIN_CONFIDENCE = 0.20


@dataclass(frozen=True)
class Entity:
    entity: str
    value: str
    start: int
    end: int


@dataclass(frozen=True)
class IntentResult:
    intent: str
    confidence: float
    source: Source
    entities: tuple[Entity, ...] = ()


class IntentClassifier(Protocol):
    async def classify(self, text: str) -> IntentResult: ...


def apply_threshold(
    intent: str, confidence: float, threshold: float = OUT_OF_SCOPE_THRESHOLD
) -> str:
    """The intent the bot should act on: unknown or low-confidence intents become out_of_scope."""
    if intent not in INTENTS:
        return "out_of_scope"
    if intent == "disclosure":
        return intent
    return intent if confidence >= threshold else "out_of_scope"


Level = TypeVar("Level")


def raise_only(
    current: Level,
    result: IntentResult,
    *,
    order: Sequence[Level],
    raise_to: Level,
    min_confidence: float = DISCLOSURE_MIN_CONFIDENCE,
) -> Level:
    """Combine the safeguarding screen's level with the NLU `disclosure` signal.

    `order` lists the screen's levels from lowest to highest. The result is never lower than
    `current`: NLU can only add caution, never remove it, whatever it says.
    """
    if result.intent != "disclosure" or result.confidence < min_confidence:
        return current
    return raise_to if order.index(raise_to) > order.index(current) else current
