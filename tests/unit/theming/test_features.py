from __future__ import annotations

import nltk
import pytest

from nlu.features import noun_phrases, sentiment, tokenize


@pytest.fixture
def no_nltk_data(monkeypatch, tmp_path):
    """Fail loudly if anything reaches for NLTK corpora or tries to download them."""

    def refuse(*args, **kwargs):
        raise AssertionError("tried to download NLTK data")

    monkeypatch.setattr(nltk, "download", refuse)
    monkeypatch.setattr(nltk.data, "path", [str(tmp_path)])


def test_sentiment_works_offline_and_reads_plain_feelings(no_nltk_data) -> None:
    assert sentiment("the youth club is great and the staff are lovely") > 0.3
    assert sentiment("the park is horrible and scary at night") < -0.3
    assert sentiment("") == 0.0


def test_sentiment_misreads_slang_which_is_why_it_is_only_a_weak_signal(no_nltk_data) -> None:
    # "sick" means great here; PatternAnalyzer reads it as negative. Documented, not fixed.
    assert sentiment("that new skate park is sick") < 0


def test_noun_phrases_come_from_the_pattern_tagger_without_corpora(no_nltk_data) -> None:
    phrases = noun_phrases("My mental health is bad since the youth club closed near the park.")
    assert "mental health" in phrases
    assert "youth club" in phrases
    assert "park" in phrases


def test_noun_phrases_skip_stopwords_and_sentence_initial_proper_nouns(no_nltk_data) -> None:
    phrases = noun_phrases("Absolutely nothing to do round here.")
    assert "absolutely" not in " ".join(phrases)
    assert "nothing" not in phrases


def test_tokenize_handles_curly_apostrophes_without_punkt() -> None:
    assert tokenize("I don’t feel SAFE") == ["i", "don't", "feel", "safe"]
