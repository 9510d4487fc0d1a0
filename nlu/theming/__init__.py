"""Theming engine: youth-voice responses → codebook themes + discovered themes.

No HTTP, no database: pure functions over arrays plus an `Embedder`, so the store can hand in
cached vectors. Main entry points:

    Embedder().encode(texts) -> np.ndarray                  # (n, 384) float32, L2-normalised
    embed_with_cache(texts, embedder, store=None) -> ndarray  # store: any VectorStore
    VectorStore protocol: get_many(keys) -> {key: vec}; put_many([(key, vec)]); key = text_key(text)
    SqliteVectorStore(path), MemoryVectorStore()

    load_codebook(path=DEFAULT_CODEBOOK) -> Codebook        # raises CodebookError
    anchors(codebook, embedder.encode) -> np.ndarray        # one unit vector per codebook theme
    promote_theme(codebook_data, theme_id=..., label=..., description=..., examples=...,
                  harm_types=..., aims=..., path=None) -> dict

    run_theming(items: Sequence[ThemeInput], *, vectors, codebook=None, anchor_vectors=None,
                threshold=None, k=None, seed=0) -> ThemingResult
    theme_texts(ids, texts, *, codebook, embedder=None, store=None, k=None) -> ThemingResult
    ThemingResult.themes: list[Theme(id, label, size, keywords, sentiment, source)]
    ThemingResult.assignments: list[(item id, theme id)] in input order; .to_json()

    hotspots(records: Iterable[(participant, period, text)], gazetteer=None) -> list[Hotspot]
    suppression: meets_k, keep_publishable, suppress_counts, publishable_quotes (k=5)

Redaction lives in `nlu.redact` (`redact(text)`), text features in `nlu.features`.
Sentiment is TextBlob PatternAnalyzer polarity: a weak signal that misreads youth slang.
"""

from __future__ import annotations

from nlu.theming.codebook import (
    DEFAULT_CODEBOOK,
    Codebook,
    CodebookError,
    CodebookTheme,
    anchors,
    load_codebook,
    promote_theme,
)
from nlu.theming.embeddings import (
    Embedder,
    MemoryVectorStore,
    SqliteVectorStore,
    VectorStore,
    embed_with_cache,
    text_key,
)
from nlu.theming.engine import (
    OTHER,
    Theme,
    ThemeInput,
    ThemingResult,
    run_theming,
    theme_texts,
)

__all__ = [
    "DEFAULT_CODEBOOK",
    "OTHER",
    "Codebook",
    "CodebookError",
    "CodebookTheme",
    "Embedder",
    "MemoryVectorStore",
    "SqliteVectorStore",
    "Theme",
    "ThemeInput",
    "ThemingResult",
    "VectorStore",
    "anchors",
    "embed_with_cache",
    "load_codebook",
    "promote_theme",
    "run_theming",
    "text_key",
    "theme_texts",
]
