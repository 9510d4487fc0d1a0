"""Everyday words and their frequency (common_words.txt).

Ordinary feedback is turned away cheaply only if rules are filed under words it rarely uses;
and a one-letter "misspelling" of a risk word that is itself an everyday word ("waste" for
"wasted") would alarm on ordinary text.
"""

from __future__ import annotations

from importlib import resources

from nlu.screen.patterns import COMMON_WORDS as _PATTERN_COMMON

_EVERYDAY_RANK = 2000  # the most frequent words are never a misspelling of a risk word


def _load() -> dict[str, int]:
    text = (resources.files("nlu.screen") / "common_words.txt").read_text(encoding="utf-8")
    freq: dict[str, int] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            word, count = line.split()
            freq[word] = int(count)
    for word in _PATTERN_COMMON:
        freq[word] = max(freq.get(word, 0), 1000)
    return freq


FREQUENCY: dict[str, int] = _load()
EVERYDAY: frozenset[str] = (
    frozenset(sorted(FREQUENCY, key=lambda w: -FREQUENCY[w])[:_EVERYDAY_RANK]) | _PATTERN_COMMON
)
