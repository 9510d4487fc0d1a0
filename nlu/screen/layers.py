"""Helpers of the engine: rule requirements as bit masks, and merging the vocabulary's reading.

Kept apart from engine.py so each file stays readable; nothing here reads text itself.
"""

from __future__ import annotations

from nlu.screen.evidence import MAX_EVIDENCE
from nlu.screen.result import Level, ScreenResult, max_level
from nlu.screen.vocab import Reading


def slot_bits(extra: list[tuple[frozenset[str], ...]]) -> tuple[list[int], dict[str, int]]:
    """Each distinct slot gets a bit; per rule the bits it needs, per word the bits it gives."""
    ids: dict[frozenset[str], int] = {}
    need = []
    for slots in extra:
        mask = 0
        for slot in slots:
            mask |= 1 << ids.setdefault(slot, len(ids))
        need.append(mask)
    word_bits: dict[str, int] = {}
    for slot, k in ids.items():
        for w in slot:
            word_bits[w] = word_bits.get(w, 0) | (1 << k)
    return need, word_bits


def with_vocab(result: ScreenResult, reading: Reading) -> ScreenResult:
    """Add what the risk vocabulary found; it can raise the level or add categories, never lower.

    A `concern` in a category whose `escalate:` cue is in the message becomes `urgent`: being
    moved or made to work ("me", "us"), abuse at home that keeps happening, means for suicide.
    """
    if not reading.hits and not (result.level is Level.CONCERN and reading.escalate):
        return result
    levels = dict.fromkeys(result.categories, result.level)
    for h in reading.hits:
        levels[h.category] = max_level(levels.get(h.category, Level.NONE), h.level)
    for cat in reading.escalate & levels.keys():
        levels[cat] = Level.URGENT
    level = max(levels.values(), key=lambda lv: lv.rank)
    if level is result.level and levels.keys() == set(result.categories):
        return result
    cats = sorted(levels, key=lambda c: (-levels[c].rank, c not in result.categories, c))
    found = (h.evidence for h in reading.hits if h.evidence not in result.evidence)
    evidence = (result.evidence + tuple(dict.fromkeys(found)))[:MAX_EVIDENCE]
    return ScreenResult(level, tuple(cats), evidence, result.lexicon_version, result.firm)
