"""Discovering themes: k-means over sentence vectors with k chosen from the data.

Choice of k: candidates 6–16, bounded by size (a theme needs roughly ≥5 responses to be worth
naming; more than ~16 themes is hard to read in a report), scored by cosine silhouette on a
fixed sample; ties go to the smaller k. On staff-coded NHS comments our AMI was flat from k=8
to 20 (0.25–0.28) while TF-IDF's rose with k, so a moderate cap costs nothing.
Fits on a sample and then one full pass seeded from the sample's centroids, so 100k responses
cluster in seconds. Everything uses fixed seeds: the same
vectors always give the same themes.

Measured on NHS comments coded by staff (see docs/benchmarks.md "theme-quality"), k-means on
MiniLM vectors beat Ward, PCA-whitened and mean-centred variants, so the plain method stays.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SEED = 0
K_CANDIDATES = (6, 8, 10, 12, 14, 16)
# Smallest theme worth proposing: the publication threshold (k = 5 distinct participants).
MIN_PER_THEME = 5
SAMPLE_FIT = 3000
SAMPLE_SILHOUETTE = 2000


@dataclass(frozen=True)
class Clustering:
    labels: np.ndarray  # int cluster index per row
    centroids: np.ndarray  # (k, dim), L2-normalised
    k: int
    silhouette: float | None


def normalise_rows(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    out: np.ndarray = (vectors / norms).astype(np.float32)
    return out


def candidate_ks(n: int) -> list[int]:
    """k values worth trying for `n` responses (always at least one, never more than n)."""
    k_max = max(1, n // MIN_PER_THEME)
    ks = [k for k in K_CANDIDATES if k <= k_max]
    if not ks:
        ks = [max(1, min(k_max, 5))]
    return ks


def _sample(n: int, size: int, seed: int) -> np.ndarray:
    if n <= size:
        return np.arange(n)
    return np.sort(np.random.default_rng(seed).choice(n, size=size, replace=False))


def _kmeans(vectors: np.ndarray, k: int, seed: int, init: np.ndarray | None = None) -> np.ndarray:
    import warnings

    from sklearn.cluster import KMeans
    from sklearn.exceptions import ConvergenceWarning

    if init is not None:
        model = KMeans(k, init=init, n_init=1, random_state=seed, max_iter=30)
    else:
        model = KMeans(k, n_init=2, random_state=seed)
    with warnings.catch_warnings():
        # Fewer distinct texts than k (e.g. many "ok"s) is normal here, not a fault.
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(vectors)
    return np.asarray(model.cluster_centers_, dtype=np.float32)


def _assign(vectors: np.ndarray, centroids: np.ndarray) -> np.ndarray:
    # Chunked so 100k × k distances never need a huge temporary.
    out = np.empty(len(vectors), dtype=np.int64)
    c_sq = (centroids**2).sum(axis=1)
    for start in range(0, len(vectors), 20000):
        block = vectors[start : start + 20000]
        dist = c_sq[None, :] - 2.0 * block @ centroids.T
        out[start : start + len(block)] = dist.argmin(axis=1)
    return out


def _silhouette(vectors: np.ndarray, labels: np.ndarray) -> float:
    from sklearn.metrics import silhouette_score

    if len(set(labels.tolist())) < 2:
        return -1.0
    return float(silhouette_score(vectors, labels, metric="cosine"))


def choose_k(vectors: np.ndarray, seed: int = SEED) -> tuple[int, float | None]:
    """The k with the best silhouette among `candidate_ks` (computed on a fixed sample)."""
    ks = candidate_ks(len(vectors))
    if len(ks) == 1:
        return ks[0], None
    sample = vectors[_sample(len(vectors), SAMPLE_FIT, seed)]
    scored = sample[_sample(len(sample), SAMPLE_SILHOUETTE, seed + 1)]
    best_k, best_score = ks[0], -2.0
    for k in ks:
        centroids = _kmeans(sample, k, seed)
        score = round(_silhouette(scored, _assign(scored, centroids)), 3)
        if score > best_score:
            best_k, best_score = k, score
    return best_k, best_score


def cluster(vectors: np.ndarray, k: int | None = None, seed: int = SEED) -> Clustering:
    """Cluster rows of `vectors` (any n ≥ 0) into k groups; k from `choose_k` unless given."""
    from threadpoolctl import threadpool_limits

    # One BLAS/OpenMP thread: on a busy shared machine, spinning thread pools made k-means ten
    # times slower (13.5 s → 1.3 s per fit measured here), and on an idle one it costs little.
    with threadpool_limits(limits=1):
        return _cluster(vectors, k, seed)


def _cluster(vectors: np.ndarray, k: int | None, seed: int) -> Clustering:
    n = len(vectors)
    if n == 0:
        return Clustering(np.zeros(0, dtype=np.int64), np.zeros((0, vectors.shape[1])), 0, None)
    x = normalise_rows(vectors)
    score: float | None = None
    if k is None:
        k, score = choose_k(x, seed)
    k = max(1, min(k, n))
    if k == 1:
        centroid = normalise_rows(x.mean(axis=0, keepdims=True))
        return Clustering(np.zeros(n, dtype=np.int64), centroid, 1, score)
    sample = x[_sample(n, SAMPLE_FIT, seed)]
    centroids = _kmeans(sample, k, seed)
    if n > len(sample):
        centroids = _kmeans(x, k, seed, init=centroids)
    raw = _assign(x, centroids)
    counts = np.bincount(raw, minlength=k)
    # Largest first, index breaks ties; clusters left empty by the full pass are dropped.
    order = [c for c in sorted(range(k), key=lambda c: (-counts[c], c)) if counts[c] > 0]
    remap = np.full(k, -1, dtype=np.int64)
    remap[order] = np.arange(len(order))
    return Clustering(remap[raw], normalise_rows(centroids[order]), len(order), score)
