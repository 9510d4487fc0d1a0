"""Theming runs: a background job that embeds what is new, themes everything, and saves it.

Progress is written to the run row in small transactions so the API can report it while the
job works; the job owns its own sessions because it outlives the request that started it.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from consent.db import utcnow
from consent.models import Response
from feedback_api.db import unit_of_work
from feedback_api.themes.models import ThemingRun
from feedback_api.themes.persist import save_result
from feedback_api.themes.vectors import load_vectors, missing_batches, store_vectors

log = logging.getLogger("yousaid.theming")


@cache
def shared_embedder() -> Any:
    """One model per process: loading it takes seconds and hundreds of MB."""
    from nlu.theming.embeddings import Embedder

    return Embedder()


def _progress(factory: sessionmaker[Session], run_id: int, **values: Any) -> None:
    with unit_of_work(factory) as session:
        session.execute(update(ThemingRun).where(ThemingRun.id == run_id).values(**values))


def fail_interrupted_runs(factory: sessionmaker[Session]) -> None:
    """A run left 'running' by a process that died will never finish: say so."""
    with unit_of_work(factory) as session:
        session.execute(
            update(ThemingRun)
            .where(ThemingRun.status.in_(["queued", "running"]))
            .values(status="failed", error="interrupted by a restart; start a new run")
        )


def execute_run(
    factory: sessionmaker[Session],
    run_id: int,
    *,
    embedder: Any = None,
    codebook_path: Path | None = None,
) -> None:
    try:
        _execute(factory, run_id, embedder=embedder, codebook_path=codebook_path)
    except Exception as exc:
        log.exception("theming run %s failed", run_id)
        _progress(factory, run_id, status="failed", error=str(exc)[:500], finished_at=utcnow())


def _execute(
    factory: sessionmaker[Session], run_id: int, *, embedder: Any, codebook_path: Path | None
) -> None:
    from nlu.theming.codebook import anchors, load_codebook
    from nlu.theming.engine import ThemeInput, run_theming

    with factory() as session:
        run = session.get(ThemingRun, run_id)
        assert run is not None
        query = select(Response.id, Response.text).where(Response.text.is_not(None))
        if run.campaign:
            query = query.where(Response.campaign == run.campaign)
        texts = {int(rid): str(text) for rid, text in session.execute(query.order_by(Response.id))}
        mode = run.mode
    _progress(factory, run_id, status="running", stage="embedding", total=len(texts), done=0)
    embedder = embedder or shared_embedder()
    with factory() as session:
        vectors = load_vectors(session, list(texts))
    done = len(vectors)
    for batch in missing_batches(texts, set(vectors)):
        fresh = embedder.encode([t for _, t in batch])
        with unit_of_work(factory) as session:
            # The response may have been erased while we embedded: only store what still exists.
            alive = set(
                session.scalars(select(Response.id).where(Response.id.in_([r for r, _ in batch])))
            )
            store_vectors(
                session, [(r, t, v) for (r, t), v in zip(batch, fresh, strict=True) if r in alive]
            )
        vectors.update({r: v for (r, _), v in zip(batch, fresh, strict=True)})
        done += len(batch)
        _progress(factory, run_id, done=done)
    _progress(factory, run_id, stage="theming")
    ids = list(texts)
    items = [ThemeInput(rid, texts[rid]) for rid in ids]
    matrix = np.vstack([vectors[r] for r in ids]) if ids else np.zeros((0, 384), dtype=np.float32)
    codebook = None
    anchor_vectors = None
    if mode == "codebook":
        codebook = load_codebook(codebook_path) if codebook_path else load_codebook()
        anchor_vectors = anchors(codebook, embedder.encode)
    result = run_theming(items, vectors=matrix, codebook=codebook, anchor_vectors=anchor_vectors)
    with unit_of_work(factory) as session:
        save_result(session, run_id=run_id, result=result, codebook=codebook)
    _progress(factory, run_id, status="done", stage="done", finished_at=utcnow())
