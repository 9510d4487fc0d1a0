from __future__ import annotations

import numpy as np

from nlu.theming.batching import ThreadTuner, distinct, length_batches


def test_distinct_keeps_each_text_once_and_maps_every_input_back() -> None:
    texts = ["ok", "buses are late", "ok", "OK", "buses are late"]
    unique, inverse = distinct(texts)
    assert unique == ["ok", "buses are late", "OK"]
    assert [unique[i] for i in inverse] == texts


def test_batches_cover_every_row_exactly_once() -> None:
    lengths = list(np.random.default_rng(0).integers(2, 130, size=500))
    batches = length_batches(lengths, max_tokens=1000, max_size=64)
    rows = np.concatenate(batches)
    assert sorted(rows.tolist()) == list(range(500))


def test_batches_group_similar_lengths_shortest_first() -> None:
    lengths = [50, 3, 48, 4, 3, 51]
    batches = length_batches(lengths, max_tokens=110, max_size=2)
    assert [sorted(lengths[i] for i in b) for b in batches] == [[3, 3], [4, 48], [50, 51]]


def test_a_batch_stays_within_the_token_budget_and_size_cap() -> None:
    lengths = [10] * 30 + [100] * 5
    batches = length_batches(lengths, max_tokens=200, max_size=16)
    for batch in batches:
        assert len(batch) <= 16
        assert len(batch) * max(lengths[i] for i in batch) <= 200
    assert [len(b) for b in batches] == [16, 14, 2, 2, 1]


def test_a_text_longer_than_the_budget_still_gets_its_own_batch() -> None:
    batches = length_batches([5, 500], max_tokens=100, max_size=8)
    assert [b.tolist() for b in batches] == [[0], [1]]


def test_no_texts_means_no_batches() -> None:
    assert length_batches([], max_tokens=100, max_size=8) == []


def test_the_tuner_probes_each_thread_count_then_keeps_the_fastest() -> None:
    tuner = ThreadTuner([2, 1], probe_batches=2, reprobe_s=100.0)
    seconds_per_1000_tokens = {2: 3.0, 1: 1.0}  # a busy machine: 1 thread is faster
    used = []
    for _ in range(6):
        threads = tuner.next_threads()
        used.append(threads)
        tuner.record(threads, 1000, seconds_per_1000_tokens[threads])
    assert used == [2, 2, 1, 1, 1, 1]


def test_the_tuner_probes_again_after_a_while_and_follows_the_load() -> None:
    tuner = ThreadTuner([2, 1], probe_batches=1, reprobe_s=10.0)
    tuner.record(2, 1000, 3.0)  # busy machine: 1 thread wins
    tuner.record(1, 1000, 1.0)
    assert tuner.best == 1
    tuner.record(1, 1000, 6.0)  # 10 s since the probe began: probe again
    assert tuner.next_threads() == 2
    tuner.record(2, 1000, 1.0)  # idle again: all cores win
    tuner.record(1, 1000, 2.0)
    assert tuner.next_threads() == 2


def test_a_single_choice_is_always_used() -> None:
    tuner = ThreadTuner([1])
    tuner.record(1, 1000, 1.0)
    assert tuner.next_threads() == 1
