"""The value a screening produces: a level, categories and the evidence that triggered them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Level(StrEnum):
    NONE = "none"
    CONCERN = "concern"
    URGENT = "urgent"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Level.NONE: 0, Level.CONCERN: 1, Level.URGENT: 2}


def max_level(a: Level, b: Level) -> Level:
    return a if a.rank >= b.rank else b


@dataclass(frozen=True)
class ScreenResult:
    level: Level
    categories: tuple[str, ...]
    evidence: tuple[str, ...]
    lexicon_version: str
    # A disclosure pattern of the lexicon matched (not only topic words, the recall net or a
    # combination of cues): the learned reader may only overrule it when all but certain.
    firm: bool = False

    def to_dict(self) -> dict[str, object]:
        return {
            "level": self.level.value,
            "categories": list(self.categories),
            "evidence": list(self.evidence),
            "lexicon_version": self.lexicon_version,
        }


UNCLASSIFIED = "unclassified_disclosure"


def raise_with_intent(result: ScreenResult, *, disclosure_intent: bool) -> ScreenResult:
    """Let the NLU's "disclosure" intent raise a clean result to `concern`, never lower one.

    The screen is the floor: a model can add caution but must not talk the screen out of an alarm.
    """
    if not disclosure_intent or result.level is not Level.NONE:
        return result
    return ScreenResult(
        level=Level.CONCERN,
        categories=(UNCLASSIFIED,),
        evidence=result.evidence,
        lexicon_version=result.lexicon_version,
    )
