"""What the learned reader sees of a message: its normalised words, each word with its character
n-grams (which carry misspellings), and each pair of neighbouring words."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from nlu.screen.normalise import squeeze, unsqueezed

_WORD = re.compile(r"[a-z0-9]+")
CHAR_NGRAMS = range(2, 6)


def words_of(text: str) -> list[str]:
    """The words the engine reads too (leet, spaced letters and repeats undone), so the screen
    normalises a message once and both readers share it."""
    return _WORD.findall(squeeze(unsqueezed(text)))


def word_features(word: str) -> list[str]:
    padded = f" {word} "
    out = ["w:" + word]
    for n in CHAR_NGRAMS:
        out.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    return out


def pair_features(words: Sequence[str]) -> list[str]:
    return [f"b:{a} {b}" for a, b in pairwise(words)]


def features(words: Sequence[str]) -> list[str]:
    out = [f for w in words for f in word_features(w)]
    out.extend(pair_features(words))
    return out
