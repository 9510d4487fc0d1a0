"""Training the screen's learned reader, and keeping what it learned on disk.

Training (three logistic regressions over ~50k sparse features) takes seconds; every process
that screens (bot, API, CLI, tests) needs the same result. So the weights are saved as a plain
NumPy archive (no pickle) under a name made from a digest of the training data and settings, and
loaded from there next time; different data or settings give a different name, never a stale
model. A cache that cannot be written only costs the next process the same seconds again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from nlu.screen.features import CHAR_NGRAMS, features, words_of

C = 30.0  # weak regularisation measured best on leave-one-file-out (docs/safeguarding-screen.md)
_FORMAT = 2  # 2: words respelled (respell.py) before features are taken


@dataclass(frozen=True)
class Weights:
    vocab: list[str]
    weights: Any  # (features, 2): risk, urgent
    bias: tuple[float, float]
    classes: list[str]
    category_weights: Any  # (features, classes)
    category_bias: Any  # (classes,)
    version: str


def digest(rows: Sequence[dict[str, Any]]) -> str:
    import sklearn

    labelled = [[r["text"], r["level"], r.get("categories")] for r in rows]
    settings = [_FORMAT, C, list(CHAR_NGRAMS), sklearn.__version__]
    return hashlib.sha256(json.dumps([settings, labelled]).encode()).hexdigest()


def matrix(docs: Sequence[Sequence[str]], vocab: dict[str, int]) -> Any:
    """Feature counts scaled by 1/sqrt(number of features): the scaling the reader reproduces
    word by word."""
    from scipy import sparse

    rows, cols, vals = [], [], []
    for i, doc in enumerate(docs):
        scale = 1.0 / math.sqrt(max(len(doc), 1))
        counts: dict[int, int] = {}
        for f in doc:
            j = vocab.get(f)
            if j is not None:
                counts[j] = counts.get(j, 0) + 1
        for j, c in counts.items():
            rows.append(i)
            cols.append(j)
            vals.append(c * scale)
    return sparse.csr_matrix((vals, (rows, cols)), shape=(len(docs), len(vocab)))


def train(rows: Sequence[dict[str, Any]]) -> Weights:
    from sklearn.linear_model import LogisticRegression

    docs = [features(words_of(str(r["text"]))) for r in rows]
    names = sorted({f for d in docs for f in d})
    x = matrix(docs, {f: i for i, f in enumerate(names)})

    def fit(labels: Sequence[object]) -> Any:
        return LogisticRegression(C=C, max_iter=5000, class_weight="balanced").fit(x, labels)

    risk = fit([r["level"] != "none" for r in rows])
    urgent = fit([r["level"] == "urgent" for r in rows])
    named = [i for i, r in enumerate(rows) if r["level"] != "none" and r.get("categories")]
    category = LogisticRegression(C=C, max_iter=5000).fit(
        x[named], [rows[i]["categories"][0] for i in named]
    )
    return Weights(
        vocab=names,
        weights=np.stack([risk.coef_[0], urgent.coef_[0]], axis=1),
        bias=(float(risk.intercept_[0]), float(urgent.intercept_[0])),
        classes=[str(c) for c in category.classes_],
        category_weights=np.ascontiguousarray(category.coef_.T),
        category_bias=category.intercept_.copy(),
        version=f"m{digest(rows)[:8]}",
    )


def cache_dir() -> Path:
    configured = os.environ.get("YOUSAID_CACHE_DIR")
    return Path(configured) if configured else Path.home() / ".cache" / "yousaid"


def save(weights: Weights, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".npz.tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            np.savez_compressed(
                f,
                vocab=np.array(weights.vocab),
                weights=weights.weights,
                bias=np.array(weights.bias),
                classes=np.array(weights.classes),
                category_weights=weights.category_weights,
                category_bias=weights.category_bias,
                version=np.array(weights.version),
            )
        os.replace(tmp, path)  # atomic: a reader never sees half a file
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def load(path: Path) -> Weights:
    with np.load(path, allow_pickle=False) as z:
        return Weights(
            vocab=[str(v) for v in z["vocab"]],
            weights=z["weights"],
            bias=(float(z["bias"][0]), float(z["bias"][1])),
            classes=[str(c) for c in z["classes"]],
            category_weights=z["category_weights"],
            category_bias=z["category_bias"],
            version=str(z["version"]),
        )


def trained(rows: Sequence[dict[str, Any]], directory: Path | None = None) -> Weights:
    """The weights for these rows: from the cache when it has them, else trained and cached."""
    path = (directory or cache_dir()) / f"screen-model-{digest(rows)[:16]}.npz"
    try:
        return load(path)
    except (OSError, ValueError, KeyError, zipfile.BadZipFile):
        pass  # missing, or damaged by a crash or a full disk: train again and overwrite it
    weights = train(rows)
    with contextlib.suppress(OSError):  # read-only home: train again next time, still screen
        save(weights, path)
    return weights
