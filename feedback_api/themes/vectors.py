"""Response vectors cached in the database, so re-theming never re-embeds a response."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from feedback_api.themes.models import ResponseVector
from nlu.theming.embeddings import MODEL_NAME, text_key

Encode = Callable[[Sequence[str]], np.ndarray]
BATCH = 256


def load_vectors(session: Session, response_ids: Sequence[int]) -> dict[int, np.ndarray]:
    found: dict[int, np.ndarray] = {}
    for start in range(0, len(response_ids), 5000):
        chunk = list(response_ids[start : start + 5000])
        rows = session.execute(
            select(ResponseVector.response_id, ResponseVector.vector).where(
                ResponseVector.response_id.in_(chunk), ResponseVector.model == MODEL_NAME
            )
        )
        for rid, blob in rows:
            found[int(rid)] = np.frombuffer(blob, dtype="<f4")
    return found


def store_vectors(session: Session, items: Sequence[tuple[int, str, np.ndarray]]) -> None:
    session.add_all(
        ResponseVector(
            response_id=rid,
            text_key=text_key(text),
            model=MODEL_NAME,
            vector=np.asarray(vec, dtype="<f4").tobytes(),
        )
        for rid, text, vec in items
    )
    session.flush()


def missing_batches(texts_by_id: dict[int, str], have: set[int]) -> list[list[tuple[int, str]]]:
    todo = [(rid, text) for rid, text in texts_by_id.items() if rid not in have]
    return [todo[i : i + BATCH] for i in range(0, len(todo), BATCH)]
