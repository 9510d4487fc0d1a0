from __future__ import annotations

import numpy as np

from nlu.theming.discover import candidate_ks, cluster


def blobs(n_per: int, centres: int, dim: int = 32, seed: int = 1, spread: float = 0.15):
    rng = np.random.default_rng(seed)
    middles = rng.normal(size=(centres, dim))
    rows = [m + spread * rng.normal(size=(n_per, dim)) for m in middles]
    truth = np.repeat(np.arange(centres), n_per)
    return np.vstack(rows).astype(np.float32), truth


def test_well_separated_groups_are_found_with_a_sensible_k() -> None:
    from sklearn.metrics import adjusted_mutual_info_score

    vectors, truth = blobs(40, 6)
    found = cluster(vectors)
    assert 6 <= found.k <= 8
    assert adjusted_mutual_info_score(truth, found.labels) > 0.9


def test_discovery_is_deterministic() -> None:
    vectors, _ = blobs(30, 5, seed=3, spread=0.6)
    first, second = cluster(vectors), cluster(vectors.copy())
    assert first.k == second.k
    assert np.array_equal(first.labels, second.labels)


def test_themes_are_numbered_largest_first() -> None:
    vectors, _ = blobs(30, 4, seed=2)
    vectors = np.vstack([vectors, vectors[:30] + 0.01])  # make group 0 twice the size
    found = cluster(vectors, k=4)
    sizes = np.bincount(found.labels)
    assert list(sizes) == sorted(sizes, reverse=True)


def test_tiny_inputs_still_get_every_row_a_cluster() -> None:
    for n in (0, 1, 2, 7, 20):
        vectors, _ = blobs(n, 1) if n else (np.zeros((0, 32), np.float32), None)
        found = cluster(vectors)
        assert len(found.labels) == n
        assert (found.labels >= 0).all()


def test_identical_rows_do_not_break_clustering() -> None:
    found = cluster(np.ones((50, 8), dtype=np.float32))
    assert found.k == 1
    assert (found.labels == 0).all()


def test_candidate_ks_are_bounded_by_size() -> None:
    assert candidate_ks(20) == [4]
    assert candidate_ks(9) == [1]
    assert max(candidate_ks(100)) == 16
    assert max(candidate_ks(100_000)) == 16
    assert min(candidate_ks(100_000)) == 6
    assert candidate_ks(40) == [6, 8]
