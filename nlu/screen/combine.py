"""How the patterns and the learned model decide together (pure function, unit-tested).

- An urgent pattern always stands: the model can never talk the lexicon out of an alarm.
- The model flags what the patterns missed (risk ≥ RISK_THRESHOLD).
- A pattern-level concern stands unless the model is confident it is ordinary
  (risk < OVERRULE_THRESHOLD): that is where single risk words in lessons and jokes alarmed.
- Flagged messages are urgent when a pattern says so or the model's urgent score is high.
"""

from __future__ import annotations

from nlu.screen.model import Reading
from nlu.screen.result import Level, ScreenResult

RISK_THRESHOLD = 0.75
URGENT_THRESHOLD = 0.5
OVERRULE_THRESHOLD = 0.2


def combine(patterns: ScreenResult, reading: Reading, model_version: str) -> ScreenResult:
    version = f"{patterns.lexicon_version}+{model_version}"
    lexicon_urgent = patterns.level is Level.URGENT
    lexicon_concern = patterns.level is Level.CONCERN and reading.risk >= OVERRULE_THRESHOLD
    model_risk = reading.risk >= RISK_THRESHOLD
    if not (lexicon_urgent or lexicon_concern or model_risk):
        return ScreenResult(Level.NONE, (), (), version)
    urgent = lexicon_urgent or reading.urgent >= URGENT_THRESHOLD
    categories = patterns.categories or ((reading.category,) if reading.category else ())
    evidence = patterns.evidence or (f"risk model {reading.risk:.2f}",)
    return ScreenResult(Level.URGENT if urgent else Level.CONCERN, categories, evidence, version)
