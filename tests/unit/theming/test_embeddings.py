from __future__ import annotations

import numpy as np

from nlu.theming.embeddings import (
    DIM,
    MemoryVectorStore,
    SqliteVectorStore,
    embed_with_cache,
    text_key,
)


class CountingEmbedder:
    """Wraps the real embedder and counts how many texts it was asked to encode."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.encoded = 0

    def encode(self, texts, progress=False):
        self.encoded += len(texts)
        return self.inner.encode(texts, progress=progress)


def test_the_real_model_loads_offline_and_gives_unit_vectors(embedder) -> None:
    vectors = embedder.encode(["I feel unsafe at the bus station", "the youth club is great"])
    assert vectors.shape == (2, DIM)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)


def test_similar_meanings_are_closer_than_unrelated_ones(embedder) -> None:
    a, b, c = embedder.encode(
        ["I'm scared walking home in the dark", "walking back at night frightens me", "pizza"]
    )
    assert a @ b > a @ c + 0.2


def test_cache_keys_ignore_case_and_spacing() -> None:
    assert text_key("The  Park ") == text_key("the park")
    assert text_key("the park") != text_key("the parks")


def test_cached_vectors_are_not_recomputed(embedder, tmp_path) -> None:
    counting = CountingEmbedder(embedder)
    store = SqliteVectorStore(tmp_path / "v.sqlite")
    texts = ["nothing to do", "Nothing to do", "buses are late"]
    first = embed_with_cache(texts, counting, store)
    assert counting.encoded == 2  # duplicates after normalisation are embedded once
    store.close()
    reopened = SqliteVectorStore(tmp_path / "v.sqlite")
    second = embed_with_cache(texts, counting, reopened)
    assert counting.encoded == 2
    assert np.array_equal(first, second)


def test_memory_store_satisfies_the_same_protocol(embedder) -> None:
    store = MemoryVectorStore()
    embed_with_cache(["hello"], embedder, store)
    assert list(store.get_many([text_key("hello"), "missing"])) == [text_key("hello")]


def test_encoding_nothing_returns_an_empty_matrix(embedder) -> None:
    assert embedder.encode([]).shape == (0, DIM)


def test_importing_the_engine_does_not_load_torch_or_the_model() -> None:
    import subprocess
    import sys
    from pathlib import Path

    code = "import sys, nlu.theming, nlu.redact; print('torch' in sys.modules)"
    root = Path(__file__).resolve().parents[3]
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root
    )
    assert out.stdout.strip() == "False"


TEXTS_OF_MIXED_LENGTH = [
    "ok",
    "the park is not safe after dark because of the older lads",
    "buses",
    "x " * 300,  # longer than the 128 word pieces kept
]


def test_length_batched_vectors_equal_the_library_encoder_in_float32(embedder) -> None:
    library = embedder._load().encode(
        TEXTS_OF_MIXED_LENGTH, batch_size=1, normalize_embeddings=True
    )
    saved, embedder.bf16 = embedder.bf16, False
    try:
        ours = embedder.encode(TEXTS_OF_MIXED_LENGTH)
    finally:
        embedder.bf16 = saved
    assert np.allclose(ours, library, atol=1e-5)


def test_default_vectors_stay_within_cosine_0_999_of_float32(embedder) -> None:
    library = embedder._load().encode(
        TEXTS_OF_MIXED_LENGTH, batch_size=1, normalize_embeddings=True
    )
    ours = embedder.encode(TEXTS_OF_MIXED_LENGTH)
    assert (ours * library).sum(axis=1).min() > 0.999


def test_identical_texts_get_identical_rows_in_input_order(embedder) -> None:
    texts = ["nothing to do", "buses are late", "nothing to do"]
    vectors = embedder.encode(texts)
    assert np.array_equal(vectors[0], vectors[2])
    assert not np.allclose(vectors[0], vectors[1])
    assert np.allclose(vectors[1], embedder.encode(["buses are late"])[0], atol=1e-5)
