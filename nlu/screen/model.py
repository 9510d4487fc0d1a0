"""A learned second reader for the screen: word, word-pair and in-word character n-grams + logistic
regression, scored word by word.

Why: patterns catch what the lexicon's authors foresaw; on sets written by people who never saw
the lexicon they missed a quarter of the risk messages. A small linear model trained on every
labelled message we ship (nlu/screen/testsets, except the held-out set) reads phrasing the
patterns do not, and measured far better on unseen authors (docs/safeguarding-screen.md).

Why this shape: every feature belongs to one word (the word itself and its character n-grams)
or to one pair of neighbouring words, and a message's vector is its feature counts divided by
the square root of how many features it has (nlu/screen/training.py). So a message's score is a
sum of per-word and per-pair numbers divided by one square root: each word's share is worked out
once and memoised, and reading a message costs a few dictionary lookups, not a vectoriser.

Trained from data in the repository with a deterministic solver, so the same data always gives
the same screen; the weights are cached on disk by a digest of that data. No network.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from nlu.screen.features import pair_features, word_features, words_of
from nlu.screen.training import Weights, trained

TESTSETS = Path(__file__).resolve().parent / "testsets"
# Never trained on: kept to measure how the screen does on phrasing nobody tuned it for.
HELD_OUT = frozenset({"blind_c.jsonl"})
_MEMO_LIMIT = 200_000


@dataclass(frozen=True)
class Reading:
    risk: float  # probability the message shows risk
    urgent: float  # probability it is urgent
    category: str | None  # most likely category when risky


# (features, risk share, urgent share, the pairs this word starts: second word -> shares)
_WordShare = tuple[int, float, float, dict[str, tuple[float, float]] | None]


def training_files(directory: Path = TESTSETS) -> list[Path]:
    return sorted(p for p in directory.glob("*.jsonl") if p.name not in HELD_OUT)


def _remember(memo: dict[str, Any], word: str, share: Any) -> Any:
    if len(memo) > _MEMO_LIMIT:  # bounded: a flood of made-up words must not eat memory
        memo.clear()
    memo[word] = share
    return share


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z > -60 else 0.0


class RiskModel:
    def __init__(self, weights: Weights) -> None:
        self._vocab = {f: i for i, f in enumerate(weights.vocab)}
        self._w = weights
        # plain floats: summing Python floats beats indexing a NumPy array per feature
        self._risk = weights.weights[:, 0].tolist()
        self._urgent = weights.weights[:, 1].tolist()
        self._words: dict[str, _WordShare] = {}
        self._category_words: dict[str, tuple[int, Any]] = {}
        # Word-pair features filed by first word, then second: the message's words are looked
        # up anyway, which is far cheaper than formatting "b:a b" for every pair.
        self._pairs: dict[str, dict[str, tuple[float, float]]] = {}
        for feature, j in self._vocab.items():
            pair = feature[2:].split(" ") if feature.startswith("b:") else ()
            if len(pair) == 2 and pair_features(pair) == [feature]:
                self._pairs.setdefault(pair[0], {})[pair[1]] = (self._risk[j], self._urgent[j])
        self.version = weights.version

    @classmethod
    def from_testsets(cls, directory: Path = TESTSETS, cache: Path | None = None) -> RiskModel:
        rows = [
            json.loads(line)
            for path in training_files(directory)
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
        return cls(trained(rows, cache))

    def _share(self, feats: Sequence[str]) -> tuple[int, float, float]:
        """How many features these are and what they add to the risk and urgent scores."""
        risk = urgent = 0.0
        vocab = self._vocab
        for f in feats:
            j = vocab.get(f)
            if j is not None:
                risk += self._risk[j]
                urgent += self._urgent[j]
        return len(feats), risk, urgent

    def _scores(self, words: Sequence[str]) -> tuple[float, float]:
        """Risk and urgent scores: the words' shares, plus the pairs' in their own sums (the
        same additions in the same order as summing `pair_features()`, bit for bit)."""
        memo = self._words
        n = 0
        total_r = total_u = pairs_r = pairs_u = 0.0
        following: dict[str, tuple[float, float]] | None = None
        for w in words:
            share = memo.get(w) or _remember(memo, w, self._word_share(w))
            if following is not None:
                pair = following.get(w)
                if pair is not None:
                    pairs_r += pair[0]
                    pairs_u += pair[1]
            n += share[0]
            total_r += share[1]
            total_u += share[2]
            following = share[3]
        scale = 1.0 / math.sqrt(max(n + max(len(words) - 1, 0), 1))
        risk, urgent = self._w.bias
        return risk + (total_r + pairs_r) * scale, urgent + (total_u + pairs_u) * scale

    def _word_share(self, word: str) -> _WordShare:
        """A word's own share, and the pairs it can start (found with the next word's lookup,
        so a pair costs no lookup of its own)."""
        return (*self._share(word_features(word)), self._pairs.get(word))

    def read(self, text: str) -> Reading:
        return self.read_words(words_of(text))

    def read_words(self, words: Sequence[str]) -> Reading:
        """Risk and urgency of one message given its normalised words; the category is left for
        `category()` because only the few messages the patterns did not name need it."""
        risk, urgent = self._scores(words)
        return Reading(_sigmoid(risk), _sigmoid(urgent), None)

    def category(self, words: Sequence[str]) -> str:
        n, total = self._category_share(pair_features(words))
        memo = self._category_words
        for w in words:
            share = memo.get(w) or _remember(memo, w, self._category_share(word_features(w)))
            n += share[0]
            total = total + share[1]
        scores = self._w.category_bias + total / math.sqrt(max(n, 1))
        return self._w.classes[int(np.argmax(scores))]

    def _category_share(self, feats: Sequence[str]) -> tuple[int, Any]:
        rows = [j for j in map(self._vocab.get, feats) if j is not None]
        return len(feats), self._w.category_weights[rows].sum(axis=0)
