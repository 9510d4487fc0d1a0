"""The fallback intent model's probabilities without scikit-learn's per-call overhead.

`Pipeline.predict_proba` on one short text spends ~2 ms in validation and sparse-matrix plumbing
for what is a few hundred dictionary lookups; the bot asks it once per message. This reads the
fitted vectorisers (their own analysers, vocabularies and idf weights) and the classifier's
weights once, then does the same arithmetic in plain Python and NumPy. A unit test checks it
agrees with scikit-learn to 1e-9 on every training example.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from typing import Any

import numpy as np


class LinearTextScorer:
    def __init__(self, pipeline: Any) -> None:
        union = pipeline.named_steps["features"]
        clf = pipeline.named_steps["clf"]
        self._parts: list[tuple[Callable[[str], list[str]], dict[str, int], list[float], int]] = []
        offset = 0
        for _, vectoriser in union.transformer_list:
            if not (vectoriser.sublinear_tf and vectoriser.norm == "l2" and vectoriser.use_idf):
                raise ValueError("only sublinear tf-idf with l2 norm is reproduced here")
            vocab = {str(k): int(v) for k, v in vectoriser.vocabulary_.items()}
            self._parts.append(
                (vectoriser.build_analyzer(), vocab, vectoriser.idf_.tolist(), offset)
            )
            offset += len(vocab)
        self._coef = np.ascontiguousarray(clf.coef_.T)  # (features, classes)
        self._intercept = clf.intercept_.copy()

    def proba(self, text: str) -> Any:
        """One-vs-rest logistic probabilities normalised to sum to one (what SGDClassifier's
        predict_proba returns for log loss with more than two classes)."""
        rows: list[int] = []
        values: list[float] = []
        for analyse, vocab, idf, offset in self._parts:
            counts = Counter(j for j in map(vocab.get, analyse(text)) if j is not None)
            weights = {j: (1.0 + math.log(c)) * idf[j] for j, c in counts.items()}
            norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
            rows.extend(offset + j for j in weights)
            values.extend(w / norm for w in weights.values())
        decision = (
            self._intercept + np.asarray(values) @ self._coef[rows] if rows else self._intercept
        )
        prob = 1.0 / (1.0 + np.exp(-decision))
        return prob / prob.sum()
