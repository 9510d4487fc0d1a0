"""Theming: assign responses to codebook themes, discover themes in whatever fits none.

`run_theming` is pure over arrays (vectors in, themes out) so the database layer can feed it
cached vectors; `theme_texts` is the convenience that embeds first (used by the CLI).
Every input appears in `assignments` exactly once, in input order: nothing is dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from nlu.theming.codebook import Codebook, anchors
from nlu.theming.discover import MIN_PER_THEME, cluster, normalise_rows
from nlu.theming.embeddings import (
    Encoder,
    MemoryVectorStore,
    VectorStore,
    default_embedder,
    embed_with_cache,
)
from nlu.theming.labels import SAMPLE_PER_THEME, describe, sample_members

OTHER = "other"
# Below this cosine similarity to its best anchor a response "fits no codebook theme".
# Calibrated with the shipped codebook: in-domain youth phrasings (not the examples) scored
# 0.36–0.76 with their right theme, off-topic chat ("my cat is called biscuit") 0.15–0.29, and
# adult NHS comments (out of domain) have median 0.27, 90th percentile 0.37 — so 0.35 keeps
# youth-voice themes and sends most out-of-domain text to discovered "proposed" themes.
# A codebook may override it with its own `threshold:`.
DEFAULT_THRESHOLD = 0.35

ItemId = str | int
# Codebook anchor texts are few and reused on every run: keep their vectors for the process.
_ANCHOR_CACHE = MemoryVectorStore()


@dataclass(frozen=True)
class ThemeInput:
    id: ItemId
    text: str


@dataclass
class Theme:
    id: str
    label: str
    size: int
    keywords: list[str]
    sentiment: float  # mean PatternAnalyzer polarity −1..1: a weak signal, misreads slang
    source: str  # "codebook", "discovered" or "other"


@dataclass
class ThemingResult:
    themes: list[Theme]
    assignments: list[tuple[ItemId, str]]
    similarity: list[float] = field(default_factory=list)  # to own theme centre/anchor

    def to_json(self) -> dict[str, Any]:
        keys = ("id", "label", "size", "keywords", "sentiment")
        return {
            "themes": [{k: asdict(t)[k] for k in keys} | {"source": t.source} for t in self.themes],
            "assignments": [{"id": i, "theme": t} for i, t in self.assignments],
        }


def _default_clean(text: str) -> str:
    from nlu.redact import redact_plain

    return redact_plain(text)


@dataclass
class _Group:
    theme_id: str
    source: str
    members: np.ndarray
    fixed_label: str | None = None


def _discover_groups(
    vectors: np.ndarray, rows: np.ndarray, prefix: str, k: int | None, seed: int
) -> list[_Group]:
    if len(rows) == 0:
        return []
    if len(rows) < 2 * MIN_PER_THEME and prefix != "theme":
        return [_Group(OTHER, OTHER, rows, "Other")]
    found = cluster(vectors[rows], k=k, seed=seed)
    return [
        _Group(f"{prefix}_{c + 1}", "discovered", rows[found.labels == c]) for c in range(found.k)
    ]


def run_theming(
    items: Sequence[ThemeInput],
    *,
    vectors: np.ndarray,
    codebook: Codebook | None = None,
    anchor_vectors: np.ndarray | None = None,
    threshold: float | None = None,
    k: int | None = None,
    seed: int = 0,
    clean: Callable[[str], str] | None = None,
) -> ThemingResult:
    """Theme `items` given their vectors (row i belongs to items[i]).

    With a codebook, `anchor_vectors` (from `codebook.anchors`) must be given; responses whose
    best anchor similarity is below the threshold are clustered into "proposed_N" themes (or
    "other" when too few to cluster). Without one, k themes "theme_N" are discovered (k chosen
    from the data unless given).
    """
    if len(vectors) != len(items):
        raise ValueError(f"{len(items)} items but {len(vectors)} vectors")
    x = normalise_rows(np.asarray(vectors, dtype=np.float32))
    rows = np.arange(len(items))
    groups: list[_Group] = []
    if codebook is None:
        groups = _discover_groups(x, rows, "theme", k, seed)
    else:
        if anchor_vectors is None or len(anchor_vectors) != len(codebook.themes):
            raise ValueError("a codebook needs one anchor vector per theme (codebook.anchors)")
        limit = threshold if threshold is not None else codebook.threshold
        limit = DEFAULT_THRESHOLD if limit is None else limit
        sims = x @ normalise_rows(anchor_vectors).T if len(x) else np.zeros((0, 1))
        best = sims.argmax(axis=1) if len(x) else np.zeros(0, dtype=np.int64)
        fits = sims.max(axis=1) >= limit if len(x) else np.zeros(0, dtype=bool)
        for t, theme in enumerate(codebook.themes):
            members = rows[fits & (best == t)]
            if len(members):
                groups.append(_Group(theme.id, "codebook", members, theme.label))
        groups += _discover_groups(x, rows[~fits], "proposed", k, seed)
    return _finish(items, x, groups, clean or _default_clean, seed)


def _finish(
    items: Sequence[ThemeInput],
    x: np.ndarray,
    groups: list[_Group],
    clean: Callable[[str], str],
    seed: int,
) -> ThemingResult:
    labels = np.full(len(items), -1, dtype=np.int64)
    for g, group in enumerate(groups):
        labels[group.members] = g
    docs = [
        [clean(items[i].text) for i in sample_members(labels, g, SAMPLE_PER_THEME, seed)]
        for g in range(len(groups))
    ]
    described = describe(docs, redacted=True)
    themes = [
        Theme(
            id=group.theme_id,
            label=group.fixed_label or desc.label,
            size=len(group.members),
            keywords=desc.keywords,
            sentiment=desc.sentiment,
            source=group.source,
        )
        for group, desc in zip(groups, described, strict=True)
    ]
    similarity = [0.0] * len(items)
    for group in groups:
        centre = normalise_rows(x[group.members].mean(axis=0, keepdims=True))[0]
        for i, s in zip(group.members, x[group.members] @ centre, strict=True):
            similarity[int(i)] = round(float(s), 4)
    assignments = [(item.id, groups[int(labels[i])].theme_id) for i, item in enumerate(items)]
    return ThemingResult(themes, assignments, similarity)


def theme_texts(
    ids: Sequence[ItemId],
    texts: Sequence[str],
    *,
    codebook: Codebook | None,
    embedder: Encoder | None = None,
    store: VectorStore | None = None,
    k: int | None = None,
    progress: bool = False,
) -> ThemingResult:
    """Embed (through the cache if given) and theme; the CLI's entry point."""
    embedder = embedder or default_embedder()
    items = [ThemeInput(i, t) for i, t in zip(ids, texts, strict=True)]
    vectors = embed_with_cache(list(texts), embedder, store, progress=progress)
    anchor_vectors = None
    if codebook is not None:
        anchor_store = store if store is not None else _ANCHOR_CACHE
        anchor_vectors = anchors(codebook, lambda ts: embed_with_cache(ts, embedder, anchor_store))
    return run_theming(
        items, vectors=vectors, codebook=codebook, anchor_vectors=anchor_vectors, k=k
    )
