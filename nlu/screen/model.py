"""A learned second reader for the screen: character and word n-grams + logistic regression.

Why: patterns catch what the lexicon's authors foresaw; on sets written by people who never saw
the lexicon they missed a quarter of the risk messages. A small linear model trained on every
labelled message we ship (nlu/screen/testsets, except the held-out sets) reads phrasing the
patterns do not, and measured far better on unseen authors (docs/safeguarding-screen.md).

It is trained when the screener loads (well under a second), from data in the repository, with a
deterministic solver, so the same data always gives the same screen. No network, no download.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

TESTSETS = Path(__file__).resolve().parent / "testsets"
# Never trained on: kept to measure how the screen does on phrasing nobody tuned it for.
HELD_OUT = frozenset({"blind_c.jsonl"})


@dataclass(frozen=True)
class Reading:
    risk: float  # probability the message shows risk
    urgent: float  # probability it is urgent
    category: str | None  # most likely category when risky


def training_files(directory: Path = TESTSETS) -> list[Path]:
    return sorted(p for p in directory.glob("*.jsonl") if p.name not in HELD_OUT)


class RiskModel:
    def __init__(self, rows: Sequence[dict[str, Any]]) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_union

        texts = [str(r["text"]).lower() for r in rows]
        risky = [r["level"] != "none" for r in rows]
        self._features = make_union(
            TfidfVectorizer(
                analyzer="char_wb",
                ngram_range=(2, 5),
                min_df=2,
                sublinear_tf=True,
                dtype=np.float32,
            ),
            TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, dtype=np.float32),
        )
        x = self._features.fit_transform(texts)

        def fit(labels: Sequence[object]) -> Any:
            model = LogisticRegression(C=4.0, max_iter=3000, class_weight="balanced")
            return model.fit(x, labels)

        self._risk = fit(risky)
        self._urgent = fit([r["level"] == "urgent" for r in rows])
        risk_rows = [i for i, r in enumerate(rows) if r["level"] != "none" and r.get("categories")]
        self._category = LogisticRegression(C=4.0, max_iter=3000).fit(
            x[risk_rows], [rows[i]["categories"][0] for i in risk_rows]
        )
        digest = hashlib.sha256(
            json.dumps([[t, r["level"]] for t, r in zip(texts, rows, strict=True)]).encode()
        )
        self.version = f"m{digest.hexdigest()[:8]}"

    @classmethod
    def from_testsets(cls, directory: Path = TESTSETS) -> RiskModel:
        rows = [
            json.loads(line)
            for path in training_files(directory)
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
        return cls(rows)

    def read_many(self, texts: Sequence[str]) -> list[Reading]:
        if not texts:
            return []
        x = self._features.transform([t.lower() for t in texts])
        risk = self._risk.predict_proba(x)[:, 1]
        urgent = self._urgent.predict_proba(x)[:, 1]
        category = self._category.predict(x)
        return [
            Reading(float(r), float(u), str(c))
            for r, u, c in zip(risk, urgent, category, strict=True)
        ]
