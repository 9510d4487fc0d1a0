"""The learned reader: its word-by-word scoring must equal the model it was trained as, and the
weights it caches on disk must read exactly like freshly trained ones."""

import json
import math

import numpy as np
import pytest

from nlu.screen.features import features, words_of
from nlu.screen.model import RiskModel, training_files
from nlu.screen.training import digest, load, matrix, save, train, trained


@pytest.fixture(scope="module")
def rows():
    lines = training_files()[0].read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()][:200]


@pytest.fixture(scope="module")
def weights(rows):
    return train(rows)


MESSAGES = [
    "i want to kill myself tonight",
    "the youth club is good but the buses are rubbish",
    "s u i c i d e",
    "my mate owes me a fiver",
    "",
]


@pytest.mark.parametrize("text", MESSAGES)
def test_word_by_word_scores_equal_the_trained_linear_model(weights, text):
    vocab = {f: i for i, f in enumerate(weights.vocab)}
    x = matrix([features(words_of(text))], vocab)
    expected = x @ weights.weights + np.array(weights.bias)
    risk, urgent = RiskModel(weights)._scores(words_of(text))
    assert math.isclose(risk, float(expected[0, 0]), abs_tol=1e-9)
    assert math.isclose(urgent, float(expected[0, 1]), abs_tol=1e-9)


def test_a_message_read_twice_reads_the_same_from_the_memo(weights):
    model = RiskModel(weights)
    assert model.read("i want to die") == model.read("i want to die")


def test_cached_weights_read_exactly_like_freshly_trained_ones(weights, tmp_path):
    path = tmp_path / "w.npz"
    save(weights, path)
    fresh, cached = RiskModel(weights), RiskModel(load(path))
    assert cached.version == fresh.version
    for text in MESSAGES:
        assert cached.read(text) == fresh.read(text)
        assert cached.category(words_of(text)) == fresh.category(words_of(text))


def test_trained_saves_once_and_then_loads_from_the_cache(rows, tmp_path):
    first = trained(rows, tmp_path)
    [cached] = tmp_path.glob("screen-model-*.npz")
    assert cached.name == f"screen-model-{digest(rows)[:16]}.npz"
    assert trained(rows, tmp_path).version == first.version


def test_different_training_data_never_loads_a_stale_cache(rows):
    changed = [dict(rows[0], level="urgent" if rows[0]["level"] != "urgent" else "none")]
    assert digest(rows) != digest(changed + rows[1:])


def test_a_cache_that_cannot_be_written_still_gives_a_model(rows, tmp_path):
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("a file where the cache directory should be")
    assert trained(rows, blocked).vocab


def test_a_damaged_cache_file_is_trained_again_and_replaced(rows, tmp_path):
    first = trained(rows, tmp_path)
    [cached] = tmp_path.glob("screen-model-*.npz")
    cached.write_bytes(cached.read_bytes()[:200])  # a crash or a full disk mid-write
    again = trained(rows, tmp_path)
    assert again.version == first.version
    assert load(cached).vocab == first.vocab
