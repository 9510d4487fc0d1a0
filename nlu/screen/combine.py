"""How the patterns and the learned model decide together (pure function, unit-tested).

- The model flags what the patterns missed (risk >= RISK_THRESHOLD).
- A concern from topic words, the recall net or a combination of cues stands unless the model is
  confident it is ordinary (risk < OVERRULE_THRESHOLD): that is where single risk words in
  lessons and jokes alarmed. A concern from a disclosure pattern ("running a line") is firm: like
  an urgent one, only near-certainty (risk < OVERRULE_URGENT) overrules it.
- An urgent pattern stands unless the model is all but certain the message is ordinary
  (risk < OVERRULE_URGENT: "my dad keeps my passport in a drawer", "plugging away at revision").
- Flagged messages are urgent when a pattern says so or the model's urgent score is high.

The numbers were chosen on five-fold cross-validation over the training files (folds by file, so
a fold's phrasing is new to the model) and checked on three sets never trained on; the trade-off
table is in docs/safeguarding-screen.md. Where recall and false alarms pulled apart, recall won.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from nlu.screen.model import Reading
from nlu.screen.result import Level, ScreenResult

RISK_THRESHOLD = 0.7
URGENT_THRESHOLD = 0.3
OVERRULE_THRESHOLD = 0.2
OVERRULE_URGENT = 0.02


def combine(
    patterns: ScreenResult,
    reading: Reading,
    model_version: str,
    category: Callable[[], str | None] = lambda: None,
) -> ScreenResult:
    version = _joined(patterns.lexicon_version, model_version)
    lexicon_urgent = patterns.level is Level.URGENT and reading.risk >= OVERRULE_URGENT
    overrule = OVERRULE_URGENT if patterns.firm else OVERRULE_THRESHOLD
    lexicon_concern = patterns.level is not Level.NONE and reading.risk >= overrule
    model_risk = reading.risk >= RISK_THRESHOLD
    if not (lexicon_urgent or lexicon_concern or model_risk):
        return _none(version)
    urgent = lexicon_urgent or reading.urgent >= URGENT_THRESHOLD
    categories = patterns.categories or tuple(c for c in (reading.category or category(),) if c)
    evidence = patterns.evidence or (f"risk model {reading.risk:.2f}",)
    return ScreenResult(Level.URGENT if urgent else Level.CONCERN, categories, evidence, version)


# Most messages are ordinary: one shared result per version instead of a new one each time.
@lru_cache(maxsize=16)
def _joined(lexicon_version: str, model_version: str) -> str:
    return f"{lexicon_version}+{model_version}"


@lru_cache(maxsize=16)
def _none(version: str) -> ScreenResult:
    return ScreenResult(Level.NONE, (), (), version)
