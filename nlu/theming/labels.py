"""Readable names for clusters: c-TF-IDF keywords, noun-phrase labels, mean sentiment.

c-TF-IDF treats each cluster as one document, so a word scores high when it is frequent in this
cluster and rare in the others. Labels prefer noun phrases from TextBlob's PatternTagger
("waiting time", "youth club") because they read as topics, falling back to keywords.
Only a seeded sample of each cluster is read, so labelling costs the same at 1k or 100k rows.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from nlu.features import STOPWORDS, noun_phrases, sentiment, tokenize

SAMPLE_PER_THEME = 400
# Tagging and PatternAnalyzer cost ~2–4 ms a text: read an even spread of the sample only.
PHRASES_PER_THEME = 80
SENTIMENT_PER_THEME = 60


@dataclass(frozen=True)
class ThemeDescription:
    label: str
    keywords: list[str]
    sentiment: float  # mean PatternAnalyzer polarity, rounded; a weak signal


def sample_members(labels: np.ndarray, cluster: int, size: int, seed: int = 0) -> np.ndarray:
    members = np.flatnonzero(labels == cluster)
    if len(members) <= size:
        return members
    rng = np.random.default_rng(seed + cluster)
    return np.sort(rng.choice(members, size=size, replace=False))


def spread(docs: Sequence[str], size: int) -> list[str]:
    """At most `size` docs, evenly spaced (docs arrive in input order, so no prefix bias)."""
    step = max(1, -(-len(docs) // size))
    return list(docs[::step])


def _terms(text: str) -> list[str]:
    words = [w for w in tokenize(text) if w not in STOPWORDS and len(w) > 2 and not w.isdigit()]
    return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]


def ctfidf_keywords(docs_by_cluster: Sequence[Sequence[str]], top_n: int = 8) -> list[list[str]]:
    """Top distinctive terms (unigrams and bigrams) per cluster."""
    counts = [Counter(t for doc in docs for t in set(_terms(doc))) for docs in docs_by_cluster]
    total: Counter[str] = Counter()
    for c in counts:
        total.update(c)
    avg_words = max(1.0, sum(total.values()) / max(1, len(counts)))
    result: list[list[str]] = []
    for c, docs in zip(counts, docs_by_cluster, strict=True):
        min_count = 2 if len(docs) >= 10 else 1
        scored = {
            t: (n / max(1, len(docs))) * np.log(1 + avg_words / total[t])
            for t, n in c.items()
            if n >= min_count
        }
        result.append(_dedupe(sorted(scored, key=lambda t: (-scored[t], t)), top_n))
    return result


def _dedupe(ranked: list[str], top_n: int) -> list[str]:
    """Drop a term whose words are all covered by higher-ranked terms ("staff", "staff kind")."""
    chosen: list[str] = []
    covered: set[str] = set()
    for term in ranked:
        words = {w.removesuffix("s") for w in term.split()}
        if words <= covered:
            continue
        chosen.append(term)
        covered |= words
        if len(chosen) == top_n:
            break
    return chosen


def phrase_label(docs: Sequence[str], keywords: Sequence[str]) -> str:
    """Two best noun phrases, ranked by how often they occur and how distinctive their words are."""
    weight = {w: 1.0 / (i + 1) for i, kw in enumerate(keywords) for w in kw.split()}
    phrase_counts = Counter(
        p for doc in spread(docs, PHRASES_PER_THEME) for p in set(noun_phrases(doc))
    )
    scored = {
        p: n * (0.1 + sum(weight.get(w, 0.0) for w in p.split()) / len(p.split()))
        for p, n in phrase_counts.items()
        if n >= 2 or len(docs) < 10
    }
    picks = [p for p in sorted(scored, key=lambda p: (-scored[p], p)) if scored[p] > 0.2][:3]
    picks = _dedupe(picks, 2)
    if not picks:
        picks = list(keywords[:2])
    if not picks:
        return "Miscellaneous"
    label = " / ".join(picks)
    return label[0].upper() + label[1:]


def describe(
    docs_by_cluster: Sequence[Sequence[str]], top_n: int = 8, *, redacted: bool = False
) -> list[ThemeDescription]:
    """Label, keywords and mean sentiment per cluster of texts.

    Labels and keywords get published, so texts are redacted here unless the caller says they
    already are (`redacted=True`); pass a sample (see `sample_members`) for big clusters.
    """
    if not redacted:
        from nlu.redact import redact_plain

        docs_by_cluster = [[redact_plain(d) for d in docs] for docs in docs_by_cluster]
    keywords = ctfidf_keywords(docs_by_cluster, top_n)
    out: list[ThemeDescription] = []
    for docs, kws in zip(docs_by_cluster, keywords, strict=True):
        moods = [sentiment(d) for d in spread(docs, SENTIMENT_PER_THEME)]
        mood = float(np.mean(moods)) if moods else 0.0
        out.append(ThemeDescription(phrase_label(docs, kws), kws, round(mood, 3)))
    return out
